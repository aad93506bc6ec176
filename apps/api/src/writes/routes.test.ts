import type { SchemeId } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { newPageBody, openWriteApp, WRITE_TODAY, type WriteApp } from './test-fixture';

let w: WriteApp;
let admin: TestSession;
let central: TestSession;
/** Province officer of Hà Nội (legacy63 01), and of Hồ Chí Minh City (legacy63 79). */
let hanoi: TestSession;
let saigon: TestSession;
let hanoi34: TestSession;

beforeAll(async () => {
  w = openWriteApp();
  [admin, central, hanoi, saigon, hanoi34] = await Promise.all([
    w.signIn('admin'),
    w.signIn('central'),
    w.signIn('province', { scheme: 'legacy63', code: '01' }),
    w.signIn('province', { scheme: 'legacy63', code: '79' }),
    w.signIn('province', { scheme: 'reform34', code: '01' }),
  ]);
});
afterAll(() => w.close());

const usernameOf = (session: TestSession) =>
  (w.db.prepare('SELECT username FROM users WHERE id = ?').get(session.userId) as { username: string }).username;

/** Creates a page as admin and returns its id. */
async function addPage(handle: string, unit: { scheme: SchemeId; code: string } = { scheme: 'legacy63', code: '00001' }, launchedOn = '2022-03-01'): Promise<number> {
  const { status, body } = await w.send('POST', '/api/v1/pages', newPageBody(handle, unit, launchedOn), admin);
  expect(status).toBe(201);
  return body.id;
}

const auditRows = (entity: string, entityId: string) =>
  (w.db.prepare('SELECT action, username, before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, entityId) as {
    action: string;
    username: string;
    before_json: string | null;
    after_json: string | null;
  }[]).map((row) => ({ ...row, before: row.before_json && JSON.parse(row.before_json), after: row.after_json && JSON.parse(row.after_json) }));

describe('POST /pages', () => {
  it('adds a page inside the officer\'s province, normalises its URL, assigns it and records it as reported today', async () => {
    const { status, body } = await w.send(
      'POST',
      '/api/v1/pages',
      {
        platform: 'facebook',
        url: 'http://m.facebook.com/MTTQ.PhuongTrucBach/?ref=page_internal&fbclid=IwAR0#about',
        name: '  Ủy ban MTTQ phường Trúc Bạch  ',
        launchedOn: '2021-11-15',
        unit: { scheme: 'legacy63', code: '00004' },
        platformId: '100064123456789',
      },
      hanoi,
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: 'Ủy ban MTTQ phường Trúc Bạch',
      platform: 'facebook',
      url: 'https://www.facebook.com/mttq.phuongtrucbach',
      platformId: '100064123456789',
      owner: 'front',
      launchedOn: '2021-11-15',
      demo: false,
      // Live on 01/07/2025, so also carried to the commune Trúc Bạch became.
      assignments: [
        { scheme: 'legacy63', code: '00004', name: 'Phường Trúc Bạch', level: 'commune', basis: 'direct' },
        { scheme: 'reform34', code: '00004', name: 'Phường Ba Đình', level: 'commune', basis: 'crosswalk' },
      ],
      history: [{ status: 'reported', effectiveOn: WRITE_TODAY, recordedBy: usernameOf(hanoi), note: null }],
      metrics: [],
    });
    // The recorder reads their own name; a signed-out reader only the role.
    const read = await w.get(`/api/v1/pages/${body.id}`, hanoi);
    // The page's screen also says where each monthly figure came from: none yet.
    const { monthlySources, ...detail } = read.body;
    expect(monthlySources).toEqual([]);
    expect(detail).toEqual(body);
    expect((await w.get(`/api/v1/pages/${body.id}`)).body.history[0].recordedBy).toBe('Cán bộ tỉnh');
  });

  it('stores markup and SQL-looking names literally and gives them back as typed', async () => {
    const names = ['<script>alert("x")</script><img src=x onerror=alert(1)>', "Robert'); DROP TABLE pages;--", 'MTTQ "xã" 100% _%\\'];
    for (const [i, name] of names.entries()) {
      const created = await w.send('POST', '/api/v1/pages', { ...newPageBody(`literal.${i}`), name }, hanoi);
      expect(created.status).toBe(201);
      const read = await w.get(`/api/v1/pages/${created.body.id}`);
      expect(read.body.name).toBe(name);
    }
    expect((w.db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n).toBeGreaterThanOrEqual(3);
  });

  it('answers 409 naming the existing page when the normalised URL is taken', async () => {
    const id = await addPage('mttq.duplicate');
    const { status, body } = await w.send('POST', '/api/v1/pages', { ...newPageBody('x'), url: 'https://fb.com/MTTQ.Duplicate/?utm_source=zalo' }, central);
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'conflict', key: 'write_url_taken', params: { id: String(id), name: 'MTTQ mttq.duplicate', url: 'https://www.facebook.com/mttq.duplicate' } });
    expect(body.error.message).toBe(`Trang ${id} “MTTQ mttq.duplicate” đã có địa chỉ https://www.facebook.com/mttq.duplicate; hãy sửa trang đó thay vì thêm lại.`);
    const english = await w.send('POST', '/api/v1/pages?lang=en', { ...newPageBody('x'), url: 'https://fb.com/MTTQ.Duplicate/' }, central);
    expect(english.body.error.message).toBe(`Page ${id} "MTTQ mttq.duplicate" already has the address https://www.facebook.com/mttq.duplicate; edit that page instead of adding it again.`);
  });

  it('answers 409 when another page of the platform has the platform id', async () => {
    const first = await w.send('POST', '/api/v1/pages', { ...newPageBody('pid.one'), platformId: '777' }, admin);
    expect(first.status).toBe(201);
    const second = await w.send('POST', '/api/v1/pages', { ...newPageBody('pid.two'), platformId: '777' }, admin);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ key: 'write_platform_id_taken', params: { id: String(first.body.id), platformId: '777' } });
  });

  it.each([
    ['javascript:alert(1)', /^url: phải là địa chỉ http\(s\)/],
    ['data:text/html;base64,PHNjcmlwdD4=', /^url: phải là địa chỉ http\(s\)/],
    ['file:///etc/passwd', /^url: phải là địa chỉ http\(s\)/],
    ['https://mttq.example.vn/trang', /^url: phải là địa chỉ trên facebook\.com \(www\., m\., web\.\), fb\.com với nền tảng facebook/],
    ['https://www.tiktok.com/@mttq', /^url: là địa chỉ tiktok; hãy chọn nền tảng tiktok/],
  ])('answers 400 for the address %s', async (url, message) => {
    const { status, body } = await w.send('POST', '/api/v1/pages', { ...newPageBody('bad'), url }, admin);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(message);
    expect(body.error.details[0].path).toBe('url');
  });

  it.each([
    ['a launch in the future', { launchedOn: '2026-11-28' }, 'launchedOn', 'write_date_in_future', /^ngày 28\/11\/2026 còn ở tương lai; hôm nay là 27\/11\/2026$/],
    ['a launch that is not a date', { launchedOn: '2022-02-30' }, 'launchedOn', null, /./],
    ['a legacy63 unit for a page launched after the reform', { launchedOn: '2025-07-01' }, 'unit.scheme', 'write_scheme_ended', /^legacy63 đã kết thúc ngày 30\/06\/2025/],
    ['a unit the scheme does not have', { unit: { scheme: 'reform34', code: '001' } }, 'unit.code', 'write_unit_not_in_scheme', /^001 không phải là đơn vị của reform34/],
    ['an empty name', { name: '   ' }, 'name', null, /không được để trống/],
    ['a name as a number', { name: 42 }, 'name', null, /văn bản/],
    ['an unknown platform', { platform: 'website' }, 'platform', null, /facebook, zalo, tiktok, youtube/],
    ['an unknown owner', { owner: 'party' }, 'owner', null, /front/],
    ['an unknown field', { status: 'verified' }, 'status', null, /kiểm tra chính tả/],
  ])('answers 400 naming the field for %s', async (_, change, path, key, message) => {
    const { status, body } = await w.send('POST', '/api/v1/pages', { ...newPageBody('fields'), ...change }, admin);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    // key null: the request's validation answers it, in words of its own.
    expect(body.error.details).toContainEqual(expect.objectContaining({ path, ...(key ? { key } : {}), message: expect.stringMatching(message) }));
  });

  it('lets an officer of another province add nothing in Hà Nội (403), and a reform34 officer use reform34 units and their legacy63 predecessors', async () => {
    const outside = await w.send('POST', '/api/v1/pages', newPageBody('saigon.in.hanoi'), saigon);
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ key: 'scope_outside', message: expect.stringContaining('legacy63:79') });
    const predecessor = await w.send('POST', '/api/v1/pages', newPageBody('r34.in.legacy'), hanoi34);
    expect(predecessor.status).toBe(201);
    const otherPredecessor = await w.send('POST', '/api/v1/pages', newPageBody('r34.in.saigon', { scheme: 'legacy63', code: '26734' }), hanoi34);
    expect(otherPredecessor.status).toBe(403);
    expect(otherPredecessor.body.error.message).toContain('Phạm vi của bạn là reform34:01 (Thành phố Hà Nội); legacy63:26734 nằm ngoài phạm vi đó.');
    const inside = await w.send('POST', '/api/v1/pages', newPageBody('r34.ok', { scheme: 'reform34', code: '00004' }, '2025-08-01'), hanoi34);
    expect(inside.status).toBe(201);
    expect(inside.body.assignments).toEqual([{ scheme: 'reform34', code: '00004', name: 'Phường Ba Đình', level: 'commune', basis: 'direct' }]);
  });

  it('stores the page, its assignment and its reported event in the audit log, with the entity after', async () => {
    const id = await addPage('audited');
    expect(auditRows('page', String(id))).toEqual([
      expect.objectContaining({ action: 'create', username: usernameOf(admin), before: null, after: expect.objectContaining({ id, url: 'https://www.facebook.com/audited' }) }),
    ]);
    expect(auditRows('page_assignment', `${id}/legacy63`)).toHaveLength(1);
    const event = w.db.prepare('SELECT id FROM page_status_events WHERE page_id = ?').get(id) as { id: number };
    expect(auditRows('page_status_event', String(event.id))[0]!.after).toMatchObject({ pageId: id, status: 'reported', effectiveOn: WRITE_TODAY });
  });

  it('shows a new page for an uncovered commune in the coverage of its district at once', async () => {
    const path = '/api/v1/coverage?scheme=legacy63&asOf=2025-06-30&parent=002';
    const before = await w.get(path);
    const row = (body: any) => body.rows.find((r: { code: string }) => r.code === '00037');
    expect(row(before.body)).toMatchObject({ covered: false, pages: 0 });
    expect(before.body.levels.commune.covered).toBe(0);

    const created = await w.send('POST', '/api/v1/pages', newPageBody('mttq.phuctan', { scheme: 'legacy63', code: '00037' }, '2022-01-10'), hanoi);
    expect(created.status).toBe(201);
    const after = await w.get(path);
    expect(row(after.body)).toMatchObject({ covered: true, pages: 1 });
    expect(after.body.levels.commune.covered).toBe(1);
    const district = await w.get('/api/v1/coverage?scheme=legacy63&asOf=2025-06-30&parent=01&level=district');
    expect(district.body.rows.find((r: { code: string }) => r.code === '002').descendants.commune.covered).toBe(1);
  });
});

describe('the edges of every write', () => {
  const post = (init: RequestInit) => w.app.request('/api/v1/pages', { method: 'POST', ...init });

  it('answers malformed JSON with a 400 envelope, not a 500', async () => {
    const response = await post({ headers: { 'content-type': 'application/json', ...admin.headers }, body: '{"platform": "facebook",' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: 'bad_request', details: [] });
  });

  it.each([
    ['a JSON array', '[]'],
    ['a JSON string', '"page"'],
    ['null', 'null'],
  ])('answers %s instead of an object with 400', async (_, body) => {
    const response = await post({ headers: { 'content-type': 'application/json', ...admin.headers }, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('bad_request');
  });

  it('answers a __proto__ key like any unknown field: 400, nothing polluted', async () => {
    const body = `{"__proto__":{"isAdmin":true},${JSON.stringify(newPageBody('proto')).slice(1)}`;
    const response = await post({ headers: { 'content-type': 'application/json', ...admin.headers }, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.details).toEqual([expect.objectContaining({ path: '__proto__', message: expect.stringContaining('kiểm tra chính tả') })]);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });

  it('answers a body over 64 KB with 413 before reading it as JSON', async () => {
    const body = JSON.stringify({ ...newPageBody('big'), name: 'x'.repeat(70 * 1024) });
    const response = await post({ headers: { 'content-type': 'application/json', ...admin.headers }, body });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('64 KB') });
  });

  it('takes a body just under 64 KB to validation (a too-long name is a 400, not a 413)', async () => {
    const body = JSON.stringify({ ...newPageBody('almost'), name: 'x'.repeat(60 * 1024) });
    const response = await post({ headers: { 'content-type': 'application/json', ...admin.headers }, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.details).toEqual([expect.objectContaining({ path: 'name', params: { max: 300 }, message: expect.stringMatching(/300 ký tự/) })]);
  });

  it('answers a form post with 415 naming the content type to send', async () => {
    const response = await post({ headers: { 'content-type': 'application/x-www-form-urlencoded', ...admin.headers }, body: 'name=x' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as any).error).toMatchObject({
      key: 'write_json_body_got',
      params: { type: 'application/x-www-form-urlencoded' },
      message: 'Hãy gửi nội dung dạng JSON, với tiêu đề content-type: application/json (đã nhận application/x-www-form-urlencoded).',
    });
  });

  it('answers 401 without a session and 403 without the CSRF header, writing nothing', async () => {
    const count = () => (w.db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    const before = count();
    const signedOut = await w.send('POST', '/api/v1/pages', newPageBody('nosession'));
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error.code).toBe('unauthorized');
    const { 'x-csrf-token': _, ...cookieOnly } = admin.headers;
    const noCsrf = await post({ headers: { 'content-type': 'application/json', ...cookieOnly }, body: JSON.stringify(newPageBody('nocsrf')) });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as any).error.code).toBe('csrf');
    const wrongCsrf = await post({ headers: { 'content-type': 'application/json', ...admin.headers, 'x-csrf-token': 'forged' }, body: JSON.stringify(newPageBody('nocsrf')) });
    expect(wrongCsrf.status).toBe(403);
    expect(count()).toBe(before);
  });

  it.each([
    ['PATCH', '/api/v1/pages/999999', { name: 'x' }],
    ['PUT', '/api/v1/pages/999999/assignments/legacy63', { unitCode: '00001' }],
    ['POST', '/api/v1/pages/999999/events', { status: 'reported', effectiveOn: '2024-01-01' }],
    ['PUT', '/api/v1/pages/999999/metrics/2024-01', { followers: 1, posts: 1, interactions: 1 }],
  ])('answers %s %s for an unknown page with 404', async (method, path, body) => {
    const { status, body: answer } = await w.send(method, path, body, admin);
    expect(status).toBe(404);
    expect(answer.error).toMatchObject({ key: 'page_not_found', params: { id: '999999' }, message: 'Không có trang nào mã 999999. Tra mã trang bằng GET /api/v1/pages.' });
  });

  it('lists every write in the OpenAPI document with its request body', async () => {
    const spec = (await w.get('/api/openapi.json')).body;
    expect(spec.paths['/pages'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(spec.paths['/pages/{id}'].patch.requestBody.required).toBe(true);
    expect(spec.paths['/pages/{id}/assignments/{scheme}'].put.requestBody).toBeDefined();
    expect(spec.paths['/pages/{id}/events'].post.responses['409']).toBeDefined();
    expect(spec.paths['/pages/{id}/metrics/{month}'].put.responses['201']).toBeDefined();
    expect(spec.paths['/audit'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['entity', 'entityId', 'username', 'from', 'to', 'limit', 'cursor', 'lang']);
  });
});

describe('PATCH /pages/{id}', () => {
  it('changes the name and URL, and audits the page before and after', async () => {
    const id = await addPage('mttq.old');
    const { status, body } = await w.send('PATCH', `/api/v1/pages/${id}`, { name: 'MTTQ mới', url: 'facebook.com/MTTQ.New?mibextid=abc' }, hanoi);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id, name: 'MTTQ mới', url: 'https://www.facebook.com/mttq.new' });
    const [row] = auditRows('page', String(id)).filter((r) => r.action === 'update');
    expect(row!.before).toMatchObject({ name: 'MTTQ mttq.old', url: 'https://www.facebook.com/mttq.old' });
    expect(row!.after).toMatchObject({ name: 'MTTQ mới', url: 'https://www.facebook.com/mttq.new' });
  });

  it('checks the stored URL again when only the platform changes', async () => {
    const id = await addPage('mttq.platform');
    const { status, body } = await w.send('PATCH', `/api/v1/pages/${id}`, { platform: 'zalo' }, admin);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ path: 'url', key: 'url_other_platform', params: expect.objectContaining({ other: 'facebook', platform: 'zalo' }) })]);
    const both = await w.send('PATCH', `/api/v1/pages/${id}`, { platform: 'zalo', url: 'zalo.me/123456' }, admin);
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ platform: 'zalo', url: 'https://zalo.me/123456' });
  });

  it('answers 409 when the new URL is another page\'s', async () => {
    const first = await addPage('mttq.taken');
    const second = await addPage('mttq.free');
    const { status, body } = await w.send('PATCH', `/api/v1/pages/${second}`, { url: 'https://www.facebook.com/mttq.taken/' }, admin);
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ key: 'write_url_taken', params: { id: String(first) } });
  });

  it('keeps the launch date on or before the first event and in the scheme', async () => {
    const id = await addPage('mttq.launch', undefined, '2022-01-01');
    await w.send('POST', `/api/v1/pages/${id}/events`, { status: 'closed', effectiveOn: '2023-05-01' }, admin);
    const late = await w.send('PATCH', `/api/v1/pages/${id}`, { launchedOn: '2023-06-01' }, admin);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('Trang có trạng thái “đã đóng” ngày 01/05/2023, trước ngày 01/06/2023; ngày ra mắt phải trùng hoặc trước trạng thái đầu tiên của trang.');
    const earlier = await w.send('PATCH', `/api/v1/pages/${id}`, { launchedOn: '2021-12-01' }, admin);
    expect(earlier.status).toBe(200);
    expect(earlier.body.launchedOn).toBe('2021-12-01');
  });

  it('answers 400 for an empty body, and 403 for an officer of another province', async () => {
    const id = await addPage('mttq.patchscope');
    const empty = await w.send('PATCH', `/api/v1/pages/${id}`, {}, admin);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('bad_request');
    const outside = await w.send('PATCH', `/api/v1/pages/${id}`, { name: 'x' }, saigon);
    expect(outside.status).toBe(403);
  });

  it('lets a reform34 officer edit a page of their province that has only its legacy63 unit, and no officer of another province', async () => {
    const id = await addPage('mttq.legacyonly');
    expect((await w.send('PATCH', `/api/v1/pages/${id}`, { name: 'MTTQ phường Phúc Xá' }, hanoi34)).status).toBe(200);
    const { status, body } = await w.send('PATCH', `/api/v1/pages/${id}`, { name: 'x' }, saigon);
    expect(status).toBe(403);
    expect(body.error.message).toContain(`trang ${id}, của đơn vị legacy63:00001, nằm ngoài phạm vi đó`);
    const english = await w.send('PATCH', `/api/v1/pages/${id}?lang=en`, { name: 'x' }, saigon);
    expect(english.body.error.message).toContain(`page ${id}, of unit legacy63:00001, is outside it`);
  });

  it('writes no audit row when nothing changes', async () => {
    const id = await addPage('mttq.same');
    const before = auditRows('page', String(id)).length;
    const { status } = await w.send('PATCH', `/api/v1/pages/${id}`, { name: 'MTTQ mttq.same' }, admin);
    expect(status).toBe(200);
    expect(auditRows('page', String(id))).toHaveLength(before);
  });
});

describe('PUT /pages/{id}/assignments/{scheme}', () => {
  it('assigns a page to a reform34 unit with basis manual, then reassigns it, auditing both', async () => {
    const id = await addPage('mttq.assign');
    // Created live on 01/07/2025: carried to the commune Phúc Xá became (Hồng Hà); a person may correct that.
    expect(auditRows('page_assignment', `${id}/reform34`).map((r) => [r.action, r.after.unitCode, r.after.basis])).toEqual([['create', '00097', 'crosswalk']]);
    const first = await w.send('PUT', `/api/v1/pages/${id}/assignments/reform34`, { unitCode: '00004' }, central);
    expect(first.status).toBe(200);
    expect(first.body.assignments).toEqual([
      { scheme: 'legacy63', code: '00001', name: 'Phường Phúc Xá', level: 'commune', basis: 'direct' },
      { scheme: 'reform34', code: '00004', name: 'Phường Ba Đình', level: 'commune', basis: 'manual' },
    ]);
    const second = await w.send('PUT', `/api/v1/pages/${id}/assignments/reform34`, { unitCode: '00097' }, hanoi34);
    expect(second.status).toBe(200);
    expect(second.body.assignments[1]).toMatchObject({ code: '00097', name: 'Phường Hồng Hà', basis: 'manual' });
    expect(auditRows('page_assignment', `${id}/reform34`).map((r) => [r.action, r.before?.unitCode ?? null, r.after.unitCode])).toEqual([
      ['create', null, '00097'],
      ['update', '00097', '00004'],
      ['update', '00004', '00097'],
    ]);
    const pages = await w.get('/api/v1/pages?scheme=reform34&parent=00097');
    expect(pages.body.items.map((p: { id: number }) => p.id)).toContain(id);
  });

  it('lets no officer move a page out of their province or take one from another', async () => {
    const id = await addPage('mttq.move');
    const out = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy63`, { unitCode: '26734' }, hanoi);
    expect(out.status).toBe(403);
    expect(out.body.error.message).toContain('legacy63:26734 nằm ngoài phạm vi đó');
    const take = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy63`, { unitCode: '26734' }, saigon);
    expect(take.status).toBe(403);
    expect(take.body.error.params).toMatchObject({ what: { key: 'page_scope_of_unit', params: { id: String(id), unit: 'legacy63:00001' } } });
    const inside = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy63`, { unitCode: '00004' }, hanoi);
    expect(inside.status).toBe(200);
    expect(inside.body.assignments[0]).toMatchObject({ code: '00004', basis: 'manual' });
  });

  it('answers 400 for a unit the scheme lacks, an unknown scheme, and a legacy63 unit after the reform', async () => {
    const id = await addPage('mttq.badunit');
    const unknown = await w.send('PUT', `/api/v1/pages/${id}/assignments/reform34`, { unitCode: '001' }, admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'unitCode', key: 'write_unit_not_in_scheme', params: { code: '001', scheme: 'reform34' } })]);
    const scheme = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy99`, { unitCode: '00001' }, admin);
    expect(scheme.status).toBe(400);
    expect(scheme.body.error.details[0].path).toBe('scheme');
    const late = await addPage('mttq.late', { scheme: 'reform34', code: '00004' }, '2025-09-01');
    const legacy = await w.send('PUT', `/api/v1/pages/${late}/assignments/legacy63`, { unitCode: '00001' }, admin);
    expect(legacy.status).toBe(400);
    expect(legacy.body.error.details).toEqual([expect.objectContaining({ path: 'scheme', key: 'write_scheme_ended', message: expect.stringContaining('đã kết thúc ngày 30/06/2025') })]);
  });
});

describe('POST /pages/{id}/events', () => {
  const event = (id: number, body: object, session: TestSession) => w.send('POST', `/api/v1/pages/${id}/events`, body, session);

  it('lets central staff reject with a reason the province then reads in the page history', async () => {
    const id = await addPage('mttq.rejectme');
    const rejected = await event(id, { status: 'rejected', effectiveOn: '2024-02-01', note: 'Trang cá nhân, không phải trang của Ủy ban' }, central);
    expect(rejected.status).toBe(201);
    const seen = await w.get(`/api/v1/pages/${id}`, hanoi);
    // A province officer reads who recorded it by role, not by username.
    expect(seen.body.history).toContainEqual({ status: 'rejected', effectiveOn: '2024-02-01', recordedBy: 'Ban Thường trực', note: 'Trang cá nhân, không phải trang của Ủy ban' });
    const list = await w.get('/api/v1/pages?scheme=legacy63&asOf=2025-06-30&status=rejected&parent=00001');
    expect(list.body.items.map((p: { id: number }) => p.id)).toContain(id);
  });

  it.each([
    ['verified', {}],
    ['rejected', { note: 'không đúng' }],
  ])('answers 403 when a province officer records %s', async (status, extra) => {
    const id = await addPage(`mttq.review.${status}`);
    const { status: code, body } = await event(id, { status, effectiveOn: '2024-01-01', ...extra }, hanoi);
    expect(code).toBe(403);
    expect(body.error).toMatchObject({ code: 'forbidden', key: 'page_review_central_only', params: { status: { key: `page_status_${status}`, params: {} } } });
  });

  it.each([
    ['a rejection without a reason', { status: 'rejected', effectiveOn: '2024-01-01' }, 'note', 'page_reject_needs_note', /lý do từ chối/],
    ['a rejection with only spaces as reason', { status: 'rejected', effectiveOn: '2024-01-01', note: '   ' }, 'note', 'page_reject_needs_note', /lý do từ chối/],
    ['a date in the future', { status: 'closed', effectiveOn: '2026-11-28' }, 'effectiveOn', 'write_date_in_future', /còn ở tương lai/],
    ['a date before the launch', { status: 'closed', effectiveOn: '2022-02-28' }, 'effectiveOn', 'write_before_launch', /^ngày 28\/02\/2022 trước ngày trang ra mắt 01\/03\/2022$/],
    ['active, which comes from metrics', { status: 'active', effectiveOn: '2024-01-01' }, 'status', null, /reported, verified, rejected, closed, reopened/],
  ])('answers 400 for %s', async (_, body, path, key, message) => {
    const id = await addPage(`mttq.bad.${path}.${Math.random().toString(36).slice(2, 7)}`);
    const answer = await event(id, body, central);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toContainEqual(expect.objectContaining({ path, ...(key ? { key } : {}), message: expect.stringMatching(message) }));
  });

  it('closes only a live page and reopens only a closed one (409 otherwise), and coverage follows', async () => {
    const id = await addPage('mttq.lifecycle', { scheme: 'legacy63', code: '00043' }, '2022-01-01');
    const coverage = async (asOf: string) =>
      (await w.get(`/api/v1/coverage?scheme=legacy63&asOf=${asOf}&parent=002`)).body.rows.find((r: { code: string }) => r.code === '00043').covered;
    expect(await coverage('2024-06-30')).toBe(true);

    expect((await event(id, { status: 'reopened', effectiveOn: '2024-01-01' }, hanoi)).body.error).toMatchObject({ key: 'page_reopen_live', params: { id: String(id) }, message: expect.stringContaining('đang hoạt động ngày 01/01/2024') });
    expect((await event(id, { status: 'closed', effectiveOn: '2024-03-01', note: 'Ngừng hoạt động' }, hanoi)).status).toBe(201);
    expect(await coverage('2024-06-30')).toBe(false);
    expect(await coverage('2024-02-29')).toBe(true);

    const again = await event(id, { status: 'closed', effectiveOn: '2024-04-01' }, hanoi);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`Trang ${id} không thể chuyển sang “đã đóng” ngày 01/04/2024: trang đã chuyển sang “đã đóng” ngày 01/03/2024; không cần làm gì thêm.`);
    const english = await w.send('POST', `/api/v1/pages/${id}/events`, { status: 'closed', effectiveOn: '2024-04-01' }, { ...hanoi, headers: { ...hanoi.headers, 'accept-language': 'en' } });
    expect(english.body.error.message).toBe(`Page ${id} cannot be closed on 2024-04-01: it was closed on 2024-03-01; nothing to do.`);
    expect((await event(id, { status: 'rejected', effectiveOn: '2024-04-01', note: 'x' }, central)).status).toBe(409);
    expect((await event(id, { status: 'verified', effectiveOn: '2024-04-01' }, central)).body.error.params).toMatchObject({ fix: { key: 'page_fix_reopen' } });
    const backdated = await event(id, { status: 'reopened', effectiveOn: '2024-02-01' }, hanoi);
    expect(backdated.status).toBe(409);
    expect(backdated.body.error.message).toBe('Trang đã chuyển sang “đã đóng” ngày 01/03/2024; hãy ghi trạng thái “mở lại” từ ngày đó trở đi.');

    expect((await event(id, { status: 'reopened', effectiveOn: '2024-05-01' }, hanoi)).status).toBe(201);
    expect(await coverage('2024-06-30')).toBe(true);
    expect((await event(id, { status: 'reopened', effectiveOn: '2024-05-02' }, hanoi)).status).toBe(409);
    const history = (await w.get(`/api/v1/pages/${id}`)).body.history.map((e: { status: string }) => e.status);
    expect(history).toEqual(['closed', 'reopened', 'reported']);
  });

  it('lets central staff verify a live page once, and again after it was rejected and reopened', async () => {
    const id = await addPage('mttq.verify');
    expect((await event(id, { status: 'verified', effectiveOn: '2023-01-01' }, central)).status).toBe(201);
    const twice = await event(id, { status: 'verified', effectiveOn: '2023-02-01' }, admin);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ key: 'page_already_verified', params: { id: String(id) }, message: `Trang ${id} đã được xác minh ngày 01/01/2023.` });
    expect((await event(id, { status: 'rejected', effectiveOn: '2023-03-01', note: 'Sai tên' }, central)).status).toBe(201);
    expect((await event(id, { status: 'reopened', effectiveOn: '2023-04-01' }, hanoi)).status).toBe(201);
    expect((await event(id, { status: 'verified', effectiveOn: '2023-04-02' }, central)).status).toBe(201);
    const page = (await w.get(`/api/v1/pages?scheme=legacy63&asOf=2023-05-01&parent=00001&status=verified`)).body;
    expect(page.items.map((p: { id: number }) => p.id)).toContain(id);
  });

  it('stores who recorded the event and when, and audits it', async () => {
    const id = await addPage('mttq.recorded');
    const started = new Date().toISOString();
    const { body } = await event(id, { status: 'closed', effectiveOn: '2024-01-01', note: '<b>đóng</b>' }, hanoi);
    expect(body.history).toContainEqual({ status: 'closed', effectiveOn: '2024-01-01', recordedBy: usernameOf(hanoi), note: '<b>đóng</b>' });
    const row = w.db.prepare("SELECT id, recorded_at FROM page_status_events WHERE page_id = ? AND status = 'closed'").get(id) as { id: number; recorded_at: string };
    expect(row.recorded_at >= started).toBe(true);
    expect(auditRows('page_status_event', String(row.id))).toEqual([
      expect.objectContaining({ action: 'create', username: usernameOf(hanoi), before: null, after: expect.objectContaining({ status: 'closed', note: '<b>đóng</b>' }) }),
    ]);
  });
});

describe('PUT /pages/{id}/metrics/{month}', () => {
  const put = (id: number, month: string, body: object, session: TestSession) => w.send('PUT', `/api/v1/pages/${id}/metrics/${month}`, body, session);

  it('creates a month (201), replaces it (200) with source manual, and audits before and after', async () => {
    const id = await addPage('mttq.metrics');
    const created = await put(id, '2024-05', { followers: 1200, posts: 9, interactions: 340, views: 5000, lastPostOn: '2024-05-28' }, hanoi);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ month: '2024-05', followers: 1200, posts: 9, interactions: 340, views: 5000, lastPostOn: '2024-05-28', source: 'manual' });
    const replaced = await put(id, '2024-05', { followers: 1250, posts: 0, interactions: 0 }, hanoi);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ month: '2024-05', followers: 1250, posts: 0, interactions: 0, views: null, lastPostOn: null, source: 'manual' });
    expect((await w.get(`/api/v1/pages/${id}`)).body.metrics).toEqual([replaced.body]);
    expect(auditRows('metric_snapshot', `${id}/2024-05`).map((r) => [r.action, r.before?.followers ?? null, r.after.followers])).toEqual([
      ['create', null, 1200],
      ['update', 1200, 1250],
    ]);
  });

  it.each([
    ['fractional followers', { followers: 10.5 }, 'followers'],
    ['negative posts', { posts: -1 }, 'posts'],
    ['interactions as text', { interactions: '12' }, 'interactions'],
    ['fractional views', { views: 0.1 }, 'views'],
    ['a missing field', { followers: undefined }, 'followers'],
    ['an unknown field', { shares: 3 }, 'shares'],
    ['a last post after the month', { lastPostOn: '2024-06-01' }, 'lastPostOn'],
  ])('answers 400 naming the field for %s', async (_, change, path) => {
    const id = await addPage(`mttq.m.${path}.${Math.random().toString(36).slice(2, 7)}`);
    const { status, body } = await put(id, '2024-05', { followers: 1, posts: 1, interactions: 1, ...change }, admin);
    expect(status).toBe(400);
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('says what is wrong with a count and a last post date, in Vietnamese by default and in English on request', async () => {
    const id = await addPage('mttq.m.texts');
    const figures = { followers: 1, posts: -1, interactions: 1, lastPostOn: '2024-06-01' };
    const vi = await put(id, '2024-05', figures, admin);
    expect(vi.body.error.details.find((d: { path: string }) => d.path === 'posts').message).toMatch(/^phải/);
    const lastPost = await put(id, '2024-05', { ...figures, posts: 1 }, admin);
    expect(lastPost.body.error.details).toEqual([
      {
        path: 'lastPostOn',
        key: 'metric_last_post_after_month',
        params: { date: { key: 'date_value', params: { year: '2024', month: '06', day: '01' } }, month: { key: 'write_month_value', params: { year: '2024', month: '05' } } },
        message: 'ngày 01/06/2024 sau ngày cuối của tháng 05/2024',
      },
    ]);
    const en = await w.send('PUT', `/api/v1/pages/${id}/metrics/2024-05?lang=en`, { ...figures, posts: 1 }, admin);
    expect(en.body.error.details[0].message).toBe('2024-06-01 is after the end of 2024-05');
  });

  it.each([
    ['2026-12', /^tháng 12\/2026 còn ở tương lai; hôm nay là 27\/11\/2026$/],
    ['2022-02', /^tháng 02\/2022 trước ngày trang ra mắt 01\/03\/2022$/],
    ['2024-13', /./],
    ['2024-5', /./],
  ])('answers 400 for the month %s', async (month, message) => {
    const id = await addPage(`mttq.month.${month}`);
    const { status, body } = await put(id, month, { followers: 1, posts: 1, interactions: 1 }, admin);
    expect(status).toBe(400);
    expect(body.error.details).toContainEqual(expect.objectContaining({ path: 'month', message: expect.stringMatching(message) }));
  });

  it("accepts the current month and the launch month; shows the figures in the page's metrics", async () => {
    const id = await addPage('mttq.bounds');
    expect((await put(id, '2026-11', { followers: 5, posts: 1, interactions: 2 }, admin)).status).toBe(201);
    expect((await put(id, '2022-03', { followers: 1, posts: 1, interactions: 0 }, admin)).status).toBe(201);
    expect((await w.get(`/api/v1/pages/${id}`)).body.metrics.map((m: { month: string }) => m.month)).toEqual(['2022-03', '2026-11']);
  });
});
