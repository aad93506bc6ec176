import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';

/** The median worked out the schoolbook way, independent of the code under test. */
function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

describe('GET /api/v1/metrics/summary on the demo data', () => {
  let demo: ReturnType<typeof openDemoApp>;
  beforeAll(() => {
    demo = openDemoApp({ defaultScheme: 'legacy63' });
  });
  afterAll(() => demo.close());

  const summary = async (query: string) => {
    const { status, body } = await demo.get(`/api/v1/metrics/summary?${query}`);
    expect(status).toBe(200);
    return body;
  };

  /** Live pages in scope at asOf with the snapshot of `month`, straight from the tables; active by asOf's month and the month before. */
  function pagesFromSql(scheme: string, asOf: string, month: string, parent: string | null, owner: string, platform: string | null) {
    // Active: posted in the month read (the last complete one) or the month before it.
    const activeMonth = month;
    const previousMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
    return demo.db
      .prepare(
        `SELECT m.followers, m.posts, m.interactions,
                (SELECT count(*) FROM metric_snapshots s WHERE s.page_id = p.id AND s.month IN (@activeMonth, @previousMonth) AND s.posts > 0) > 0 AS active
         FROM pages p
         JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
         JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
         LEFT JOIN metric_snapshots m ON m.page_id = p.id AND m.month = @month
         WHERE p.launched_on <= @asOf
           AND (@owner = 'all' OR p.owner = @owner) AND (@platform IS NULL OR p.platform = @platform)
           AND (@parent IS NULL OR u.code = @parent OR u.province_code = @parent OR u.parent_code = @parent)
           AND p.id NOT IN (SELECT page_id FROM page_status_events WHERE status IN ('closed', 'rejected') AND effective_on <= @asOf)`,
      )
      .all({ scheme, asOf, month, activeMonth, previousMonth, parent, owner, platform }) as Array<{ followers: number | null; posts: number | null; interactions: number | null; active: number }>;
  }

  // The month read is the last one complete at asOf: asOf's own only on its last day.
  it.each([
    ['legacy63', '2023-03-15', '2023-02', null, 'front', null],
    ['legacy63', '2024-09-30', '2024-09', '38', 'all', null],
    ['legacy63', '2022-08-12', '2022-07', '001', 'front', null],
    ['legacy63', '2024-01-31', '2024-01', null, 'all', 'zalo'],
    ['reform34', '2026-11-27', '2026-10', '01', 'front', null],
    ['reform34', '2026-02-14', '2026-01', null, 'youth_union', null],
  ])('adds up the same pages, followers, posts and interactions as SQL over the tables (%s, %s → month %s, parent %s, owner %s, platform %s)', async (scheme, asOf, month, parent, owner, platform) => {
    const query = `scheme=${scheme}&asOf=${asOf}&owner=${owner}${parent ? `&parent=${parent}` : ''}${platform ? `&platform=${platform}` : ''}`;
    const body = await summary(query);
    const rows = pagesFromSql(scheme, asOf, month, parent, owner, platform);
    expect(rows.length).toBeGreaterThan(0);
    // Pages launched after the month read have no figure for it: no data, not zero.
    const column = (key: 'followers' | 'posts' | 'interactions') => rows.map((r) => r[key]).filter((v): v is number => v !== null);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const active = rows.filter((r) => r.active).length;
    expect(body).toMatchObject({ scheme, asOf, month, demo: true, parent });
    expect(body.current).toEqual({
      asOf,
      month,
      pages: rows.length,
      reportingPages: column('posts').length,
      followers: { sum: sum(column('followers')), median: medianOf(column('followers')) },
      posts: { sum: sum(column('posts')), median: medianOf(column('posts')) },
      interactions: { sum: sum(column('interactions')), median: medianOf(column('interactions')) },
      activePages: active,
      activeShare: active / rows.length,
    });
  });

  it('reports July 2022 on 12/08/2022: no figure of August, which had not ended', async () => {
    const conference = await summary('scheme=legacy63&asOf=2022-08-12');
    const endOfJuly = await summary('scheme=legacy63&asOf=2022-07-31');
    const endOfAugust = await summary('scheme=legacy63&asOf=2022-08-31');
    expect(conference.month).toBe('2022-07');
    expect(conference.current.month).toBe('2022-07');
    expect(conference.previous.month).toBe('2022-06');
    expect(conference.current.posts).toEqual(endOfJuly.current.posts);
    expect(conference.current.interactions).toEqual(endOfJuly.current.interactions);
    expect(conference.current.posts.sum).not.toBe(endOfAugust.current.posts.sum);
  });

  it.each([
    ['legacy63', '2022-08-01'],
    ['legacy63', '2022-08-12'],
    ['legacy63', '2022-08-30'],
    ['legacy63', '2022-08-31'],
    ['legacy63', '2024-02-28'],
    ['legacy63', '2024-02-29'],
    ['reform34', '2026-11-27'],
  ])(
    'never reads a month that ends after asOf, nor compares with one (%s, %s)',
    async (scheme, asOf) => {
      const body = await summary(`scheme=${scheme}&asOf=${asOf}`);
      const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
      expect(monthEnd(body.month) <= asOf).toBe(true);
      expect(body.current.month).toBe(body.month);
      expect(body.previous.month < body.month).toBe(true);
      // the month read is the latest complete one: the month after it ends after asOf
      const following = new Date(Date.UTC(Number(body.month.slice(0, 4)), Number(body.month.slice(5, 7)) + 1, 0)).toISOString().slice(0, 10);
      expect(following > asOf).toBe(true);
    },
  );

  it("compares with the month before the month read: previous is the current of that month's last day, change is the difference and its percent", async () => {
    const body = await summary('scheme=legacy63&asOf=2023-03-15&owner=all');
    const before = await summary('scheme=legacy63&asOf=2023-01-31&owner=all');
    expect(body.previous).toEqual(before.current);
    expect(body.previous).toMatchObject({ asOf: '2023-01-31', month: '2023-01' });
    expect(body.current.month).toBe('2023-02');
    const { current, previous, change } = body;
    expect(change.pages).toEqual({ absolute: current.pages - previous.pages, percent: ((current.pages - previous.pages) / previous.pages) * 100 });
    for (const key of ['followers', 'posts', 'interactions'] as const) {
      const absolute = current[key].sum - previous[key].sum;
      expect(change[key]).toEqual({ absolute, percent: (absolute / previous[key].sum) * 100 });
    }
    expect(change.activeShare.absolute).toBe(current.activeShare - previous.activeShare);
  });

  it('compares the end of the first month of reform34 with June 2025, back-cast through the crosswalk', async () => {
    const body = await summary('scheme=reform34&asOf=2025-07-31');
    expect(body).toMatchObject({ basis: 'recorded', month: '2025-07' });
    expect(body.current.pages).toBeGreaterThan(0);
    expect(body.previous).toMatchObject({ asOf: '2025-06-30', month: '2025-06' });
    expect(body.previous.pages).toBeGreaterThan(0);
    expect((await summary('scheme=reform34&asOf=2025-06-30')).basis).toBe('crosswalk');
  });

  it('has no percent change from zero pages, and no active share or medians without pages', async () => {
    // Trade unions ran no commune pages in this district before 2022.
    const body = await summary('scheme=legacy63&asOf=2021-10-15&owner=trade_union&parent=001');
    expect(body.current).toMatchObject({ pages: 0, activeShare: null, followers: { sum: 0, median: null } });
    expect(body.change.pages).toEqual({ absolute: 0, percent: null });
    expect(body.change.activeShare).toEqual({ absolute: null, percent: null });
  });

  it.each([
    ['asOf=2025-07-01', 'asOf', '2025-07-01 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30'],
    ['scheme=reform34&asOf=2008-07-31', 'asOf', '2008-07-31 is before 2008-08-01, the first day reform34 figures reach (back-cast through legacy63)'],
    ['parent=99', 'parent', '99 is not a unit of legacy63'],
    ['platform=myspace', 'platform', 'must be one of facebook, zalo, tiktok, youtube'],
    ['level=province', 'level', 'is not a parameter of this endpoint; remove it or check its spelling'],
  ])('answers 400 for %s, naming %s (asked in English)', async (query, path, message) => {
    const { status, body } = await demo.get(`/api/v1/metrics/summary?${query}`, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toContainEqual(expect.objectContaining({ path, message }));
  });
});
