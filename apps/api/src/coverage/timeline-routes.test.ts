import { isSunday, type CoverageCounts } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';

const CONFERENCE = { date: '2022-08-12', label: 'Hội nghị toàn quốc: 63/63 tỉnh, thành' };
const REFORM = { date: '2025-07-01', label: 'Sắp xếp đơn vị hành chính: 63 → 34 tỉnh, bỏ cấp huyện' };

describe('GET /api/v1/coverage/timeline on the demo data', () => {
  let demo: ReturnType<typeof openDemoApp>;
  beforeAll(() => {
    demo = openDemoApp({ defaultScheme: 'legacy63' });
  });
  afterAll(() => demo.close());

  const timeline = async (query: string) => {
    const { status, body } = await demo.get(`/api/v1/coverage/timeline?${query}`);
    expect(status).toBe(200);
    return body;
  };
  const coverageAt = async (query: string, asOf: string, level: string): Promise<CoverageCounts> =>
    (await demo.get(`/api/v1/coverage?${query}&asOf=${asOf}&level=${level}`)).body.levels[level];
  const countsOf = ({ date: _date, basis: _basis, lower: _lower, upper: _upper, ...counts }: { date: string; basis: string; lower?: unknown; upper?: unknown } & CoverageCounts) => counts;

  it.each(['province', 'district', 'commune'])('gives the same %s counts on 2022-08-31 as /coverage?asOf=2022-08-31', async (level) => {
    const body = await timeline(`scheme=legacy63&level=${level}&from=2022-07-01&to=2022-12-31`);
    const point = body.points.find((p: any) => p.date === '2022-08-31');
    expect(countsOf(point)).toEqual(await coverageAt('scheme=legacy63', '2022-08-31', level));
  });

  it.each([
    ['scheme=legacy63&level=commune', ['2021-12-31', '2023-10-31', '2025-06-30']],
    ['scheme=legacy63&level=district&owner=all', ['2022-02-28', '2024-05-31']],
    ['scheme=reform34&level=commune', ['2025-07-31', '2026-02-28', '2026-11-27']],
    ['scheme=reform34&level=commune&parent=01&platform=facebook', ['2025-09-30', '2026-10-31']],
  ])('gives the same counts as /coverage at each date for %s', async (query, dates) => {
    const body = await timeline(query);
    for (const date of dates) {
      const point = body.points.find((p: any) => p.date === date);
      expect(point, date).toBeDefined();
      expect(countsOf(point)).toEqual(await coverageAt(query.replace(/&level=\w+/, ''), date, body.level));
    }
  });

  it('gives the same counts as /coverage at every Sunday under a province, counting member pages and closures', async () => {
    const query = 'scheme=legacy63&parent=38&level=commune&owner=all';
    const body = await timeline(`${query}&interval=week&from=2022-06-01&to=2023-03-31`);
    expect(body.points.length).toBeGreaterThan(40);
    for (const point of body.points) expect(countsOf(point)).toEqual(await coverageAt(query.replace('&level=commune', ''), point.date, 'commune'));
  });

  it('keeps active ≤ covered ≤ total and verified ≤ covered at every point', async () => {
    for (const query of ['scheme=legacy63&level=commune', 'scheme=legacy63&level=district&interval=week', 'scheme=reform34&level=commune']) {
      const body = await timeline(query);
      for (const p of body.points) {
        expect(p.active).toBeLessThanOrEqual(p.covered);
        expect(p.verified).toBeLessThanOrEqual(p.covered);
        expect(p.covered).toBeLessThanOrEqual(p.total);
      }
    }
  });

  it('shows the rollout: more communes covered on 2025-06-30 than on 2021-12-31', async () => {
    const body = await timeline('scheme=legacy63&level=commune');
    const at = (date: string) => body.points.find((p: any) => p.date === date).covered;
    expect(at('2025-06-30')).toBeGreaterThan(at('2021-12-31'));
  });

  it('runs legacy63 by default from the first launch (first point 2021-09-30) to its last day, one point per month end, with the conference marked', async () => {
    const body = await timeline('scheme=legacy63');
    expect(body).toMatchObject({ scheme: 'legacy63', level: 'province', parent: null, interval: 'month', demo: true, to: '2025-06-30' });
    expect(body.points).toHaveLength(46);
    expect(body.points[0]).toMatchObject({ date: '2021-09-30', total: 63 });
    expect(body.points.at(-1)).toMatchObject({ date: '2025-06-30', total: 63 });
    expect(body.markers).toEqual([CONFERENCE]);
  });

  it('runs reform34 by default from the first launch (back-cast through the crosswalk) to today, ending on today for the unfinished month, with the conference and the reform marked', async () => {
    const body = await timeline('scheme=reform34');
    expect(body).toMatchObject({ from: '2021-09-01', to: '2026-11-27', level: 'province' });
    expect(body.points[0]).toMatchObject({ date: '2021-09-30', total: 34, basis: 'crosswalk' });
    expect(body.points.find((p: any) => p.date === '2025-06-30')).toMatchObject({ basis: 'crosswalk' });
    expect(body.points.find((p: any) => p.date === '2025-07-31')).toMatchObject({ basis: 'recorded' });
    expect(body.points.map((p: any) => p.date).slice(-2)).toEqual(['2026-10-31', '2026-11-27']);
    expect(body.markers).toEqual([CONFERENCE, REFORM]);
  });

  it('marks only the events inside the range', async () => {
    expect((await timeline('scheme=legacy63&from=2023-01-01')).markers).toEqual([]);
    expect((await timeline('scheme=legacy63&from=2022-08-12&to=2022-08-12')).markers).toEqual([CONFERENCE]);
  });

  it('puts weekly points on Sundays, seven days apart', async () => {
    const body = await timeline('scheme=legacy63&level=district&interval=week&from=2022-01-01&to=2022-12-25');
    const dates: string[] = body.points.map((p: any) => p.date);
    expect(dates[0]).toBe('2022-01-02');
    expect(dates.at(-1)).toBe('2022-12-25');
    expect(dates.every(isSunday)).toBe(true);
    for (let i = 1; i < dates.length; i++) expect(Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)).toBe(7 * 86_400_000);
  });

  it('counts the level below the parent by default', async () => {
    const body = await timeline('scheme=legacy63&parent=01&from=2022-08-01&to=2022-08-31');
    expect(body).toMatchObject({ level: 'district', parent: '01' });
    expect(body.points).toHaveLength(1);
    expect(countsOf(body.points[0])).toEqual(await coverageAt('scheme=legacy63&parent=01', '2022-08-31', 'district'));
  });

  it.each([
    ['from=2023-01-01&to=2022-01-01', 'from', '2023-01-01 is after to (2022-01-01); choose a from on or before to'],
    ['scheme=reform34&from=2026-12-01', 'from', '2026-12-01 is after to (2026-11-27); choose a from on or before to'],
    ['interval=day', 'interval', 'must be one of month, week'],
    ['scheme=reform34&level=district', 'level', 'reform34 has no district level; use one of province, commune'],
    ['from=2008-07-31', 'from', '2008-07-31 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30'],
    ['to=2025-07-01', 'to', '2025-07-01 is outside legacy63, which is valid from 2008-08-01 to 2025-06-30'],
    ['scheme=reform34&from=2008-07-31', 'from', '2008-07-31 is before 2008-08-01, the first day reform34 figures reach (back-cast through legacy63)'],
    ['from=2022-02-30', 'from', 'is not a real calendar date'],
    ['parent=99', 'parent', '99 is not a unit of legacy63'],
    ['scheme=reform34&from=2025-07-01&interval=week&to=2033-12-31', 'interval', 'from 2025-07-01 to 2033-12-31 makes more than 400 weekly points; choose a later from, or interval=month'],
    ['from=2008-08-01&interval=week', 'from', 'from 2008-08-01 to 2025-06-30 makes more than 400 weekly points; choose a later from, or interval=month'],
    ['level=commune&asOf=2022-08-12', 'asOf', 'is not a parameter of this endpoint; remove it or check its spelling'],
  ])('answers 400 for %s, naming %s (asked in English)', async (query, path, message) => {
    const { status, body } = await demo.get(`/api/v1/coverage/timeline?${query}`, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('says in Vietnamese by default what is wrong with the range, with a key and its parameters', async () => {
    const { body } = await demo.get('/api/v1/coverage/timeline?from=2023-01-01&to=2022-01-01');
    expect(body.error.details).toEqual([
      expect.objectContaining({ path: 'from', key: 'coverage_from_after_to', message: 'ngày 01/01/2023 sau ngày to (01/01/2022); hãy chọn from trùng hoặc trước to' }),
    ]);
    const weeks = await demo.get('/api/v1/coverage/timeline?from=2008-08-01&interval=week');
    expect(weeks.body.error.details.map((d: { path: string; key: string }) => [d.path, d.key])).toEqual([
      ['from', 'coverage_too_many_weeks'],
      ['interval', 'coverage_too_many_weeks'],
    ]);
    expect(weeks.body.error.message).toBe('from: từ 01/08/2008 đến 30/06/2025 có hơn 400 mốc theo tuần; hãy chọn from muộn hơn, hoặc interval=month');
  });

  it('accepts exactly 400 points', async () => {
    // 400 Sundays from 2025-07-06 end on 2033-02-27.
    const body = await timeline('scheme=reform34&from=2025-07-01&interval=week&to=2033-02-27');
    expect(body.points).toHaveLength(400);
    expect((await demo.get('/api/v1/coverage/timeline?scheme=reform34&from=2025-07-01&interval=week&to=2033-03-06')).status).toBe(400);
  });
});
