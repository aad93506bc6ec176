// The pure rules of @mttq/core's reporting-api, tested here because the reporting work owns
// only that one core file.
import {
  createReportingPeriodBodySchema,
  deadlineProblem,
  isSubmittedOnTime,
  monthProblem,
  reportingRates,
  toReportingCounts,
  vietnamDate,
} from '@mttq/core';
import { describe, expect, it } from 'vitest';

describe('vietnamDate / isSubmittedOnTime', () => {
  it.each([
    ['2022-09-05T16:59:59.999Z', '2022-09-05'],
    ['2022-09-05T17:00:00.000Z', '2022-09-06'],
    ['2022-09-04T17:00:00.000Z', '2022-09-05'],
    ['2022-12-31T17:00:00.000Z', '2023-01-01'],
  ])('reads the instant %s as the Vietnamese day %s (UTC+7)', (instant, day) => {
    expect(vietnamDate(instant)).toBe(day);
  });

  it.each([
    ['2022-09-05T16:59:59.999Z', true],
    ['2022-09-05T17:00:00.000Z', false],
    ['2022-09-04T17:00:00.000Z', true],
    ['2022-08-01T00:00:00.000Z', true],
  ])('counts a report submitted at %s as on time for the deadline 2022-09-05: %s', (instant, isOnTime) => {
    expect(isSubmittedOnTime(instant, '2022-09-05')).toBe(isOnTime);
  });
});

describe('deadline and month rules', () => {
  it('accepts a deadline from the first day of the month on, and names that day otherwise', () => {
    expect(deadlineProblem('2022-08', '2022-08-01')).toBeNull();
    expect(deadlineProblem('2022-08', '2022-09-05')).toBeNull();
    expect(deadlineProblem('2022-08', '2022-07-31')).toMatch(/first day of the month reported on \(2022-08-01\)/);
  });

  it.each([
    ['legacy63', '2008-08', true],
    ['legacy63', '2025-06', true],
    ['legacy63', '2025-07', false],
    ['reform34', '2025-06', false],
    ['reform34', '2025-07', true],
    ['reform34', '2030-01', true],
  ] as const)('lets %s open the month %s: %s', (scheme, month, isAllowed) => {
    expect(monthProblem(scheme, month) === null).toBe(isAllowed);
  });

  it('reports a malformed month once, without also judging the deadline against it', () => {
    const result = createReportingPeriodBodySchema.safeParse({ scheme: 'legacy63', month: '2022-13', deadline: '2022-08-01' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['month']);
  });
});

describe('counts and rates', () => {
  it('derives late and missing, and rates over all provinces', () => {
    const counts = toReportingCounts(63, 3, 2);
    expect(counts).toEqual({ total: 63, submitted: 3, onTime: 2, late: 1, missing: 60 });
    expect(reportingRates(counts)).toEqual({ rate: 3 / 63, onTimeRate: 2 / 63 });
  });

  it('gives rates of 0, not NaN, when there is nothing to divide by', () => {
    expect(reportingRates(toReportingCounts(0, 0, 0))).toEqual({ rate: 0, onTimeRate: 0 });
  });
});
