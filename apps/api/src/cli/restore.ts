import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { BackupError, restoreDatabase } from '../db/backup';
import { SCHEMA_VERSION } from '../db/connection';

/**
 * `npm run restore -- FILE`: puts a backup in place of the database at DATABASE_PATH, with the
 * server stopped. The current database is kept as <name>.before-restore-<time>.
 */

const USAGE = `Restore the dashboard's database (DATABASE_PATH) from a backup. Stop the server first.

Usage: npm run restore -- FILE

FILE is checked first: it must be a SQLite database that passes integrity_check, made by this
program (schema_migrations) with a schema version no newer than this program's (${SCHEMA_VERSION}), with
every table of its version. The restore refuses while a server or another program has the
database open. The current database is kept beside it as <name>.before-restore-<time> (with its
-wal file, if any); migrations apply at the next start.`;

class UsageError extends Error {
  override name = 'UsageError';
}

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
  if (parsed.positionals.length !== 1) {
    throw new UsageError(parsed.positionals.length === 0 ? 'Name the backup file to restore, e.g. npm run restore -- data/backups/app-2026-12-02T16-40-00Z.db' : `restore takes one file, not ${parsed.positionals.length} (${parsed.positionals.join(' ')}).`);
  }
  const config = loadConfig();
  if (config.databasePath === ':memory:') throw new BackupError('DATABASE_PATH is :memory:; there is no database file to restore into.');
  // Relative paths are taken from where npm was run (INIT_CWD), as a person typing them expects.
  const source = resolve(process.env.INIT_CWD ?? process.cwd(), parsed.positionals[0]!);
  const result = restoreDatabase(source, config.databasePath);
  const { version, pages, users } = result.inspection;
  const count = (n: number | null, noun: string) => (n === null ? null : `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`);
  const counts = [count(pages, 'page'), count(users, 'account')].filter(Boolean).join(', ');
  console.log(`Checked ${source}: integrity ok, schema version ${version} (this program: ${SCHEMA_VERSION})${counts ? `, ${counts}` : ''}.`);
  if (result.keptAs) {
    console.log(`Kept the database that was in place as ${result.keptAs}${result.replacedUnreadable ? ' (it was not readable as SQLite)' : ''}.`);
  } else {
    console.log(`There was no database at ${config.databasePath}; nothing was kept.`);
  }
  console.log(`Restored ${config.databasePath} from the backup.`);
  console.log(
    version < SCHEMA_VERSION
      ? `Start the server (npm run serve, or systemctl start mttq-dashboard): it migrates the database from version ${version} to ${SCHEMA_VERSION}.`
      : 'Start the server again (npm run serve, or systemctl start mttq-dashboard).',
  );
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    console.error(`Error: ${message}\nSee: npm run restore -- --help`);
  } else {
    console.error(`Error: ${message}`);
    const known = error instanceof BackupError || error instanceof ConfigError;
    if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  }
  process.exitCode = 1;
});
