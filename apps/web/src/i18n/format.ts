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

/** formatNumber(5777, 'vi') → '5.777'; formatNumber(5777, 'en') → '5,777' */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

/** A share 0…1 with at most one decimal: formatPercent(0.5452, 'vi') → '54,5%'; 0 of 0 units is null → '–'. */
export function formatPercent(share: number | null, locale: Locale): string {
  if (share === null || !Number.isFinite(share)) return '–';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A calendar date YYYY-MM-DD, read as a day (no time zone shift): '2022-08-12' → '12/08/2022' (vi), '12 Aug 2022' (en). */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  const options: Intl.DateTimeFormatOptions =
    locale === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(TAGS[locale], options).format(date);
}

/** Sorts Vietnamese names the way people expect (Đ after D, tone marks after the bare letter). */
export const viCollator = new Intl.Collator('vi');
