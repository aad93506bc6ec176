import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { runCli } from './test-processes';

/** npm run restore as a real process: every mistake is one line on stderr and exit code 1. */

let temp: ReturnType<typeof makeTempDir>;
/** The database the restores aim at (a fresh, migrated one). */
let target: string;
let targetBytes: Buffer;
/** A good backup: a migrated database with a few rows. */
let good: string;

beforeAll(() => {
  temp = makeTempDir('mttq-restore-cli-');
  target = temp.path('app.db');
  good = temp.path('good.db');
  for (const [path, marker] of [
    [target, 'current'],
    [good, 'backup'],
  ] as const) {
    const db = openDatabase(path);
    db.prepare("INSERT INTO meta (key, value) VALUES ('marker', ?)").run(marker);
    db.pragma('journal_mode = DELETE');
    db.close();
  }
  targetBytes = readFileSync(target);
});
afterAll(() => temp.cleanup());

const restore = (file: string) => runCli('restore', [file], { DATABASE_PATH: target });

/** The target is untouched, with nothing left beside it. */
function expectTargetUntouched() {
  expect(readFileSync(target).equals(targetBytes)).toBe(true);
  expect(readdirSync(temp.dir).filter((name) => /before-restore|restoring/.test(name))).toEqual([]);
}

describe('npm run restore refuses', () => {
  it('a file that is not SQLite', async () => {
    writeFileSync(temp.path('notes.txt'), 'SQLite is nice\n'.repeat(50));
    expect(await restore(temp.path('notes.txt'))).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: ${temp.path('notes.txt')} is not a SQLite database (it does not start with "SQLite format 3").\n`,
    });
    expectTargetUntouched();
  });

  it('a corrupt database', async () => {
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over every page after the first: the header still says SQLite.
    for (let offset = pageSize; offset < bytes.length; offset += 97) bytes[offset] = (offset * 31) & 0xff;
    writeFileSync(temp.path('corrupt.db'), bytes);
    const result = await restore(temp.path('corrupt.db'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^Error: ${temp.path('corrupt.db')} (is damaged: .+|fails SQLite's integrity check \\(.+\\))\\. Pick another backup\\.\\n$`));
    expectTargetUntouched();
  });

  it('a database of a newer schema than the program', async () => {
    copyFileSync(good, temp.path('newer.db'));
    const db = new Database(temp.path('newer.db'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    db.close();
    expect(await restore(temp.path('newer.db'))).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: ${temp.path('newer.db')} has schema version ${SCHEMA_VERSION + 1}, newer than this program's ${SCHEMA_VERSION}: restore it with a newer version of the program, or pick an older backup.\n`,
    });
    expectTargetUntouched();
  });

  it('a missing file, no file or two files', async () => {
    const [missing, none, two] = await Promise.all([restore(temp.path('missing.db')), runCli('restore', [], { DATABASE_PATH: target }), runCli('restore', [good, good], { DATABASE_PATH: target })]);
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `Error: No file at ${temp.path('missing.db')}.\n` });
    expect(none).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: Name the backup file to restore, e.g. npm run restore -- data/backups/app-2026-12-02T16-40-00Z.db\nSee: npm run restore -- --help\n',
    });
    expect(two).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: restore takes one file, not 2 /) });
    expectTargetUntouched();
  });

  it('a database another program has open (here a plain SQLite connection in WAL mode)', async () => {
    const holder = new Database(target);
    holder.pragma('journal_mode = WAL');
    holder.prepare('SELECT count(*) FROM meta').get();
    try {
      const result = await restore(good);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: The database at .* is in use \(a server, npm run users or another program has it open\)\. Stop the server first/);
      expect(readdirSync(temp.dir).filter((name) => /before-restore|restoring/.test(name))).toEqual([]);
    } finally {
      holder.pragma('journal_mode = DELETE');
      holder.close();
    }
    targetBytes = readFileSync(target);
  });
});

describe('npm run restore', () => {
  it('puts the backup in place, keeps the current database and removes its -wal and -shm', async () => {
    // A stale -shm beside the current database, as after a crash.
    writeFileSync(`${target}-shm`, Buffer.alloc(32 * 1024));
    const result = await restore(good);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const kept = readdirSync(temp.dir).find((name) => name.startsWith('app.db.before-restore-'));
    expect(result.stdout).toBe(
      [
        `Checked ${good}: integrity ok, schema version ${SCHEMA_VERSION} (this program: ${SCHEMA_VERSION}), 0 pages, 0 accounts.`,
        `Kept the database that was in place as ${temp.path(kept)}.`,
        `Restored ${target} from the backup.`,
        'Start the server again (npm run serve, or systemctl start mttq-dashboard).',
        '',
      ].join('\n'),
    );
    expect(existsSync(`${target}-shm`)).toBe(false);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const marker = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare("SELECT value FROM meta WHERE key = 'marker'").pluck().get();
      } finally {
        db.close();
      }
    };
    expect(marker(target)).toBe('backup');
    expect(marker(temp.path(kept))).toBe('current');
    // The next start opens and migrates it as usual.
    openDatabase(target).close();
  });
});
