import { useQuery } from '@tanstack/react-query';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { meQuery } from '../../api/queries';
import { useLocale } from '../../i18n/locale';
import { AccountsPage } from './AccountsPage';
import { MyAccountPage } from './MyAccountPage';
import { useAccountMessages } from './ui';
import './accounts.css';

/** /accounts: managing accounts (admins, central staff, province officers); /accounts/me: my password and sessions (everyone). */
export function AccountRoutes() {
  const m = useAccountMessages();
  const { t } = useLocale();
  const me = useQuery(meQuery());
  const user = me.data?.user;
  if (me.isPending) return <p>{t.loading}</p>;
  if (!user) return <Navigate to="/sign-in?next=/accounts" replace />;
  const manages = user.role !== 'viewer';
  return (
    <>
      <nav aria-label={m.subnavLabel} className="subnav">
        {manages && (
          <NavLink to="/accounts" end>
            {m.nav_manage}
          </NavLink>
        )}
        <NavLink to="/accounts/me">{m.nav_mine}</NavLink>
      </nav>
      <Routes>
        <Route index element={manages ? <AccountsPage user={user} /> : <Navigate to="/accounts/me" replace />} />
        <Route path="me" element={<MyAccountPage />} />
        <Route path="*" element={<Navigate to="/accounts" replace />} />
      </Routes>
    </>
  );
}
