import { isWithinScheme, LEVELS } from '@mttq/core/rules';
import type { CoverageCounts, Level, SchemeId, TimelineResponse } from '@mttq/core';

/** One month end of the time-lapse line: each level's counts and covered share in that day's scheme. */
export interface TimelapseRow {
  date: string;
  /** `date` at 00:00 UTC in ms: the chart's x value */
  time: number;
  scheme: SchemeId;
  counts: Partial<Record<Level, CoverageCounts>>;
  /** covered / total; absent for a level the scheme lacks */
  shares: Partial<Record<Level, number | null>>;
}

export const toTime = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * The national timelines of both schemes joined into one line per level, oldest first, keeping the
 * dates from `first` to `last` (the time-lapse's first and last frame). The district line ends on
 * 2025-06-30 with its scheme; shares of the other levels go on across the reform, each date
 * divided by the units of the scheme then in force. A timeline's points outside its scheme's
 * validity (reform34 figures back-cast before 01/07/2025) are left out: each date is told in the
 * scheme in force that day.
 * toTimelapseRows([legacyCommunes, reformCommunes], '2021-09-30', '2026-11-27')
 *   → [{ date: '2021-09-30', scheme: 'legacy63', shares: { commune: 0.0004 } }, …, { date: '2025-07-31', scheme: 'reform34', … }]
 */
export function toTimelapseRows(
  timelines: ReadonlyArray<Pick<TimelineResponse, 'scheme' | 'level' | 'points'>>,
  first: string,
  last: string,
): TimelapseRow[] {
  const byDate = new Map<string, TimelapseRow>();
  for (const timeline of timelines) {
    for (const point of timeline.points) {
      if (point.date < first || point.date > last || !isWithinScheme(timeline.scheme, point.date)) continue;
      let row = byDate.get(point.date);
      if (!row) {
        row = { date: point.date, time: toTime(point.date), scheme: timeline.scheme, counts: {}, shares: {} };
        byDate.set(point.date, row);
      }
      const { total, covered, active, verified } = point;
      row.counts[timeline.level] = { total, covered, active, verified };
      row.shares[timeline.level] = total > 0 ? covered / total : null;
    }
  }
  return [...byDate.values()].sort((a, b) => a.time - b.time);
}

/** The levels that have a value somewhere in `rows`, in LEVELS order. */
export function levelsIn(rows: readonly TimelapseRow[]): Level[] {
  return LEVELS.filter((level) => rows.some((row) => row.counts[level] !== undefined));
}

/** The rows up to and including the frame `asOf`: the line grows as the time-lapse plays. */
export function rowsUpTo(rows: readonly TimelapseRow[], asOf: string): TimelapseRow[] {
  return rows.filter((row) => row.date <= asOf);
}

/** A share as a percentage with one decimal, for downloads: 0.54523 → 54.5; null stays null. */
export function toPercent(share: number | null | undefined): number | null {
  return share === null || share === undefined ? null : Math.round(share * 1000) / 10;
}

/** Jan 1st of each year inside [start, end], as chart ticks (ms). */
export function yearTicks(start: number, end: number): number[] {
  const ticks: number[] = [];
  for (let year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year += 1) {
    const time = Date.UTC(year, 0, 1);
    if (time >= start && time <= end) ticks.push(time);
  }
  return ticks;
}
