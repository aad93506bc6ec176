import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { makeTempDir } from '../test/temp-db';
import {
  BackupError,
  backupDatabase,
  backupPath,
  checkIntegrity,
  expectedTables,
  fileTimestamp,
  inspectBackup,
  listBackups,
  pruneBackups,
  restoreDatabase,
  scheduleBackups,
} from './backup';
import { openDatabase, SCHEMA_VERSION, type Db } from './connection';

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('mttq-backup-');
});
afterAll(() => temp.cleanup());

/** A migrated database with `rows` audit rows (several pages of data). */
function makeDatabase(path: string, rows = 2000): Db {
  const db = openDatabase(path);
  const insert = db.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'test', 'create', 'page', ?, NULL, ?)");
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), String(i), JSON.stringify({ i, note: 'x'.repeat(100) }));
  })();
  return db;
}

const count = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  } finally {
    db.close();
  }
};

const silentLog = () => {
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    logger: {
      info: (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level: 'info', msg, fields }),
      error: (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level: 'error', msg, fields }),
    },
  };
};

describe('backup names', () => {
  it('names a backup after the database and the time, with -2, -3 for the same second', () => {
    const at = new Date('2026-12-02T16:40:00.789Z');
    expect(fileTimestamp(at)).toBe('2026-12-02T16-40-00Z');
    const dir = join(temp.dir, 'names');
    mkdirSync(dir);
    const first = backupPath(dir, '/srv/data/app.db', at);
    expect(first).toBe(join(dir, 'app-2026-12-02T16-40-00Z.db'));
    writeFileSync(first, '');
    expect(backupPath(dir, '/srv/data/app.db', at)).toBe(join(dir, 'app-2026-12-02T16-40-00Z-2.db'));
  });

  it('lists the backups of one database oldest first and prunes all but the newest', () => {
    const dir = join(temp.dir, 'prune');
    mkdirSync(dir);
    const names = [
      'app-2026-12-02T16-40-00Z.db',
      'app-2026-12-01T10-00-00Z.db',
      'app-2026-12-02T16-40-00Z-2.db',
      'app-2026-11-30T23-59-59Z.db',
      'other-2026-11-01T00-00-00Z.db',
      'app-2026-11-01T00-00-00Z.db.partial',
      'app.db.before-restore-2026-11-01T00-00-00Z',
      'notes.txt',
    ];
    for (const name of names) writeFileSync(join(dir, name), '');
    expect(listBackups(dir, '/srv/app.db').map((path) => path.slice(dir.length + 1))).toEqual([
      'app-2026-11-30T23-59-59Z.db',
      'app-2026-12-01T10-00-00Z.db',
      'app-2026-12-02T16-40-00Z.db',
      'app-2026-12-02T16-40-00Z-2.db',
    ]);
    expect(pruneBackups(dir, '/srv/app.db', 2).map((path) => path.slice(dir.length + 1))).toEqual(['app-2026-11-30T23-59-59Z.db', 'app-2026-12-01T10-00-00Z.db']);
    expect(readdirSync(dir).sort()).toEqual(
      ['app-2026-12-02T16-40-00Z.db', 'app-2026-12-02T16-40-00Z-2.db', 'other-2026-11-01T00-00-00Z.db', 'app-2026-11-01T00-00-00Z.db.partial', 'app.db.before-restore-2026-11-01T00-00-00Z', 'notes.txt'].sort(),
    );
    expect(listBackups(join(dir, 'missing'), '/srv/app.db')).toEqual([]);
  });
});

describe('backupDatabase', () => {
  it('copies the database while the same connection keeps writing, as one checked, self-contained file', async () => {
    const db = makeDatabase(temp.path('live.db'));
    const insert = db.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES ('2026-02-01', NULL, 'test', 'update', 'page', 'x', NULL, NULL)");
    // Writes between the backup's steps (one page per step here) are copied too.
    let writes = 0;
    const writer = setInterval(() => {
      insert.run();
      writes += 1;
    }, 0);
    let result;
    try {
      result = await backupDatabase(db, temp.path('copies/live-copy.db'), { pagesPerStep: 1 });
    } finally {
      clearInterval(writer);
    }
    expect(result.path).toBe(temp.path('copies/live-copy.db'));
    expect(result.pages).toBeGreaterThan(10);
    expect(result.bytes).toBeGreaterThan(0);
    expect(writes).toBeGreaterThan(0);
    const copied = count(result.path);
    expect(copied).toBeGreaterThanOrEqual(2000);
    expect(copied).toBeLessThanOrEqual(2000 + writes);
    expect(await checkIntegrity(result.path)).toEqual(['ok']);
    const copy = new Database(result.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(temp.path('copies'))).toEqual(['live-copy.db']);
    db.close();
  });

  it('never overwrites a file, and leaves no partial file when it fails', async () => {
    const db = makeDatabase(temp.path('small.db'), 10);
    writeFileSync(temp.path('taken.db'), 'mine');
    await expect(backupDatabase(db, temp.path('taken.db'))).rejects.toThrow(`${temp.path('taken.db')} already exists; a backup never overwrites a file.`);
    // A directory where the backup file should go.
    writeFileSync(temp.path('a-file'), '');
    await expect(backupDatabase(db, join(temp.path('a-file'), 'x.db'))).rejects.toThrow(BackupError);
    const stopped = new AbortController();
    stopped.abort();
    await expect(backupDatabase(db, temp.path('stopped.db'), { signal: stopped.signal, pagesPerStep: 1 })).rejects.toThrow('The backup was stopped');
    expect(existsSync(temp.path('stopped.db'))).toBe(false);
    expect(existsSync(temp.path('stopped.db.partial'))).toBe(false);
    db.close();
  });
});

describe('scheduleBackups', () => {
  it('takes a backup on its timer and keeps the newest BACKUP_KEEP', async () => {
    const db = makeDatabase(temp.path('scheduled.db'), 50);
    const dir = temp.path('scheduled');
    const { lines, logger } = silentLog();
    let second = 0;
    const schedule = scheduleBackups({ db, databasePath: temp.path('scheduled.db'), dir, intervalMs: 10, keep: 2, logger, now: () => new Date(Date.UTC(2026, 11, 2, 0, 0, second++)) });
    try {
      // The timer fires on its own: wait for three backups (no time is asserted).
      while (lines.filter((line) => line.msg === 'backup').length < 3) await new Promise((done) => setTimeout(done, 10));
    } finally {
      await schedule.stop();
    }
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    const backups = listBackups(dir, temp.path('scheduled.db'));
    expect(backups).toHaveLength(2);
    expect(lines[2]!.fields).toMatchObject({ file: expect.stringMatching(/scheduled-2026-12-02T00-00-02Z\.db$/), deleted: ['scheduled-2026-12-02T00-00-00Z.db'] });
    for (const path of backups) expect(count(path)).toBe(50);
    // Stopped: nothing more, and runNow does nothing.
    expect(await schedule.runNow()).toBeNull();
    db.close();
  });

  it('logs a failed backup and goes on; the server is never stopped by it', async () => {
    const db = makeDatabase(temp.path('failing.db'), 5);
    writeFileSync(temp.path('not-a-dir'), '');
    const { lines, logger } = silentLog();
    const schedule = scheduleBackups({ db, databasePath: temp.path('failing.db'), dir: join(temp.path('not-a-dir'), 'backups'), intervalMs: 3_600_000, keep: 7, logger });
    expect(await schedule.runNow()).toBeNull();
    expect(await schedule.runNow()).toBeNull();
    await schedule.stop();
    expect(lines).toEqual([
      { level: 'error', msg: 'scheduled backup failed', fields: { dir: join(temp.path('not-a-dir'), 'backups'), error: expect.stringMatching(/^Cannot create the backup directory /) } },
      { level: 'error', msg: 'scheduled backup failed', fields: expect.any(Object) },
    ]);
    // The database is still usable.
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(5);
    db.close();
  });
});

describe('restoreDatabase', () => {
  it('knows the tables of every schema version', () => {
    const fresh = openDatabase(':memory:');
    const tables = fresh.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    fresh.close();
    expect(expectedTables(SCHEMA_VERSION)).toEqual(tables);
    expect(expectedTables(1)).toContain('pages');
    expect(expectedTables(1)).not.toContain('users');
  });

  it('refuses a SQLite database of another program, one without tables of its version, and an empty schema_migrations', () => {
    const other = new Database(temp.path('other.db'));
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    expect(() => inspectBackup(temp.path('other.db'))).toThrow('is a SQLite database but not one of this dashboard (it has no schema_migrations table)');

    makeDatabase(temp.path('lacking.db'), 1).close();
    const lacking = new Database(temp.path('lacking.db'));
    lacking.exec('DROP TABLE sessions; DROP TABLE pages');
    lacking.close();
    expect(() => inspectBackup(temp.path('lacking.db'))).toThrow(`lacks tables a version ${SCHEMA_VERSION} database has: pages, sessions.`);

    const empty = new Database(temp.path('empty-migrations.db'));
    empty.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    empty.close();
    expect(() => inspectBackup(temp.path('empty-migrations.db'))).toThrow('has no schema version (schema_migrations is empty)');
  });

  it('accepts an older schema version (migrations apply at the next start)', () => {
    makeDatabase(temp.path('older.db'), 3).close();
    const older = new Database(temp.path('older.db'));
    older.prepare('DELETE FROM schema_migrations WHERE version = ?').run(SCHEMA_VERSION);
    older.close();
    expect(inspectBackup(temp.path('older.db'))).toMatchObject({ version: SCHEMA_VERSION - 1, pages: 0, users: 0 });
  });

  it('refuses while another connection holds the database, and then restores once it is closed', () => {
    const target = temp.path('target.db');
    const holder = makeDatabase(target, 7);
    makeDatabase(temp.path('source.db'), 3).close();
    expect(() => restoreDatabase(temp.path('source.db'), target)).toThrow(`The database at ${target} is in use`);
    expect(count(target)).toBe(7);
    holder.close();

    const at = new Date('2026-12-02T16:40:00Z');
    const result = restoreDatabase(temp.path('source.db'), target, at);
    expect(result).toMatchObject({ target, keptAs: `${target}.before-restore-2026-12-02T16-40-00Z`, inspection: { version: SCHEMA_VERSION }, replacedUnreadable: false });
    expect(count(target)).toBe(3);
    expect(count(result.keptAs!)).toBe(7);
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('target.db'))).toEqual(['target.db', 'target.db.before-restore-2026-12-02T16-40-00Z']);
  });

  it('replaces a database file that is not readable as SQLite, and restores where there was none', () => {
    writeFileSync(temp.path('garbage.db'), 'garbage '.repeat(1000));
    makeDatabase(temp.path('source2.db'), 2).close();
    const result = restoreDatabase(temp.path('source2.db'), temp.path('garbage.db'));
    expect(result.replacedUnreadable).toBe(true);
    expect(count(temp.path('garbage.db'))).toBe(2);

    const fresh = restoreDatabase(temp.path('source2.db'), temp.path('new/fresh.db'));
    expect(fresh.keptAs).toBeNull();
    expect(count(temp.path('new/fresh.db'))).toBe(2);
  });

  it('refuses a backup with a write-ahead log beside it', () => {
    makeDatabase(temp.path('walled.db'), 1).close();
    copyFileSync(temp.path('walled.db'), temp.path('walled-copy.db'));
    writeFileSync(temp.path('walled-copy.db-wal'), 'frames');
    expect(() => restoreDatabase(temp.path('walled-copy.db'), temp.path('target2.db'))).toThrow('has a write-ahead log beside it (walled-copy.db-wal)');
    expect(existsSync(temp.path('target2.db'))).toBe(false);
  });
});

describe('backup configuration', () => {
  it('defaults: data/backups from the repository root, no schedule, keep 7', () => {
    const config = loadConfig({});
    expect(config.backupDir).toMatch(/\/data\/backups$/);
    expect(config).toMatchObject({ backupIntervalHours: 0, backupKeep: 7 });
    expect(loadConfig({ BACKUP_INTERVAL_HOURS: '', BACKUP_DIR: '/var/backups/mttq' })).toMatchObject({ backupIntervalHours: 0, backupDir: '/var/backups/mttq' });
    expect(loadConfig({ BACKUP_INTERVAL_HOURS: '0.5', BACKUP_KEEP: '30' })).toMatchObject({ backupIntervalHours: 0.5, backupKeep: 30 });
  });

  it('takes deploy/mttq-dashboard.env.example as it is', () => {
    const text = readFileSync(fileURLToPath(new URL('../../../../deploy/mttq-dashboard.env.example', import.meta.url)), 'utf8');
    const env = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]),
    );
    expect(Object.keys(env)).toEqual(['PORT', 'HOST', 'DATABASE_PATH', 'DEMO', 'PUBLIC_READ', 'TRUST_PROXY', 'LOG_LEVEL', 'BACKUP_DIR', 'BACKUP_INTERVAL_HOURS', 'BACKUP_KEEP']);
    expect(loadConfig(env)).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databasePath: '/var/lib/mttq-dashboard/app.db',
      seedDemo: false,
      publicRead: false,
      trustProxy: true,
      logLevel: 'info',
      backupDir: '/var/lib/mttq-dashboard/backups',
      backupIntervalHours: 24,
      backupKeep: 7,
    });
  });

  it.each([
    [{ BACKUP_INTERVAL_HOURS: 'daily' }, 'Invalid BACKUP_INTERVAL_HOURS: must be a number of hours, e.g. 24 (0 or unset: no scheduled backups)'],
    [{ BACKUP_INTERVAL_HOURS: '-1' }, 'Invalid BACKUP_INTERVAL_HOURS: must be 0 (off) or more hours'],
    [{ BACKUP_INTERVAL_HOURS: '1000' }, 'Invalid BACKUP_INTERVAL_HOURS: must be at most 576 hours (24 days)'],
    [{ BACKUP_KEEP: '0' }, 'Invalid BACKUP_KEEP: must be at least 1: the newest backup is always kept'],
    [{ BACKUP_KEEP: '2.5' }, 'Invalid BACKUP_KEEP: must be a whole number of backups to keep, e.g. 7'],
    [{ BACKUP_DIR: ' ' }, 'Invalid BACKUP_DIR: must not be empty'],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
