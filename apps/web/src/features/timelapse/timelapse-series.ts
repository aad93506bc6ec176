import { LEVELS } from '@mttq/core/rules';
import type { CoverageBound, CoverageCounts, FigureBasis, Level, SchemeId, TimelineResponse } from '@mttq/core';
import { splitByBasis, type BasisPoint, type BasisSegment } from '../../components/basis-series';

/** One month end of the time-lapse line: each level's counts and covered share in that day's scheme. */
export interface TimelapseRow {
  date: string;
  /** `date` at 00:00 UTC in ms: the chart's x value */
  time: number;
  scheme: SchemeId;
  counts: Partial<Record<Level, CoverageCounts>>;
  /** covered / total; absent for a level the scheme lacks */
  shares: Partial<Record<Level, number | null>>;
  /** recorded, or back-cast through the crosswalk (reform34 before 01/07/2025) */
  basis: FigureBasis;
  /** back-cast commune points: the lower and upper counts */
  bounds: Partial<Record<Level, { lower: CoverageBound; upper: CoverageBound }>>;
}

export const toTime = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * The national timelines of one scheme joined into one line per level, oldest first, keeping the
 * dates from `first` to `last` (the time-lapse's first and last frame). reform34 points before
 * 01/07/2025 are back-cast through the crosswalk: each row says its basis, and communes' bounds.
 * toTimelapseRows([reformProvinces, reformCommunes], '2021-09-30', '2026-11-27')
 *   → [{ date: '2021-09-30', scheme: 'reform34', basis: 'crosswalk', shares: { commune: 0.0004 } }, …, { date: '2025-07-31', basis: 'recorded', … }]
 */
export function toTimelapseRows(
  timelines: ReadonlyArray<Pick<TimelineResponse, 'scheme' | 'level' | 'points'>>,
  first: string,
  last: string,
): TimelapseRow[] {
  const byDate = new Map<string, TimelapseRow>();
  for (const timeline of timelines) {
    for (const point of timeline.points) {
      if (point.date < first || point.date > last) continue;
      let row = byDate.get(point.date);
      if (!row) {
        row = { date: point.date, time: toTime(point.date), scheme: timeline.scheme, counts: {}, shares: {}, basis: point.basis, bounds: {} };
        byDate.set(point.date, row);
      }
      const { total, covered, active, verified } = point;
      row.counts[timeline.level] = { total, covered, active, verified };
      row.shares[timeline.level] = total > 0 ? covered / total : null;
      if (point.basis === 'crosswalk') row.basis = 'crosswalk';
      if (point.lower && point.upper) row.bounds[timeline.level] = { lower: point.lower, upper: point.upper };
    }
  }
  return [...byDate.values()].sort((a, b) => a.time - b.time);
}

/**
 * The chart's rows and lines up to the frame shown: each level split where the basis or the unit
 * count changes (see splitByBasis), so the back-cast part can be drawn dashed and lighter.
 */
export function toTimelapseChart(rows: readonly TimelapseRow[], levels: readonly Level[], asOf: string): { segments: BasisSegment<Level>[]; rows: Array<{ time: number } & Record<string, number | null>> } {
  const shown = rowsUpTo(rows, asOf);
  const points: Partial<Record<Level, BasisPoint[]>> = {};
  for (const level of levels) {
    points[level] = shown.flatMap((row) => {
      const counts = row.counts[level];
      return counts ? [{ time: row.time, basis: row.basis, total: counts.total, value: row.shares[level] ?? null }] : [];
    });
  }
  return splitByBasis(points, levels);
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
