import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemoCopy, putMetric, readRows, startServerProcess, type ServerProcess } from './cli/test-processes';
import { loadConfig } from './config';
import { startServer } from './start';
import type { TestSession } from './test/auth';
import { makeTempDir } from './test/temp-db';

/** A production stop: SIGTERM or SIGINT let requests under way finish, checkpoint the WAL, close the database and exit 0. */

const MONTH = '2025-06';

let temp: ReturnType<typeof makeTempDir>;
let dbPath: string;
let admin: TestSession;
let pageIds: number[];
let server: ServerProcess | null = null;

beforeAll(async () => {
  temp = makeTempDir('mttq-shutdown-');
  dbPath = temp.path('live.db');
  ({ admin, pageIds } = await prepareDemoCopy(dbPath, 3, MONTH));
});
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  temp.cleanup();
});

interface Answer {
  status: number;
  requestId: string | undefined;
  body: string;
}

/** A PUT whose body is sent in two parts: `finish()` sends the rest. */
function slowPut(url: string, pageId: number, followers: number, requestId: string): { request: ClientRequest; answer: Promise<Answer>; finish(): void } {
  const body = JSON.stringify({ followers, posts: 1, interactions: 2 });
  const request = httpRequest(new URL(`/api/v1/pages/${pageId}/metrics/${MONTH}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-request-id': requestId, ...admin.headers },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, requestId: response.headers['x-request-id'] as string | undefined, body: text }));
    });
    request.once('error', reject);
  });
  request.write(body.slice(0, 10));
  return { request, answer, finish: () => request.end(body.slice(10)) };
}

const walSize = () => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

describe('stopping the server process', () => {
  it('on SIGTERM stops taking connections, finishes the request under way, checkpoints the WAL and exits 0', async () => {
    server = await startServerProcess({ DATABASE_PATH: dbPath, DEMO: '0', PUBLIC_READ: '0', LOG_LEVEL: 'debug' });
    for (const [i, pageId] of pageIds.entries()) expect((await putMetric(server.url, admin, pageId, MONTH, 100 + i)).status).toBeLessThan(300);
    expect(walSize()).toBeGreaterThan(0);

    const slow = slowPut(server.url, pageIds[0]!, 4242, 'slow-put-1');
    // The server has the request (its headers) and waits for the rest of the body.
    await server.waitForLine(/"msg":"request started".*"requestId":"slow-put-1"/);
    server.child.kill('SIGTERM');
    await server.waitForLine(/^SIGTERM: stopping; no new connections, requests under way get up to 10 s$/);
    await expect(fetch(new URL('/api/health', server.url))).rejects.toThrow();

    slow.finish();
    const answer = await slow.answer;
    expect(answer).toMatchObject({ status: 200, requestId: 'slow-put-1' });
    expect(JSON.parse(answer.body)).toMatchObject({ month: MONTH, followers: 4242 });

    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('\nStopped; WAL checkpointed; database closed.\n');
    const logged = server
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"requestId":"slow-put-1"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.at(-1)).toMatchObject({ msg: 'request', method: 'PUT', status: 200, userId: admin.userId });
    server = null;

    // Everything is in the database file: no WAL left with frames in it.
    expect(walSize()).toBe(0);
    expect(readRows(dbPath, 'SELECT followers FROM metric_snapshots WHERE page_id = ? AND month = ?', pageIds[0], MONTH)).toEqual([{ followers: 4242 }]);
    expect(readRows(dbPath, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('on SIGINT (Ctrl+C) stops the same way, also when the signal comes twice, and stops its scheduled backups', async () => {
    // A backup about every second (0.0003 h), keeping one.
    server = await startServerProcess({ DATABASE_PATH: dbPath, DEMO: '0', PUBLIC_READ: '0', LOG_LEVEL: 'info', BACKUP_INTERVAL_HOURS: '0.0003', BACKUP_KEEP: '1', BACKUP_DIR: temp.path('backups') });
    expect(server.stdout()).toContain(`\n  backups: every 0.0003 h into ${temp.path('backups')}, the newest 1 kept\n`);
    expect((await putMetric(server.url, admin, pageIds[1]!, MONTH, 777)).status).toBe(200);
    // Wait for two backups logged after that write: the second one began after it (no time is asserted).
    const backupLines = () => server!.stdout().split('\n').filter((line) => line.includes('"msg":"backup"'));
    const before = backupLines().length;
    while (backupLines().length < before + 2) await new Promise((done) => setTimeout(done, 20));
    const backupLine = JSON.parse(backupLines().at(-1)!) as { file: string; bytes: number };
    expect(backupLine.file).toMatch(/\/live-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?\.db$/);
    server.child.kill('SIGINT');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('\nSIGINT: stopping;');
    expect(server.stdout().match(/stopping;/g)).toHaveLength(1);
    expect(server.stdout()).toContain('\nStopped; WAL checkpointed; database closed.\n');
    server = null;
    expect(walSize()).toBe(0);
    expect(readRows(dbPath, 'SELECT followers FROM metric_snapshots WHERE page_id = ? AND month = ?', pageIds[1], MONTH)).toEqual([{ followers: 777 }]);
    // One backup kept, none left half-written by the stop.
    const backups = readdirSync(temp.path('backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^live-.*\.db$/);
    expect(readRows(join(temp.path('backups'), backups[0]!), 'SELECT followers FROM metric_snapshots WHERE page_id = ? AND month = ?', pageIds[1], MONTH)).toEqual([{ followers: 777 }]);
  });

  it('closes a request that does not finish once the wait runs out, and still closes the database', async () => {
    const config = loadConfig({ DATABASE_PATH: dbPath, DEMO: '0', PORT: '0', LOG_LEVEL: 'silent' });
    const running = await startServer(config);
    const stuck = slowPut(running.url, pageIds[2]!, 1, 'stuck-1');
    const failed = stuck.answer.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    // Wait until the server holds the connection with its request.
    while ((await new Promise<number>((done) => running.server.getConnections((_error, n) => done(n)))) === 0) await new Promise((done) => setTimeout(done, 10));
    const stopped = await running.close(100);
    expect(stopped.forcedConnections).toBe(1);
    expect(stopped.checkpoint).toMatchObject({ busy: 0, log: 0 });
    expect(await failed).toMatch(/socket hang up|ECONNRESET/);
    expect(running.db.open).toBe(false);
    // A second close answers the same.
    expect(await running.close()).toBe(stopped);
  });
});
