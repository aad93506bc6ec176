/** Which month a form starts on. */
import { addDays } from '@mttq/core';
import { defaultAsOf, SCHEMES } from '@mttq/core/rules';
import type { SchemeId } from '@mttq/core';

/** Figures are reported for the month just ended: previousMonth('2026-11-27') → '2026-10' */
export function previousMonth(today: string): string {
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/**
 * The month a new reporting period most likely covers: last month, or the scheme's last month
 * once the scheme has ended, never before its first month. defaultPeriodMonth('legacy63', '2026-11-27') → '2025-06';
 * defaultPeriodMonth('reform34', '2026-11-27') → '2026-10'
 */
export function defaultPeriodMonth(scheme: SchemeId, today: string): string {
  const asOf = defaultAsOf(scheme, today);
  const month = asOf === today ? previousMonth(today) : asOf.slice(0, 7);
  const first = SCHEMES[scheme].validFrom.slice(0, 7);
  return month < first ? first : month;
}
