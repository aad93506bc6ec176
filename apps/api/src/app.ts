import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { accountRoutes } from './accounts/routes';
import { auditRoutes } from './audit/routes';
import { ownAccountRoutes } from './auth/own-account-routes';
import { authRoutes } from './auth/routes';
import { sessionMiddleware } from './auth/session-middleware';
import { configureSignIn, type SignInOptions } from './auth/throttle';
import { importRoutes } from './imports/routes';
import { reportingRoutes } from './reporting/routes';
import { writeRoutes } from './writes/routes';
import { connectorRoutes } from './connectors/routes';
import { coverageRoutes } from './coverage/routes';
import { timelineRoutes } from './coverage/timeline-routes';
import type { Db } from './db/connection';
import { docsPage } from './http/docs-page';
import { serveWebApp } from './http/web-app';
import { checkStorage, handleError, handleNotFound } from './http/errors';
import { requestLog, type Logger } from './http/request-log';
import { responseCache } from './http/response-cache';
import { createRouter } from './http/router';
import { createServices, type ServicesOptions } from './http/services';
import { NO_WEB_CONFIG, webAppCspHeader, webConfigHandler, type WebConfig } from './http/web-config';
import { metricRoutes } from './metrics/routes';
import { pageRoutes } from './pages/routes';
import { rankingRoutes } from './rankings/routes';
import { snapshotRoutes } from './snapshots/routes';
import { workQueueRoutes } from './reporting/work-queues';
import { getUnitCounts } from './units/queries';
import { unitRoutes } from './units/routes';
import { limitBodies, MAX_BODY_BYTES } from './writes/write-http';

const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Community-page rollout dashboard API',
    version: '1.0.0',
    description: 'Read API of the MTTQ community-page rollout dashboard. Every figure carries its scheme and asOf date.',
  },
  servers: [{ url: '/api/v1' }],
};

export interface AppOptions {
  db: Db;
  /** Configuration and clock for the read API; defaults suit production. */
  services?: ServicesOptions;
  /** PUBLIC_READ=1: dashboards without sign-in; writes always need a session. */
  publicRead?: boolean;
  /** Directory of the built web app; when absent only the API is served. */
  webDist?: string;
  /** What GET /api/web-config tells the web app (the optional map tile layer); default: no tiles. */
  webConfig?: WebConfig;
  /** How sign-in is guarded: TRUST_PROXY=1 (client address from x-forwarded-for), and limits for tests. */
  signIn?: SignInOptions;
  /** Where each request's JSON log line and server errors go (http/request-log.ts); default: nowhere, so tests stay quiet. */
  logger?: Logger;
}

/** The import upload has its own, larger limit (imports/routes.ts); every other route takes MAX_BODY_BYTES. */
const hasOwnBodyLimit = (path: string) => path === '/api/v1/imports/dry-run';

/** Builds the Hono app: the API under /api, the web app everywhere else. */
export function createApp({ db, webDist, services: options, publicRead = false, webConfig = NO_WEB_CONFIG, signIn, logger }: AppOptions) {
  const services = createServices(db, options);
  configureSignIn(services, signIn);
  const app = new Hono();
  app.onError(handleError);
  app.use('*', requestLog(logger));
  app.use('*', secureHeaders());

  // The registry changes only at start-up, so the counts are read once.
  const unitCounts = getUnitCounts(db);
  // 503 "degraded" when the server cannot store data (http/errors.ts checkStorage).
  app.get('/api/health', (c) => {
    const storage = checkStorage(db);
    // 'loading' while the figure worker reads the page histories after start-up
    const figures = services.figures.isWarm ? 'ready' : 'loading';
    if (storage.writable) return c.json({ status: 'ok', schemes: unitCounts, figures });
    return c.json({ status: 'degraded', schemes: unitCounts, figures, storage }, 503, { 'Retry-After': '60' });
  });
  app.get('/api/web-config', webConfigHandler(webConfig, { publicRead }));

  const v1 = createRouter();
  v1.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  // Every body is cut off at 64 KB when read (413 naming the limit); routes that check the role
  // first answer 403 without reading it.
  v1.use('*', limitBodies(MAX_BODY_BYTES, { skip: (c) => hasOwnBodyLimit(c.req.path) }));
  v1.use('*', sessionMiddleware({ publicRead }));
  v1.use('*', responseCache());
  const routers = [authRoutes, unitRoutes, coverageRoutes, timelineRoutes, rankingRoutes, pageRoutes, metricRoutes, writeRoutes, reportingRoutes, importRoutes, auditRoutes, snapshotRoutes, workQueueRoutes];
  for (const routes of routers) v1.route('/', routes);
  v1.route('/', connectorRoutes);
  v1.route('/', ownAccountRoutes);
  v1.route('/', accountRoutes);
  app.route('/api/v1', v1);
  const openApi = () => v1.getOpenAPI31Document(OPENAPI_DOCUMENT);
  app.get('/api/openapi.json', (c) => c.json(openApi()));
  app.get('/api/docs', (c) => c.html(docsPage(openApi())));
  app.all('/api/*', handleNotFound);

  if (webDist && existsSync(webDist)) {
    app.use('/*', webAppCspHeader(webConfig));
    serveWebApp(app, webDist);
  }
  app.notFound(handleNotFound);
  return app;
}
