import { describe, expect, it } from 'vitest';
import { monthLabel } from '../../i18n/format';
import { hasBackCast, toBasisChart, toChartRows, toTimelineSeries } from './timeline-series';

const point = (date: string, covered: number, total: number, basis: 'recorded' | 'crosswalk' = 'recorded') => ({ date, total, covered, active: 0, verified: 0, basis });
const conference = { date: '2022-08-12', label: 'Hội nghị toàn quốc: 63/63 tỉnh, thành' };
const range = { from: '2021-09-01', to: '2022-08-12' };

describe('toTimelineSeries', () => {
  const province = { ...range, level: 'province' as const, points: [point('2022-07-31', 60, 63), point('2022-08-12', 63, 63)], markers: [conference] };
  const commune = { ...range, level: 'commune' as const, points: [point('2022-07-31', 5765, 10599), point('2022-08-12', 5777, 10599)], markers: [conference] };
  const district = { ...range, level: 'district' as const, points: [point('2022-07-31', 540, 705), point('2022-08-12', 548, 705)], markers: [conference] };

  it('joins the levels by date, in the scheme order, with each share of its total', () => {
    const series = toTimelineSeries('legacy63', [commune, province, district]);
    expect(series.levels).toEqual(['province', 'district', 'commune']);
    expect(series.rows.map((r) => r.date)).toEqual(['2022-07-31', '2022-08-12']);
    expect(series.rows[1]?.shares).toEqual({ province: 1, district: 548 / 705, commune: 5777 / 10599 });
    expect(series.rows[1]?.counts.commune).toEqual({ total: 10599, covered: 5777, active: 0, verified: 0 });
    expect(series.totals).toEqual({ province: 63, district: 705, commune: 10599 });
    expect([series.from, series.to]).toEqual(['2021-09-01', '2022-08-12']);
  });

  it('keeps each marker once, with the key of its translated label', () => {
    const series = toTimelineSeries('legacy63', [province, commune]);
    expect(series.events).toEqual([{ date: '2022-08-12', time: Date.UTC(2022, 7, 12), key: 'conference', label: conference.label }]);
  });

  it('widens the x domain to a marker before the first point (the reform on reform34’s first day)', () => {
    const reform = { date: '2025-07-01', label: 'Sắp xếp đơn vị hành chính' };
    const series = toTimelineSeries('reform34', [{ from: '2025-07-01', to: '2025-08-31', level: 'commune', points: [point('2025-07-31', 3180, 3321), point('2025-08-31', 3196, 3321)], markers: [reform] }]);
    expect(series.domain).toEqual([Date.UTC(2025, 6, 1), Date.UTC(2025, 7, 31)]);
    expect(series.events[0]?.key).toBe('reform');
  });

  it('gives no share for a level without units, and recharts rows keyed by level', () => {
    const series = toTimelineSeries('reform34', [{ from: '2025-07-01', to: '2025-07-31', level: 'commune', points: [point('2025-07-31', 0, 0)], markers: [] }]);
    expect(toChartRows(series)).toEqual([{ time: Date.UTC(2025, 6, 31), commune: null }]);
  });
});

describe('monthLabel', () => {
  it('writes the month as people do: 08/2022 in Vietnamese, Aug 2022 in English', () => {
    expect(monthLabel(Date.UTC(2022, 7, 31), 'vi')).toBe('08/2022');
    expect(monthLabel(Date.UTC(2022, 7, 12), 'en')).toBe('Aug 2022');
    expect(monthLabel(Date.UTC(2025, 11, 31), 'vi')).toBe('12/2025');
  });
});

describe('toBasisChart', () => {
  const bound = (covered: number) => ({ covered, active: 0, verified: 0 });
  const commune = {
    from: '2021-09-01',
    to: '2025-08-31',
    level: 'commune' as const,
    points: [
      { ...point('2025-05-31', 3000, 3321, 'crosswalk'), lower: bound(2950), upper: bound(3050) },
      { ...point('2025-06-30', 3100, 3321, 'crosswalk'), lower: bound(3050), upper: bound(3150) },
      point('2025-07-31', 3180, 3321),
    ],
    markers: [],
  };

  it('keeps each point’s basis and bounds, and splits the line at the seam with the seam point shared', () => {
    const series = toTimelineSeries('reform34', [commune]);
    expect(hasBackCast(series)).toBe(true);
    expect(series.rows[0]?.bases?.commune).toBe('crosswalk');
    expect(series.rows[1]?.bounds?.commune).toEqual({ lower: bound(3050), upper: bound(3150) });
    expect(series.rows[2]?.bounds?.commune).toBeUndefined();
    const chart = toBasisChart(series);
    expect(chart.segments.map((s) => [s.key, s.basis])).toEqual([
      ['commune~0', 'crosswalk'],
      ['commune~1', 'recorded'],
    ]);
    expect(chart.rows[1]).toEqual({ time: Date.UTC(2025, 5, 30), 'commune~0': 3100 / 3321, 'commune~1': 3100 / 3321 });
    expect(chart.rows[2]).toEqual({ time: Date.UTC(2025, 6, 31), 'commune~1': 3180 / 3321 });
  });

  it('has no back-cast part in recorded figures', () => {
    const series = toTimelineSeries('reform34', [{ ...commune, points: [point('2025-07-31', 3180, 3321)] }]);
    expect(hasBackCast(series)).toBe(false);
    expect(toBasisChart(series).segments).toHaveLength(1);
  });
});
