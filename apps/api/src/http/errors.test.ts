/** A full disk says so: storage failures answer 503 naming the problem, and /api/health reports them. */
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { serveApp, send } from '../auth/test-http';
import { createUser } from '../auth/users';
import { openDatabase, type Db } from '../db/connection';
import { signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';
import { checkStorage, handleError, storageFailureOf } from './errors';

const PASSWORD = 'correct horse battery';
const FULL_MESSAGE = 'Máy chủ không lưu được dữ liệu: ổ đĩa đã đầy. Chưa có gì được lưu. Hãy thử lại sau; quản trị viên cần giải phóng dung lượng trước.';
const FULL_MESSAGE_EN = 'The server cannot store data: its disk is full. Nothing was saved. Try again later; an administrator has to free disk space first.';
const FULL_ERROR = { code: 'storage_full', message: FULL_MESSAGE, key: 'storage_full', params: {}, details: [] };

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let served: Awaited<ReturnType<typeof serveApp>>;
let central: TestSession;

beforeAll(async () => {
  temp = makeTempDir('mttq-storage-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  served = await serveApp(createApp({ db }));
  central = await signInAs(db, 'central');
  await createUser(db, { username: 'storage-user', password: PASSWORD, role: 'viewer' });
  db.exec('CREATE TABLE filler (x BLOB)');
});
afterAll(async () => {
  await served.close();
  db.close();
  temp.cleanup();
});

/**
 * Makes the database really full: no page may be added (PRAGMA max_page_count), the free pages
 * are used up, and the last page of login_failures (where a sign-in adds its row) is filled, so
 * inserts fail with SQLite's own SQLITE_FULL.
 */
function fillDatabase(): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const fillers = [
    (size: number) => db.prepare('INSERT INTO filler (x) VALUES (zeroblob(?))').run(size),
    (size: number) => db.prepare("INSERT INTO login_failures (username, client, failed_at) VALUES (substr(printf('%0*d', ?, 0), 1, 64), 'filler', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").run(size),
  ];
  for (const fill of fillers) {
    for (const size of [4000, 1000, 200, 40, 1]) {
      for (;;) {
        try {
          fill(size);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('SQLITE_FULL');
          break;
        }
      }
    }
  }
}

const login = (username: string, password: string) =>
  send(`${served.origin}/api/v1/auth/login`, { method: 'POST', from: '127.0.0.21', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const health = () => send(`${served.origin}/api/health`);

describe('a full disk', () => {
  it('answers writes and sign-ins 503 storage_full saying the server cannot store data; /api/health reports it until a write succeeds', async () => {
    expect((await health()).json()).toMatchObject({ status: 'ok' });
    fillDatabase();

    const snapshot = await send(`${served.origin}/api/v1/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...central.headers },
      body: JSON.stringify({ name: 'Hội nghị trực tuyến toàn quốc 12/08/2022', scheme: 'legacy63', asOf: '2022-08-12', owner: 'front' }),
    });
    expect(snapshot.status).toBe(503);
    expect(snapshot.headers['retry-after']).toBe('60');
    expect(snapshot.json()).toEqual({ error: FULL_ERROR });

    const signIn = await login('storage-user', PASSWORD);
    expect(signIn.status).toBe(503);
    expect(signIn.json()).toEqual({ error: FULL_ERROR });
    const inEnglish = await send(`${served.origin}/api/v1/auth/login?lang=en`, {
      method: 'POST',
      from: '127.0.0.21',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'storage-user', password: PASSWORD }),
    });
    expect(inEnglish.json()).toEqual({ error: { ...FULL_ERROR, message: FULL_MESSAGE_EN } });

    const degraded = await health();
    expect(degraded.status).toBe(503);
    expect(degraded.json()).toMatchObject({
      status: 'degraded',
      schemes: { legacy63: { province: 63 } },
      storage: { writable: false, code: 'storage_full', reason: expect.stringMatching(/^the database has reached its size limit/) },
    });

    // Room again: health still reports the failed write until a write succeeds.
    db.pragma('max_page_count = 1073741823');
    const stillDegraded = await health();
    expect(stillDegraded.status).toBe(503);
    expect(stillDegraded.json().storage).toEqual({ writable: false, code: 'storage_full', reason: expect.stringMatching(/^a write failed \d+ s ago \(SQLITE_FULL\) and none has succeeded since$/) });
    expect((await login('storage-user', PASSWORD)).status).toBe(200);
    const ok = await health();
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', schemes: expect.any(Object), figures: 'ready' });
  });
});

describe('a read-only database', () => {
  it('answers a sign-in 503 storage_read_only and health says the database cannot be written', async () => {
    const readOnly = new Database(temp.path(), { readonly: true });
    const other = await serveApp(createApp({ db: readOnly }));
    try {
      const signIn = await send(`${other.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'storage-user', password: PASSWORD }),
      });
      expect(signIn.status).toBe(503);
      expect(signIn.json().error).toEqual({
        code: 'storage_read_only',
        message: 'Máy chủ không lưu được dữ liệu: cơ sở dữ liệu không ghi được (SQLITE_READONLY). Chưa có gì được lưu; hãy báo quản trị viên.',
        key: 'storage_read_only',
        params: { sqliteCode: 'SQLITE_READONLY' },
        details: [],
      });
      const state = await send(`${other.origin}/api/health`);
      expect(state.status).toBe(503);
      expect(state.json().storage).toEqual({ writable: false, code: 'storage_read_only', reason: 'the database is open read-only' });
    } finally {
      await other.close();
      readOnly.close();
    }
  });
});

describe('storage errors', () => {
  const app = new Hono();
  app.onError(handleError);
  app.get('/fail/:code', (c) => {
    throw new Database.SqliteError('simulated', c.req.param('code'));
  });

  it.each([
    ['SQLITE_FULL', 503, 'storage_full'],
    ['SQLITE_IOERR_WRITE', 503, 'storage_error'],
    ['SQLITE_IOERR_FSYNC', 503, 'storage_error'],
    ['SQLITE_READONLY_DBMOVED', 503, 'storage_read_only'],
    ['SQLITE_CONSTRAINT_UNIQUE', 500, 'internal'],
  ])('%s answers %i %s', async (code, status, errorCode) => {
    const response = await app.request(`/fail/${code}`);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(errorCode);
    expect(storageFailureOf(new Database.SqliteError('x', code))?.code ?? 'internal').toBe(errorCode);
  });

  it('health reports a disk with less than 1 MB free', () => {
    expect(checkStorage(db, { freeDiskBytes: () => 1000 })).toEqual({ writable: false, code: 'storage_full', reason: 'the disk holding the database has 1,000 bytes free' });
    expect(checkStorage(db, { freeDiskBytes: () => 10 * 1024 * 1024 })).toEqual({ writable: true });
  });
});
