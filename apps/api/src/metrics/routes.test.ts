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

  /** Live pages in scope at asOf with that month's snapshot, straight from the tables. */
  function pagesFromSql(scheme: string, asOf: string, parent: string | null, owner: string, platform: string | null) {
    const month = asOf.slice(0, 7);
    const previousMonth = new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
    return demo.db
      .prepare(
        `SELECT m.followers, m.posts, m.interactions,
                (SELECT count(*) FROM metric_snapshots s WHERE s.page_id = p.id AND s.month IN (@month, @previousMonth) AND s.posts > 0) > 0 AS active
         FROM pages p
         JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
         JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
         LEFT JOIN metric_snapshots m ON m.page_id = p.id AND m.month = @month
         WHERE p.launched_on <= @asOf
           AND (@owner = 'all' OR p.owner = @owner) AND (@platform IS NULL OR p.platform = @platform)
           AND (@parent IS NULL OR u.code = @parent OR u.province_code = @parent OR u.parent_code = @parent)
           AND p.id NOT IN (SELECT page_id FROM page_status_events WHERE status IN ('closed', 'rejected') AND effective_on <= @asOf)`,
      )
      .all({ scheme, asOf, month, previousMonth, parent, owner, platform }) as Array<{ followers: number; posts: number; interactions: number; active: number }>;
  }

  it.each([
    ['legacy63', '2023-03-15', null, 'front', null],
    ['legacy63', '2024-09-30', '38', 'all', null],
    ['legacy63', '2022-08-12', '001', 'front', null],
    ['legacy63', '2024-01-31', null, 'all', 'zalo'],
    ['reform34', '2026-11-27', '01', 'front', null],
    ['reform34', '2026-02-14', null, 'youth_union', null],
  ])('adds up the same pages, followers, posts and interactions as SQL over the tables (%s, %s, parent %s, owner %s, platform %s)', async (scheme, asOf, parent, owner, platform) => {
    const query = `scheme=${scheme}&asOf=${asOf}&owner=${owner}${parent ? `&parent=${parent}` : ''}${platform ? `&platform=${platform}` : ''}`;
    const body = await summary(query);
    const rows = pagesFromSql(scheme, asOf, parent, owner, platform);
    expect(rows.length).toBeGreaterThan(0);
    const column = (key: 'followers' | 'posts' | 'interactions') => rows.map((r) => r[key]);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const active = rows.filter((r) => r.active).length;
    expect(body).toMatchObject({ scheme, asOf, month: asOf.slice(0, 7), demo: true, parent });
    expect(body.current).toEqual({
      asOf,
      month: asOf.slice(0, 7),
      pages: rows.length,
      reportingPages: rows.length,
      followers: { sum: sum(column('followers')), median: medianOf(column('followers')) },
      posts: { sum: sum(column('posts')), median: medianOf(column('posts')) },
      interactions: { sum: sum(column('interactions')), median: medianOf(column('interactions')) },
      activePages: active,
      activeShare: active / rows.length,
    });
  });

  it("compares with the end of the previous month: previous is that date's current, change is the difference and its percent", async () => {
    const body = await summary('scheme=legacy63&asOf=2023-03-15&owner=all');
    const before = await summary('scheme=legacy63&asOf=2023-02-28&owner=all');
    expect(body.previous).toEqual(before.current);
    expect(body.previous.asOf).toBe('2023-02-28');
    const { current, previous, change } = body;
    expect(change.pages).toEqual({ absolute: current.pages - previous.pages, percent: ((current.pages - previous.pages) / previous.pages) * 100 });
    for (const key of ['followers', 'posts', 'interactions'] as const) {
      const absolute = current[key].sum - previous[key].sum;
      expect(change[key]).toEqual({ absolute, percent: (absolute / previous[key].sum) * 100 });
    }
    expect(change.activeShare.absolute).toBe(current.activeShare - previous.activeShare);
  });

  it('compares the first month of reform34 with the end of June 2025, back-cast through the crosswalk', async () => {
    const body = await summary('scheme=reform34&asOf=2025-07-10');
    expect(body).toMatchObject({ basis: 'recorded' });
    expect(body.current.pages).toBeGreaterThan(0);
    expect(body.previous).toMatchObject({ asOf: '2025-06-30' });
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
  ])('answers 400 for %s, naming %s', async (query, path, message) => {
    const { status, body } = await demo.get(`/api/v1/metrics/summary?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toContainEqual({ path, message });
  });
});
