import { describe, expect, it } from 'vitest';
import { change, isSunday, median, periodEnd, previousMonthEnd, rankByValue, timelineDates, timelineMarkers } from './trends';

describe('timelineDates', () => {
  it('puts a point at every month end, then at `to` for the unfinished month', () => {
    expect(timelineDates('2022-07-15', '2022-09-20', 'month')).toEqual(['2022-07-31', '2022-08-31', '2022-09-20']);
  });

  it('ends on `to` without repeating it when `to` is a month end, and knows leap years', () => {
    expect(timelineDates('2024-01-01', '2024-03-31', 'month')).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('puts a point at every Sunday from `from` on', () => {
    const dates = timelineDates('2022-08-10', '2022-09-04', 'week');
    expect(dates).toEqual(['2022-08-14', '2022-08-21', '2022-08-28', '2022-09-04']);
    expect(dates.every(isSunday)).toBe(true);
  });

  it('answers a single point when `from` and `to` fall in one period', () => {
    expect(timelineDates('2022-08-02', '2022-08-12', 'month')).toEqual(['2022-08-12']);
  });

  it('answers no dates when `from` is after `to`', () => {
    expect(timelineDates('2022-09-01', '2022-08-01', 'month')).toEqual([]);
  });

  it('stops at the limit, so a caller can refuse a long range without building it', () => {
    expect(timelineDates('2008-08-01', '9999-12-31', 'week', 401)).toHaveLength(401);
  });

  it.each([
    ['2022-08-12', 'month', '2022-08-31'],
    ['2022-12-05', 'month', '2022-12-31'],
    ['2022-08-12', 'week', '2022-08-14'],
    ['2022-08-14', 'week', '2022-08-14'],
    ['2022-08-15', 'week', '2022-08-21'],
  ] as const)('ends the %s period of a %s on %s', (date, interval, end) => {
    expect(periodEnd(date, interval)).toBe(end);
  });
});

describe('timelineMarkers', () => {
  it('keeps the markers dated inside the range, both ends included', () => {
    expect(timelineMarkers('2022-08-12', '2025-07-01').map((m) => m.date)).toEqual(['2022-08-12', '2025-07-01']);
    expect(timelineMarkers('2022-08-13', '2025-06-30')).toEqual([]);
  });
});

describe('previousMonthEnd', () => {
  it.each([
    ['2022-08-12', '2022-07-31'],
    ['2022-03-31', '2022-02-28'],
    ['2025-01-01', '2024-12-31'],
  ])('goes from %s to %s', (date, expected) => {
    expect(previousMonthEnd(date)).toBe(expected);
  });
});

describe('rankByValue', () => {
  it('gives ties the same rank and skips the ranks they take (1, 2, 2, 4), ties in code order', () => {
    const ranked = rankByValue([
      { code: '04', value: 0.2 },
      { code: '03', value: 0.5 },
      { code: '02', value: 0.5 },
      { code: '01', value: 0.9 },
    ]);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ['01', 1],
      ['02', 2],
      ['03', 2],
      ['04', 4],
    ]);
  });

  it('treats equal fractions as ties even when numerators differ (1/3 and 2/6)', () => {
    expect(rankByValue([{ code: 'a', value: 1 / 3 }, { code: 'b', value: 2 / 6 }]).map((r) => r.rank)).toEqual([1, 1]);
  });

  it('puts items without a value last, unranked', () => {
    const ranked = rankByValue([
      { code: 'a', value: null },
      { code: 'b', value: 0 },
    ]);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ['b', 1],
      ['a', null],
    ]);
  });

  it('orders ties by the given order', () => {
    const items = [
      { code: '1', name: 'Xã Yên', value: 1 },
      { code: '2', name: 'Xã An', value: 1 },
    ];
    expect(rankByValue(items, (a, b) => a.name.localeCompare(b.name, 'vi')).map((r) => r.code)).toEqual(['2', '1']);
  });
});

describe('median and change', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[3, 1, 2, 10], 2.5],
  ])('median(%j) is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('gives the change in absolute terms and in percent of the previous value', () => {
    expect(change(110, 100)).toEqual({ absolute: 10, percent: 10 });
    expect(change(90, 100)).toEqual({ absolute: -10, percent: -10 });
  });

  it('has no percent change from 0, and no change at all from an unknown value', () => {
    expect(change(5, 0)).toEqual({ absolute: 5, percent: null });
    expect(change(5, null)).toEqual({ absolute: null, percent: null });
  });
});
