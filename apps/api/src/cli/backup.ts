import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { backupDatabaseFile, backupPath, BackupError } from '../db/backup';

/**
 * `npm run backup -- [DIR | FILE.db]`: a consistent copy of the database at DATABASE_PATH, taken
 * with SQLite's online backup while the server keeps running, checked with integrity_check.
 */

const USAGE = `Back up the dashboard's database (DATABASE_PATH, as for the server), also while it runs.

Usage: npm run backup -- [DIR | FILE.db]

  no argument   into BACKUP_DIR (default data/backups), named after the time,
                e.g. data/backups/app-2026-12-02T16-40-00Z.db
  DIR           into that directory, named after the time
  FILE.db       exactly that file (a name ending in .db, .sqlite or .sqlite3); never overwritten

The copy is checked with SQLite's integrity_check before it gets its name. Restore it with
npm run restore -- FILE (with the server stopped).`;

class UsageError extends Error {
  override name = 'UsageError';
}

/** Relative paths are taken from where npm was run (INIT_CWD), as a person typing them expects. */
const fromInvocationDir = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/** Where the backup goes: a named file, or a new time-named file in a directory. */
function destinationOf(arg: string | undefined, backupDir: string, databasePath: string, now: Date): string {
  if (arg === undefined) return backupPath(backupDir, databasePath, now);
  const path = fromInvocationDir(arg);
  const isDir = existsSync(path) && statSync(path).isDirectory();
  if (!isDir && /\.(db|sqlite3?)$/i.test(path)) {
    if (existsSync(path)) throw new BackupError(`${path} already exists; a backup never overwrites a file. Name another file or a directory.`);
    return path;
  }
  return backupPath(path, databasePath, now);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help || parsed.positionals[0] === 'help') {
    console.log(USAGE);
    return;
  }
  if (parsed.positionals.length > 1) throw new UsageError(`backup takes at most one directory or file, not ${parsed.positionals.length} (${parsed.positionals.join(' ')}).`);
  const config = loadConfig();
  if (config.databasePath === ':memory:') throw new BackupError('DATABASE_PATH is :memory:; there is no database file to back up.');
  const dest = destinationOf(parsed.positionals[0], config.backupDir, config.databasePath, new Date());
  const result = await backupDatabaseFile(config.databasePath, dest);
  console.log(`Backed up ${config.databasePath}`);
  console.log(`  to ${result.path} (${megabytes(result.bytes)}, ${result.pages.toLocaleString('en-US')} pages, integrity ok, ${result.ms} ms)`);
  console.log(`  restore it with: npm run restore -- ${result.path}`);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    console.error(`Error: ${message}\nSee: npm run backup -- --help`);
  } else {
    console.error(`Error: ${message}`);
    const known = error instanceof BackupError || error instanceof ConfigError;
    if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  }
  process.exitCode = 1;
});
