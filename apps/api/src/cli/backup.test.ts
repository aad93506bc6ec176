import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { AUDIT_ENTITIES } from '../writes/page-writes';
import { makeTempDir } from '../test/temp-db';
import { prepareDemoCopy, putMetric, readRows, runCli, startServerProcess, type ServerProcess } from './test-processes';

/**
 * npm run backup while 63 writers keep storing figures through the real server in its own
 * process, then npm run restore of that backup with the server stopped.
 */

const WRITERS = 63;
const MONTH = '2025-06';

let temp: ReturnType<typeof makeTempDir>;
let dbPath: string;
let admin: TestSession;
let pageIds: number[];
let server: ServerProcess | null = null;

beforeAll(async () => {
  temp = makeTempDir('mttq-backup-cli-');
  dbPath = temp.path('live.db');
  ({ admin, pageIds } = await prepareDemoCopy(dbPath, WRITERS, MONTH));
  expect(pageIds).toHaveLength(WRITERS);
});
afterAll(async () => {
  if (server) await server.stop();
  temp.cleanup();
});

interface Writer {
  pageId: number;
  /** The highest followers figure the server acknowledged (200/201): committed. */
  acked: number;
  /** The highest figure sent (acknowledged or not). */
  sent: number;
  failures: string[];
}

/** Each writer stores followers = 1, 2, 3, … for its page, one request after another, until `stop()`. */
function startWriters(url: string) {
  let stopping = false;
  const writers: Writer[] = pageIds.map((pageId) => ({ pageId, acked: 0, sent: 0, failures: [] }));
  const loops = writers.map(async (writer) => {
    while (!stopping) {
      const value = writer.sent + 1;
      writer.sent = value;
      const response = await putMetric(url, admin, writer.pageId, MONTH, value);
      if (response.status === 200 || response.status === 201) writer.acked = value;
      else writer.failures.push(`${response.status} ${await response.text()}`);
      await response.body?.cancel();
    }
  });
  return {
    writers,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

/** followers and the number of audit rows of our writes, per writer page, in the database at `path`. */
function writtenFigures(path: string): Map<number, { followers: number; audited: number }> {
  const figures = readRows<{ page_id: number; followers: number }>(path, `SELECT page_id, followers FROM metric_snapshots WHERE month = ? AND page_id IN (${pageIds.join(',')})`, MONTH);
  const audits = readRows<{ entity_id: string; n: number }>(
    path,
    'SELECT entity_id, count(*) AS n FROM audit_log WHERE entity = ? AND user_id = ? GROUP BY entity_id',
    AUDIT_ENTITIES.metric,
    admin.userId,
  );
  const audited = new Map(audits.map((row) => [row.entity_id, row.n]));
  return new Map(figures.map((row) => [row.page_id, { followers: row.followers, audited: audited.get(`${row.page_id}/${MONTH}`) ?? 0 }]));
}

const integrity = (path: string) => readRows<{ integrity_check: string }>(path, 'PRAGMA integrity_check').map((row) => row.integrity_check);

describe('npm run backup and npm run restore', () => {
  let backupFile = '';
  let ackedBefore: number[] = [];
  let writers: Writer[] = [];

  it('backs up the live database while 63 writers store figures through the server', async () => {
    server = await startServerProcess({ DATABASE_PATH: dbPath, DEMO: '0', PUBLIC_READ: '0', LOG_LEVEL: 'warn' });
    const load = startWriters(server.url);
    writers = load.writers;
    // Every writer has had a write committed before the backup starts.
    while (writers.some((writer) => writer.acked === 0 && writer.failures.length === 0)) await new Promise((done) => setTimeout(done, 20));
    ackedBefore = writers.map((writer) => writer.acked);

    const backup = await runCli('backup', [], { DATABASE_PATH: dbPath, BACKUP_DIR: temp.path('backups') });
    await load.stop();

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(writers.flatMap((writer) => writer.failures)).toEqual([]);
    // The writers kept writing while the backup was taken.
    expect(writers.reduce((sum, writer) => sum + writer.acked, 0)).toBeGreaterThan(ackedBefore.reduce((sum, n) => sum + n, 0));
    const match = /^ {2}to (\S+) \(([\d.]+) MB, [\d,]+ pages, integrity ok, \d+ ms\)$/m.exec(backup.stdout);
    expect(match, backup.stdout).not.toBeNull();
    backupFile = match![1]!;
    expect(backupFile.startsWith(temp.path('backups'))).toBe(true);
    expect(backupFile).toMatch(/\/live-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db$/);
    expect(readdirSync(temp.path('backups'))).toEqual([backupFile.split('/').at(-1)]);
    expect(backup.stdout).toContain(`restore it with: npm run restore -- ${backupFile}`);
  });

  it('holds every write committed before it started, and each write whole with its audit row', () => {
    expect(integrity(backupFile)).toEqual(['ok']);
    expect(readRows(backupFile, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
    const figures = writtenFigures(backupFile);
    writers.forEach((writer, i) => {
      const figure = figures.get(writer.pageId);
      expect(figure, `page ${writer.pageId}`).toBeDefined();
      // Committed before the backup began: in it. Never a figure that was not sent.
      expect(figure!.followers).toBeGreaterThanOrEqual(ackedBefore[i]!);
      expect(figure!.followers).toBeLessThanOrEqual(writer.sent);
      // A consistent snapshot: the figure n came with the n-th audit row, in one transaction.
      expect(figure!.audited).toBe(figure!.followers);
    });
  });

  it('refuses to restore while the server has the database open, and changes nothing', async () => {
    const before = statSync(dbPath).mtimeMs;
    const refused = await runCli('restore', [backupFile], { DATABASE_PATH: dbPath });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `Error: The database at ${dbPath} is in use (a server, npm run users or another program has it open). Stop the server first (e.g. systemctl stop mttq-dashboard), then run the restore again.\n`,
    );
    expect(readdirSync(temp.dir).filter((name) => name.includes('before-restore') || name.includes('restoring'))).toEqual([]);
    expect(statSync(dbPath).mtimeMs).toBe(before);
    // The server still answers.
    expect((await fetch(new URL('/api/health', server!.url))).status).toBe(200);
  });

  it('restores the backup once the server is stopped: every committed row, a clean integrity check', async () => {
    const live = writtenFigures(dbPath);
    expect(await server!.stop()).toBe(0);
    server = null;
    const restored = await runCli('restore', [backupFile], { DATABASE_PATH: dbPath });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const lines = restored.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Checked ${backupFile}: integrity ok, schema version \\d+ \\(this program: \\d+\\), [\\d,]+ pages, 1 account\\.$`));
    const kept = /^Kept the database that was in place as (\S+)\.$/.exec(lines[1]!)?.[1];
    expect(kept).toMatch(/live\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    expect(lines[2]).toBe(`Restored ${dbPath} from the backup.`);

    // The database that was replaced is kept whole, with the writes made after the backup.
    expect(integrity(kept!)).toEqual(['ok']);
    expect(writtenFigures(kept!)).toEqual(live);
    // No -wal or -shm of the old database is left beside the restored one.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(existsSync(`${dbPath}-shm`)).toBe(false);
    expect(integrity(dbPath)).toEqual(['ok']);
    expect(writtenFigures(dbPath)).toEqual(writtenFigures(backupFile));

    // The server starts on the restored database and answers the restored figures.
    server = await startServerProcess({ DATABASE_PATH: dbPath, DEMO: '0', PUBLIC_READ: '0', LOG_LEVEL: 'warn' });
    const pageId = writers[0]!.pageId;
    const detail = (await (await fetch(new URL(`/api/v1/pages/${pageId}`, server.url), { headers: admin.headers })).json()) as { metrics: Array<{ month: string; followers: number }> };
    expect(detail.metrics.find((m) => m.month === MONTH)?.followers).toBe(writtenFigures(backupFile).get(pageId)!.followers);
    expect(await server.stop()).toBe(0);
    server = null;
  });

  it('says what is wrong, with exit code 1, for a missing database or a backup file that exists', async () => {
    const missing = await runCli('backup', [], { DATABASE_PATH: temp.path('nothing-here.db'), BACKUP_DIR: temp.path('backups') });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: `Error: No database at ${temp.path('nothing-here.db')}: check DATABASE_PATH.\n` });
    const taken = await runCli('backup', [backupFile], { DATABASE_PATH: dbPath });
    expect(taken).toMatchObject({ code: 1, stdout: '', stderr: `Error: ${backupFile} already exists; a backup never overwrites a file. Name another file or a directory.\n` });
    const badConfig = await runCli('backup', [], { DATABASE_PATH: dbPath, BACKUP_KEEP: '0' });
    expect(badConfig).toMatchObject({ code: 1, stderr: 'Error: Invalid BACKUP_KEEP: must be at least 1: the newest backup is always kept\n' });
    writeFileSync(temp.path('text.db'), 'not a database\n'.repeat(100));
    const notDb = await runCli('backup', [temp.path('copy.db')], { DATABASE_PATH: temp.path('text.db') });
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toBe(`Error: Cannot read the database at ${temp.path('text.db')}: file is not a database. Check DATABASE_PATH.\n`);
    expect(existsSync(temp.path('copy.db'))).toBe(false);
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('writes into a directory given as argument, named after the time', async () => {
    const result = await runCli('backup', [join(temp.dir, 'elsewhere')], { DATABASE_PATH: dbPath });
    expect(result.code).toBe(0);
    expect(readdirSync(temp.path('elsewhere'))).toEqual([expect.stringMatching(/^live-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db$/)]);
  });
});
