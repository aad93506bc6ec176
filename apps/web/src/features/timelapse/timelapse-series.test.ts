import type { TimelineResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { levelsIn, rowsUpTo, toPercent, toTimelapseChart, toTimelapseRows, yearTicks } from './timelapse-series';

const point = (date: string, covered: number, total: number) => ({ date, total, covered, active: covered, verified: 0, basis: 'recorded' as const });
const timeline = (scheme: TimelineResponse['scheme'], level: TimelineResponse['level'], points: TimelineResponse['points']) => ({ scheme, level, points });

const backCast = (date: string, covered: number, total: number, lower?: number, upper?: number) => ({
  ...point(date, covered, total),
  basis: 'crosswalk' as const,
  ...(lower !== undefined && upper !== undefined ? { lower: { covered: lower, active: 0, verified: 0 }, upper: { covered: upper, active: 0, verified: 0 } } : {}),
});

const timelines = [
  timeline('reform34', 'province', [backCast('2021-08-31', 0, 34), backCast('2021-09-30', 20, 34), backCast('2025-06-30', 34, 34), point('2025-07-31', 34, 34), point('2026-11-27', 34, 34)]),
  timeline('reform34', 'commune', [backCast('2021-09-30', 2, 3321, 1, 4), backCast('2025-06-30', 2900, 3321, 2850, 2950), point('2025-07-31', 3000, 3321), point('2026-11-27', 3300, 3321)]),
];

describe('toTimelapseRows', () => {
  const rows = toTimelapseRows(timelines, '2021-09-30', '2026-11-27');

  it('joins one scheme by date, oldest first, from the first frame on, back-cast points included', () => {
    expect(rows.map((r) => [r.date, r.scheme, r.basis])).toEqual([
      ['2021-09-30', 'reform34', 'crosswalk'],
      ['2025-06-30', 'reform34', 'crosswalk'],
      ['2025-07-31', 'reform34', 'recorded'],
      ['2026-11-27', 'reform34', 'recorded'],
    ]);
    expect(rows[0]?.shares.province).toBeCloseTo(20 / 34);
    expect(rows[1]?.bounds.commune).toEqual({ lower: { covered: 2850, active: 0, verified: 0 }, upper: { covered: 2950, active: 0, verified: 0 } });
    expect(rows[2]?.bounds).toEqual({});
    expect(levelsIn(rows)).toEqual(['province', 'commune']);
  });

  it('draws the back-cast part as its own line joined at the seam', () => {
    const chart = toTimelapseChart(rows, ['province', 'commune'], '2026-11-27');
    expect(chart.segments.map((s) => [s.key, s.basis])).toEqual([
      ['province~0', 'crosswalk'],
      ['province~1', 'recorded'],
      ['commune~0', 'crosswalk'],
      ['commune~1', 'recorded'],
    ]);
    expect(chart.rows.find((r) => r.time === Date.UTC(2025, 5, 30))).toMatchObject({ 'commune~0': 2900 / 3321, 'commune~1': 2900 / 3321 });
    expect(toTimelapseChart(rows, ['commune'], '2022-01-31').segments).toHaveLength(1);
  });

  it('grows up to the frame shown', () => {
    expect(rowsUpTo(rows, '2025-06-30').map((r) => r.date)).toEqual(['2021-09-30', '2025-06-30']);
    expect(rowsUpTo(rows, '2021-08-31')).toEqual([]);
  });
});

describe('helpers', () => {
  it('writes shares as percentages with one decimal', () => {
    expect(toPercent(5777 / 10599)).toBe(54.5);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(null)).toBeNull();
    expect(toPercent(undefined)).toBeNull();
  });

  it('puts a tick on each 1 January inside the range', () => {
    expect(yearTicks(Date.UTC(2021, 8, 30), Date.UTC(2023, 5, 1))).toEqual([Date.UTC(2022, 0, 1), Date.UTC(2023, 0, 1)]);
  });
});
