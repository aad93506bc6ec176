import { isPageLive, type CoverageCounts, type PageHistory } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { openDemoApp } from '../test/demo-app';
import { makeTempDir } from '../test/temp-db';

/**
 * A hand-made fixture whose answers are worked out by hand. Province 01 has districts 001
 * (communes 00001, 00004) and 002 (commune 00007). Pages:
 *  1 front, commune 00001, launched 2022-01-10, verified 2022-02-01, 3 posts in 2022-07
 *  2 front, commune 00004, launched 2022-08-13 (one day after the as-of date)
 *  3 youth union, commune 00007, launched 2022-01-01, posts every month
 *  4 front, district 001, launched 2022-03-01, closed 2022-06-01
 *  5 front, commune 00007, launched 2022-02-01, rejected 2022-03-01
 *  6 front on Zalo, province 01, launched 2021-12-01, never posts
 *  7 front, district 002, launched 2022-02-01, closed 2022-04-01, reopened 2022-05-01
 */
function seedFixture(db: Db) {
  db.exec(`
    INSERT INTO units VALUES
      ('legacy63', '01', 'province', 'Thành phố Hà Nội', 'Hà Nội', 'thanh-pho-trung-uong', NULL, '01', 'red-river-delta'),
      ('legacy63', '001', 'district', 'Quận Ba Đình', 'Ba Đình', 'quan', '01', '01', 'red-river-delta'),
      ('legacy63', '002', 'district', 'Quận Hoàn Kiếm', 'Hoàn Kiếm', 'quan', '01', '01', 'red-river-delta'),
      ('legacy63', '00001', 'commune', 'Phường Phúc Xá', 'Phúc Xá', 'phuong', '001', '01', 'red-river-delta'),
      ('legacy63', '00004', 'commune', 'Phường Trúc Bạch', 'Trúc Bạch', 'phuong', '001', '01', 'red-river-delta'),
      ('legacy63', '00007', 'commune', 'Phường Hàng Bạc', 'Hàng Bạc', 'phuong', '002', '01', 'red-river-delta');
    INSERT INTO pages (id, platform, url, name, owner, launched_on) VALUES
      (1, 'facebook', 'https://www.facebook.com/fixture.1', 'MTTQ Phúc Xá', 'front', '2022-01-10'),
      (2, 'facebook', 'https://www.facebook.com/fixture.2', 'MTTQ Trúc Bạch', 'front', '2022-08-13'),
      (3, 'facebook', 'https://www.facebook.com/fixture.3', 'Đoàn TN Hàng Bạc', 'youth_union', '2022-01-01'),
      (4, 'facebook', 'https://www.facebook.com/fixture.4', 'MTTQ Ba Đình', 'front', '2022-03-01'),
      (5, 'facebook', 'https://www.facebook.com/fixture.5', 'MTTQ Hàng Bạc (giả)', 'front', '2022-02-01'),
      (6, 'zalo', 'https://zalo.me/fixture.6', 'MTTQ Hà Nội', 'front', '2021-12-01'),
      (7, 'facebook', 'https://www.facebook.com/fixture.7', 'MTTQ Hoàn Kiếm', 'front', '2022-02-01');
    INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES
      (1, 'legacy63', '00001', 'direct'), (2, 'legacy63', '00004', 'direct'), (3, 'legacy63', '00007', 'direct'),
      (4, 'legacy63', '001', 'direct'), (5, 'legacy63', '00007', 'direct'), (6, 'legacy63', '01', 'direct'),
      (7, 'legacy63', '002', 'direct');
    INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at) VALUES
      (1, 'verified', '2022-02-01', 'central', '2022-02-01T09:00:00Z'),
      (4, 'closed', '2022-06-01', 'province-01', '2022-06-01T09:00:00Z'),
      (5, 'rejected', '2022-03-01', 'central', '2022-03-01T09:00:00Z'),
      (7, 'closed', '2022-04-01', 'province-01', '2022-04-01T09:00:00Z'),
      (7, 'reopened', '2022-05-01', 'province-01', '2022-05-01T09:00:00Z');
    INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, source) VALUES
      (1, '2022-07', 500, 3, 40, 'manual'), (1, '2022-08', 510, 0, 0, 'manual'),
      (3, '2022-07', 300, 5, 90, 'manual'), (3, '2022-08', 320, 4, 80, 'manual'),
      (4, '2022-05', 900, 8, 100, 'manual'), (6, '2022-07', 2000, 0, 0, 'manual');
  `);
}

const counts = (total: number, covered: number, active: number, verified: number): CoverageCounts => ({ total, covered, active, verified });

describe('GET /api/v1/coverage on a hand-made fixture', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const get = async (query: string, headers: Record<string, string> = {}) => {
    const response = await app.request(`/api/v1/coverage?${query}`, { headers });
    return { status: response.status, body: (await response.json()) as any };
  };
  beforeAll(() => {
    temp = makeTempDir();
    db = openDatabase(temp.path());
    seedFixture(db);
    app = createApp({ db, publicRead: true, services: { today: () => '2026-11-27', defaultScheme: 'legacy63' } });
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('counts the province by its Zalo page, the commune with a verified active page, and nothing closed, rejected or not yet launched', async () => {
    const { status, body } = await get('asOf=2022-08-12');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme: 'legacy63', asOf: '2022-08-12', demo: false, level: 'province', parent: null });
    expect(body.levels).toEqual({
      province: counts(1, 1, 0, 0),
      district: counts(2, 1, 0, 0),
      commune: counts(3, 1, 1, 1),
    });
    expect(body.rows).toEqual([
      {
        code: '01',
        name: 'Thành phố Hà Nội',
        kind: 'thanh-pho-trung-uong',
        covered: true,
        active: false,
        verified: false,
        pages: 1,
        descendants: { district: counts(2, 1, 0, 0), commune: counts(3, 1, 1, 1) },
      },
    ]);
  });

  it('reports one problem per parameter: a malformed date is not also called unreal', async () => {
    const { body } = await get('asOf=20x');
    expect(body.error.details).toEqual([{ path: 'asOf', message: 'phải là ngày viết dạng YYYY-MM-DD, ví dụ 2022-08-12', key: 'schema_date_format', params: {} }]);
  });

  it('counts a commune as covered on the day its page launched, not the day before', async () => {
    const before = await get('asOf=2022-08-12&level=commune&parent=001');
    const on = await get('asOf=2022-08-13&level=commune&parent=001');
    expect(before.body.rows.map((r: any) => [r.code, r.covered])).toEqual([['00001', true], ['00004', false]]);
    expect(on.body.rows.map((r: any) => [r.code, r.covered])).toEqual([['00001', true], ['00004', true]]);
  });

  it('counts a district until the day its page closed', async () => {
    const district001 = async (asOf: string) => (await get(`asOf=${asOf}&level=district`)).body.rows[0];
    expect(await district001('2022-05-31')).toMatchObject({ code: '001', covered: true, active: true });
    expect(await district001('2022-06-01')).toMatchObject({ code: '001', covered: false, active: false });
  });

  it('stops counting a closed page and counts it again from the day it is reopened', async () => {
    const district002 = async (asOf: string) => (await get(`asOf=${asOf}&level=district`)).body.rows[1].covered;
    expect([await district002('2022-03-31'), await district002('2022-04-01'), await district002('2022-04-30'), await district002('2022-05-01')]).toEqual([true, false, false, true]);
  });

  it('gives the timeline the same figures as /coverage at each date, across a closure and a reopening', async () => {
    const response = await app.request('/api/v1/coverage/timeline?from=2022-01-31&to=2022-08-31&level=district');
    const timeline = (await response.json()) as { points: Array<{ date: string } & CoverageCounts> };
    expect(timeline.points.length).toBeGreaterThan(6);
    for (const { date, basis: _basis, ...figures } of timeline.points as Array<{ date: string; basis: string } & CoverageCounts>) {
      expect((await get(`asOf=${date}&level=district`)).body.levels.district).toEqual(figures);
    }
  });

  it('counts member-organisation pages only when the owner filter asks for them', async () => {
    const commune = async (owner: string) => (await get(`asOf=2022-08-12&level=commune&owner=${owner}`)).body.levels.commune;
    expect(await commune('front')).toEqual(counts(3, 1, 1, 1));
    expect(await commune('youth_union')).toEqual(counts(3, 1, 1, 0));
    expect(await commune('all')).toEqual(counts(3, 2, 2, 1));
  });

  it('filters by platform', async () => {
    const { body } = await get('asOf=2022-08-12&platform=zalo');
    expect(body.levels).toEqual({ province: counts(1, 1, 0, 0), district: counts(2, 0, 0, 0), commune: counts(3, 0, 0, 0) });
  });

  it.each([
    ['scheme=legacy64', 'scheme', 'must be one of legacy63, reform34'],
    ['scheme=reform34&level=district', 'level', 'reform34 has no district level; use one of province, commune'],
    ['asOf=2022-02-30', 'asOf', 'is not a real calendar date'],
    ['asOf=12-08-2022', 'asOf', 'must be a date written YYYY-MM-DD'],
    ['asOf=2025-07-01', 'asOf', '2025-07-01 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30'],
    ['scheme=reform34&asOf=2008-07-31', 'asOf', '2008-07-31 is before 2008-08-01, the first day reform34 figures reach (back-cast through legacy63)'],
    ['parent=79', 'parent', '79 is not a unit of legacy63'],
    ['parent=001&level=province', 'level', 'province is not below the parent 001 (a district)'],
    ['parent=00001', 'parent', '00001 is a commune, which has no units below it'],
    ['owner=everyone', 'owner', 'must be one of front, youth_union, women_union, farmers_union, veterans_union, trade_union, all'],
    ['level=commune&scope=national', 'scope', 'is not a parameter of this endpoint; remove it or check its spelling'],
    ['asOf=2022-01-01&asOf=2022-02-02', 'asOf', 'is given more than once; give it once'],
  ])('answers 400 for %s, naming %s (asked in English)', async (query, path, message) => {
    const { status, body } = await get(query, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toContainEqual(expect.objectContaining({ path, message }));
  });
});

describe('GET /api/v1/coverage on the demo data', () => {
  let demo: ReturnType<typeof openDemoApp>;
  beforeAll(() => {
    demo = openDemoApp({ defaultScheme: 'legacy63' });
  });
  afterAll(() => demo.close());

  it('answers the published figures of 12 Aug 2022: 63/63 provinces, 77.8% of districts, 54.5% of communes', async () => {
    const { body } = await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12');
    expect(body.demo).toBe(true);
    expect(body.levels.province).toMatchObject({ total: 63, covered: 63 });
    expect(body.levels.district.total).toBe(705);
    expect(Math.abs((body.levels.district.covered / 705) * 100 - 77.8)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((body.levels.commune.covered / 10_599) * 100 - 54.5)).toBeLessThanOrEqual(0.5);
  });

  it.each(['2021-12-31', '2022-08-12', '2023-06-30', '2025-06-30'])('keeps active ≤ covered ≤ total and verified ≤ covered on %s, for levels and rows', async (asOf) => {
    const { body } = await demo.get(`/api/v1/coverage?scheme=legacy63&asOf=${asOf}`);
    const all = [...Object.values(body.levels), ...body.rows.flatMap((r: any) => Object.values(r.descendants))] as CoverageCounts[];
    for (const c of all) {
      expect(c.active).toBeLessThanOrEqual(c.covered);
      expect(c.verified).toBeLessThanOrEqual(c.covered);
      expect(c.covered).toBeLessThanOrEqual(c.total);
    }
  });

  it("adds the provinces' rollups up to the national figures", async () => {
    for (const query of ['scheme=legacy63&asOf=2023-03-31', 'scheme=reform34&asOf=2026-01-31']) {
      const { body } = await demo.get(`/api/v1/coverage?${query}`);
      for (const [level, national] of Object.entries(body.levels)) {
        if (level === 'province') continue;
        const sum = { total: 0, covered: 0, active: 0, verified: 0 };
        for (const row of body.rows) for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += row.descendants[level][key];
        expect(sum).toEqual(national);
      }
    }
  });

  it("adds a province's district rows up to the province's commune figures", async () => {
    const province = await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2023-03-31&parent=38&level=district');
    const communes = await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2023-03-31&parent=38&level=commune');
    const sum = province.body.rows.reduce((n: number, r: any) => n + r.descendants.commune.covered, 0);
    expect(sum).toBe(communes.body.levels.commune.covered);
    expect(province.body.levels.commune).toEqual(communes.body.levels.commune);
  });

  it('equals coverage recomputed from the status events up to the date', async () => {
    const pages = demo.db
      .prepare(
        `SELECT p.id, p.launched_on, a.unit_code, u.level,
                (SELECT json_group_array(json_object('status', status, 'effectiveOn', effective_on)) FROM page_status_events e WHERE e.page_id = p.id) AS events
         FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
         JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code WHERE p.owner = 'front'`,
      )
      .all() as Array<{ launched_on: string; unit_code: string; level: string; events: string }>;
    for (const asOf of ['2022-01-31', '2022-08-12', '2024-02-29']) {
      const covered: Record<string, Set<string>> = { province: new Set(), district: new Set(), commune: new Set() };
      for (const p of pages) {
        const history: PageHistory = { launchedOn: p.launched_on, events: JSON.parse(p.events) };
        if (isPageLive(history, asOf)) covered[p.level]!.add(p.unit_code);
      }
      const { body } = await demo.get(`/api/v1/coverage?scheme=legacy63&asOf=${asOf}`);
      expect({ province: body.levels.province.covered, district: body.levels.district.covered, commune: body.levels.commune.covered }).toEqual({
        province: covered.province!.size,
        district: covered.district!.size,
        commune: covered.commune!.size,
      });
    }
  });

  it('covers a reform34 province on 1 Jul 2025 exactly when one of the legacy63 provinces merged into it was covered the day before', async () => {
    const before = await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2025-06-30');
    const after = await demo.get('/api/v1/coverage?scheme=reform34&asOf=2025-07-01');
    const edges = demo.db.prepare("SELECT from_code, to_code FROM crosswalk WHERE level = 'province'").all() as Array<{ from_code: string; to_code: string }>;
    const wasCovered = new Set(before.body.rows.filter((r: any) => r.covered).map((r: any) => r.code));
    const expected = new Set(edges.filter((e) => wasCovered.has(e.from_code)).map((e) => e.to_code));
    expect(new Set(after.body.rows.filter((r: any) => r.covered).map((r: any) => r.code))).toEqual(expected);
    expect(after.body.levels.province.total).toBe(34);
  });

  it('defaults to the configured scheme and to today clamped into its validity', async () => {
    const { body } = await demo.get('/api/v1/coverage');
    expect(body).toMatchObject({ scheme: 'legacy63', asOf: '2025-06-30', level: 'province' });
    const reform = await demo.get('/api/v1/coverage?scheme=reform34');
    expect(reform.body).toMatchObject({ scheme: 'reform34', asOf: '2026-11-27' });
    expect(Object.keys(reform.body.levels)).toEqual(['province', 'commune']);
  });
});
