import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** A database problem a person can fix (bad path, corrupt file, newer schema); printed, not thrown at them. */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

/** Opens (creating if needed) the SQLite file at `path`, sets pragmas and applies migrations. */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Metric snapshots outgrow the default 2 MB page cache; coverage reads many of them.
    db.pragma('cache_size = -65536');
    // Touch the schema so a corrupt or non-SQLite file fails here, not on the first request.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    throw new DatabaseStartupError(
      `Cannot open the database at ${path}: ${(error as Error).message}. Check DATABASE_PATH points to a writable SQLite file (or a new path).`,
    );
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new DatabaseStartupError(
      `The database schema is version ${current}, newer than this program's ${SCHEMA_VERSION}. Upgrade the program, or point DATABASE_PATH at another file.`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it around the rebuild.
    if (migration.isRebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.isRebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new DatabaseStartupError(`Migration ${migration.version} would break ${broken.length} foreign keys; nothing was changed.`);
        }
        record.run(migration.version, migration.name, new Date().toISOString());
      })();
    } finally {
      if (migration.isRebuild) db.pragma('foreign_keys = ON');
    }
  }
}
