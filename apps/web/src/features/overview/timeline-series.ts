import { CONFERENCE_DATE, REFORM_DATE, SCHEMES } from '@mttq/core/rules';
import type { CoverageBound, CoverageCounts, FigureBasis, Level, SchemeId, TimelineResponse } from '@mttq/core';
import { splitByBasis, type BasisPoint, type BasisSegment } from '../../components/basis-series';

/** One date of the timeline with every level's counts and covered share. */
export interface TimelineRow {
  /** YYYY-MM-DD: a month end, or the as-of date for the last, unfinished month */
  date: string;
  /** `date` at 00:00 UTC in milliseconds: the chart's x value */
  time: number;
  counts: Partial<Record<Level, CoverageCounts>>;
  /** covered / total; null when the level has no units */
  shares: Partial<Record<Level, number | null>>;
  /** recorded, or back-cast through the crosswalk (reform34 before 01/07/2025) */
  bases?: Partial<Record<Level, FigureBasis>>;
  /** back-cast commune points: the lower and upper counts */
  bounds?: Partial<Record<Level, { lower: CoverageBound; upper: CoverageBound }>>;
}

/** A dated event to draw as a reference line; `key` picks its translated label. */
export interface TimelineEvent {
  date: string;
  time: number;
  key: 'conference' | 'reform' | null;
  /** the API's (Vietnamese) label, shown when the event is not one we translate */
  label: string;
}

export interface TimelineSeries {
  levels: Level[];
  rows: TimelineRow[];
  events: TimelineEvent[];
  /** x domain in ms: from the earliest point or event to the last point */
  domain: [number, number];
  /** the range the API answered for: from (the scheme's first day or first page launch) to the as-of date */
  from: string;
  to: string;
  /** total units per level (the same at every date of one scheme) */
  totals: Partial<Record<Level, number>>;
}

const toTime = (date: string): number => Date.parse(`${date}T00:00:00Z`);

const eventKey = (date: string): TimelineEvent['key'] => (date === CONFERENCE_DATE ? 'conference' : date === REFORM_DATE ? 'reform' : null);

/**
 * The per-level timelines of one scheme joined by date, levels in the scheme's order, with the
 * markers the API returned. toTimelineSeries('legacy63', [provinceTimeline, communeTimeline])
 *   → { levels: ['province', 'commune'], rows: [{ date: '2021-09-30', shares: { province: 0.41, commune: 0.0004 } … }] … }
 */
export function toTimelineSeries(scheme: SchemeId, timelines: ReadonlyArray<Pick<TimelineResponse, 'level' | 'from' | 'to' | 'points' | 'markers'>>): TimelineSeries {
  const levels = SCHEMES[scheme].levels.filter((level) => timelines.some((t) => t.level === level));
  const byDate = new Map<string, TimelineRow>();
  const totals: Partial<Record<Level, number>> = {};
  const events = new Map<string, TimelineEvent>();
  for (const timeline of timelines) {
    for (const point of timeline.points) {
      let row = byDate.get(point.date);
      if (!row) {
        row = { date: point.date, time: toTime(point.date), counts: {}, shares: {}, bases: {}, bounds: {} };
        byDate.set(point.date, row);
      }
      const { total, covered, active, verified } = point;
      row.counts[timeline.level] = { total, covered, active, verified };
      row.shares[timeline.level] = total > 0 ? covered / total : null;
      (row.bases ??= {})[timeline.level] = point.basis;
      if (point.lower && point.upper) (row.bounds ??= {})[timeline.level] = { lower: point.lower, upper: point.upper };
      totals[timeline.level] = total;
    }
    for (const marker of timeline.markers) {
      if (!events.has(marker.date)) events.set(marker.date, { date: marker.date, time: toTime(marker.date), key: eventKey(marker.date), label: marker.label });
    }
  }
  const rows = [...byDate.values()].sort((a, b) => a.time - b.time);
  const sortedEvents = [...events.values()].sort((a, b) => a.time - b.time);
  const times = [...rows.map((r) => r.time), ...sortedEvents.map((e) => e.time)];
  const domain: [number, number] = times.length > 0 ? [Math.min(...times), Math.max(...times)] : [0, 0];
  const from = timelines.reduce((min, t) => (t.from < min ? t.from : min), timelines[0]?.from ?? '');
  const to = timelines.reduce((max, t) => (t.to > max ? t.to : max), timelines[0]?.to ?? '');
  return { levels, rows, events: sortedEvents, domain, from, to, totals };
}

/** The recharts rows: { time, province: 0.41, district: 0.2, commune: 0.05 } */
export function toChartRows(series: TimelineSeries): Array<{ time: number } & Partial<Record<Level, number | null>>> {
  return series.rows.map((row) => ({ time: row.time, ...row.shares }));
}


/** Whether any point of the series is back-cast through the crosswalk. */
export function hasBackCast(series: Pick<TimelineSeries, 'rows'>): boolean {
  return series.rows.some((row) => Object.values(row.bases ?? {}).includes('crosswalk'));
}

/**
 * The recharts rows and lines with the seam shown: each level split where its basis or unit count
 * changes (see splitByBasis), e.g. commune~0 back-cast up to 2025-06-30 and commune~1 recorded from
 * there on, both holding the 2025-06-30 share.
 */
export function toBasisChart(series: Pick<TimelineSeries, 'rows' | 'levels'>): { segments: BasisSegment<Level>[]; rows: Array<{ time: number } & Record<string, number | null>> } {
  const points: Partial<Record<Level, BasisPoint[]>> = {};
  for (const level of series.levels) {
    points[level] = series.rows.flatMap((row) => {
      const counts = row.counts[level];
      return counts ? [{ time: row.time, basis: row.bases?.[level] ?? 'recorded', total: counts.total, value: row.shares[level] ?? null }] : [];
    });
  }
  return splitByBasis(points, series.levels);
}
