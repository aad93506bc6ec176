import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, createBrowserRouter, useLocation, useNavigate } from 'react-router';
import { logOut, meQuery } from './api/queries';
import { PasswordChangeGate } from './features/auth/PasswordChangeGate';
import { SignInPage } from './features/auth/SignInPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { prefetchOverview } from './features/overview/queries';
import { useLocale, useMessages } from './i18n/locale';
import { fill } from './i18n/messages';
import { layoutMessages } from './layout-messages';
import { requireSession } from './session-guard';

function SessionStatus() {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const signOut = useMutation({
    mutationFn: logOut,
    onSettled: async () => {
      queryClient.clear();
      await navigate('/sign-in');
    },
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

/**
 * The dashboard screens share the view state (scheme, asOf), so their links carry the current search.
 * On phones the links and the session fold behind a menu button (Escape or a choice closes it).
 */
function MainNav() {
  const { t } = useLocale();
  const m = useMessages(layoutMessages);
  const { pathname, search } = useLocation();
  const me = useQuery(meQuery());
  const role = me.data?.user?.role;
  const keep = (pathname: string) => ({ pathname, search });
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  useEffect(() => setIsOpen(false), [pathname]);
  useEffect(() => {
    if (!isOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isOpen]);
  return (
    <>
      <button ref={toggleRef} type="button" className="nav-toggle" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen((open) => !open)}>
        <span aria-hidden="true">☰ </span>
        {m.menu}
      </button>
      <div id={panelId} className={isOpen ? 'menu-panel is-open' : 'menu-panel'}>
        <SessionStatus />
        <MainNavLinks role={role} keep={keep} />
      </div>
    </>
  );
}

function MainNavLinks({ role, keep }: { role: string | undefined; keep: (pathname: string) => { pathname: string; search: string } }) {
  const { t } = useLocale();
  return (
    <nav aria-label={t.navLabel} className="main-nav">
      <NavLink to={keep('/')} end>
        {t.nav_overview}
      </NavLink>
      <NavLink to={keep('/map')}>{t.nav_map}</NavLink>
      <NavLink to={keep('/pages')}>{t.nav_registry}</NavLink>
      <NavLink to={keep('/timelapse')}>{t.nav_timelapse}</NavLink>
      <NavLink to={keep('/snapshots')}>{t.nav_snapshots}</NavLink>
      <NavLink to={keep('/present')}>{t.nav_present}</NavLink>
      {role && role !== 'viewer' && <NavLink to="/report">{t.nav_reporting}</NavLink>}
      {role && <NavLink to="/accounts">{t.nav_accounts}</NavLink>}
    </nav>
  );
}

function Layout() {
  const { t, toggleLocale } = useLocale();
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="top">
        <p className="app-title">{t.appTitle}</p>
        <button type="button" className="language-switch" onClick={toggleLocale} aria-label={t.switchLanguageLabel}>
          {t.switchLanguage}
        </button>
        <MainNav />
      </header>
      <main id="main" tabIndex={-1}>
        <PasswordChangeGate>
          <Outlet />
        </PasswordChangeGate>
      </main>
    </>
  );
}

/** An unknown address: says so (instead of showing the overview) with a way home. */
function NotFoundPage() {
  const m = useMessages(layoutMessages);
  const { pathname } = useLocation();
  return (
    <section className="panel not-found">
      <h1>{m.notFoundTitle}</h1>
      <p>{fill(m.notFoundText, { path: pathname })}</p>
      <p>
        <Link to="/">{m.notFoundHome}</Link>
      </p>
    </section>
  );
}

/** Shown while the first screen's code and the session check load. */
function RouteLoading() {
  const { t } = useLocale();
  return <p className="route-loading">{t.loading}</p>;
}

/** The routes; every screen but sign-in waits for the session check (requireSession) before it asks for data. */
export const createAppRouter = (queryClient: QueryClient) => createBrowserRouter([
  // the slideshow has no application chrome
  {
    path: '/present',
    loader: requireSession(queryClient),
    hydrateFallbackElement: <RouteLoading />,
    lazy: () => import('./features/presentation/PresentationPage').then((m) => ({ Component: m.PresentationPage })),
  },
  {
    path: '/',
    element: <Layout />,
    loader: requireSession(queryClient),
    hydrateFallbackElement: <RouteLoading />,
    children: [
      { index: true, element: <OverviewPage />, loader: prefetchOverview(queryClient) },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'map', lazy: () => import('./features/map/MapPage').then((m) => ({ Component: m.MapPage })) },
      { path: 'province/:code', lazy: () => import('./features/province/ProvincePage').then((m) => ({ Component: m.ProvincePage })) },
      { path: 'pages', lazy: () => import('./features/registry/RegistryPage').then((m) => ({ Component: m.RegistryPage })) },
      { path: 'timelapse', lazy: () => import('./features/timelapse/TimelapsePage').then((m) => ({ Component: m.TimelapsePage })) },
      { path: 'snapshots/*', lazy: () => import('./features/snapshots/SnapshotsPage').then((m) => ({ Component: m.SnapshotsPage })) },
      { path: 'report/*', lazy: () => import('./features/reporting/ReportingRoutes').then((m) => ({ Component: m.ReportingRoutes })) },
      { path: 'accounts/*', lazy: () => import('./features/accounts/AccountRoutes').then((m) => ({ Component: m.AccountRoutes })) },
      { path: 'connectors', lazy: () => import('./features/connectors/ConnectorsPage').then((m) => ({ Component: m.ConnectorsPage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
