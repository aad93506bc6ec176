import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { meQuery } from '../../api/queries';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { Forbidden } from '../../components/Forbidden';
import { PanelError } from '../../components/PanelError';
import { useLocale } from '../../i18n/locale';
import { canOpen, reportingScreens, type ReportingScreen } from './access';
import { AuditPage } from './AuditPage';
import { ImportPage } from './ImportPage';
import { MetricsPage } from './MetricsPage';
import { MonthlyPage } from './MonthlyPage';
import { EditPagePage, NewPagePage } from './PageFormPage';
import { ReportingUserProvider, useReportingMessages, useReportingUser } from './ui';
import { SuccessorsPage } from './SuccessorsPage';
import { UnitsPage } from './UnitsPage';
import { VerifyPage } from './VerifyPage';
import './reporting.css';

const SCREEN_PATHS: Record<ReportingScreen, string> = {
  units: '/report',
  import: '/report/import',
  metrics: '/report/metrics',
  monthly: '/report/monthly',
  successors: '/report/successors',
  verify: '/report/verify',
  audit: '/report/audit',
};

function ReportingNav() {
  const m = useReportingMessages();
  const user = useReportingUser();
  return (
    <nav aria-label={m.subnavLabel} className="report-nav">
      {reportingScreens(user.role).map((screen) => (
        <NavLink key={screen} to={SCREEN_PATHS[screen]} end={screen === 'units'}>
          {m[`nav_${screen}`]}
        </NavLink>
      ))}
    </nav>
  );
}

/** A screen only some roles open: the others learn which role it needs. */
function OnlyFor({ screen, title, children }: { screen: ReportingScreen; title: string; children: ReactNode }) {
  const m = useReportingMessages();
  const user = useReportingUser();
  if (canOpen(user.role, screen)) return children;
  return (
    <>
      <h1>{title}</h1>
      <Forbidden needs={m.needsCentral} />
    </>
  );
}

/** One boundary per screen, so a rendering failure shows an error panel rather than a blank page. */
function Screen({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={(error, reset) => <PanelError error={error} retry={reset} />}>{children}</ErrorBoundary>;
}

/**
 * `/report/*`: the reporting screens of province officers, central staff and admins. A signed-out
 * visitor goes to sign-in and comes back; a viewer learns which account reporting needs.
 * div.reporting scopes reporting.css, which stays loaded after leaving the route.
 */
export function ReportingRoutes() {
  return (
    <div className="reporting">
      <ReportingGate />
    </div>
  );
}

function ReportingGate() {
  const { t } = useLocale();
  const m = useReportingMessages();
  const { pathname, search } = useLocation();
  const me = useQuery(meQuery());

  if (me.isPending) return <p aria-live="polite">{t.loading}</p>;
  if (me.isError) return <PanelError error={me.error} retry={() => void me.refetch()} />;
  const user = me.data.user;
  // /auth/me answers user: null (not a 401) when signed out, so the redirect is ours to do.
  if (!user) return <Navigate to={`/sign-in?next=${encodeURIComponent(pathname + search)}`} replace />;
  if (user.role === 'viewer') {
    return (
      <>
        <h1>{m.reportingTitle}</h1>
        <Forbidden needs={m.needsReporter} />
      </>
    );
  }
  return (
    <ReportingUserProvider value={user}>
      <ReportingNav />
      <Routes>
        <Route index element={<Screen><UnitsPage /></Screen>} />
        <Route path="pages/new" element={<Screen><NewPagePage /></Screen>} />
        <Route path="pages/:id/edit" element={<Screen><EditPagePage /></Screen>} />
        <Route path="metrics" element={<Screen><MetricsPage /></Screen>} />
        <Route path="import" element={<Screen><ImportPage /></Screen>} />
        <Route path="monthly" element={<Screen><MonthlyPage /></Screen>} />
        <Route path="successors" element={<Screen><SuccessorsPage /></Screen>} />
        <Route
          path="verify"
          element={
            <OnlyFor screen="verify" title={m.verifyTitle}>
              <Screen><VerifyPage /></Screen>
            </OnlyFor>
          }
        />
        <Route
          path="audit"
          element={
            <OnlyFor screen="audit" title={m.auditTitle}>
              <Screen><AuditPage /></Screen>
            </OnlyFor>
          }
        />
        <Route path="*" element={<Navigate to="/report" replace />} />
      </Routes>
    </ReportingUserProvider>
  );
}
