import { describe, expect, it } from 'vitest';
import { defaultPeriodMonth, previousMonth } from './months';

describe('previousMonth', () => {
  it.each([
    ['2026-11-27', '2026-10'],
    ['2026-01-01', '2025-12'],
  ])('%s → %s', (today, month) => {
    expect(previousMonth(today)).toBe(month);
  });
});

describe('defaultPeriodMonth', () => {
  it.each([
    ['legacy63', '2026-11-27', '2025-06'],
    ['reform34', '2026-11-27', '2026-10'],
    ['legacy63', '2024-03-15', '2024-02'],
    ['reform34', '2025-07-10', '2025-07'],
  ] as const)('%s on %s → %s', (scheme, today, month) => {
    expect(defaultPeriodMonth(scheme, today)).toBe(month);
  });
});
