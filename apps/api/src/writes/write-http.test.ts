/** Body limits on every route, and the role checked before any body is read. */
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { serveApp, send, type Answer } from '../auth/test-http';
import { openDatabase, type Db } from '../db/connection';
import { signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let served: Awaited<ReturnType<typeof serveApp>>;
let viewer: TestSession;
let central: TestSession;
let officer: TestSession;

beforeAll(async () => {
  temp = makeTempDir('mttq-body-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  served = await serveApp(createApp({ db }));
  viewer = await signInAs(db, 'viewer');
  central = await signInAs(db, 'central');
  officer = await signInAs(db, 'province', { scheme: 'legacy63', code: '51' });
});
afterAll(async () => {
  await served.close();
  db.close();
  temp.cleanup();
});

const MB = 1024 * 1024;
const hugeJson = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes) });

function post(path: string, session: TestSession | null, body: string | Buffer[], method = 'POST'): Promise<Answer> {
  return send(`${served.origin}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(session?.headers ?? {}) }, body });
}

const TOO_LARGE = {
  error: {
    code: 'payload_too_large',
    message: 'Nội dung gửi lên lớn hơn 64 KB, mức tối đa địa chỉ này nhận; chỉ gửi các trường của địa chỉ này.',
    key: 'write_body_too_large',
    params: { size: '64 KB' },
    details: [],
  },
};

describe('role-gated writes check the role before reading the body', () => {
  it.each([
    ['POST /snapshots', '/snapshots', 'POST', 'admin or central'],
    ['POST /reporting/periods', '/reporting/periods', 'POST', 'admin or central'],
    ['PATCH /reporting/periods/1', '/reporting/periods/1', 'PATCH', 'admin or central'],
    ['POST /reporting/periods/1/reports', '/reporting/periods/1/reports', 'POST', 'admin or central or province'],
    ['POST /pages', '/pages', 'POST', 'admin or central or province'],
  ])('a viewer gets 403 from %s with a bad body, a 1 MB body and a chunked 1 MB body', async (_, path, method, roles) => {
    for (const body of ['{"not": "the fields"', hugeJson(MB), Array.from({ length: 64 }, () => Buffer.alloc(16 * 1024, 'x'))]) {
      const answer = await post(path, viewer, body, method);
      expect(answer.status).toBe(403);
      expect(answer.json().error).toMatchObject({ code: 'forbidden', key: 'auth_role_needed', params: { role: 'viewer' } });
    }
    const english = await post(`${path}?lang=en`, viewer, '{}', method);
    expect(english.json().error.message).toBe(`This needs the role ${roles}; you are signed in as viewer.`);
  });

  it('DELETE /snapshots/{id} is refused to central staff before anything else (403, even for an unknown id)', async () => {
    const answer = await send(`${served.origin}/api/v1/snapshots/999999`, { method: 'DELETE', headers: central.headers });
    expect(answer.status).toBe(403);
  });

  it('signed out, a 1 MB body answers 401 unread', async () => {
    const answer = await post('/snapshots', null, hugeJson(MB));
    expect(answer.status).toBe(401);
  });

  it('for the right role, a body over 64 KB answers 413 naming the limit, declared or chunked', async () => {
    for (const [path, session] of [
      ['/snapshots', central],
      ['/reporting/periods', central],
      ['/reporting/periods/1/reports', officer],
      ['/pages', officer],
    ] as const) {
      const declared = await post(path, session, hugeJson(100 * 1024));
      expect(declared.status).toBe(413);
      expect(declared.json()).toEqual(TOO_LARGE);
      const chunked = await post(path, session, Array.from({ length: 8 }, () => Buffer.alloc(16 * 1024, ' ')));
      expect(chunked.status).toBe(413);
      expect(chunked.json()).toEqual(TOO_LARGE);
    }
  });

  it('for the right role, a bad body under the limit is still a 400 naming the field', async () => {
    const answer = await post('/snapshots', central, JSON.stringify({ name: 'Hội nghị', scheme: 'legacy63', asOf: '2024-02-30', owner: 'front' }));
    expect(answer.status).toBe(400);
    expect(answer.json().error.details.map((d: { path: string }) => d.path)).toContain('asOf');
  });
});

describe('every route has a body limit', () => {
  it.each(['/auth/me', '/units?scheme=legacy63', '/nothing-here'])('POST %s with 1 MB is never read whole', async (path) => {
    const answer = await post(path, central, hugeJson(MB));
    expect([401, 403, 404, 405, 413]).toContain(answer.status);
  });

  it('the import upload keeps its own, larger limit', async () => {
    const boundary = 'mttq-boundary';
    const csv = `scheme,code\n${'legacy63,51\n'.repeat(10_000)}`;
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="pages.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    expect(body.length).toBeGreaterThan(100 * 1024);
    const answer = await send(`${served.origin}/api/v1/imports/dry-run`, {
      method: 'POST',
      headers: { ...officer.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(answer.status).not.toBe(413);
    expect(answer.status).not.toBe(500);
  });
});
