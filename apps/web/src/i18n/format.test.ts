import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from './format';

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

describe('Vietnamese digits written by hand', () => {
  // A deterministic spread of values: every order of magnitude, halves, negatives, zero.
  const integers = [0, -0, 1, 9, 10, 999, 1000, 5777, 12_345, 999_999, 1_000_000, 123_456_789, 2 ** 40, -1, -1234, -1_000_000];
  for (let step = 1; step < 5000; step += 1) integers.push(Math.round(step ** 2.7) * (step % 7 === 0 ? -1 : 1));
  const shares = [0.05, 0.005, 0.0005, 0.0015, 0.1055, 0.12345, 0.545, 0.995, 0.9994, 0.99949, 1.5, 12.3456, -0.25, -0.0004];
  for (let step = 1; step < 5000; step += 1) shares.push(step / 4999, (step * 7) / 3331, step / 1000 + 0.00005);

  it('writes whole numbers as Intl does for vi-VN', () => {
    const intl = new Intl.NumberFormat('vi-VN');
    for (const value of integers) expect(formatNumber(value, 'vi'), String(value)).toBe(intl.format(value));
  });

  it('writes shares as Intl does for vi-VN, one decimal and a % right after', () => {
    const intl = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
    for (const share of shares) {
      const text = formatPercent(share, 'vi');
      if (share === 0 || share === 1) expect(text).toBe(`${whole.format(share * 100)}%`);
      else if (!text.startsWith('<') && !text.startsWith('>')) expect(text, String(share)).toBe(`${intl.format(share * 100)}%`);
    }
  });
});
