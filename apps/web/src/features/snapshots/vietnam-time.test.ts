import { describe, expect, it } from 'vitest';
import { vietnamDate, vietnamTime, vietnamToday } from './vietnam-time';

describe('Vietnam time (UTC+7)', () => {
  it.each([
    ['2022-08-11T16:59:59Z', '2022-08-11', '23:59'],
    ['2022-08-11T17:00:00Z', '2022-08-12', '00:00'],
    ['2022-08-12T03:15:00.000Z', '2022-08-12', '10:15'],
  ])('reads %s as %s at %s', (instant, date, time) => {
    expect(vietnamDate(instant)).toBe(date);
    expect(vietnamTime(instant)).toBe(time);
  });

  it('gives today on the Vietnam calendar', () => {
    expect(vietnamToday(new Date('2025-06-30T18:00:00Z'))).toBe('2025-07-01');
  });
});
