import { addDays, lastDayOfMonth, nextMonth } from './dates';
import { REFORM_DATE } from './schemes';

/** How far apart timeline points are: month ends or Sundays (ISO weeks end on Sunday). */
export const TIMELINE_INTERVALS = ['month', 'week'] as const;
export type TimelineInterval = (typeof TIMELINE_INTERVALS)[number];

/** A timeline longer than this is refused: 400 points already exceed a chart's width in pixels. */
export const MAX_TIMELINE_POINTS = 400;

/** The day of the national conference that reported 63/63 provinces (DESIGN.md §1). */
export const CONFERENCE_DATE = '2022-08-12';

/** Dated events a trend chart annotates, oldest first. */
export const TIMELINE_MARKERS: ReadonlyArray<{ date: string; label: string }> = [
  { date: CONFERENCE_DATE, label: 'Hội nghị toàn quốc: 63/63 tỉnh, thành' },
  { date: REFORM_DATE, label: 'Sắp xếp đơn vị hành chính: 63 → 34 tỉnh, bỏ cấp huyện' },
];

/** "2022-08-14" → true (a Sunday) */
export function isSunday(isoDate: string): boolean {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay() === 0;
}

/** The last day of the period containing `date`: month → its last day, week → the Sunday on or after it. */
export function periodEnd(date: string, interval: TimelineInterval): string {
  if (interval === 'month') return lastDayOfMonth(date.slice(0, 7));
  return addDays(date, (7 - new Date(`${date}T00:00:00Z`).getUTCDay()) % 7);
}

/**
 * The dates of a timeline: every period end from `from` to `to`, then `to` itself when it falls
 * inside a period (the current month so far). Stops after `limit` dates, so the caller can refuse
 * a range that is too long without building it.
 * timelineDates('2022-07-15', '2022-09-20', 'month') → ['2022-07-31', '2022-08-31', '2022-09-20']
 */
export function timelineDates(from: string, to: string, interval: TimelineInterval, limit = Number.POSITIVE_INFINITY): string[] {
  const dates: string[] = [];
  let date = periodEnd(from, interval);
  while (date <= to && dates.length < limit) {
    dates.push(date);
    date = interval === 'month' ? lastDayOfMonth(nextMonth(date.slice(0, 7))) : addDays(date, 7);
  }
  if (dates.length < limit && from <= to && dates[dates.length - 1] !== to) dates.push(to);
  return dates;
}

/** The markers dated from `from` to `to`, inclusive. timelineMarkers('2022-01-01', '2022-12-31') → [the conference] */
export function timelineMarkers(from: string, to: string): Array<{ date: string; label: string }> {
  return TIMELINE_MARKERS.filter((m) => m.date >= from && m.date <= to).map((m) => ({ ...m }));
}

/** The last day of the month before `date`'s month: '2022-08-12' → '2022-07-31' */
export function previousMonthEnd(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1);
}

/**
 * Competition ranking ("1, 2, 2, 4") by value, highest first. Items without a value (nothing to
 * divide by) come last with a null rank. Ties keep their rank and are ordered by `tieOrder`.
 * rankByValue([{ code: 'b', value: 1 }, { code: 'a', value: 1 }, { code: 'c', value: 0.5 }])
 *   → a (1), b (1), c (3)
 */
export function rankByValue<T extends { code: string; value: number | null }>(
  items: readonly T[],
  tieOrder: (a: T, b: T) => number = byCode,
): Array<T & { rank: number | null }> {
  const sorted = [...items].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? tieOrder(a, b) : a.value === null ? 1 : -1;
    return b.value - a.value || tieOrder(a, b);
  });
  let rank = 0;
  return sorted.map((item, index) => {
    if (item.value === null) return { ...item, rank: null };
    if (index === 0 || sorted[index - 1]!.value !== item.value) rank = index + 1;
    return { ...item, rank };
  });
}

/** Orders by code, the API's stable order: byCode({ code: '01' }, { code: '02' }) < 0 */
export function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The middle value, or the mean of the two middle ones; null for none. median([3, 1, 2, 10]) → 2.5 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Change from `previous` to `current`: absolute difference and percent of `previous`; null when
 * either is unknown, percent null when `previous` is 0. change(110, 100) → { absolute: 10, percent: 10 }
 */
export function change(current: number | null, previous: number | null): { absolute: number | null; percent: number | null } {
  if (current === null || previous === null) return { absolute: null, percent: null };
  const absolute = current - previous;
  return { absolute, percent: previous === 0 ? null : (absolute / previous) * 100 };
}
