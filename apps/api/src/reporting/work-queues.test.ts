import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { newPageBody, openWriteApp, WRITE_TODAY, type WriteApp } from '../writes/test-fixture';

let w: WriteApp;
let central: TestSession;
let viewer: TestSession;
let hanoi: TestSession;
/** Officer of today's Quảng Ngãi (reform34:51, which absorbed legacy63 Kon Tum). */
let quangNgai: TestSession;

beforeAll(async () => {
  w = openWriteApp();
  [central, viewer, hanoi, quangNgai] = await Promise.all([
    w.signIn('central'),
    w.signIn('viewer'),
    w.signIn('province', { scheme: 'reform34', code: '01' }),
    w.signIn('province', { scheme: 'reform34', code: '51' }),
  ]);
});
afterAll(() => w.close());

const assignmentsOf = (id: number) => w.db.prepare('SELECT scheme, unit_code, basis FROM page_assignments WHERE page_id = ? ORDER BY scheme').all(id);

describe('pages carried across the 2025 reform', () => {
  it('gives a page of a merged legacy63 commune, live on 30/06/2025, its reform34 commune, so it counts there on 01/07/2025', async () => {
    const before = (await w.get('/api/v1/coverage?scheme=reform34&asOf=2025-07-01&level=commune&parent=01')).body;
    expect(before.rows.find((r: { code: string }) => r.code === '00097')).toMatchObject({ covered: false });
    const { status, body } = await w.send('POST', '/api/v1/pages', { ...newPageBody('carried.phucxa', { scheme: 'legacy63', code: '00001' }, '2024-01-10'), confirmSecondFrontPage: false }, hanoi);
    expect(status).toBe(201);
    expect(assignmentsOf(body.id)).toEqual([
      { scheme: 'legacy63', unit_code: '00001', basis: 'direct' },
      { scheme: 'reform34', unit_code: '00097', basis: 'crosswalk' },
    ]);
    const after = (await w.get('/api/v1/coverage?scheme=reform34&asOf=2025-07-01&level=commune&parent=01')).body;
    expect(after.rows.find((r: { code: string }) => r.code === '00097')).toMatchObject({ covered: true, pages: 1 });
    expect(after.levels.commune.covered).toBe(before.levels.commune.covered + 1);
  });

  it('carries nothing for a page closed before the reform, nor for a district page', async () => {
    const closed = await w.send('POST', '/api/v1/pages', newPageBody('closed.early', { scheme: 'legacy63', code: '00004' }, '2023-01-10'), central);
    expect(assignmentsOf(closed.body.id)).toHaveLength(2);
    const early = await w.send('POST', '/api/v1/pages', newPageBody('closed.before', { scheme: 'legacy63', code: '00006' }, '2020-01-10'), central);
    const id = early.body.id;
    w.db.prepare('DELETE FROM page_assignments WHERE page_id = ? AND scheme = ?').run(id, 'reform34');
    await w.send('POST', `/api/v1/pages/${id}/events`, { status: 'closed', effectiveOn: '2024-05-01' }, central);
    expect(assignmentsOf(id)).toEqual([{ scheme: 'legacy63', unit_code: '00006', basis: 'direct' }]);
    const district = await w.send('POST', '/api/v1/pages', newPageBody('district.page', { scheme: 'legacy63', code: '001' }, '2022-01-10'), central);
    expect(assignmentsOf(district.body.id)).toEqual([{ scheme: 'legacy63', unit_code: '001', basis: 'direct' }]);
  });

  it('puts the page of a split commune in its province’s successor queue until the officer chooses', async () => {
    const split = w.db.prepare("SELECT c.from_code, u.province_code FROM crosswalk c JOIN units u ON u.scheme = 'legacy63' AND u.code = c.from_code JOIN crosswalk k ON k.from_code = u.province_code AND k.to_code = '51' WHERE c.is_split = 1 LIMIT 1").get() as
      | { from_code: string; province_code: string }
      | undefined;
    // Quảng Ngãi and Kon Tum may have no split commune: take any split commune and an officer of its province then.
    const row = split ?? (w.db.prepare("SELECT c.from_code, u.province_code FROM crosswalk c JOIN units u ON u.scheme = 'legacy63' AND u.code = c.from_code WHERE c.is_split = 1 LIMIT 1").get() as { from_code: string; province_code: string });
    const officer = split ? quangNgai : await w.signIn('province', { scheme: 'legacy63', code: row.province_code });
    const { status, body } = await w.send('POST', '/api/v1/pages', newPageBody('split.commune', { scheme: 'legacy63', code: row.from_code }, '2023-03-01'), central);
    expect(status).toBe(201);
    expect(assignmentsOf(body.id)).toHaveLength(1);
    const queue = (await w.get('/api/v1/reporting/successor-queue', officer)).body;
    const waiting = queue.items.find((item: { pageId: number }) => item.pageId === body.id);
    expect(waiting.legacyUnit.code).toBe(row.from_code);
    expect(waiting.candidates.length).toBeGreaterThan(1);
    expect((await w.get('/api/v1/reporting/successor-queue', hanoi)).body.items.some((item: { pageId: number }) => item.pageId === body.id)).toBe(false);
    const chosen = await w.send('PUT', `/api/v1/pages/${body.id}/assignments/reform34`, { unitCode: waiting.candidates[1].code }, officer);
    expect(chosen.status).toBe(200);
    expect(chosen.body.assignments[1]).toMatchObject({ scheme: 'reform34', code: waiting.candidates[1].code, basis: 'manual' });
    expect((await w.get('/api/v1/reporting/successor-queue', officer)).body.items.some((item: { pageId: number }) => item.pageId === body.id)).toBe(false);
  });
});

describe('a second Front page for a unit', () => {
  it('answers 409 second_front_page naming the live one, and saves it once confirmed', async () => {
    const free = w.db
      .prepare("SELECT code FROM units u WHERE scheme = 'reform34' AND level = 'commune' AND province_code = '01' AND NOT EXISTS (SELECT 1 FROM page_assignments a WHERE a.scheme = 'reform34' AND a.unit_code = u.code) ORDER BY code LIMIT 1")
      .pluck()
      .get() as string;
    const first = await w.send('POST', '/api/v1/pages', newPageBody('first.front', { scheme: 'reform34', code: free }, '2025-09-01'), hanoi);
    expect(first.status).toBe(201);
    const second = await w.send('POST', '/api/v1/pages', { ...newPageBody('second.front', { scheme: 'reform34', code: free }, '2025-10-01'), confirmSecondFrontPage: undefined }, hanoi);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('second_front_page');
    expect(second.body.error).toMatchObject({ key: 'page_second_front_page', params: { unit: `reform34:${free}`, id: String(first.body.id), name: 'MTTQ first.front' } });
    expect(second.body.error.message).toContain(`đã có một trang của Ủy ban MTTQ đang hoạt động: trang ${first.body.id} “MTTQ first.front”`);
    const member = await w.send('POST', '/api/v1/pages', { ...newPageBody('youth.front', { scheme: 'reform34', code: free }, '2025-10-01'), owner: 'youth_union', confirmSecondFrontPage: undefined }, hanoi);
    expect(member.status).toBe(201);
    const confirmed = await w.send('POST', '/api/v1/pages', newPageBody('second.front', { scheme: 'reform34', code: free }, '2025-10-01'), hanoi);
    expect(confirmed.status).toBe(201);
    const duplicates = (await w.get('/api/v1/reporting/duplicate-front-pages?scheme=reform34&province=01', viewer)).body;
    const unit = duplicates.items.find((item: { unit: { code: string } }) => item.unit.code === free);
    expect(unit.pages.map((p: { id: number }) => p.id)).toEqual([first.body.id, confirmed.body.id]);
  });
});

describe('the verification queue', () => {
  it('lists live unverified pages oldest first with waiting since, unit and province, and counts per province', async () => {
    const { body } = await w.get('/api/v1/reporting/verification-queue?scheme=reform34&limit=500', central);
    expect(body.total).toBe(body.items.length);
    expect(body.items.map((i: { waitingSince: string }) => i.waitingSince)).toEqual([...body.items.map((i: { waitingSince: string }) => i.waitingSince)].sort());
    const hanoiItem = body.items.find((i: { name: string }) => i.name === 'MTTQ first.front');
    expect(hanoiItem).toMatchObject({ waitingSince: WRITE_TODAY, unit: { level: 'commune' }, province: { code: '01', name: 'Thành phố Hà Nội' } });
    const hanoiCount = body.provinces.find((p: { code: string }) => p.code === '01').count;
    const filtered = (await w.get('/api/v1/reporting/verification-queue?scheme=reform34&province=01&limit=500', central)).body;
    expect(filtered.total).toBe(hanoiCount);
    expect(filtered.items.every((i: { province: { code: string } }) => i.province.code === '01')).toBe(true);
  });

  it('is for central staff only, even after central staff read it (no shared cache)', async () => {
    expect((await w.get('/api/v1/reporting/verification-queue', central)).status).toBe(200);
    const refused = await w.get('/api/v1/reporting/verification-queue', viewer);
    expect(refused.status).toBe(403);
    expect((await w.get('/api/v1/reporting/verification-queue', hanoi)).status).toBe(403);
  });

  it('verifies many pages with one request, one audit row each, and says which could not be', async () => {
    const queue = (await w.get('/api/v1/reporting/verification-queue?scheme=reform34&province=01', central)).body;
    const ids: number[] = queue.items.slice(0, 2).map((i: { pageId: number }) => i.pageId);
    const audit = () => (w.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'page_status_event'").pluck().get() as number);
    const before = audit();
    const { status, body } = await w.send('POST', '/api/v1/pages/reviews', { pageIds: [...ids, 999999], status: 'verified', effectiveOn: WRITE_TODAY, note: 'Đã kiểm tra' }, central);
    expect(status).toBe(200);
    expect(body.done).toBe(2);
    expect(body.results.at(-1)).toEqual({ pageId: 999999, ok: false, message: 'Không có trang nào mã 999999. Tra mã trang bằng GET /api/v1/pages.' });
    expect(audit()).toBe(before + 2);
    const after = (await w.get('/api/v1/reporting/verification-queue?scheme=reform34&province=01', central)).body;
    expect(after.total).toBe(queue.total - 2);
    const again = await w.send('POST', '/api/v1/pages/reviews?lang=en', { pageIds: ids, status: 'verified', effectiveOn: WRITE_TODAY }, central);
    expect(again.body).toMatchObject({ done: 0, results: [{ ok: false, message: `Page ${ids[0]} was already verified on ${WRITE_TODAY}.` }, { ok: false }] });
  });

  it('needs the reason to reject, and refuses province officers before reading the body', async () => {
    const noNote = await w.send('POST', '/api/v1/pages/reviews', { pageIds: [1], status: 'rejected', effectiveOn: WRITE_TODAY }, central);
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details[0].path).toBe('note');
    expect((await w.send('POST', '/api/v1/pages/reviews', { nonsense: true }, hanoi)).status).toBe(403);
  });
});
