import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Db } from './db/connection';
import { handleError, handleNotFound } from './http/errors';
import { getUnitCounts } from './units/queries';

export interface AppOptions {
  db: Db;
  /** Directory of the built web app; when absent only the API is served. */
  webDist?: string;
}

/** Builds the Hono app: the API under /api, the web app everywhere else. */
export function createApp({ db, webDist }: AppOptions) {
  const app = new Hono();
  app.onError(handleError);

  app.get('/api/health', (c) => c.json({ status: 'ok', schemes: getUnitCounts(db) }));
  app.all('/api/*', handleNotFound);

  if (webDist && existsSync(webDist)) {
    // serveStatic takes a root relative to the working directory.
    const root = relative(process.cwd(), webDist) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }
  app.notFound(handleNotFound);
  return app;
}
