import { foldDiacritics } from '@mttq/admin-units';
import { PAGE_SORTS, searchKey, type PageListItem, type PageSort } from '@mttq/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';
import { parsePageCursor, serializePageCursor } from './routes';

const demo = openDemoApp({ defaultScheme: 'legacy63' });
afterAll(() => demo.close());

/** Follows nextCursor from the first page to the last; returns every item and the totals seen. */
async function walk(query: string) {
  const items: PageListItem[] = [];
  const totals = new Set<number>();
  let cursor: string | null = null;
  let requests = 0;
  do {
    const { status, body } = await demo.get(`/api/v1/pages?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(status).toBe(200);
    items.push(...body.items);
    totals.add(body.total);
    cursor = body.nextCursor;
    requests += 1;
  } while (cursor !== null && requests < 1000);
  return { items, totals: [...totals], requests };
}

const unitOf = demo.db.prepare('SELECT level, parent_code AS parentCode, province_code AS provinceCode FROM units WHERE scheme = ? AND code = ?');
/** Tree order of a legacy63 unit: province, then each district followed by its communes. */
function treeKey(code: string): string {
  const unit = unitOf.get('legacy63', code) as { level: string; parentCode: string | null; provinceCode: string };
  if (unit.level === 'province') return `${code}`;
  if (unit.level === 'district') return `${unit.provinceCode}-${code}`;
  return `${unit.provinceCode}-${unit.parentCode}-${code}`;
}

async function totalOf(query: string): Promise<number> {
  const { status, body } = await demo.get(`/api/v1/pages?${query}`);
  expect(status).toBe(200);
  return body.total;
}

/** Is each item not before the one ahead of it, by `key` (ascending or descending)? */
function isOrdered<T>(items: readonly T[], key: (item: T) => string | number, isDescending = false): boolean {
  return items.every((item, i) => {
    if (i === 0) return true;
    const [a, b] = [key(items[i - 1]!), key(item)];
    return isDescending ? a >= b : a <= b;
  });
}

describe('GET /pages', () => {
  it('lists at least one live Front page for every unit the coverage endpoint counts as covered on 12 Aug 2022', async () => {
    const coverage = await demo.get('/api/v1/coverage?asOf=2022-08-12');
    expect(coverage.status).toBe(200);
    const levels = coverage.body.levels as Record<string, { covered: number }>;
    const covered = Object.values(levels).reduce((sum, counts) => sum + counts.covered, 0);
    expect(covered).toBe(63 + 548 + 5_777);

    const { status, body } = await demo.get('/api/v1/pages?scheme=legacy63&asOf=2022-08-12&owner=front&status=live');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme: 'legacy63', asOf: '2022-08-12', demo: true });
    expect(body.total).toBeGreaterThanOrEqual(covered);
    expect(body.items).toHaveLength(50);
    for (const item of body.items as PageListItem[]) {
      expect(item.owner).toBe('front');
      expect(item.status.isLive).toBe(true);
      expect(item.launchedOn <= '2022-08-12').toBe(true);
    }
  });

  it('defaults to every owner and status, sorted by unit code, 50 items, as of today clamped into the scheme', async () => {
    const { status, body } = await demo.get('/api/v1/pages');
    expect(status).toBe(200);
    expect(body.scheme).toBe('legacy63');
    expect(body.asOf).toBe('2025-06-30');
    expect(body.items).toHaveLength(50);
    expect(isOrdered(body.items as PageListItem[], (p) => treeKey(p.unit.code))).toBe(true);
    expect(body.total).toBe(await totalOf('owner=all&status=all&asOf=2025-06-30'));
    expect(body.total).toBeGreaterThan(await totalOf('owner=front'));
    expect((await demo.get('/api/v1/pages?scheme=reform34')).body.asOf).toBe('2026-11-27');
  });

  it('lists only pages launched on or before asOf', async () => {
    const before = await totalOf('asOf=2022-08-12');
    const after = await totalOf('asOf=2025-06-30');
    expect(before).toBeLessThan(after);
    const { body } = await demo.get('/api/v1/pages?asOf=2021-09-30&sort=-launchedOn');
    expect((body.items as PageListItem[])[0]!.launchedOn <= '2021-09-30').toBe(true);
  });

  it.each(PAGE_SORTS)('visits every page of Hà Nội exactly once when paging by 50 with sort=%s, and the count equals total', async (sort) => {
    const { items, totals, requests } = await walk(`parent=01&limit=50&sort=${sort}`);
    const expected = demo.db
      .prepare(
        `SELECT a.page_id AS id FROM page_assignments a JOIN pages p ON p.id = a.page_id
         JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
         WHERE a.scheme = 'legacy63' AND u.province_code = '01' AND p.launched_on <= '2025-06-30'`,
      )
      .all() as { id: number }[];
    expect(totals).toEqual([expected.length]);
    expect(items).toHaveLength(expected.length);
    expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
    expect(new Set(items.map((p) => p.id))).toEqual(new Set(expected.map((r) => r.id)));
    expect(requests).toBe(Math.ceil(expected.length / 50));
    const keys: Record<PageSort, [(p: PageListItem) => string | number, boolean]> = {
      unit: [(p) => treeKey(p.unit.code), false],
      name: [(p) => foldDiacritics(p.name), false],
      launchedOn: [(p) => p.launchedOn, false],
      '-launchedOn': [(p) => p.launchedOn, true],
      '-followers': [(p) => p.followers ?? -1, true],
    };
    const [key, isDescending] = keys[sort];
    expect(isOrdered(items, key, isDescending)).toBe(true);
  });

  it('ends with nextCursor null on the last page', async () => {
    const { body } = await demo.get('/api/v1/pages?parent=00001&limit=200');
    expect(body.items.length).toBe(body.total);
    expect(body.nextCursor).toBeNull();
  });

  it('sorts by -followers from most to fewest followers (the latest snapshot of a month complete at asOf)', async () => {
    const { body } = await demo.get('/api/v1/pages?sort=-followers&limit=200&asOf=2023-03-15');
    const items = body.items as PageListItem[];
    expect(items).toHaveLength(200);
    expect(isOrdered(items, (p) => p.followers ?? -1, true)).toBe(true);
    const top = items[0]!;
    const latest = demo.db
      .prepare("SELECT followers FROM metric_snapshots WHERE page_id = ? AND month <= '2023-02' ORDER BY month DESC LIMIT 1")
      .get(top.id) as { followers: number };
    expect(top.followers).toBe(latest.followers);
  });

  it.each([
    ['platform=zalo', (p: PageListItem) => p.platform === 'zalo'],
    ['owner=youth_union', (p: PageListItem) => p.owner === 'youth_union'],
    ['status=closed', (p: PageListItem) => !p.status.isLive && p.status.latest === 'closed'],
    ['platform=zalo&owner=front&status=live', (p: PageListItem) => p.platform === 'zalo' && p.owner === 'front' && p.status.isLive],
  ])('narrows the total with %s, and every item matches it', async (filter, matches) => {
    const all = await totalOf('');
    const { status, body } = await demo.get(`/api/v1/pages?${filter}&limit=200`);
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(all);
    expect((body.items as PageListItem[]).every(matches)).toBe(true);
  });

  it.each([
    ['live', (p: PageListItem) => p.status.isLive],
    ['active', (p: PageListItem) => p.status.isLive && p.status.isActive],
    ['inactive', (p: PageListItem) => p.status.isLive && !p.status.isActive],
    ['verified', (p: PageListItem) => p.status.isLive && p.status.isVerified],
    ['unverified', (p: PageListItem) => p.status.isLive && !p.status.isVerified],
    ['rejected', (p: PageListItem) => !p.status.isLive],
  ])('status=%s lists only pages with that status at asOf', async (status, matches) => {
    const { body } = await demo.get(`/api/v1/pages?status=${status}&asOf=2024-06-30&limit=200`);
    expect(body.total).toBeGreaterThan(0);
    expect((body.items as PageListItem[]).every(matches)).toBe(true);
  });

  it('splits live pages into active + inactive and into verified + unverified', async () => {
    const at = 'asOf=2024-06-30&parent=79';
    const live = await totalOf(`${at}&status=live`);
    expect(live).toBeGreaterThan(0);
    expect((await totalOf(`${at}&status=active`)) + (await totalOf(`${at}&status=inactive`))).toBe(live);
    expect((await totalOf(`${at}&status=verified`)) + (await totalOf(`${at}&status=unverified`))).toBe(live);
    expect(await totalOf(`${at}&status=all`)).toBeGreaterThanOrEqual(live + (await totalOf(`${at}&status=closed`)));
  });

  it('counts a page as active when it posted in the month of asOf or the month before', async () => {
    const { body } = await demo.get('/api/v1/pages?status=all&asOf=2024-06-30&parent=79&limit=200');
    const posted = demo.db.prepare("SELECT EXISTS (SELECT 1 FROM metric_snapshots WHERE page_id = ? AND month IN ('2024-06', '2024-05') AND posts > 0) AS posted");
    for (const item of body.items as PageListItem[]) {
      const { posted: hasPosted } = posted.get(item.id) as { posted: number };
      expect(item.status.isActive).toBe(item.status.isLive && hasPosted === 1);
    }
  });

  it('limits a district parent to its own pages and those of its communes', async () => {
    const { body } = await demo.get('/api/v1/pages?parent=001&limit=200');
    const items = body.items as PageListItem[];
    expect(items.length).toBe(body.total);
    const parentOf = demo.db.prepare("SELECT parent_code FROM units WHERE scheme = 'legacy63' AND code = ?");
    for (const item of items) {
      const unit = parentOf.get(item.unit.code) as { parent_code: string | null };
      expect(item.unit.code === '001' || unit.parent_code === '001').toBe(true);
    }
    expect(items.some((p) => p.unit.code === '001' && p.unit.level === 'district')).toBe(true);
    expect(items.some((p) => p.unit.level === 'commune')).toBe(true);
  });

  it('limits a commune parent to that commune; a province parent lists the province page first, then each district before its communes', async () => {
    const commune = await demo.get('/api/v1/pages?parent=00001');
    expect((commune.body.items as PageListItem[]).every((p) => p.unit.code === '00001')).toBe(true);
    const province = await demo.get('/api/v1/pages?parent=01&sort=unit&limit=1');
    expect(province.body.items[0].unit).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'province' });
    const district = await demo.get('/api/v1/pages?parent=001&sort=unit&limit=200');
    const levels = (district.body.items as PageListItem[]).map((p) => p.unit.level);
    expect(levels.slice(0, levels.lastIndexOf('district') + 1).every((l) => l === 'district')).toBe(true);
  });

  it.each([
    ['phuc xa', 'Phúc Xá'],
    ['PHUC XA', 'Phúc Xá'],
    ['mat tran to quoc phuong phuc xa', 'Phúc Xá'],
    ['Phúc Xá', 'Phúc Xá'],
    ['da nang', 'Đà Nẵng'],
  ])('finds a page by its name typed as %j (diacritics and case ignored)', async (q, name) => {
    const { status, body } = await demo.get(`/api/v1/pages?q=${encodeURIComponent(q)}&limit=200`);
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect((body.items as PageListItem[]).some((p) => p.name.includes(name))).toBe(true);
    // Each item matches by its name or URL, or lies in a unit the search names.
    const placeCodes = new Set((body.search.places as { code: string }[]).map((place) => place.code));
    expect(
      (body.items as PageListItem[]).every(
        (p) => searchKey(p.name).includes(searchKey(q)) || searchKey(p.url).includes(searchKey(q)) || placeCodes.has(p.unit.code) || placeCodes.has(p.province.code),
      ),
    ).toBe(true);
  });

  describe('finds the pages of a place named by the search (spaces, dots, case and diacritics ignored)', () => {
    it.each(['ha giang', 'hagiang', 'HàGiang', 'Hà Giang', 'tinh ha giang'])('%j: every page of Hà Giang (legacy63:02)', async (q) => {
      const inProvince = await totalOf('parent=02');
      expect(inProvince).toBeGreaterThan(4);
      expect(await totalOf(`parent=02&q=${encodeURIComponent(q)}`)).toBe(inProvince);
      const { body } = await demo.get(`/api/v1/pages?q=${encodeURIComponent(q)}`);
      expect(body.search.places).toContainEqual({ code: '02', name: 'Tỉnh Hà Giang', level: 'province' });
      expect(body.total).toBeGreaterThanOrEqual(inProvince);
    });

    it.each(['TP.HCM', 'tphcm', 'TP HCM', 'Hồ Chí Minh', 'ho chi minh', 'HoChiMinh', 'Sài Gòn'])('%j: every page of Thành phố Hồ Chí Minh (legacy63:79)', async (q) => {
      const inCity = await totalOf('parent=79');
      expect(inCity).toBeGreaterThan(0);
      expect(await totalOf(`parent=79&q=${encodeURIComponent(q)}`)).toBe(inCity);
      const { body } = await demo.get(`/api/v1/pages?q=${encodeURIComponent(q)}`);
      expect(body.search.places).toContainEqual({ code: '79', name: 'Thành phố Hồ Chí Minh', level: 'province' });
    });

    it('finds a district’s pages, its communes’ included, by the district name', async () => {
      const inDistrict = await totalOf('parent=001');
      expect(await totalOf('parent=001&q=quan%20ba%20dinh')).toBe(inDistrict);
      expect(await totalOf('parent=001&q=badinh')).toBe(inDistrict);
    });

    it('counts the provinces of the matches, so the registry can suggest the province filter', async () => {
      const { body: everywhere } = await demo.get('/api/v1/pages?q=mttq');
      expect(everywhere.search.provinces).toBe(63);
      const { body: oneProvince } = await demo.get('/api/v1/pages?q=hagiang&parent=02');
      expect(oneProvince.search.provinces).toBe(1);
      expect((await demo.get('/api/v1/pages')).body.search).toBeNull();
    });

    it('keeps the search text of a renamed page up to date', async () => {
      const id = (await demo.get('/api/v1/pages?q=phuc%20xa&limit=1')).body.items[0].id as number;
      const before = demo.db.prepare('SELECT name, search_text FROM pages WHERE id = ?').get(id) as { name: string; search_text: string };
      expect(before.search_text).toContain('phucxa');
      demo.db.prepare('UPDATE pages SET name = ? WHERE id = ?').run('Trang thử Ngõ Trạm Tìm Kiếm', id);
      try {
        expect(demo.db.prepare('SELECT search_text FROM pages WHERE id = ?').pluck().get(id)).toBeNull();
        const { body } = await demo.get('/api/v1/pages?q=ngotram');
        expect((body.items as PageListItem[]).map((p) => p.id)).toEqual([id]);
      } finally {
        demo.db.prepare('UPDATE pages SET name = ? WHERE id = ?').run(before.name, id);
      }
    });
  });

  it.each(['mt', 'xa', 'phuc', 'mat tran', 'facebook.com/mttq.phuong'])(
    '%j finds exactly the pages whose name or URL contains it (trigram index from 3 characters, a scan below)',
    async (q) => {
      const listAll = async (query: string) => {
        const items: PageListItem[] = [];
        let cursor: string | null = null;
        do {
          const { body } = await demo.get(`/api/v1/pages?parent=001&limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
          items.push(...(body.items as PageListItem[]));
          cursor = body.nextCursor as string | null;
        } while (cursor);
        return items;
      };
      const found = await listAll(`&q=${encodeURIComponent(q)}`);
      const { body } = await demo.get(`/api/v1/pages?parent=001&q=${encodeURIComponent(q)}`);
      const placeCodes = new Set((body.search.places as { code: string }[]).map((place) => place.code));
      const expected = (await listAll('')).filter(
        (p) => searchKey(p.name).includes(searchKey(q)) || searchKey(p.url).includes(searchKey(q)) || placeCodes.has(p.unit.code),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(found.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    },
  );

  it('forgets a deleted page in the search index', async () => {
    const id = (await demo.get('/api/v1/pages?q=mttq.phuong-phuc-xa-00001')).body.items[0].id as number;
    expect(demo.db.prepare("SELECT rowid FROM page_search WHERE page_search MATCH '\"phucxa\"' AND rowid = ?").pluck().get(id)).toBe(id);
    demo.db.exec('SAVEPOINT forget');
    try {
      demo.db.prepare('DELETE FROM pages WHERE id = ?').run(id);
      expect(demo.db.prepare('SELECT count(*) FROM page_search WHERE rowid = ?').pluck().get(id)).toBe(0);
    } finally {
      demo.db.exec('ROLLBACK TO forget; RELEASE forget');
    }
  });

  it('finds a page by part of its URL', async () => {
    const { body } = await demo.get('/api/v1/pages?q=mttq.phuong-phuc-xa-00001');
    expect(body.total).toBe(1);
    expect(body.items[0].url).toBe('https://www.facebook.com/mttq.phuong-phuc-xa-00001.demo');
  });

  it('keeps limit=1 and limit=200 and answers that many items', async () => {
    expect((await demo.get('/api/v1/pages?limit=1')).body.items).toHaveLength(1);
    expect((await demo.get('/api/v1/pages?limit=200')).body.items).toHaveLength(200);
  });

  const unitCursor = serializePageCursor('unit', { key: '00004', id: 1880 });
  it.each([
    ['scheme=legacy64', 'scheme'],
    ['status=open', 'status'],
    ['platform=myspace', 'platform'],
    ['owner=party', 'owner'],
    ['sort=followers', 'sort'],
    ['parent=99', 'parent'],
    ['scheme=reform34&parent=001', 'parent'],
    ['asOf=2025-07-01', 'asOf'],
    ['scheme=reform34&asOf=2025-06-30', 'asOf'],
    ['asOf=2022-02-30', 'asOf'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['cursor=not*a*cursor', 'cursor'],
    [`cursor=${Buffer.from('{"key":1}').toString('base64url')}`, 'cursor'],
    [`cursor=${serializePageCursor('-followers', { key: 'many', id: 1 })}`, 'cursor'],
    [`sort=name&cursor=${unitCursor}`, 'cursor'],
    ['pageSize=10', 'pageSize'],
  ])('answers 400 naming the parameter for %s', async (query, path) => {
    const { status, body } = await demo.get(`/api/v1/pages?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details[0].path).toBe(path);
  });

  it('says how to fix a bad limit and a bad cursor', async () => {
    expect((await demo.get('/api/v1/pages?limit=201')).body.error.message).toBe('limit: phải là số nguyên từ 1 đến 200');
    expect((await demo.get('/api/v1/pages?cursor=xyz')).body.error).toMatchObject({
      key: 'field_problem',
      message: 'cursor: không phải con trỏ của địa chỉ này; hãy gửi nguyên nextCursor của câu trả lời trước, hoặc bỏ trống để xem trang đầu',
      details: [{ path: 'cursor', key: 'page_bad_cursor', params: {}, message: expect.stringMatching(/^không phải con trỏ/) }],
    });
    expect((await demo.get(`/api/v1/pages?sort=name&cursor=${unitCursor}`, { 'accept-language': 'en' })).body.error.message).toBe(
      'cursor: was made for sort=unit; keep the same sort while paging, or omit the cursor to start again',
    );
  });

  it.each(PAGE_SORTS)('parses back the cursor it serializes for sort=%s', (sort) => {
    const position = { key: sort === '-followers' ? 1234 : 'Mặt trận 00001', id: 42 };
    const cursor = serializePageCursor(sort, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parsePageCursor(cursor, sort)).toEqual(position);
  });
});

describe('GET /pages/{id}', () => {
  it('shows the history, both schemes’ assignments and the monthly metrics of a page carried across the 2025 reform', async () => {
    const carried = demo.db
      .prepare(
        `SELECT l.page_id AS id, l.unit_code AS legacyCode, r.unit_code AS reformCode
         FROM page_assignments l JOIN page_assignments r ON r.page_id = l.page_id AND r.scheme = 'reform34'
         WHERE l.scheme = 'legacy63' AND length(l.unit_code) = 5 ORDER BY l.page_id LIMIT 1`,
      )
      .get() as { id: number; legacyCode: string; reformCode: string };
    const { status, body } = await demo.get(`/api/v1/pages/${carried.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(carried.id);
    expect(body.demo).toBe(true);
    expect(body.assignments).toEqual([
      { scheme: 'legacy63', code: carried.legacyCode, name: expect.any(String), level: 'commune', basis: 'direct' },
      { scheme: 'reform34', code: carried.reformCode, name: expect.any(String), level: 'commune', basis: 'crosswalk' },
    ]);

    const events = demo.db
      .prepare('SELECT status, effective_on AS effectiveOn, recorded_by AS recordedBy, note FROM page_status_events WHERE page_id = ? ORDER BY id')
      .all(carried.id);
    expect(body.history).toHaveLength(events.length);
    expect(body.history[0]).toMatchObject({ status: 'reported' });
    expect(isOrdered(body.history as { effectiveOn: string }[], (e) => e.effectiveOn)).toBe(true);
    // A signed-out reader sees who recorded each status by role only, never a username.
    const withoutRecorder = ({ recordedBy: _, ...rest }: { recordedBy: string }) => JSON.stringify(rest);
    expect(new Set(body.history.map(withoutRecorder))).toEqual(new Set((events as { recordedBy: string }[]).map(withoutRecorder)));
    expect(body.history.every((e: { recordedBy: string }) => ['Quản trị hệ thống', 'Ban Thường trực', 'Cán bộ tỉnh', 'Cán bộ'].includes(e.recordedBy))).toBe(true);

    const months = (body.metrics as { month: string }[]).map((m) => m.month);
    expect(months.length).toBeGreaterThan(40);
    expect(months).toEqual([...months].sort());
    expect(new Set(months).size).toBe(months.length);
    expect(months[0]! <= '2025-06' && months[months.length - 1]! >= '2025-07').toBe(true);
    const first = demo.db
      .prepare('SELECT followers, posts, interactions, views, last_post_on AS lastPostOn, source FROM metric_snapshots WHERE page_id = ? ORDER BY month LIMIT 1')
      .get(carried.id) as object;
    expect(body.metrics[0]).toEqual({ month: months[0], ...first });
  });

  it('orders events of the same day in the order they were recorded', async () => {
    const sameDay = demo.db
      .prepare('SELECT page_id AS id FROM page_status_events GROUP BY page_id, effective_on HAVING count(*) > 1 LIMIT 1')
      .get() as { id: number } | undefined;
    if (!sameDay) return;
    const { body } = await demo.get(`/api/v1/pages/${sameDay.id}`);
    const ids = demo.db.prepare('SELECT status FROM page_status_events WHERE page_id = ? ORDER BY effective_on, id').all(sameDay.id) as { status: string }[];
    expect(body.history.map((e: { status: string }) => e.status)).toEqual(ids.map((e) => e.status));
  });

  it('answers 404 with a clear message for an unknown id', async () => {
    const { status, body } = await demo.get('/api/v1/pages/999999');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'not_found', message: 'Không có trang nào mã 999999. Tra mã trang bằng GET /api/v1/pages.', key: 'page_not_found', params: { id: '999999' }, details: [] },
    });
    const english = await demo.get('/api/v1/pages/999999', { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('No page with id 999999. Find page ids with GET /api/v1/pages.');
  });

  it.each(['abc', '12a', '-1', '1.5'])('answers 400 naming id for the non-numeric id %j', async (id) => {
    const { status, body } = await demo.get(`/api/v1/pages/${id}`, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 'bad_request',
      message: 'id: must be a page id, a whole number such as 42',
      details: [expect.objectContaining({ path: 'id', message: 'must be a page id, a whole number such as 42' })],
    });
  });
});

describe('OpenAPI document', () => {
  it('documents both pages endpoints with their parameters', async () => {
    const { status, body } = await demo.get('/api/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/pages', '/pages/{id}']));
    const names = (body.paths['/pages'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['scheme', 'asOf', 'parent', 'status', 'platform', 'owner', 'q', 'sort', 'limit', 'cursor']));
    expect(body.components.schemas).toHaveProperty('PageList');
    expect(body.components.schemas).toHaveProperty('PageDetail');
  });
});
