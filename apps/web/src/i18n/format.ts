import type { Locale } from './messages';

/** BCP 47 tags per UI language; English dates spell the month so they cannot be misread. */
const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'en' ? 'en-US' : TAGS[locale], options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number rounded to `decimals` in vi-VN digits ('.' between thousands, ',' before decimals):
 * the text Intl.NumberFormat('vi-VN') gives, by hand, because building the first formatter of a
 * language loads its locale data (15–40 ms in Chromium) while the overview's first figures wait.
 * Like Intl, it rounds the number's shortest decimal form (0.15, not the double just below it)
 * half away from zero. Null for what it does not write (exponent forms): Intl does those.
 */
function vietnameseDigits(value: number, decimals: number): string | null {
  const shortest = String(Math.abs(value));
  if (!/^\d+(\.\d+)?$/.test(shortest)) return null;
  const [whole, fraction = ''] = shortest.split('.') as [string, string | undefined];
  let scaled = BigInt(whole + fraction.slice(0, decimals).padEnd(decimals, '0'));
  if ((fraction[decimals] ?? '0') >= '5') scaled += 1n;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const wholeDigits = digits.slice(0, digits.length - decimals);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${wholeDigits.replace(/\B(?=(\d{3})+$)/g, '.')}${decimals > 0 ? `,${digits.slice(-decimals)}` : ''}`;
}

/** formatNumber(5777, 'vi') → '5.777'; formatNumber(5777, 'en') → '5,777' */
export function formatNumber(value: number, locale: Locale): string {
  return (locale === 'vi' && Number.isInteger(value) ? vietnameseDigits(value, 0) : null) ?? numberFormat(locale).format(value);
}

/** The smallest share one decimal can show: 0,1%. */
const TENTH_OF_A_PERCENT = 0.001;

/** The number of percent with a % sign right after it, built by hand: browsers' ICU data differ on the space before % in vi-VN. */
function percentText(share: number, decimals: 0 | 1, locale: Locale): string {
  const percent = share * 100;
  const text = (locale === 'vi' ? vietnameseDigits(percent, decimals) : null) ?? numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(percent);
  return `${text}%`;
}

/**
 * The one way a share is written, on every screen, slide, legend and export text: one decimal
 * ('8,0%', '10,6%'), no space before % (vi-VN), '100%' only when complete and '0%' only for none.
 * A share that one decimal would round to 0,0% or 100,0% says so instead of hiding it:
 * formatPercent(0.0004, 'vi') → '<0,1%', formatPercent(0.9996, 'vi') → '>99,9%'.
 * Shares above 1 (growth) keep one decimal: formatPercent(1.5, 'vi') → '150,0%'.
 * 0 of 0 units is null → '–'. English: '10.6%', '<0.1%'.
 */
export function formatPercent(share: number | null, locale: Locale): string {
  if (share === null || !Number.isFinite(share)) return '–';
  if (share === 0 || share === 1) return percentText(share, 0, locale);
  if (share > 0 && share < TENTH_OF_A_PERCENT / 2) return `<${percentText(TENTH_OF_A_PERCENT, 1, locale)}`;
  if (share < 1 && share >= 1 - TENTH_OF_A_PERCENT / 2) return `>${percentText(1 - TENTH_OF_A_PERCENT, 1, locale)}`;
  return percentText(share, 1, locale);
}

/**
 * A month as a sentence names it: formatMonthName('2022-07', 'vi') → 'tháng 7/2022',
 * formatMonthName('2022-07', 'en') → 'July 2022'; anything else stays as written.
 */
export function formatMonthName(month: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const [, year, mon] = match;
  if (locale === 'vi') return `tháng ${Number(mon)}/${year}`;
  return EN_MONTH_NAME().format(new Date(`${month}-01T00:00:00Z`));
}

/** A calendar date YYYY-MM-DD, read as a day (no time zone shift): '2022-08-12' → '12/08/2022' (vi), '12 Aug 2022' (en). */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  // dd/mm/yyyy is the ISO date's parts turned round: no formatter (and no locale data) needed
  if (locale === 'vi' && date.toISOString().slice(0, 10) === isoDate) return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
  return DATE_FORMATS[locale]().format(date);
}

/**
 * Made on first use, then kept: a table of a hundred dates would otherwise build a hundred
 * formatters, and building the first of a language loads its locale data (15–40 ms in Chromium),
 * which the start of the app should not pay for a language or a sort nobody has used yet.
 */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const DATE_FORMATS: Record<Locale, () => Intl.DateTimeFormat> = {
  vi: once(() => new Intl.DateTimeFormat(TAGS.vi, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })),
  en: once(() => new Intl.DateTimeFormat(TAGS.en, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })),
};

const vietnameseCollator = once(() => new Intl.Collator('vi'));

/** Sorts Vietnamese names the way people expect (Đ after D, tone marks after the bare letter): `rows.sort(viCollator.compare)`. */
export const viCollator = { compare: (a: string, b: string): number => vietnameseCollator().compare(a, b) };

const EN_MONTH_NAME = once(() => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const EN_MONTH = once(() => new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }));

/** formatMonth('2025-05', 'vi') → '05/2025'; formatMonth('2025-05', 'en') → 'May 2025'; anything else stays as written. */
export function formatMonth(month: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const [, year, mon] = match;
  if (locale === 'vi') return `${mon}/${year}`;
  return EN_MONTH().format(new Date(`${month}-01T00:00:00Z`));
}

/**
 * An instant in Vietnam time (deadlines and submissions are judged in UTC+7):
 * formatDateTime('2022-08-15T16:59:00Z', 'vi') → '23:59 15/08/2022'
 */
export function formatDateTime(instant: string, locale: Locale): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const parts = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: locale === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}`;
  return locale === 'vi' ? `${time} ${get('day')}/${get('month')}/${get('year')}` : `${get('day')} ${get('month')} ${get('year')}, ${time}`;
}

/** An axis label for the month of a time: monthLabel(Date.UTC(2022, 7, 31), 'vi') → '08/2022', 'en' → 'Aug 2022' */
export function monthLabel(time: number, locale: Locale): string {
  return formatMonth(new Date(time).toISOString().slice(0, 7), locale);
}

/** 'tỉnh, thành' → 'Tỉnh, thành', for a heading or a column name built from a unit word. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
