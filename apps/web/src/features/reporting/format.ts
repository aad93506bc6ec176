/** Months and instants as the reporting screens show them (vi-VN first). */
import type { Locale } from '../../i18n/messages';

/** formatMonth('2025-05', 'vi') → '05/2025'; formatMonth('2025-05', 'en') → 'May 2025'; anything else stays as written. */
export function formatMonth(month: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const [, year, mon] = match;
  if (locale === 'vi') return `${mon}/${year}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
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
