import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, createBrowserRouter } from 'react-router';
import { logOut, meQuery } from './api/queries';
import { OverviewPage } from './features/overview/OverviewPage';
import { useLocale } from './i18n/locale';
import { fill } from './i18n/messages';

function SessionStatus() {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const signOut = useMutation({
    mutationFn: logOut,
    onSettled: () => queryClient.invalidateQueries(),
  });
  const user = me.data?.user;
  if (!user) return null;
  return (
    <span className="session">
      {fill(t.signedInAs, { username: user.username })}{' '}
      <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {t.signOut}
      </button>
    </span>
  );
}

function Layout() {
  const { t, toggleLocale } = useLocale();
  return (
    <>
      <header className="top">
        <h1>{t.appTitle}</h1>
        <SessionStatus />
        <button type="button" onClick={toggleLocale} aria-label={t.switchLanguageLabel}>
          {t.switchLanguage}
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
