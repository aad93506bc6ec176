import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';

interface Row {
  rank: number | null;
  code: string;
  name: string;
  value: number | null;
  numerator: number;
  denominator: number;
  previousRank: number | null;
  rankChange: number | null;
}

/** Competition ranking: the first row is 1, a tie keeps the rank, the next value skips the tied places. */
function expectCompetitionRanks(rows: Row[]) {
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const expected = i === 0 ? 1 : row.value === before!.value ? before!.rank : i + 1;
    expect(row.rank, row.code).toBe(expected);
    if (before) expect(row.value!).toBeLessThanOrEqual(before.value!);
  });
}

describe('GET /api/v1/rankings on the demo data', () => {
  let demo: ReturnType<typeof openDemoApp>;
  beforeAll(() => {
    demo = openDemoApp({ defaultScheme: 'legacy63' });
  });
  afterAll(() => demo.close());

  const rankings = async (query: string) => {
    const { status, body } = await demo.get(`/api/v1/rankings?${query}`);
    expect(status).toBe(200);
    return body as { scheme: string; asOf: string; previousAsOf: string | null; level: string; metric: string; demo: boolean; basis: string; rows: Row[] };
  };

  it('ranks the 63 legacy63 provinces by coverage, best first, ties sharing a rank (1, 2, 2, 4) in code order', async () => {
    const body = await rankings('scheme=legacy63&asOf=2022-08-12');
    expect(body).toMatchObject({ scheme: 'legacy63', asOf: '2022-08-12', previousAsOf: '2022-07-31', level: 'province', metric: 'coverage', demo: true });
    expect(body.rows).toHaveLength(63);
    expect(new Set(body.rows.map((r) => r.code)).size).toBe(63);
    expectCompetitionRanks(body.rows);
    for (let i = 1; i < body.rows.length; i++) {
      const [a, b] = [body.rows[i - 1]!, body.rows[i]!];
      if (a.value === b.value) expect(a.code < b.code).toBe(true);
    }
  });

  it('ranks the 34 reform34 provinces', async () => {
    const body = await rankings('scheme=reform34&asOf=2026-03-31&metric=active');
    expect(body.rows).toHaveLength(34);
    expectCompetitionRanks(body.rows);
  });

  it.each(['coverage', 'active', 'verified', 'followerGrowth'])('gives value = numerator / denominator for %s', async (metric) => {
    const body = await rankings(`scheme=legacy63&asOf=2023-05-20&metric=${metric}`);
    expect(body.metric).toBe(metric);
    for (const row of body.rows) expect(row.value).toBe(row.numerator / row.denominator);
    expectCompetitionRanks(body.rows);
  });

  it("scores each province by its communes, as /coverage's descendants count them", async () => {
    const coverage = (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2023-05-20')).body;
    const descendants = new Map<string, any>(coverage.rows.map((r: any) => [r.code, r.descendants.commune]));
    for (const [metric, flag] of [
      ['coverage', 'covered'],
      ['active', 'active'],
      ['verified', 'verified'],
    ] as const) {
      const body = await rankings(`scheme=legacy63&asOf=2023-05-20&metric=${metric}`);
      for (const row of body.rows) {
        expect([row.numerator, row.denominator]).toEqual([descendants.get(row.code)[flag], descendants.get(row.code).total]);
      }
    }
  });

  it('gives rankChange = previousRank − rank, where previousRank is the rank at the end of the previous month', async () => {
    for (const metric of ['coverage', 'followerGrowth']) {
      const now = await rankings(`scheme=legacy63&asOf=2023-03-15&metric=${metric}`);
      const before = await rankings(`scheme=legacy63&asOf=2023-02-28&metric=${metric}`);
      expect(now.previousAsOf).toBe('2023-02-28');
      const rankBefore = new Map(before.rows.map((r) => [r.code, r.rank]));
      for (const row of now.rows) {
        expect(row.previousRank).toBe(rankBefore.get(row.code));
        expect(row.rankChange).toBe(row.previousRank! - row.rank!);
      }
      expect(now.rows.some((r) => r.rankChange !== 0)).toBe(true);
    }
  });

  it('ranks the first month of reform34 against the end of June 2025, back-cast through the crosswalk', async () => {
    const body = await rankings('scheme=reform34&asOf=2025-07-20');
    expect(body.previousAsOf).toBe('2025-06-30');
    expect(body.rows.every((r) => r.previousRank !== null)).toBe(true);
    expect((await rankings('scheme=reform34&asOf=2025-06-30')).basis).toBe('crosswalk');
  });

  it("ranks a district's communes by whether they are covered, ties in name order", async () => {
    const body = await rankings('scheme=legacy63&asOf=2022-01-31&parent=001');
    expect(body.level).toBe('commune');
    const covered = body.rows.filter((r) => r.value === 1);
    const uncovered = body.rows.filter((r) => r.value === 0);
    expect(covered.length + uncovered.length).toBe(body.rows.length);
    expect(covered.length).toBeGreaterThan(0);
    expect(uncovered.length).toBeGreaterThan(0);
    expect(body.rows).toEqual([...covered, ...uncovered]);
    expect(covered.every((r) => r.rank === 1 && r.denominator === 1)).toBe(true);
    expect(uncovered.every((r) => r.rank === covered.length + 1)).toBe(true);
    const collator = new Intl.Collator('vi');
    for (const group of [covered, uncovered]) expect(group.map((r) => r.name)).toEqual(group.map((r) => r.name).sort(collator.compare));
    const coverage = (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-01-31&parent=001')).body;
    expect(new Set(covered.map((r) => r.code))).toEqual(new Set(coverage.rows.filter((r: any) => r.covered).map((r: any) => r.code)));
  });

  it("ranks a province's districts by their communes' coverage", async () => {
    const body = await rankings('scheme=legacy63&asOf=2022-08-12&parent=01&level=district');
    const coverage = (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12&parent=01&level=district')).body;
    expect(body.rows.map((r) => r.code).sort()).toEqual(coverage.rows.map((r: any) => r.code));
    for (const row of body.rows) {
      const { covered, total } = coverage.rows.find((r: any) => r.code === row.code).descendants.commune;
      expect([row.numerator, row.denominator]).toEqual([covered, total]);
    }
  });

  it.each(['2024-04-30', '2022-08-12'])("measures a province's follower growth as /metrics/summary does for that province (%s)", async (asOf) => {
    const body = await rankings(`scheme=legacy63&asOf=${asOf}&metric=followerGrowth`);
    for (const row of body.rows.slice(0, 3)) {
      const summary = (await demo.get(`/api/v1/metrics/summary?scheme=legacy63&asOf=${asOf}&parent=${row.code}`)).body;
      expect(row.denominator).toBe(summary.previous.followers.sum);
      expect(row.numerator).toBe(summary.current.followers.sum - summary.previous.followers.sum);
    }
  });

  it('grows followers on 12/08/2022 from June to July 2022, not into August, which had not ended', async () => {
    const conference = await rankings('scheme=legacy63&asOf=2022-08-12&metric=followerGrowth');
    const endOfJuly = await rankings('scheme=legacy63&asOf=2022-07-31&metric=followerGrowth');
    const endOfAugust = await rankings('scheme=legacy63&asOf=2022-08-31&metric=followerGrowth');
    const totals = (body: typeof conference) => body.rows.reduce((sum, row) => sum + row.numerator + row.denominator, 0);
    expect(totals(conference)).toBe(totals(endOfJuly));
    expect(totals(conference)).not.toBe(totals(endOfAugust));
  });

  it.each([
    ['metric=likes', 'metric', 'must be one of coverage, active, verified, followerGrowth'],
    ['scheme=reform34&level=district', 'level', 'reform34 has no district level; use one of province, commune'],
    ['asOf=2025-07-01', 'asOf', '2025-07-01 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30'],
    ['parent=00001', 'parent', '00001 is a commune, which has no units below it'],
    ['platform=zalo', 'platform', 'is not a parameter of this endpoint; remove it or check its spelling'],
  ])('answers 400 for %s, naming %s (asked in English)', async (query, path, message) => {
    const { status, body } = await demo.get(`/api/v1/rankings?${query}`, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toContainEqual(expect.objectContaining({ path, message }));
  });
});
