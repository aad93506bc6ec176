import type { Locale } from '../../i18n/messages';

const EN_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A YYYY-MM month: formatMonth('2022-08', 'vi') → '08/2022'; 'en' → 'Aug 2022' */
export function formatMonth(month: string, locale: Locale): string {
  const [year, mm] = month.split('-');
  if (locale === 'vi') return `${mm}/${year}`;
  const time = Date.parse(`${month}-01T00:00:00Z`);
  return Number.isNaN(time) ? month : EN_MONTH.format(new Date(time));
}
