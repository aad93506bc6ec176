import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { clearChangeLog } from './db/figure-changes';
import type { Config } from './config';
import { startConnectors } from './connectors';
import { scheduleBackups, type BackupSchedule } from './db/backup';
import { openDatabase, type Db } from './db/connection';
import { getMeta, setMeta } from './db/meta';
import { getAccountSummary, maybeCreateDemoAccounts, type AccountSummary } from './demo/demo-accounts';
import { maybeSeedDemoData } from './demo/generate-demo';
import { createLogger, type Logger } from './http/request-log';
import { plansStored } from './imports/plan-store';
import { fillSearchText } from './pages/page-queries';
import { maybeLoadRegistries } from './units/load-registries';
import { deriveReformAssignments, type ReformAssignmentCounts } from './writes/reform-assignments';

export interface Prepared {
  db: Db;
  registryLoaded: boolean;
  demoSeeded: boolean;
  /** Pages carried across the 2025 reform at this start (see writes/reform-assignments.ts); null: done at an earlier start. */
  reform: ReformAssignmentCounts | null;
}

/** Set once every page of the database has been brought up to the reform rule. */
const CARRIED_KEY = 'reform_assignments_carried';

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
    setMeta(db, CARRIED_KEY, at);
    return counts;
  }).immediate();
}

/**
 * The start-up pass over every page, once per database: after it, every write that can give a
 * page a unit (create, assign, a status event, an import) derives that page's assignments itself
 * (writes/reform-assignments.ts), so later start-ups have nothing to add and skip the pass.
 * Null when it was done before.
 */
export function carryPagesOnce(db: Db): ReformAssignmentCounts | null {
  return getMeta(db, CARRIED_KEY) === null ? carryPagesAcrossReform(db) : null;
}

/** Opens and migrates the database, loads the registries and seeds demo data when asked. */
export function prepareDatabase(config: Pick<Config, 'databasePath' | 'seedDemo' | 'demoSize'>): Prepared {
  const db = openDatabase(config.databasePath);
  try {
    const registry = maybeLoadRegistries(db);
    const demo = config.seedDemo ? maybeSeedDemoData(db, config.demoSize) : null;
    const reform = carryPagesOnce(db);
    // Pages written without their search text (a seed, an import, a rename) get it now, not at
    // the first search; cheap when none lacks it.
    fillSearchText(db);
    // No figure reader is running yet: the changes logged so far are in the pages they will load.
    clearChangeLog(db);
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

/** How long a shutdown waits for requests under way before closing their connections. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

export interface Shutdown {
  /** Connections still open when the wait ran out, closed without their answer. */
  forcedConnections: number;
  /** PRAGMA wal_checkpoint(TRUNCATE): busy 0 and log 0 when the WAL was emptied. */
  checkpoint: { busy: number; log: number; checkpointed: number } | null;
}

export interface Running extends Prepared {
  accounts: AccountSummary & { demoAccountsCreated: number };
  url: string;
  server: ServerType;
  logger: Logger;
  /** Scheduled backups (BACKUP_INTERVAL_HOURS > 0), else null. */
  backups: BackupSchedule | null;
  /**
   * Stops gracefully: no new connections, requests under way finish (closed after timeoutMs),
   * scheduled backups stop, the WAL is checkpointed into the database file, the database closed.
   */
  close(timeoutMs?: number): Promise<Shutdown>;
}

/** The shutdown of Running.close. */
async function shutdown(server: HttpServer, sockets: ReadonlySet<Socket>, db: Db, backups: BackupSchedule | null, timeoutMs: number): Promise<Shutdown> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  // Keep-alive connections between requests would hold close() open: end them as they go idle.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  let forcedConnections = 0;
  const deadline = setTimeout(() => {
    forcedConnections = sockets.size;
    server.closeAllConnections();
  }, timeoutMs);
  try {
    await Promise.all([closed, backups?.stop()]);
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  // Dry runs answered just before the stop store their plans after the answer: keep them.
  await plansStored();
  let checkpoint: Shutdown['checkpoint'] = null;
  try {
    if (!db.memory) checkpoint = (db.pragma('wal_checkpoint(TRUNCATE)') as Array<NonNullable<Shutdown['checkpoint']>>)[0] ?? null;
  } finally {
    db.close();
  }
  return { forcedConnections, checkpoint };
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
  const logger = createLogger(config.logLevel);
  const app = createApp({
    db: prepared.db,
    webDist: config.webDist,
    publicRead: config.publicRead,
    signIn: { trustProxy: config.trustProxy },
    // Figures are recomputed after writes in a worker thread, off the event loop (engine/).
    services: { defaultScheme: config.defaultScheme, figureWorker: true },
    webConfig: { mapTileUrl: config.mapTileUrl, mapTileAttribution: config.mapTileAttribution },
    logger,
  });
  // Connector credentials, the monthly collection (COLLECT_DAY) and runs cut off by a stop.
  startConnectors(prepared.db, config);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
      const backups =
        config.backupIntervalHours > 0 && config.databasePath !== ':memory:'
          ? scheduleBackups({
              db: prepared.db,
              databasePath: config.databasePath,
              dir: config.backupDir,
              intervalMs: Math.round(config.backupIntervalHours * 3_600_000),
              keep: config.backupKeep,
              logger,
            })
          : null;
      let closing: Promise<Shutdown> | null = null;
      const sockets = new Set<Socket>();
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      resolve({
        ...prepared,
        accounts,
        server,
        logger,
        backups,
        url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/`,
        close: (timeoutMs = SHUTDOWN_TIMEOUT_MS) => (closing ??= shutdown(server as HttpServer, sockets, prepared.db, backups, timeoutMs)),
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
