import { toIsoDate } from '@mttq/core/rules';
import { formatMonthName } from '../../i18n/format';
import type { Locale } from '../../i18n/messages';

/** The format a date field reads and writes, whatever the browser's language. */
export const DATE_PATTERN = 'dd/mm/yyyy';

const isRealDate = (iso: string) => toIsoDate(new Date(`${iso}T00:00:00Z`)) === iso;
const pad = (n: string) => n.padStart(2, '0');

/** '2022-08-12' → '12/08/2022'; '' stays ''. */
export function formatDateText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/**
 * What a person typed as a day, read day first: '12/08/2022', '12-8-2022', '12.08.2022' and the
 * ISO '2022-08-12' → '2022-08-12'; anything that is not a real day (31/02/2022, 12/08/22) → null.
 */
export function parseDateText(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(trimmed);
  const parts: [string, string, string] | null = iso ? [iso[1]!, iso[2]!, iso[3]!] : dayFirst ? [dayFirst[3]!, dayFirst[2]!, dayFirst[1]!] : null;
  if (!parts) return null;
  const [year, month, day] = parts;
  const value = `${year}-${pad(month)}-${pad(day)}`;
  return isRealDate(value) ? value : null;
}

/** '2025-06' → 'tháng 6/2025' (vi), 'June 2025' (en); '' stays ''. */
export function formatMonthText(month: string, locale: Locale): string {
  return /^\d{4}-\d{2}$/.test(month) ? formatMonthName(month, locale) : '';
}

const EN_MONTHS = 'january february march april may june july august september october november december'.split(' ');

/**
 * A typed month: 'tháng 6/2025', 'thang 6/2025', '6/2025', '06-2025', '2025-06', 'June 2025',
 * 'jun 2025' → '2025-06'; anything else (13/2025, 6/25) → null.
 */
export function parseMonthText(text: string): string | null {
  const trimmed = text
    .trim()
    .toLowerCase()
    .replace(/^th(á|a)ng\s*/u, '');
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{1,2})$/.exec(trimmed);
  const named = /^([a-z]{3,9})\.?\s+(\d{4})$/.exec(trimmed);
  let year: string | undefined;
  let month: number | undefined;
  if (numeric) [year, month] = [numeric[2], Number(numeric[1])];
  else if (iso) [year, month] = [iso[1], Number(iso[2])];
  else if (named) {
    // 'jun', 'june': the start of one month's name, at least three letters
    const index = EN_MONTHS.findIndex((name) => name.startsWith(named[1]!));
    if (index >= 0) [year, month] = [named[2], index + 1];
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}
