import type { TimelineResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { levelsIn, rowsUpTo, toPercent, toTimelapseRows, yearTicks } from './timelapse-series';

const point = (date: string, covered: number, total: number) => ({ date, total, covered, active: covered, verified: 0, basis: 'recorded' as const });
const timeline = (scheme: TimelineResponse['scheme'], level: TimelineResponse['level'], points: TimelineResponse['points']) => ({ scheme, level, points });

const timelines = [
  timeline('legacy63', 'province', [point('2021-08-31', 0, 63), point('2021-09-30', 26, 63), point('2025-06-30', 63, 63)]),
  timeline('legacy63', 'district', [point('2021-09-30', 2, 705), point('2025-06-30', 700, 705)]),
  timeline('reform34', 'province', [point('2025-07-31', 34, 34), point('2026-11-27', 34, 34)]),
  timeline('reform34', 'commune', [point('2025-07-31', 3000, 3321), point('2026-11-27', 3300, 3321)]),
];

describe('toTimelapseRows', () => {
  const rows = toTimelapseRows(timelines, '2021-09-30', '2026-11-27');

  it('joins both schemes by date, oldest first, from the first frame on', () => {
    expect(rows.map((r) => [r.date, r.scheme])).toEqual([
      ['2021-09-30', 'legacy63'],
      ['2025-06-30', 'legacy63'],
      ['2025-07-31', 'reform34'],
      ['2026-11-27', 'reform34'],
    ]);
  });

  it('divides by the units of the scheme in force: 63 provinces before the reform, 34 after', () => {
    expect(rows[0]?.shares.province).toBeCloseTo(26 / 63);
    expect(rows[2]?.shares.province).toBe(1);
    expect(rows[2]?.counts.province?.total).toBe(34);
  });

  it('ends the district line with legacy63', () => {
    expect(rows[1]?.shares.district).toBeCloseTo(700 / 705);
    expect(rows[2]?.shares).not.toHaveProperty('district');
    expect(levelsIn(rows)).toEqual(['province', 'district', 'commune']);
  });

  it('tells each date in the scheme in force that day, leaving out reform34 figures back-cast before the reform', () => {
    const backcast = timeline('reform34', 'province', [point('2021-09-30', 20, 34), point('2025-06-30', 34, 34), point('2025-07-31', 34, 34)]);
    const joined = toTimelapseRows([timelines[0]!, backcast], '2021-09-30', '2026-11-27');
    expect(joined.map((r) => [r.date, r.scheme, r.counts.province?.total])).toEqual([
      ['2021-09-30', 'legacy63', 63],
      ['2025-06-30', 'legacy63', 63],
      ['2025-07-31', 'reform34', 34],
    ]);
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
