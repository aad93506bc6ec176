import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';
import type { TestSession } from '../test/auth';
import { openWriteApp, type WriteApp } from '../writes/test-fixture';
import { communeBounds } from './backcast';

describe('communeBounds: one reform34 commune from its predecessors', () => {
  it.each([
    ['all predecessors covered, none split', true, [{ flag: true, isSplit: false }, { flag: true, isSplit: false }], { lower: true, upper: true }],
    ['predecessors disagree', true, [{ flag: true, isSplit: false }, { flag: false, isSplit: false }], { lower: false, upper: true }],
    ['only a split predecessor covered', false, [{ flag: true, isSplit: true }, { flag: false, isSplit: false }], { lower: false, upper: true }],
    ['a covered split predecessor beside covered whole ones', true, [{ flag: true, isSplit: true }, { flag: true, isSplit: false }], { lower: false, upper: true }],
    ['no predecessor covered', false, [{ flag: false, isSplit: false }], { lower: false, upper: false }],
    ['a new commune with no predecessor and its own page', true, [], { lower: true, upper: true }],
  ] as const)('%s', (_, own, predecessors, expected) => {
    expect(communeBounds(own, predecessors)).toEqual(expected);
  });
});

/**
 * A hand-worked fixture in Lào Cai (reform34:15). reform34 commune 04543 was made of legacy63
 * communes 04540, 04543, 04546, 04567 and part of 04561, which was split between 04543 and 04498.
 * reform34 21025 (Quảng Ngãi) was made of 21019, 21022, 21025 and 21031 whole.
 */
describe('back-cast coverage of reform34 before the reform (hand-worked)', () => {
  let w: WriteApp;
  let admin: TestSession;
  const AS_OF = '2022-06-30';
  beforeAll(async () => {
    w = openWriteApp();
    admin = await w.signIn('admin');
    const add = async (code: string, launchedOn = '2022-01-10') => {
      const { status } = await w.send(
        'POST',
        '/api/v1/pages',
        { platform: 'facebook', url: `https://www.facebook.com/backcast.${code}`, name: `MTTQ ${code}`, launchedOn, unit: { scheme: 'legacy63', code }, confirmSecondFrontPage: true },
        admin,
      );
      expect(status).toBe(201);
    };
    await add('04540'); // one whole predecessor of 04543: predecessors disagree
    await add('04561'); // the split commune: counts only for the upper bounds of 04543 and 04498
    for (const code of ['21019', '21022', '21025', '21031']) await add(code); // all of 21025's predecessors
  });
  afterAll(() => w.close());

  it('counts a merged commune when a whole predecessor was covered, and bounds it when they disagree or one was split', async () => {
    const { status, body } = await w.get(`/api/v1/coverage?scheme=reform34&asOf=${AS_OF}&level=commune&parent=15`);
    expect(status).toBe(200);
    expect(body.basis).toBe('crosswalk');
    const row = (code: string) => body.rows.find((r: { code: string }) => r.code === code);
    expect(row('04543')).toMatchObject({ covered: true, pages: 1 });
    expect(row('04498')).toMatchObject({ covered: false, pages: 0 });
    expect(body.levels.commune.covered).toBe(1);
    expect(body.bounds.commune).toEqual({ lower: { covered: 0, active: 0, verified: 0 }, upper: { covered: 2, active: 0, verified: 0 } });
  });

  it('gives the national figure and its bounds: 04543 and 21025 covered, 21025 in the lower bound, 04498 too in the upper', async () => {
    const { body } = await w.get(`/api/v1/coverage?scheme=reform34&asOf=${AS_OF}&level=province`);
    expect(body.levels.commune).toMatchObject({ total: 3321, covered: 2 });
    expect(body.bounds.commune).toMatchObject({ lower: { covered: 1 }, upper: { covered: 3 } });
    expect(body.levels.province.covered).toBe(0);
  });

  it('draws the same figures on the timeline, marked crosswalk before 01/07/2025 and recorded after', async () => {
    const { status, body } = await w.get('/api/v1/coverage/timeline?scheme=reform34&level=commune&from=2022-05-01&to=2025-08-31');
    expect(status).toBe(200);
    const point = body.points.find((p: { date: string }) => p.date === AS_OF);
    expect(point).toMatchObject({ covered: 2, basis: 'crosswalk', lower: { covered: 1 }, upper: { covered: 3 } });
    expect(body.points.filter((p: { basis: string }) => p.basis === 'crosswalk').at(-1).date).toBe('2025-06-30');
    expect(body.points.find((p: { date: string }) => p.date === '2025-07-31')).toMatchObject({ basis: 'recorded' });
    expect(body.markers.map((m: { date: string }) => m.date)).toContain('2025-07-01');
  });

  it('answers the same dates in legacy63 as recorded, and refuses reform34 dates before legacy63 began', async () => {
    const legacy = await w.get(`/api/v1/coverage?scheme=legacy63&asOf=${AS_OF}&level=commune&parent=10`);
    expect(legacy.body).toMatchObject({ basis: 'recorded' });
    expect(legacy.body.bounds).toBeUndefined();
    const tooEarly = await w.get('/api/v1/coverage?scheme=reform34&asOf=2001-01-01');
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.details[0].path).toBe('asOf');
  });
});

describe('back-cast against the demo data', () => {
  let demo: ReturnType<typeof openDemoApp>;
  beforeAll(() => {
    demo = openDemoApp();
  });
  afterAll(() => demo.close());

  it('answers 34/34 provinces on 12/08/2022 with basis crosswalk and a commune figure with its bounds, legacy63 unchanged', async () => {
    const reform = (await demo.get('/api/v1/coverage?scheme=reform34&asOf=2022-08-12')).body;
    expect(reform.basis).toBe('crosswalk');
    expect(reform.levels.province).toMatchObject({ total: 34, covered: 34 });
    const { lower, upper } = reform.bounds.commune;
    expect(lower.covered).toBeLessThanOrEqual(reform.levels.commune.covered);
    expect(upper.covered).toBeGreaterThanOrEqual(reform.levels.commune.covered);
    const legacy = (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12')).body;
    expect(['province', 'district', 'commune'].map((l) => `${legacy.levels[l].covered}/${legacy.levels[l].total}`)).toEqual(['63/63', '548/705', '5777/10599']);
  });

  it('counts a reform34 province as covered before the reform exactly when one of its legacy63 provinces was (all 34, many dates)', async () => {
    const crosswalk = demo.db.prepare("SELECT from_code, to_code FROM crosswalk WHERE level = 'province'").all() as { from_code: string; to_code: string }[];
    const firstDay = Date.parse('2021-01-01');
    const days = Math.floor((Date.parse('2025-06-30') - firstDay) / 86_400_000);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: days }), async (offset) => {
        const date = new Date(firstDay + offset * 86_400_000).toISOString().slice(0, 10);
        const reform = (await demo.get(`/api/v1/coverage?scheme=reform34&asOf=${date}&level=province`)).body;
        const legacy = (await demo.get(`/api/v1/coverage?scheme=legacy63&asOf=${date}&level=province`)).body;
        const legacyCovered = new Map<string, boolean>(legacy.rows.map((r: { code: string; covered: boolean }) => [r.code, r.covered]));
        expect(reform.rows).toHaveLength(34);
        for (const row of reform.rows as { code: string; covered: boolean }[]) {
          const predecessors = crosswalk.filter((e) => e.to_code === row.code).map((e) => e.from_code);
          expect(predecessors.length).toBeGreaterThan(0);
          expect(row.covered).toBe(predecessors.some((code) => legacyCovered.get(code)));
        }
        expect(reform.bounds?.province).toBeUndefined();
      }),
      { numRuns: 30, seed: 20250701 },
    );
  });
});
