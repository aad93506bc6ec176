import { describe, expect, it } from 'vitest';
import { formatDateText, formatMonthText, parseDateText, parseMonthText } from './date-text';

describe('date fields read and write days as dd/mm/yyyy', () => {
  it.each([
    ['12/08/2022', '2022-08-12'],
    ['12-8-2022', '2022-08-12'],
    [' 1.7.2025 ', '2025-07-01'],
    ['2022-08-12', '2022-08-12'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['31/02/2022', '29/02/2023', '12/08/22', '08/2022', '12/13/2022', 'hôm nay', ''])('refuses %j', (text) => expect(parseDateText(text)).toBeNull());

  it('writes the day first with two digits', () => {
    expect(formatDateText('2022-08-12')).toBe('12/08/2022');
    expect(formatDateText('')).toBe('');
  });
});

describe('month fields read and write "tháng 6/2025"', () => {
  it.each([
    ['tháng 6/2025', '2025-06'],
    ['Thang 06/2025', '2025-06'],
    ['6/2025', '2025-06'],
    ['12-2024', '2024-12'],
    ['2025-06', '2025-06'],
    ['June 2025', '2025-06'],
    ['jun 2025', '2025-06'],
  ])('reads %j as %s', (text, month) => expect(parseMonthText(text)).toBe(month));

  it.each(['13/2025', '0/2025', '6/25', 'juneau 2025', ''])('refuses %j', (text) => expect(parseMonthText(text)).toBeNull());

  it('writes the month the way each language says it', () => {
    expect(formatMonthText('2025-06', 'vi')).toBe('tháng 6/2025');
    expect(formatMonthText('2025-06', 'en')).toBe('June 2025');
  });
});
