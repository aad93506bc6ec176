/** Who recorded a page's status events: usernames for admins and central staff only. */
import { copyFileSync } from 'node:fs';
import { pageDetailSchema } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { serveApp, send } from '../auth/test-http';
import { createUser } from '../auth/users';
import { openDatabase, type Db } from '../db/connection';
import { signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let served: Awaited<ReturnType<typeof serveApp>>;
let pageId: number;
const readers: Record<'admin' | 'central' | 'officer' | 'recorder' | 'viewer', TestSession> = {} as never;

beforeAll(async () => {
  temp = makeTempDir('mttq-recorded-by-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  // Dashboards readable signed out (PUBLIC_READ=1): the widest audience.
  served = await serveApp(createApp({ db, publicRead: true }));
  readers.admin = await signInAs(db, 'admin', null, 'an-admin');
  readers.central = await signInAs(db, 'central', null, 'ban-thuong-truc-1');
  readers.officer = await signInAs(db, 'province', { scheme: 'legacy63', code: '01' }, 'officer-hanoi');
  readers.recorder = await signInAs(db, 'province', { scheme: 'legacy63', code: '51' }, 'officer-quangngai');
  readers.viewer = await signInAs(db, 'viewer', null, 'a-viewer');
  // The demo account 'central' stands for the demo events recorded as demo:central.
  await createUser(db, { username: 'central', password: 'demo-password', role: 'central' });
  pageId = db.prepare("SELECT page_id FROM page_status_events WHERE recorded_by = 'demo:central' ORDER BY page_id LIMIT 1").pluck().get() as number;
  const insert = db.prepare("INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at, note) VALUES (?, 'reported', '2026-11-01', ?, '2026-11-01T00:00:00Z', ?)");
  insert.run(pageId, 'officer-quangngai', 'by the officer');
  insert.run(pageId, 'Ban-Thuong-Truc-1', 'by central staff');
  insert.run(pageId, 'a-deleted-account', 'by someone gone');
});
afterAll(async () => {
  await served.close();
  db.close();
  temp.cleanup();
});

/** recordedBy of the events added above and of the first demo:central event, as `reader` sees them. */
async function recordersSeenBy(reader: TestSession | null): Promise<Record<string, string>> {
  const answer = await send(`${served.origin}/api/v1/pages/${pageId}`, { headers: reader?.headers ?? {} });
  expect(answer.status).toBe(200);
  expect(answer.headers['cache-control']).toBe('private');
  const body = pageDetailSchema.parse(answer.json());
  const byNote = Object.fromEntries(body.history.filter((e) => e.note?.startsWith('by ')).map((e) => [e.note!, e.recordedBy]));
  // The history is in the stored order: find the first demo:central event by its position.
  const stored = db.prepare('SELECT recorded_by FROM page_status_events WHERE page_id = ? ORDER BY effective_on, id').pluck().all(pageId) as string[];
  expect(body.history).toHaveLength(stored.length);
  const demo = body.history[stored.indexOf('demo:central')];
  return { ...byNote, demo: demo?.recordedBy ?? '(none)' };
}

describe('GET /pages/{id} recordedBy', () => {
  it('shows admins and central staff the usernames, in any order of requests (never from the response cache)', async () => {
    const named = { 'by the officer': 'officer-quangngai', 'by central staff': 'Ban-Thuong-Truc-1', 'by someone gone': 'a-deleted-account', demo: 'demo:central' };
    expect(await recordersSeenBy(readers.central)).toEqual(named);
    expect(await recordersSeenBy(null)).toEqual({ 'by the officer': 'Cán bộ tỉnh', 'by central staff': 'Ban Thường trực', 'by someone gone': 'Cán bộ', demo: 'Ban Thường trực' });
    expect(await recordersSeenBy(readers.admin)).toEqual(named);
  });

  it.each([
    ['signed out', null],
    ['a viewer', 'viewer'],
    ['a province officer', 'officer'],
  ] as const)('shows %s only the role of the recording account', async (_, reader) => {
    expect(await recordersSeenBy(reader ? readers[reader] : null)).toEqual({
      'by the officer': 'Cán bộ tỉnh',
      'by central staff': 'Ban Thường trực',
      'by someone gone': 'Cán bộ',
      demo: 'Ban Thường trực',
    });
  });

  it('shows the recorder their own username, and the role of the others', async () => {
    expect(await recordersSeenBy(readers.recorder)).toEqual({
      'by the officer': 'officer-quangngai',
      'by central staff': 'Ban Thường trực',
      'by someone gone': 'Cán bộ',
      demo: 'Ban Thường trực',
    });
  });
});
