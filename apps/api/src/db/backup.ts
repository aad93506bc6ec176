import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Logger } from '../http/request-log';
import { SCHEMA_VERSION, type Db } from './connection';
import { MIGRATIONS } from './migrations';

/**
 * Backups and restores of the SQLite database.
 *
 * A backup is SQLite's online backup (better-sqlite3 db.backup) of the live database: a
 * consistent copy while the server keeps reading and writing, written to `<name>.partial`,
 * switched to a self-contained file (journal_mode DELETE, no -wal beside it), checked with
 * PRAGMA integrity_check in a worker thread, then renamed to app-2026-12-02T16-40-00Z.db.
 *
 * A restore checks the file (SQLite, integrity, schema version, tables), refuses while any
 * program has the database open (see lockExclusively), keeps the current database as
 * `<name>.before-restore-<time>` and puts the checked copy in its place.
 */

/** A mistake a person can fix (bad path, not a database, database in use): printed as one line. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** 2026-12-02T16:40:00.123Z → '2026-12-02T16-40-00Z': a time for file names (sortable, no colons). */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/** /srv/data/app.db → 'app' */
const stemOf = (databasePath: string) => basename(databasePath).replace(/\.(db|sqlite3?)$/i, '') || 'app';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names of backups of one database: app-2026-12-02T16-40-00Z.db, or …Z-2.db for a second one in the same second. */
function backupNamePattern(databasePath: string): RegExp {
  return new RegExp(`^${escapeRegExp(stemOf(databasePath))}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z)(?:-(\\d+))?\\.db$`);
}

/**
 * A new backup's path in `dir`, named after the database and the time; a name already taken
 * gets -2, -3, ….
 * backupPath('/srv/backups', '/srv/data/app.db', new Date('2026-12-02T16:40:00Z')) → '/srv/backups/app-2026-12-02T16-40-00Z.db'
 */
export function backupPath(dir: string, databasePath: string, at: Date): string {
  const base = `${stemOf(databasePath)}-${fileTimestamp(at)}`;
  for (let n = 1; ; n += 1) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}.db`);
    if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
  }
}

/** The backups of `databasePath` in `dir`, oldest first. */
export function listBackups(dir: string, databasePath: string): string[] {
  const pattern = backupNamePattern(databasePath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => a.match[1]!.localeCompare(b.match[1]!) || Number(a.match[2] ?? 1) - Number(b.match[2] ?? 1))
    .map((entry) => join(dir, entry.name));
}

/** Deletes all but the newest `keep` backups of `databasePath` in `dir`; returns the deleted paths. */
export function pruneBackups(dir: string, databasePath: string, keep: number): string[] {
  const backups = listBackups(dir, databasePath);
  const doomed = backups.slice(0, Math.max(0, backups.length - Math.max(1, keep)));
  for (const path of doomed) rmSync(path, { force: true });
  return doomed;
}

// ---------------------------------------------------------------------------------------------
// Integrity check in a worker thread: PRAGMA integrity_check reads the whole file (seconds for
// the demo database), which must not stall a running server.

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage(db.pragma('integrity_check').map((row) => String(row.integrity_check)));
} finally {
  db.close();
}
`;

/** PRAGMA integrity_check of the file at `path`, read in a worker thread: ['ok'] when sound. */
export function checkIntegrity(path: string, signal?: AbortSignal): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK_WORKER, { eval: true, workerData: { driver: DRIVER, path } });
    let answer: string[] | null = null;
    const onAbort = () => void worker.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (rows: string[]) => (answer = rows));
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    worker.once('exit', () => {
      signal?.removeEventListener('abort', onAbort);
      if (answer) resolve(answer);
      else reject(signal?.aborted ? new BackupError('The backup was stopped (the server is shutting down).') : new Error('the integrity check ended without an answer'));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Backups.

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
  ms: number;
}

export interface BackupOptions {
  /**
   * Pages copied per step. The server's own connection copies a few at a time between requests
   * (its writes update the copy as it goes); another process's connection copies everything in
   * one step, in one read transaction, so writes by the server cannot restart it.
   */
  pagesPerStep?: number;
  /** Stops the backup (the server is shutting down); the partial file is removed. */
  signal?: AbortSignal;
}

/** All pages in one step (better-sqlite3 caps a step at 2^31-1 pages). */
export const ALL_PAGES = 0x7fff_ffff;

/**
 * Copies the database of connection `db` to `dest` (which must not exist) with SQLite's online
 * backup, makes the copy a self-contained rollback-journal file, checks it with
 * PRAGMA integrity_check and only then gives it its name.
 */
export async function backupDatabase(db: Db, dest: string, options: BackupOptions = {}): Promise<BackupResult> {
  const startedAt = performance.now();
  const { pagesPerStep = 1000, signal } = options;
  if (existsSync(dest)) throw new BackupError(`${dest} already exists; a backup never overwrites a file.`);
  try {
    mkdirSync(dirname(dest), { recursive: true });
  } catch (error) {
    throw new BackupError(`Cannot create the backup directory ${dirname(dest)}: ${(error as Error).message}`);
  }
  const partial = `${dest}.partial`;
  const removePartial = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  };
  removePartial();
  try {
    const progress = await db.backup(partial, {
      progress: () => {
        if (signal?.aborted) throw new BackupError('The backup was stopped (the server is shutting down).');
        return pagesPerStep;
      },
    });
    // The copy carries the live database's WAL flag: make it one file that can be copied alone.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const integrity = await checkIntegrity(partial, signal);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new BackupError(`The copy failed SQLite's integrity check (${integrity.slice(0, 3).join('; ')}); it was deleted. Check the live database with PRAGMA integrity_check.`);
    }
    renameSync(partial, dest);
    return { path: dest, bytes: statSync(dest).size, pages: progress.totalPages, ms: Math.round(performance.now() - startedAt) };
  } catch (error) {
    removePartial();
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup to ${dest} failed: ${(error as Error).message}`);
  }
}

/**
 * `npm run backup`: a backup of the database file at `databasePath` through a connection of its
 * own, while a server may be using it. Nothing is migrated or written in the live database.
 */
export async function backupDatabaseFile(databasePath: string, dest: string): Promise<BackupResult> {
  if (!existsSync(databasePath)) throw new BackupError(`No database at ${databasePath}: check DATABASE_PATH.`);
  let db: Db;
  try {
    db = new Database(databasePath, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    throw new BackupError(`Cannot read the database at ${databasePath}: ${(error as Error).message}. Check DATABASE_PATH.`);
  }
  try {
    return await backupDatabase(db, dest, { pagesPerStep: ALL_PAGES });
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Scheduled backups inside the server.

export interface BackupScheduleOptions {
  db: Db;
  databasePath: string;
  dir: string;
  intervalMs: number;
  /** After each backup, the newest `keep` backups of the database in `dir` stay; older ones are deleted. */
  keep: number;
  logger: Pick<Logger, 'info' | 'error'>;
  now?: () => Date;
}

export interface BackupSchedule {
  /** Takes a backup now (unless one is running), as the timer does; never rejects. */
  runNow(): Promise<BackupResult | null>;
  /** Stops the timer and any backup under way (its partial file is removed). */
  stop(): Promise<void>;
}

/**
 * Backs the server's database up every `intervalMs` (BACKUP_INTERVAL_HOURS) and keeps the newest
 * `keep` (BACKUP_KEEP). A failed backup is logged at level error; it never stops the server.
 */
export function scheduleBackups(options: BackupScheduleOptions): BackupSchedule {
  const { db, databasePath, dir, keep, logger, now = () => new Date() } = options;
  const controller = new AbortController();
  let running: Promise<BackupResult | null> | null = null;

  const run = (): Promise<BackupResult | null> => {
    if (running) return running;
    if (controller.signal.aborted) return Promise.resolve(null);
    running = (async () => {
      try {
        const result = await backupDatabase(db, backupPath(dir, databasePath, now()), { signal: controller.signal });
        const deleted = pruneBackups(dir, databasePath, keep);
        logger.info('backup', { file: result.path, bytes: result.bytes, durationMs: result.ms, deleted: deleted.map((path) => basename(path)) });
        return result;
      } catch (error) {
        if (!controller.signal.aborted) logger.error('scheduled backup failed', { dir, error: error instanceof Error ? error.message : String(error) });
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return {
    runNow: run,
    stop: async () => {
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Restore.

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The tables a database of schema `version` has: the migrations up to it, applied to an empty database. */
export function expectedTables(version: number): string[] {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = OFF');
    for (const migration of MIGRATIONS) if (migration.version <= version) db.exec(migration.sql);
    return tableNames(db).concat('schema_migrations').sort();
  } finally {
    db.close();
  }
}

const tableNames = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);

export interface BackupInspection {
  /** The file's schema_migrations version. */
  version: number;
  tables: number;
  pages: number | null;
  users: number | null;
}

/**
 * Checks that the SQLite file at `path` can be restored: it is SQLite, passes integrity_check,
 * is a database of this program (schema_migrations) no newer than SCHEMA_VERSION, and has every
 * table of its version. Throws BackupError naming the problem. Opens the file, so give it a copy.
 */
export function inspectBackup(path: string, shownAs = path): BackupInspection {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
  } catch (error) {
    throw new BackupError(`Cannot open ${shownAs}: ${(error as Error).message}.`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => String(row.integrity_check));
    } catch (error) {
      throw new BackupError(`${shownAs} is damaged: ${(error as Error).message}. Pick another backup.`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new BackupError(`${shownAs} fails SQLite's integrity check (${integrity.slice(0, 2).join('; ')}${integrity.length > 2 ? '; …' : ''}). Pick another backup.`);
    }
    const tables = tableNames(db);
    if (!tables.includes('schema_migrations')) throw new BackupError(`${shownAs} is a SQLite database but not one of this dashboard (it has no schema_migrations table).`);
    const version = (db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new BackupError(`${shownAs} has schema version ${version}, newer than this program's ${SCHEMA_VERSION}: restore it with a newer version of the program, or pick an older backup.`);
    }
    if (version < 1) throw new BackupError(`${shownAs} has no schema version (schema_migrations is empty): it is not a database of this dashboard.`);
    const missing = expectedTables(version).filter((name) => !tables.includes(name));
    if (missing.length > 0) throw new BackupError(`${shownAs} lacks tables a version ${version} database has: ${missing.join(', ')}. It is not a database of this dashboard.`);
    const count = (table: string) => (tables.includes(table) ? (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : null);
    return { version, tables: tables.length, pages: count('pages'), users: count('users') };
  } finally {
    db.close();
  }
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');

const inUse = (target: string) =>
  new BackupError(
    `The database at ${target} is in use (a server, npm run users or another program has it open). Stop the server first (e.g. systemctl stop mttq-dashboard), then run the restore again.`,
  );

/**
 * Takes the database at `target` for ourselves, or throws "in use". Leaving WAL mode needs the
 * only connection to the file (any server holds one, idle or not), so journal_mode = DELETE
 * fails with SQLITE_BUSY while another program has the database open; it also checkpoints the
 * WAL into the file. Then locking_mode = EXCLUSIVE and an exclusive transaction keep every
 * other connection out until we close: a server starting meanwhile fails to open it instead of
 * using the file being replaced. Returns null when the file is not readable as SQLite (nothing
 * can be using it).
 */
function lockExclusively(target: string): Db | null {
  let db: Db;
  try {
    db = new Database(target, { fileMustExist: true });
  } catch {
    return null;
  }
  try {
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw inUse(target);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    // A server that opened the file between the two steps would have put it back in WAL mode.
    if (db.pragma('journal_mode', { simple: true }) !== 'delete') throw inUse(target);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof BackupError) throw error;
    if (isBusy(error)) throw inUse(target);
    return null;
  }
}

export interface RestoreResult {
  source: string;
  target: string;
  /** Where the database that was replaced now is; null when there was none. */
  keptAs: string | null;
  inspection: BackupInspection;
  /** true when the replaced file was not readable as SQLite (so it could not be locked). */
  replacedUnreadable: boolean;
}

/**
 * `npm run restore -- FILE`: checks FILE (via a copy beside the target, so the checked bytes are
 * the ones put in place), refuses while the database at `target` is in use, keeps the current
 * database as `<target>.before-restore-<time>` (with its -wal or -journal, if any) and puts the
 * copy in its place. Migrations apply at the next start.
 */
export function restoreDatabase(source: string, target: string, now = new Date()): RestoreResult {
  let stats;
  try {
    stats = statSync(source);
  } catch {
    throw new BackupError(`No file at ${source}.`);
  }
  if (!stats.isFile()) throw new BackupError(`${source} is not a file.`);
  if (!readHeader(source).equals(SQLITE_HEADER)) throw new BackupError(`${source} is not a SQLite database (it does not start with "SQLite format 3").`);
  const sourceWal = `${source}-wal`;
  if (existsSync(sourceWal) && statSync(sourceWal).size > 0) {
    throw new BackupError(`${source} has a write-ahead log beside it (${basename(sourceWal)}): a program is using it or it was not closed cleanly. Restore a file made by npm run backup.`);
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw new BackupError(`Cannot create the directory of ${target}: ${(error as Error).message}`);
  }
  const stamp = fileTimestamp(now);
  const staging = `${target}.restoring-${stamp}`;
  const removeStaging = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
  };
  let lock: Db | null = null;
  let movedAside: string | null = null;
  try {
    copyFileSync(source, staging);
    const inspection = inspectBackup(staging, source);
    const copy = new Database(staging, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    let keptAs: string | null = null;
    let replacedUnreadable = false;
    if (existsSync(target)) {
      lock = lockExclusively(target);
      replacedUnreadable = lock === null;
      keptAs = `${target}.before-restore-${stamp}`;
      if (existsSync(keptAs)) throw new BackupError(`${keptAs} already exists; wait a second and run the restore again.`);
      renameSync(target, keptAs);
      movedAside = keptAs;
    }
    // Files of the replaced database must not be applied to the restored one: -wal and -journal
    // go with it (they may hold its last writes), -shm is only an index.
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(`${target}${suffix}`)) {
        if (keptAs) renameSync(`${target}${suffix}`, `${keptAs}${suffix}`);
        else rmSync(`${target}${suffix}`, { force: true });
      }
    }
    rmSync(`${target}-shm`, { force: true });
    renameSync(staging, target);
    return { source, target, keptAs, inspection, replacedUnreadable };
  } catch (error) {
    removeStaging();
    // Put the current database back if it was moved aside and nothing took its place.
    if (movedAside && !existsSync(target)) renameSync(movedAside, target);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The restore failed: ${(error as Error).message}. The database at ${target} was not replaced.`);
  } finally {
    lock?.close();
  }
}
