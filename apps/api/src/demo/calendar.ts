import { lastDayOfMonth, monthRange } from '@mttq/core';

/**
 * Day arithmetic for the demo generator. Dates are handled as whole days since 1970-01-01 (UTC)
 * while planning, because comparing and adding integers is what the generator does most, and are
 * written out as YYYY-MM-DD only when a row is stored.
 */
const DAY_MS = 86_400_000;

/** dayOf('1970-01-02') → 1 */
export function dayOf(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

const isoCache = new Map<number, string>();

/** isoOf(1) → '1970-01-02' */
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** monthOf(dayOf('2022-08-12')) → '2022-08' */
export function monthOf(day: number): string {
  return isoOf(day).slice(0, 7);
}

/** First day of Tết (lunar new year) as observed in Viet Nam; later years fall back to early February. */
const TET_DAYS = new Map(
  [
    '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06',
    '2028-01-26', '2029-02-13', '2030-02-03', '2031-01-23', '2032-02-11', '2033-01-31', '2034-02-19', '2035-02-08',
  ].map((iso) => [Number(iso.slice(0, 4)), dayOf(iso)] as const),
);

/** The busy posting window around Tết: the run-up (greetings, gifts to poor households) and the first week. */
const TET_WINDOW_BEFORE = 12;
const TET_WINDOW_AFTER = 6;

export interface DemoMonth {
  /** YYYY-MM */
  month: string;
  firstDay: number;
  lastDay: number;
  days: number;
  /** Multiplies posts: Tết and November (18/11, the Front's founding day and Great Unity Day) are busy. */
  postSeason: number;
  /** Multiplies interactions and views, which react to those occasions more than posting does. */
  interactionSeason: number;
}

/** The calendar months from `from` to `to` inclusive with their seasonal weights. */
export function buildMonths(from: string, to: string): DemoMonth[] {
  return monthRange(from, to).map((month) => {
    const firstDay = dayOf(`${month}-01`);
    const lastDay = dayOf(lastDayOfMonth(month));
    const year = Number(month.slice(0, 4));
    const mon = Number(month.slice(5, 7));
    const tet = TET_DAYS.get(year) ?? dayOf(`${year}-02-05`);
    const overlap = Math.min(lastDay, tet + TET_WINDOW_AFTER) - Math.max(firstDay, tet - TET_WINDOW_BEFORE) + 1;
    const tetShare = Math.max(0, overlap) / (TET_WINDOW_BEFORE + TET_WINDOW_AFTER + 1);
    const isNovember = mon === 11 ? 1 : 0;
    const isSummer = mon === 6 || mon === 7 ? 1 : 0;
    return {
      month,
      firstDay,
      lastDay,
      days: lastDay - firstDay + 1,
      postSeason: 1 + 0.25 * tetShare + 0.2 * isNovember - 0.08 * isSummer,
      interactionSeason: 1 + 0.6 * tetShare + 0.5 * isNovember - 0.1 * isSummer,
    };
  });
}
