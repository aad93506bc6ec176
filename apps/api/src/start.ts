import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import type { Config } from './config';
import { openDatabase, type Db } from './db/connection';
import { maybeSeedDemoData } from './demo/generate-demo';
import { maybeLoadRegistries } from './units/load-registries';

export interface Prepared {
  db: Db;
  registryLoaded: boolean;
  demoSeeded: boolean;
}

/** Opens and migrates the database, loads the registries and seeds demo data when asked. */
export function prepareDatabase(config: Pick<Config, 'databasePath' | 'seedDemo'>): Prepared {
  const db = openDatabase(config.databasePath);
  try {
    const registry = maybeLoadRegistries(db);
    const demo = config.seedDemo ? maybeSeedDemoData(db) : null;
    // Refresh the query planner's statistics after bulk loads; cheap when nothing changed.
    db.pragma('optimize');
    return { db, registryLoaded: registry.loaded, demoSeeded: demo !== null };
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface Running extends Prepared {
  url: string;
  server: ServerType;
  close(): Promise<void>;
}

/** Prepares the database and starts one HTTP server for the API and the web app. */
export async function startServer(config: Config): Promise<Running> {
  const prepared = prepareDatabase(config);
  const app = createApp({ db: prepared.db, webDist: config.webDist, publicRead: config.publicRead, services: { defaultScheme: config.defaultScheme } });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
      resolve({
        ...prepared,
        server,
        url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              prepared.db.close();
              done();
            });
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      prepared.db.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${config.port} is already in use. Stop the other program or set PORT to a free port.`)
          : error,
      );
    });
  });
}
