import { addDays, lastDayOfMonth, previousMonthEnd } from '@mttq/core';

/**
 * The month whose figures are all known on `asOf`: the month itself when asOf is its last day,
 * otherwise the month before (a monthly figure of a month still running would tell what happened
 * after asOf). Every figure stamped "as of asOf" that is read from monthly snapshots uses it.
 * lastCompleteMonth('2022-08-12') → '2022-07'; lastCompleteMonth('2022-08-31') → '2022-08'
 */
export function lastCompleteMonth(asOf: string): string {
  const month = asOf.slice(0, 7);
  return asOf === lastDayOfMonth(month) ? month : previousMonthEnd(asOf).slice(0, 7);
}

/**
 * The date a "since last month" comparison reads: the last day of the month before
 * lastCompleteMonth(asOf), whose own complete month is that month.
 * previousFigureDate('2022-08-12') → '2022-06-30'; previousFigureDate('2022-08-31') → '2022-07-31'
 */
export function previousFigureDate(asOf: string): string {
  return addDays(`${lastCompleteMonth(asOf)}-01`, -1);
}
