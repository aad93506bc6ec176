import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';

// Tests run with today = 2026-11-27, so legacy63 answers are as of its last day, 2025-06-30.
const demo = openDemoApp({ defaultScheme: 'legacy63' });
const ENGLISH = { 'accept-language': 'en' };
afterAll(() => demo.close());

const codes = (items: Array<{ code: string }>) => items.map((item) => item.code);

describe('GET /api/v1/schemes', () => {
  it('names both schemes and counts their units per level from the database', async () => {
    const { status, body } = await demo.get('/api/v1/schemes');
    expect(status).toBe(200);
    expect(body).toMatchObject({ defaultScheme: 'legacy63', demo: true });
    expect(body.schemes).toEqual([
      {
        id: 'legacy63',
        nameVi: 'Cơ cấu 63 tỉnh, thành (trước 1/7/2025)',
        nameEn: '63 provinces with districts (until 30 Jun 2025)',
        validFrom: '2008-08-01',
        validTo: '2025-06-30',
        levels: ['province', 'district', 'commune'],
        counts: { province: 63, district: 705, commune: 10599 },
      },
      {
        id: 'reform34',
        nameVi: 'Cơ cấu 34 tỉnh, thành (từ 1/7/2025)',
        nameEn: '34 provinces without districts (from 1 Jul 2025)',
        validFrom: '2025-07-01',
        validTo: null,
        levels: ['province', 'commune'],
        counts: { province: 34, commune: 3321 },
      },
    ]);
  });
});

describe('GET /api/v1/units (browse)', () => {
  it.each([
    ['legacy63', 63],
    ['reform34', 34],
  ])('lists the %s provinces in code order when no parent is given', async (scheme, count) => {
    const { status, body } = await demo.get(`/api/v1/units?scheme=${scheme}&limit=500`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme, demo: true, parent: null, level: 'province', q: null, total: count });
    expect(body.items).toHaveLength(count);
    expect(body.items.every((u: { level: string }) => u.level === 'province')).toBe(true);
    expect(codes(body.items)).toEqual([...codes(body.items)].sort());
  });

  it('uses the default scheme when none is given', async () => {
    const { body } = await demo.get('/api/v1/units');
    expect(body).toMatchObject({ scheme: 'legacy63', total: 63 });
    expect(body.items).toHaveLength(50);
    expect(body.items[0]).toEqual({
      code: '01',
      name: 'Thành phố Hà Nội',
      shortName: 'Hà Nội',
      level: 'province',
      kind: 'thanh-pho-trung-uong',
      parentCode: null,
      provinceCode: '01',
      region: 'red-river-delta',
    });
  });

  it("lists a district's children: the communes of Ba Đình under district 001, by code", async () => {
    const { status, body } = await demo.get('/api/v1/units?parent=001');
    expect(status).toBe(200);
    expect(body).toMatchObject({ parent: '001', level: 'commune', total: 14 });
    expect(body.items).toHaveLength(14);
    expect(body.items[0]).toMatchObject({ code: '00001', name: 'Phường Phúc Xá', parentCode: '001', provinceCode: '01' });
    expect(body.items.every((u: { parentCode: string; level: string }) => u.parentCode === '001' && u.level === 'commune')).toBe(true);
    expect(codes(body.items)).toEqual([...codes(body.items)].sort());
  });

  it("lists a province's districts by default and all its communes when level=commune", async () => {
    const districts = await demo.get('/api/v1/units?parent=01');
    expect(districts.body).toMatchObject({ level: 'district', total: 30 });
    const communes = await demo.get('/api/v1/units?parent=01&level=commune&limit=10');
    expect(communes.body).toMatchObject({ level: 'commune', total: 579 });
    expect(communes.body.items).toHaveLength(10);
    expect(communes.body.items.every((u: { provinceCode: string }) => u.provinceCode === '01')).toBe(true);
  });

  it('lists a reform34 province’s communes directly, as it has no districts', async () => {
    const { body } = await demo.get('/api/v1/units?scheme=reform34&parent=79&limit=500');
    expect(body).toMatchObject({ scheme: 'reform34', level: 'commune', total: 168 });
    expect(body.items.every((u: { parentCode: string }) => u.parentCode === '79')).toBe(true);
  });

  it('keeps the total of all units when limit cuts the items', async () => {
    const { body } = await demo.get('/api/v1/units?level=commune&limit=3');
    expect(body.total).toBe(10599);
    expect(codes(body.items)).toEqual(['00001', '00004', '00006']);
  });
});

describe('GET /api/v1/units?q= (search)', () => {
  it.each([
    ['ha giang', '', '02', 'Tỉnh Hà Giang', 'no-diacritics'],
    ['Hà Giang', '', '02', 'Tỉnh Hà Giang', 'exact'],
    ['tỉnh hà giang', '', '02', 'Tỉnh Hà Giang', 'same-name-key'],
    ['TP.HCM', '', '79', 'Thành phố Hồ Chí Minh', 'alias'],
    ['tphcm', '&scheme=reform34', '79', 'Thành phố Hồ Chí Minh', 'alias'],
    ['P1', '&parent=771', '27184', 'Phường 01', 'same-name-key'],
    ['phuong 1', '&parent=771', '27184', 'Phường 01', 'same-name-key'],
    ['phuc xa', '&parent=001', '00001', 'Phường Phúc Xá', 'no-diacritics'],
  ])('finds %j%s: %s %s first (%s)', async (q, extra, code, name, reason) => {
    const { status, body } = await demo.get(`/api/v1/units?q=${encodeURIComponent(q)}${extra}`);
    expect(status).toBe(200);
    expect(body.q).toBe(q);
    expect(body.items[0]).toMatchObject({ code, name, reason });
    expect(body.items[0].score).toBeGreaterThanOrEqual(0.8);
  });

  it('ranks exact matches first and, on equal scores, the larger unit first', async () => {
    const { body } = await demo.get('/api/v1/units?q=ha%20giang');
    expect(body.items.slice(0, 2).map((u: { code: string; level: string }) => [u.code, u.level])).toEqual([
      ['02', 'province'],
      ['024', 'district'],
    ]);
    const scores = body.items.map((u: { score: number }) => u.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Typos still find something: Hậu Giang is a near miss, below every real match.
    expect(body.items.find((u: { code: string }) => u.code === '93')).toMatchObject({ reason: 'fuzzy' });
  });

  it('searches only the parent subtree and level when given', async () => {
    const { body } = await demo.get('/api/v1/units?q=ha%20giang&level=commune');
    expect(body.level).toBe('commune');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((u: { level: string }) => u.level === 'commune')).toBe(true);

    const underHcm = await demo.get('/api/v1/units?q=P1&parent=79');
    expect(underHcm.body.items.every((u: { provinceCode: string }) => u.provinceCode === '79')).toBe(true);
    // Every district of Hồ Chí Minh City that numbers its wards has a Phường 1.
    expect(underHcm.body.total).toBeGreaterThan(1);
    expect(underHcm.body.items.some((u: { code: string }) => u.code === '79')).toBe(false);
  });

  it('counts every match in total, even beyond the ten candidates one match call keeps', async () => {
    const { body } = await demo.get('/api/v1/units?q=phuong%201&level=commune&limit=500');
    expect(body.total).toBeGreaterThan(10);
    expect(body.items).toHaveLength(body.total);
    const limited = await demo.get('/api/v1/units?q=phuong%201&level=commune&limit=2');
    expect(limited.body.total).toBe(body.total);
    expect(limited.body.items).toEqual(body.items.slice(0, 2));
  });

  it('answers an empty list for a name no unit has', async () => {
    const { status, body } = await demo.get('/api/v1/units?q=qwxzqwxz');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, items: [] });
  });

  it('browses when q is blank', async () => {
    const { body } = await demo.get('/api/v1/units?q=%20&parent=001');
    expect(body).toMatchObject({ q: null, level: 'commune', total: 14 });
  });
});

describe('GET /api/v1/units: bad input', () => {
  const limitMessage = 'must be a whole number from 1 to 500';
  it.each([
    ['scheme=legacy64', 'scheme', 'must be one of legacy63, reform34'],
    ['scheme=reform34&level=district', 'level', 'reform34 has no district level; use one of province, commune'],
    ['parent=99', 'parent', '99 is not a unit of legacy63'],
    ['scheme=reform34&parent=001', 'parent', '001 is not a unit of reform34'],
    ['parent=abc', 'parent', 'must be a unit code of 2, 3 or 5 digits, e.g. 01, 001 or 00001'],
    ['parent=00001', 'parent', '00001 is a commune, which has no units below it'],
    ['parent=01&level=province', 'level', 'province is not below the parent 01 (a province)'],
    ['limit=0', 'limit', limitMessage],
    ['limit=501', 'limit', limitMessage],
    ['limit=abc', 'limit', limitMessage],
    ['limit=2.5', 'limit', limitMessage],
    [`q=${'a'.repeat(101)}`, 'q', 'must be at most 100 characters'],
    ['search=ha', 'search', 'is not a parameter of this endpoint; remove it or check its spelling'],
  ])('%s → 400 naming %s', async (query, path, message) => {
    const { status, body } = await demo.get(`/api/v1/units?${query}`, ENGLISH);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toBe(`${path}: ${message}`);
    expect(body.error.details[0]).toMatchObject({ path, message });
  });

  it('validates parent and level in search too', async () => {
    const { status, body } = await demo.get('/api/v1/units?scheme=reform34&q=ha&level=district');
    expect(status).toBe(400);
    expect(body.error.details[0].path).toBe('level');
  });
});

describe('GET /api/v1/units/{scheme}/{code}', () => {
  it('links legacy63 Hồ Chí Minh City and Bình Dương to reform34 Hồ Chí Minh City', async () => {
    for (const code of ['79', '74']) {
      const { status, body } = await demo.get(`/api/v1/units/legacy63/${code}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ scheme: 'legacy63', asOf: '2025-06-30', demo: true, crosswalkStatus: 'matched' });
      expect(body.unit.code).toBe(code);
      expect(body.formerly).toBeUndefined();
      expect(body.nowPartOf).toEqual([
        { scheme: 'reform34', code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', basis: 'manual', isSplit: false },
      ]);
    }
  });

  it('says reform34 Hồ Chí Minh City was formerly 74, 77 and 79', async () => {
    const { status, body } = await demo.get('/api/v1/units/reform34/79');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme: 'reform34', asOf: '2026-11-27', crosswalkStatus: 'matched', children: { commune: 168 } });
    expect(body.nowPartOf).toBeUndefined();
    expect(body.formerly.map((l: { scheme: string; code: string; name: string }) => [l.scheme, l.code, l.name])).toEqual([
      ['legacy63', '74', 'Tỉnh Bình Dương'],
      ['legacy63', '77', 'Tỉnh Bà Rịa - Vũng Tàu'],
      ['legacy63', '79', 'Thành phố Hồ Chí Minh'],
    ]);
  });

  it('keeps a unit’s identity as (scheme, code): 82 is Tiền Giang in legacy63 and Đồng Tháp in reform34', async () => {
    const legacy = await demo.get('/api/v1/units/legacy63/82');
    const reform = await demo.get('/api/v1/units/reform34/82');
    expect(legacy.body.unit.name).toBe('Tỉnh Tiền Giang');
    expect(reform.body.unit.name).toBe('Tỉnh Đồng Tháp');
    expect(legacy.body.nowPartOf.map((l: { code: string; name: string }) => [l.code, l.name])).toEqual([['82', 'Tỉnh Đồng Tháp']]);
    expect(codes(reform.body.formerly)).toEqual(['82', '87']);
  });

  it('gives a legacy63 commune its district and province as ancestors, province first', async () => {
    const { body } = await demo.get('/api/v1/units/legacy63/27184');
    expect(body.unit).toMatchObject({ code: '27184', name: 'Phường 01', level: 'commune', parentCode: '771', provinceCode: '79' });
    expect(body.ancestors.map((a: { code: string; level: string; name: string }) => [a.code, a.level, a.name])).toEqual([
      ['79', 'province', 'Thành phố Hồ Chí Minh'],
      ['771', 'district', 'Quận 10'],
    ]);
    expect(body.children).toEqual({});
    expect(body.nowPartOf.every((l: { scheme: string; level: string }) => l.scheme === 'reform34' && l.level === 'commune')).toBe(true);
  });

  it('counts units per lower level inside a unit, the same as /units lists', async () => {
    const { body } = await demo.get('/api/v1/units/legacy63/01');
    expect(body.ancestors).toEqual([]);
    expect(body.children).toEqual({ district: 30, commune: 579 });
    const district = await demo.get('/api/v1/units/legacy63/001');
    expect(district.body.children).toEqual({ commune: 14 });
  });

  it("links a legacy63 district to the reform34 province its province became part of", async () => {
    const { body } = await demo.get('/api/v1/units/legacy63/771');
    expect(body.ancestors.map((a: { code: string }) => a.code)).toEqual(['79']);
    expect(body.nowPartOf).toEqual([
      { scheme: 'reform34', code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province', basis: 'manual', isSplit: false },
    ]);
    expect(body.crosswalkStatus).toBe('matched');
  });

  it('marks a split commune’s links as split and approximate', async () => {
    const { body } = await demo.get('/api/v1/units/legacy63/04561');
    expect(body.nowPartOf.map((l: { code: string; basis: string; isSplit: boolean }) => [l.code, l.basis, l.isSplit])).toEqual([
      ['04498', 'name', true],
      ['04543', 'name', true],
    ]);
  });

  it('says so when a legacy63 commune is one the crosswalk could not place', async () => {
    const { status, body } = await demo.get('/api/v1/units/legacy63/00223');
    expect(status).toBe(200);
    expect(body.unit.name).toBe('Phường Thịnh Quang');
    expect(body).toMatchObject({ nowPartOf: [], crosswalkStatus: 'unmatched' });
  });

  it('says none for a reform34 commune that no legacy63 commune maps to', async () => {
    const { body } = await demo.get('/api/v1/units/reform34/26732');
    expect(body).toMatchObject({ unit: { name: 'Đặc khu Côn Đảo' }, formerly: [], crosswalkStatus: 'none' });
  });

  it.each([
    ['/api/v1/units/legacy63/99999', 404, 'not_found', 'legacy63 không có đơn vị mã 99999; mã đơn vị được dùng lại giữa các cơ cấu, nên hãy kiểm tra cả cơ cấu', undefined],
    ['/api/v1/units/reform34/001', 404, 'not_found', 'reform34 has no unit with code 001; codes are reused across schemes, so check the scheme too', undefined],
    ['/api/v1/units/legacy64/01', 400, 'bad_request', 'scheme: must be one of legacy63, reform34', 'scheme'],
    ['/api/v1/units/legacy63/1', 400, 'bad_request', 'code: must be a unit code of 2, 3 or 5 digits, e.g. 01, 001 or 00001', 'code'],
    ['/api/v1/units/legacy63/01?asOf=2025-07-01', 400, 'bad_request', 'asOf: 2025-07-01 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30', 'asOf'],
    ['/api/v1/units/legacy63/01?asOf=2022-02-30', 400, 'bad_request', 'asOf: is not a real calendar date', 'asOf'],
    ['/api/v1/units/legacy63/01?level=commune', 400, 'bad_request', 'level: is not a parameter of this endpoint; remove it or check its spelling', 'level'],
  ])('%s → %i', async (path, status, code, message, field) => {
    const answer = await demo.get(path, path.endsWith('99999') ? {} : ENGLISH);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, message });
    expect(answer.body.error.details[0]?.path).toBe(field);
  });
});

describe('GET /api/v1/units/{scheme}/{code}: pages and their status', () => {
  // Our own pages on commune 00004 (legacy63) and its reform34 successor 00004, with known histories.
  const PAGES = [
    { id: 990001, launched: '2022-01-10', events: [['reported', '2022-01-10'], ['verified', '2022-02-01']] },
    { id: 990002, launched: '2022-03-01', events: [['reported', '2022-03-01'], ['verified', '2022-04-01'], ['inactive', '2023-05-01']] },
    { id: 990003, launched: '2022-03-01', events: [['reported', '2022-03-01'], ['closed', '2024-01-15']] },
    { id: 990004, launched: '2022-05-01', events: [['reported', '2022-05-01'], ['rejected', '2022-06-01']] },
    { id: 990005, launched: '2022-06-01', events: [] },
    // Inactive and active again on the same day: the one recorded later wins.
    { id: 990006, launched: '2022-07-01', events: [['reported', '2022-07-01'], ['inactive', '2023-03-01'], ['active', '2023-03-01']] },
    // Closed after the reform: still live on legacy63's last day.
    { id: 990007, launched: '2022-08-01', events: [['reported', '2022-08-01'], ['closed', '2025-09-01']] },
    // Launched after the reform: not a page of legacy63's last day.
    { id: 990008, launched: '2025-08-01', events: [['reported', '2025-08-01']] },
  ] as const;

  beforeAll(() => {
    const insertPage = demo.db.prepare(
      "INSERT INTO pages (id, platform, url, name, owner, launched_on) VALUES (?, 'facebook', ?, ?, 'front', ?)",
    );
    const assign = demo.db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, '00004', 'direct')");
    const insertEvent = demo.db.prepare(
      "INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at) VALUES (?, ?, ?, 'test', ?)",
    );
    for (const page of PAGES) {
      insertPage.run(page.id, `https://www.facebook.com/test.${page.id}`, `Test page ${page.id}`, page.launched);
      assign.run(page.id, 'legacy63');
      assign.run(page.id, 'reform34');
      for (const [status, on] of page.events) insertEvent.run(page.id, status, on, `${on}T03:00:00.000Z`);
    }
  });

  const ours = (pages: Array<{ id: number; status: string; statusSince: string | null; isLive: boolean }>) =>
    pages.filter((p) => p.id >= 990001).map((p) => [p.id, p.status, p.statusSince, p.isLive]);

  it('lists the unit’s pages launched by asOf with the latest status and whether each is live', async () => {
    const { status, body } = await demo.get('/api/v1/units/legacy63/00004');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2025-06-30');
    expect(ours(body.pages)).toEqual([
      [990001, 'verified', '2022-02-01', true],
      [990002, 'inactive', '2023-05-01', true],
      [990003, 'closed', '2024-01-15', false],
      [990004, 'rejected', '2022-06-01', false],
      [990005, 'reported', null, true],
      [990006, 'active', '2023-03-01', true],
      [990007, 'reported', '2022-08-01', true],
    ]);
    expect(body.pages.find((p: { id: number }) => p.id === 990001)).toEqual({
      id: 990001,
      name: 'Test page 990001',
      platform: 'facebook',
      url: 'https://www.facebook.com/test.990001',
      owner: 'front',
      launchedOn: '2022-01-10',
      status: 'verified',
      statusSince: '2022-02-01',
      isLive: true,
    });
  });

  it('reads reform34 statuses as of today, after the reform', async () => {
    const { body } = await demo.get('/api/v1/units/reform34/00004');
    expect(body.asOf).toBe('2026-11-27');
    expect(ours(body.pages)).toContainEqual([990007, 'closed', '2025-09-01', false]);
    expect(ours(body.pages)).toContainEqual([990008, 'reported', '2025-08-01', true]);
  });

  it('reads statuses at an earlier asOf when asked', async () => {
    const { body } = await demo.get('/api/v1/units/legacy63/00004?asOf=2022-04-15');
    expect(body.asOf).toBe('2022-04-15');
    expect(ours(body.pages)).toEqual([
      [990001, 'verified', '2022-02-01', true],
      [990002, 'verified', '2022-04-01', true],
      [990003, 'reported', '2022-03-01', true],
    ]);
  });
});
