import type { AuditLogEntry } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { newPageBody, openWriteApp, type WriteApp } from '../writes/test-fixture';
import { parseAuditCursor, serializeAuditCursor } from './routes';

let w: WriteApp;
let admin: TestSession;
let central: TestSession;
let officer: TestSession;
let viewer: TestSession;
let pageId: number;

const usernameOf = (session: TestSession) => (w.db.prepare('SELECT username FROM users WHERE id = ?').get(session.userId) as { username: string }).username;

beforeAll(async () => {
  w = openWriteApp();
  [admin, central, officer, viewer] = await Promise.all([
    w.signIn('admin'),
    w.signIn('central'),
    w.signIn('province', { scheme: 'legacy63', code: '01' }),
    w.signIn('viewer'),
  ]);
  // Older rows, dated by hand, for the from / to filters.
  const insert = w.db.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'history', 'update', 'page', 'old-1', '{}', '{}')");
  for (const at of ['2024-01-31T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00.000Z']) insert.run(at);

  const created = await w.send('POST', '/api/v1/pages', newPageBody('mttq.audit'), officer);
  expect(created.status).toBe(201);
  pageId = created.body.id;
  expect((await w.send('PATCH', `/api/v1/pages/${pageId}`, { name: 'MTTQ phường Phúc Xá' }, central)).status).toBe(200);
  expect((await w.send('PUT', `/api/v1/pages/${pageId}/metrics/2024-05`, { followers: 10, posts: 1, interactions: 2 }, officer)).status).toBe(201);
});
afterAll(() => w.close());

const list = async (query: string, session: TestSession = admin) => {
  const answer = await w.get(`/api/v1/audit${query}`, session);
  expect(answer.status).toBe(200);
  return answer.body as { items: AuditLogEntry[]; nextCursor: string | null };
};

describe('GET /audit', () => {
  it('lists writes newest first, with who wrote and the entity before and after', async () => {
    const { items } = await list('?limit=6');
    // The page was live on 01/07/2025, so its creation also carried it to its reform34 commune.
    expect(items.map((e) => [e.action, e.entity])).toEqual([
      ['create', 'metric_snapshot'],
      ['update', 'page'],
      ['create', 'page_assignment'],
      ['create', 'page_status_event'],
      ['create', 'page_assignment'],
      ['create', 'page'],
    ]);
    expect(items[2]).toMatchObject({ entityId: `${pageId}/reform34`, after: { basis: 'crosswalk' } });
    expect(items[1]).toMatchObject({
      username: usernameOf(central),
      userId: central.userId,
      entityId: String(pageId),
      before: { id: pageId, name: 'MTTQ mttq.audit', url: 'https://www.facebook.com/mttq.audit' },
      after: { id: pageId, name: 'MTTQ phường Phúc Xá', url: 'https://www.facebook.com/mttq.audit' },
    });
    expect(items[5]).toMatchObject({ username: usernameOf(officer), before: null, after: { id: pageId, owner: 'front' } });
    expect(items.every((e, i) => i === 0 || e.id < items[i - 1]!.id)).toBe(true);
  });

  it('names what each entry is about: the page, its unit with the province, the account, the file', async () => {
    const { items } = await list('?limit=6');
    const unitName = (scheme: string, code: string) => (w.db.prepare('SELECT name FROM units WHERE scheme = ? AND code = ?').get(scheme, code) as { name: string }).name;
    // The page by its name today, on every entry about it.
    for (const entry of items) expect(entry.subject.page, entry.entity).toEqual({ id: pageId, name: 'MTTQ phường Phúc Xá' });
    const [metric, , reformAssignment, event, directAssignment] = items;
    expect(directAssignment!.subject.unit).toEqual({ scheme: 'legacy63', code: '00001', name: 'Phường Phúc Xá', province: 'Thành phố Hà Nội' });
    const reformCode = (reformAssignment!.after as { unitCode: string }).unitCode;
    expect(reformAssignment!.subject.unit).toEqual({ scheme: 'reform34', code: reformCode, name: unitName('reform34', reformCode), province: 'Thành phố Hà Nội' });
    // A status event or a month names the page's unit in the scheme in force.
    expect(event!.subject.unit?.province).toBe('Thành phố Hà Nội');
    expect(metric!.subject.unit).toEqual(event!.subject.unit);
    expect(items.every((e) => e.subject.user === null && e.subject.label === null)).toBe(true);

    // Entries that carry only an id: an event found through page_status_events, an account, an import's file.
    const eventId = event!.entityId!;
    const insert = w.db.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'archive', ?, ?, ?, NULL, ?)");
    insert.run('2024-03-02T00:00:00.000Z', 'update', 'page_status_event', eventId, null);
    insert.run('2024-03-02T00:00:01.000Z', 'reset_password', 'user', String(officer.userId), null);
    insert.run('2024-03-02T00:00:02.000Z', 'import', 'import', '0b7c6a52-1d0e-4c55-9a8e-5f3c3f1f9e11', JSON.stringify({ file: 'ha-noi-2024-05.xlsx' }));
    const byHand = (await list('?username=archive')).items;
    expect(byHand.map((e) => e.subject)).toEqual([
      { page: null, unit: null, user: null, label: 'ha-noi-2024-05.xlsx' },
      { page: null, unit: null, user: { id: officer.userId, username: usernameOf(officer) }, label: null },
      { page: { id: pageId, name: 'MTTQ phường Phúc Xá' }, unit: event!.subject.unit, user: null, label: null },
    ]);
  });

  it('filters by entity and id, and by username ignoring case', async () => {
    const page = await list(`?entity=page&entityId=${pageId}`);
    expect(page.items.map((e) => e.action)).toEqual(['update', 'create']);
    const byOfficer = await list(`?username=${usernameOf(officer).toUpperCase()}`, central);
    expect(byOfficer.items.map((e) => e.entity).sort()).toEqual(['metric_snapshot', 'page', 'page_assignment', 'page_assignment', 'page_status_event']);
    expect((await list('?entity=no_such_entity')).items).toEqual([]);
  });

  it.each([
    ['?from=2024-02-01&to=2024-02-29', ['2024-02-29T23:59:59.999Z', '2024-02-01T00:00:00.000Z']],
    ['?from=2024-02-01&to=2024-02-01', ['2024-02-01T00:00:00.000Z']],
    ['?to=2024-01-31', ['2024-01-31T23:59:59.999Z']],
    ['?from=2024-03-01&username=history', ['2024-03-01T00:00:00.000Z']],
  ])('takes from and to as whole UTC days, both included: %s', async (query, ats) => {
    expect((await list(query)).items.map((e) => e.at)).toEqual(ats);
  });

  it('pages through everything with nextCursor, each entry once, newest first', async () => {
    const all = (await list('?limit=200')).items;
    const walked: AuditLogEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: AuditLogEntry[]; nextCursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('shows a write made after the same URL was read', async () => {
    const before = await list('?limit=1');
    expect((await w.send('PUT', `/api/v1/pages/${pageId}/metrics/2024-06`, { followers: 11, posts: 0, interactions: 0 }, officer)).status).toBe(201);
    const after = await list('?limit=1');
    expect(after.items[0]!.id).toBeGreaterThan(before.items[0]!.id);
    expect(after.items[0]).toMatchObject({ entity: 'metric_snapshot', entityId: `${pageId}/2024-06` });
  });

  it.each([
    ['?cursor=not-a-cursor', 'cursor'],
    [`?cursor=${Buffer.from('page:12').toString('base64url')}`, 'cursor'],
    ['?from=2024-03-01&to=2024-02-01', 'to'],
    ['?from=2024-02-30', 'from'],
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?sort=asc', 'sort'],
  ])('answers 400 naming the parameter for %s', async (query, path) => {
    const answer = await w.get(`/api/v1/audit${query}`, admin);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('says what is wrong with the dates and the cursor in Vietnamese, and in English on request', async () => {
    const dates = await w.get('/api/v1/audit?from=2024-03-01&to=2024-02-01', admin);
    expect(dates.body.error.details).toEqual([expect.objectContaining({ path: 'to', key: 'audit_to_before_from', message: 'ngày 01/02/2024 trước ngày from (01/03/2024)' })]);
    const english = await w.get('/api/v1/audit?from=2024-03-01&to=2024-02-01&lang=en', admin);
    expect(english.body.error.details[0].message).toBe('2024-02-01 is before from (2024-03-01)');
    const cursor = await w.get('/api/v1/audit?cursor=not-a-cursor', admin);
    expect(cursor.body.error.details[0]).toMatchObject({ key: 'audit_bad_cursor', message: expect.stringMatching(/^không phải con trỏ của địa chỉ này/) });
  });

  it('is for admins and central staff only: 403 for officers and viewers, 401 signed out', async () => {
    expect((await w.get('/api/v1/audit?entity=page&limit=3', officer)).status).toBe(403);
    const forViewer = await w.get('/api/v1/audit?entity=page&limit=4', viewer);
    expect(forViewer.status).toBe(403);
    expect(forViewer.body.error).toMatchObject({ key: 'auth_role_needed', message: expect.stringContaining('quản trị viên hoặc cán bộ Trung ương') });
    expect((await w.get('/api/v1/audit?entity=page&limit=6')).status).toBe(401);
  });

  it('tells browsers and proxies not to keep the answer', async () => {
    const response = await w.app.request('/api/v1/audit?limit=1', { headers: admin.headers });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  // http/response-cache.ts keys GET answers by URL alone and runs before this route's role
  // check. It passes once the cache skips per-user answers: e.g. response-cache.ts storing
  // nothing whose cache-control says no-store (this route sends 'private, no-store'), or
  // session-middleware.ts giving /api/v1/audit the private cache /api/v1/auth/ already gets.
  it("never hands an admin's answer from the shared response cache to a viewer or a signed-out reader", async () => {
    const path = '/api/v1/audit?limit=7';
    expect((await w.get(path, admin)).status).toBe(200);
    expect((await w.get(path, viewer)).status).toBe(403);
    expect((await w.get(path)).status).toBe(401);
  });
});

describe('audit cursors', () => {
  it('round-trip: parse(serialize(id)) is id', () => {
    for (const id of [1, 42, 9_007_199_254_740]) expect(parseAuditCursor(serializeAuditCursor(id))).toBe(id);
  });
});
