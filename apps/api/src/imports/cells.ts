/**
 * Cell text → typed values, the way Vietnamese spreadsheets write them (day first, thousands
 * separated by dots). Each parser returns the value or a message saying what to write instead.
 */
import { toIsoDate } from '@mttq/core';
import { msg, type Message } from '../messages';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: Message): Parsed<T> => ({ ok: false, message });

/**
 * A count: digits, optionally grouped by thousands with dots, commas or spaces.
 * parseCount('1.234') → 1234; parseCount('12,5') → error
 */
export function parseCount(text: string): Parsed<number> {
  const compact = text.replace(/\s/gu, ' ');
  if (!/^\d+$/u.test(compact) && !/^\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*$/u.test(compact)) return fail(msg('import_count_invalid', { value: text }));
  const value = Number(compact.replace(/[., ]/gu, ''));
  return Number.isSafeInteger(value) ? ok(value) : fail(msg('import_count_invalid', { value: text }));
}

const THOUSANDS = /^(\d{1,9})(?:[.,](\d{1,3}))?\s*(?:k|nghìn|nghin|ngàn|ngan)$/iu;

/**
 * A figure as people type it: a count (parseCount), or thousands written short, which is kept
 * but flagged as rounded. parseFigure('1,2K') → { value: 1200, isRounded: true }; parseFigure('1 245') → { value: 1245, isRounded: false }
 */
export function parseFigure(text: string): Parsed<{ value: number; isRounded: boolean }> {
  // Most cells are plain digits: no need to try the other ways of writing a figure.
  if (/^\d{1,15}$/u.test(text)) return ok({ value: Number(text), isRounded: false });
  const short = THOUSANDS.exec(text.normalize('NFC'));
  if (short) return ok({ value: Math.round(Number(`${short[1]}.${short[2] ?? '0'}`) * 1000), isRounded: true });
  const count = parseCount(text);
  return count.ok ? ok({ value: count.value, isRounded: false }) : count;
}

const pad2 = (n: string) => n.padStart(2, '0');

function realDate(year: string, month: string, day: string): string | null {
  const iso = `${year}-${pad2(month)}-${pad2(day)}`;
  return toIsoDate(new Date(`${iso}T00:00:00Z`)) === iso ? iso : null;
}

/**
 * A calendar date, ISO or day first (Vietnamese order); a midnight time part is allowed.
 * parseDate('15/3/2022') → '2022-03-15'; parseDate('2022-02-30') → error
 */
export function parseDate(text: string): Parsed<string> {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/u.exec(text);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/u.exec(text);
  const date = iso ? realDate(iso[1]!, iso[2]!, iso[3]!) : dayFirst ? realDate(dayFirst[3]!, dayFirst[2]!, dayFirst[1]!) : null;
  return date ? ok(date) : fail(msg('import_date_invalid', { value: text }));
}

/**
 * A month: YYYY-MM, MM/YYYY, "tháng 5/2025", or a date (its month).
 * parseMonth('5/2025') → '2025-05'; parseMonth('Tháng 05/2025') → '2025-05'
 */
export function parseMonth(text: string): Parsed<string> {
  const bare = text.replace(/^th[aá]ng\s*/iu, '');
  const iso = /^(\d{4})[-/.](\d{1,2})$/u.exec(bare);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/u.exec(bare);
  const [year, month] = iso ? [iso[1]!, iso[2]!] : monthFirst ? [monthFirst[2]!, monthFirst[1]!] : [null, null];
  if (year && month) return Number(month) >= 1 && Number(month) <= 12 ? ok(`${year}-${pad2(month)}`) : fail(msg('import_month_invalid', { value: text }));
  const date = parseDate(bare);
  return date.ok ? ok(date.value.slice(0, 7)) : fail(msg('import_month_invalid', { value: text }));
}

/**
 * A unit code as typed; spreadsheets drop leading zeros of numeric codes, so they are put back
 * to the level's length. padCode('1', 'commune') → '00001'; padCode('01a', 'province') → null
 */
export function padCode(text: string, level: 'province' | 'district' | 'commune'): string | null {
  const length = level === 'province' ? 2 : level === 'district' ? 3 : 5;
  if (!/^\d+$/u.test(text) || text.length > length) return null;
  return text.padStart(length, '0');
}
