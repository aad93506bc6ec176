import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import type { Config } from './config';
import { startConnectors } from './connectors';
import { openDatabase, type Db } from './db/connection';
import { getAccountSummary, maybeCreateDemoAccounts, type AccountSummary } from './demo/demo-accounts';
import { maybeSeedDemoData } from './demo/generate-demo';
import { maybeLoadRegistries } from './units/load-registries';
import { deriveReformAssignments, type ReformAssignmentCounts } from './writes/reform-assignments';

export interface Prepared {
  db: Db;
  registryLoaded: boolean;
  demoSeeded: boolean;
  /** Pages carried across the 2025 reform at this start (see writes/reform-assignments.ts). */
  reform: ReformAssignmentCounts;
}

/**
 * Brings every page up to the reform rule: the assignments the crosswalk gives are added (and
 * audited as user "crosswalk"); pages of split communes are counted as waiting for a choice.
 * Running it again adds nothing.
 */
export function carryPagesAcrossReform(db: Db): ReformAssignmentCounts {
  return db.transaction(() => {
    const { audit, counts } = deriveReformAssignments(db, null);
    const insert = db.prepare('INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, ?, ?, ?, ?, NULL, ?)');
    const at = new Date().toISOString();
    for (const entry of audit) insert.run(at, 'crosswalk', entry.action, entry.entity, String(entry.entityId), JSON.stringify(entry.after));
    return counts;
  }).immediate();
}

/** Opens and migrates the database, loads the registries and seeds demo data when asked. */
export function prepareDatabase(config: Pick<Config, 'databasePath' | 'seedDemo'>): Prepared {
  const db = openDatabase(config.databasePath);
  try {
    const registry = maybeLoadRegistries(db);
    const demo = config.seedDemo ? maybeSeedDemoData(db) : null;
    const reform = carryPagesAcrossReform(db);
    // Refresh the query planner's statistics after bulk loads; cheap when nothing changed.
    db.pragma('optimize');
    return { db, registryLoaded: registry.loaded, demoSeeded: demo !== null, reform };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates the demo accounts when the database holds demo data and no users (DEMO=1 only), then
 * tells who can sign in.
 */
export async function prepareAccounts(db: Db, config: Pick<Config, 'seedDemo' | 'demoPassword'>): Promise<AccountSummary & { demoAccountsCreated: number }> {
  const demoAccountsCreated = config.seedDemo ? await maybeCreateDemoAccounts(db, config.demoPassword) : 0;
  // Statistics again, now with the accounts: otherwise the next start-up would write them, and
  // starting again on the same database would change it.
  if (demoAccountsCreated > 0) db.pragma('optimize');
  return { ...(await getAccountSummary(db, config.demoPassword)), demoAccountsCreated };
}

export interface Running extends Prepared {
  accounts: AccountSummary & { demoAccountsCreated: number };
  url: string;
  server: ServerType;
  close(): Promise<void>;
}

/** Prepares the database and starts one HTTP server for the API and the web app. */
export async function startServer(config: Config): Promise<Running> {
  const prepared = prepareDatabase(config);
  let accounts: Running['accounts'];
  try {
    accounts = await prepareAccounts(prepared.db, config);
  } catch (error) {
    prepared.db.close();
    throw error;
  }
  const app = createApp({
    db: prepared.db,
    webDist: config.webDist,
    publicRead: config.publicRead,
    signIn: { trustProxy: config.trustProxy },
    services: { defaultScheme: config.defaultScheme },
    webConfig: { mapTileUrl: config.mapTileUrl, mapTileAttribution: config.mapTileAttribution },
  });
  // Connector credentials, the monthly collection (COLLECT_DAY) and runs cut off by a stop.
  startConnectors(prepared.db, config);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
      resolve({
        ...prepared,
        accounts,
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
