/** Date → "YYYY-MM-DD" in UTC. */
export function toIsoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** "2022-08-12", 3 → "2022-08-15" */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toIsoDate(date);
}

/** "2022-08" → "2022-09"; "2022-12" → "2023-01" */
export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive: ("2021-11", "2022-01") → ["2021-11", "2021-12", "2022-01"] */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}

/** "2022-02" → "2022-02-28" */
export function lastDayOfMonth(month: string): string {
  return addDays(`${nextMonth(month)}-01`, -1);
}

/** "2022-08" → "2022-07"; "2022-01" → "2021-12" */
export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

/**
 * The month whose figures are all known on `asOf`: the month itself when asOf is its last day,
 * otherwise the month before (a monthly figure of a month still running would tell what happened
 * after asOf). Every figure stamped "as of asOf" that is read from monthly snapshots uses it.
 * lastCompleteMonth('2022-08-12') → '2022-07'; lastCompleteMonth('2022-08-31') → '2022-08'
 */
export function lastCompleteMonth(asOf: string): string {
  const month = asOf.slice(0, 7);
  return asOf === lastDayOfMonth(month) ? month : previousMonth(month);
}

/**
 * The date a "since last month" comparison reads: the last day of the month before
 * lastCompleteMonth(asOf), whose own complete month is that month.
 * previousFigureDate('2022-08-12') → '2022-06-30'; previousFigureDate('2022-08-31') → '2022-07-31'
 */
export function previousFigureDate(asOf: string): string {
  return addDays(`${lastCompleteMonth(asOf)}-01`, -1);
}
