import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth } from './format';

describe('formatMonth', () => {
  it.each([
    ['2025-05', 'vi', '05/2025'],
    ['2025-05', 'en', 'May 2025'],
    ['bad', 'vi', 'bad'],
  ] as const)('%s in %s → %s', (month, locale, text) => {
    expect(formatMonth(month, locale)).toBe(text);
  });
});

describe('formatDate', () => {
  it('writes a calendar day as dd/mm/yyyy in Vietnamese and with the month spelt in English', () => {
    expect(formatDate('2022-08-12', 'vi')).toBe('12/08/2022');
    expect(formatDate('2025-07-01', 'vi')).toBe('01/07/2025');
    expect(formatDate('2022-08-12', 'en')).toBe('12 Aug 2022');
    // what is not a date stays as written
    expect(formatDate('hôm nay', 'vi')).toBe('hôm nay');
  });
});

describe('formatDateTime', () => {
  it('shows an instant in Vietnam time, where deadlines are judged', () => {
    expect(formatDateTime('2022-08-15T16:59:00Z', 'vi')).toBe('23:59 15/08/2022');
    expect(formatDateTime('2022-08-15T17:00:00Z', 'vi')).toBe('00:00 16/08/2022');
    expect(formatDateTime('2022-08-15T17:00:00Z', 'en')).toBe('16 Aug 2022, 00:00');
  });
});
