import { describe, expect, it } from 'vitest';
import { formatDate, formatMonthName, formatNumber, formatPercent, viCollator } from './format';
import { fill, MESSAGES } from './messages';

describe('message catalogues', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.vi) as Array<keyof typeof MESSAGES.vi>) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.vi[key]));
    }
  });

  it('fill replaces known placeholders and leaves unknown ones', () => {
    expect(fill('{covered}/{total} {units}', { covered: '5.777', total: '10.599', units: 'xã' })).toBe('5.777/10.599 xã');
    expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('vi-VN formatting', () => {
  it('groups thousands with a dot', () => {
    expect(formatNumber(5777, 'vi')).toBe('5.777');
    expect(formatNumber(10599, 'vi')).toBe('10.599');
    expect(formatNumber(63, 'vi')).toBe('63');
    expect(formatNumber(5777, 'en')).toBe('5,777');
  });

  it('writes percentages with a decimal comma', () => {
    expect(formatPercent(5777 / 10599, 'vi')).toBe('54,5%');
    expect(formatPercent(1, 'vi')).toBe('100%');
    expect(formatPercent(5777 / 10599, 'en')).toBe('54.5%');
    expect(formatPercent(null, 'vi')).toBe('–');
  });

  it('writes every share with one decimal and no space before %, so neighbours read alike', () => {
    expect(formatPercent(0.08, 'vi')).toBe('8,0%');
    expect(formatPercent(0.106, 'vi')).toBe('10,6%');
    expect(formatPercent(0.2, 'vi')).toBe('20,0%');
    expect(formatPercent(0.08, 'en')).toBe('8.0%');
    expect(formatPercent(1.5, 'vi')).toBe('150,0%');
  });

  it('says 0% only for none and 100% only when complete', () => {
    expect(formatPercent(0, 'vi')).toBe('0%');
    expect(formatPercent(4 / 10599, 'vi')).toBe('<0,1%');
    expect(formatPercent(4 / 10599, 'en')).toBe('<0.1%');
    expect(formatPercent(0.0006, 'vi')).toBe('0,1%');
    expect(formatPercent(10598 / 10599, 'vi')).toBe('>99,9%');
    expect(formatPercent(10598 / 10599, 'en')).toBe('>99.9%');
    expect(formatPercent(0.999, 'vi')).toBe('99,9%');
    expect(formatPercent(63 / 63, 'vi')).toBe('100%');
  });

  it('names a month in a sentence', () => {
    expect(formatMonthName('2022-07', 'vi')).toBe('tháng 7/2022');
    expect(formatMonthName('2022-12', 'vi')).toBe('tháng 12/2022');
    expect(formatMonthName('2022-07', 'en')).toBe('July 2022');
  });

  it('writes dates day/month/year without a time-zone shift', () => {
    expect(formatDate('2022-08-12', 'vi')).toBe('12/08/2022');
    expect(formatDate('2025-07-01', 'vi')).toBe('01/07/2025');
    expect(formatDate('2022-08-12', 'en')).toBe('12 Aug 2022');
  });

  it('sorts Vietnamese names with Đ after D', () => {
    expect(['Đồng Tháp', 'Điện Biên', 'Dak Lak', 'Cà Mau', 'An Giang'].sort(viCollator.compare)).toEqual([
      'An Giang',
      'Cà Mau',
      'Dak Lak',
      'Điện Biên',
      'Đồng Tháp',
    ]);
  });
});
