import { createRoute } from '@hono/zod-openapi';
import {
  activeMonths,
  defaultAsOf,
  isUnitInside,
  MAX_TIMELINE_POINTS,
  timelineDates,
  timelineMarkers,
  timelineQuerySchema,
  timelineResponseSchema,
  type Level,
  type OwnerFilter,
  type Platform,
  type SchemeId,
  type TimelinePoint,
  type TimelineQuery,
  type TimelineResponse,
} from '@mttq/core';
import { ApiError, badRequest, dateParam } from '../http/errors';
import { msg } from '../messages';

import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { isBackcast } from '../db/assignment-source';
import { assertReadable, isReadable, resolveLevelUnder, resolveParent, resolveReadAsOf, resolveScheme } from '../http/scope';
import { crosswalkOf } from '../units/crosswalk-index';
import type { Services } from '../http/services';
import type { DbUnitRef } from '../http/scope';
import { PageHistories, reform34OnlyUnit, type PageHistory } from './page-histories';
import { figureResponse } from '../engine/figure-response';

/** Everything a timeline depends on. */
interface TimelineFilters {
  scheme: SchemeId;
  level: Level;
  parent: DbUnitRef | null;
  owner: OwnerFilter;
  platform: Platform | null;
  /** First and last date of the timeline. */
  from: string;
  to: string;
}

/** One page of a timeline and the unit it counts for. */
type TimelinePage = { unitCode: string; page: PageHistory };

/**
 * The earliest launch of a page of any owner counted in the scheme, or null without one; for
 * reform34 also the pages back-cast into it (a legacy63 unit that went wholly into one).
 */
function firstLaunch(services: Services, scheme: SchemeId): string | null {
  return services.histories.remember(`first-launch:${scheme}`, () => earliestLaunch(services, scheme));
}

function earliestLaunch(services: Services, scheme: SchemeId): string | null {
  const every = { owner: 'all', platform: null, to: '9999-12-31' } as const;
  const { forward } = crosswalkOf(services);
  const counted = [
    ...services.histories.histories({ ...every, scheme }),
    ...(scheme === 'reform34' ? services.histories.histories({ ...every, scheme: 'legacy63' }).filter(({ unitCode }) => forward.get(unitCode)?.length === 1) : []),
  ];
  let first: string | null = null;
  for (const { page } of counted) if (first === null || page.launchedOn < first) first = page.launchedOn;
  return first;
}

function firstOnOrAfter(dates: readonly string[], date: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dates[middle]! < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The index ranges [start, end) of `dates` on which the page is live: from its launch, cut by
 * each closed or rejected event and resumed by each reopening (isPageLive in core).
 */
function liveRanges(page: PageHistory, dates: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let liveFrom: string | null = page.launchedOn;
  for (const { status, effectiveOn: date } of page.events) {
    if (status === 'verified') continue;
    if (status === 'reopened') {
      if (liveFrom === null) liveFrom = date < page.launchedOn ? page.launchedOn : date;
    } else if (liveFrom !== null) {
      ranges.push([firstOnOrAfter(dates, liveFrom), firstOnOrAfter(dates, date)]);
      liveFrom = null;
    }
  }
  if (liveFrom !== null) ranges.push([firstOnOrAfter(dates, liveFrom), dates.length]);
  return ranges.filter(([start, end]) => start < end);
}

const COVERED = 1;
const ACTIVE = 2;
const VERIFIED = 4;

/**
 * Each unit's flags (covered, active, verified) at every date, from one pass over the page
 * histories: each page marks the dates it is live on (a range of the sorted dates) for its unit.
 * Unit u's flag at date i is flags[u * dates.length + i].
 */
export function markTimeline(histories: PageHistories, scopeCodes: readonly string[], pages: readonly TimelinePage[], dates: readonly string[]): Uint8Array {
  const n = dates.length;
  const unitIndex = new Map(scopeCodes.map((code, index) => [code, index]));
  const flags = new Uint8Array(scopeCodes.length * n);
  const posted = dates.map((date) => activeMonths(date).map((month) => histories.postedIn(month)) as [Uint8Array, Uint8Array]);
  for (const { unitCode, page } of pages) {
    const unit = unitIndex.get(unitCode);
    if (unit === undefined) continue;
    const verifiedOn = page.events.find((e) => e.status === 'verified')?.effectiveOn ?? null;
    for (const [start, end] of liveRanges(page, dates)) {
      for (let i = start; i < end; i++) {
        let flag = COVERED;
        if (verifiedOn !== null && verifiedOn <= dates[i]!) flag |= VERIFIED;
        const [month, previousMonth] = posted[i]!;
        if (PageHistories.hasPosted(month, page.id) || PageHistories.hasPosted(previousMonth, page.id)) flag |= ACTIVE;
        flags[unit * n + i]! |= flag;
      }
    }
  }
  return flags;
}

/** Covered, active and verified counts of `units` units at each of `n` dates from their flags. */
function countFlags(flags: Uint8Array, units: number, n: number): Array<{ covered: number; active: number; verified: number }> {
  const counts = Array.from({ length: n }, () => ({ covered: 0, active: 0, verified: 0 }));
  for (let unit = 0; unit < units; unit++) {
    for (let i = 0; i < n; i++) {
      const flag = flags[unit * n + i]!;
      if (flag === 0) continue;
      const count = counts[i]!;
      count.covered += 1;
      if (flag & ACTIVE) count.active += 1;
      if (flag & VERIFIED) count.verified += 1;
    }
  }
  return counts;
}

/**
 * Coverage counts of the units in scope at every date. Equal to /coverage levels[level] at each date.
 * countTimeline(['00001', '00004'], histories, ['2022-07-31', '2022-08-12']) → [{ date, total: 2, covered: 1, … }, …]
 */
export function countTimeline(histories: PageHistories, scopeCodes: readonly string[], pages: readonly TimelinePage[], dates: readonly string[]): TimelinePoint[] {
  const counts = countFlags(markTimeline(histories, scopeCodes, pages, dates), scopeCodes.length, dates.length);
  return dates.map((date, i) => ({ date, total: scopeCodes.length, ...counts[i]!, basis: 'recorded' as const }));
}

/**
 * Back-cast points of reform34 before the reform (coverage/backcast.ts): each unit's flags are its
 * own pages' (those without a legacy63 unit) or'ed with those of the legacy63 units that went
 * wholly into it; for communes also the lower and upper bound.
 */
function countBackcastTimeline(services: Services, filters: TimelineFilters, scopeCodes: readonly string[], dates: readonly string[]): TimelinePoint[] {
  const n = dates.length;
  const { forward, backward } = crosswalkOf(services);
  const { histories } = services;
  const own = markTimeline(histories, scopeCodes, histories.histories(filters, reform34OnlyUnit), dates);
  const predecessorCodes = [...new Set(scopeCodes.flatMap((code) => backward.get(code) ?? []))];
  // markTimeline reads only the pages of the predecessors
  const legacy = markTimeline(histories, predecessorCodes, histories.histories({ ...filters, scheme: 'legacy63' }), dates);
  const legacyIndex = new Map(predecessorCodes.map((code, index) => [code, index]));
  const point = new Uint8Array(scopeCodes.length * n);
  const lower = new Uint8Array(scopeCodes.length * n);
  const upper = new Uint8Array(scopeCodes.length * n);
  scopeCodes.forEach((code, unit) => {
    const predecessors = (backward.get(code) ?? []).map((p) => ({ index: legacyIndex.get(p)!, isSplit: (forward.get(p)?.length ?? 0) > 1 }));
    for (let i = 0; i < n; i++) {
      let figure = own[unit * n + i]!;
      for (const p of predecessors) if (!p.isSplit) figure |= legacy[p.index * n + i]!;
      let all = figure;
      let any = figure;
      for (const p of predecessors) {
        const flag = legacy[p.index * n + i]!;
        all &= p.isSplit ? 0 : flag;
        any |= flag;
      }
      point[unit * n + i] = figure;
      lower[unit * n + i] = all;
      upper[unit * n + i] = any;
    }
  });
  const counts = countFlags(point, scopeCodes.length, n);
  const points = counts.map((count, i) => ({ date: dates[i]!, total: scopeCodes.length, ...count, basis: 'crosswalk' as const }));
  if (filters.level !== 'commune') return points;
  const lows = countFlags(lower, scopeCodes.length, n);
  const highs = countFlags(upper, scopeCodes.length, n);
  return points.map((p, i) => ({ ...p, lower: lows[i]!, upper: highs[i]! }));
}

/** GET /coverage/timeline: coverage counts of one level at each month end (or Sunday) of a range. */
export function getTimeline(services: Services, query: TimelineQuery): TimelineResponse {
  const scheme = resolveScheme(services, query.scheme);
  const parent = resolveParent(services, scheme, query.parent);
  const level = resolveLevelUnder(scheme, parent, query.level);
  const to = resolveReadAsOf(services, scheme, query.to, 'to');
  let from: string;
  if (query.from === undefined) {
    // From the first page launch (back-cast for reform34), or the scheme's first day when later: no empty years of zeros.
    const first = firstLaunch(services, scheme);
    const start = first !== null && first < to ? first : to;
    from = isReadable(scheme, start) ? start : defaultAsOf(scheme, start);
  } else {
    from = assertReadable(scheme, query.from, 'from');
  }
  if (from > to) throw badRequest('from', msg('coverage_from_after_to', { from: dateParam(from), to: dateParam(to) }));
  const { interval } = query;
  const dates = timelineDates(from, to, interval, MAX_TIMELINE_POINTS + 1);
  if (dates.length > MAX_TIMELINE_POINTS) {
    const problem = msg(interval === 'week' ? 'coverage_too_many_weeks' : 'coverage_too_many_months', { from: dateParam(from), to: dateParam(to), max: MAX_TIMELINE_POINTS });
    throw new ApiError(400, 'bad_request', msg('field_problem', { path: 'from', problem }), [
      { path: 'from', message: problem },
      { path: 'interval', message: problem },
    ]);
  }
  const filters: TimelineFilters = { scheme, level, parent, owner: query.owner, platform: query.platform ?? null, from, to };
  const key = `timeline:${JSON.stringify({ ...filters, parent: parent?.code ?? null, interval })}`;
  return services.cache.get(key, () => {
    const units = services.units(scheme);
    const parentNode = parent ? (units.find((u) => u.code === parent.code) ?? null) : null;
    const scopeCodes = units.filter((u) => u.level === level && isUnitInside(u, parentNode)).map((u) => u.code);
    // A back-cast timeline is two series: before the reform through the crosswalk, then as recorded.
    const before = dates.filter((date) => isBackcast(scheme, date));
    const after = dates.slice(before.length);
    const points = [
      ...(before.length > 0 ? countBackcastTimeline(services, { ...filters, to: before.at(-1)! }, scopeCodes, before) : []),
      ...(after.length > 0 ? countTimeline(services.histories, scopeCodes, services.histories.histories(filters), after) : []),
    ];
    return {
      scheme,
      level,
      parent: parent?.code ?? null,
      interval,
      from,
      to,
      demo: services.isDemo(),
      points,
      markers: timelineMarkers(from, to),
    };
  });
}

const timelineRoute = createRoute({
  method: 'get',
  path: '/coverage/timeline',
  summary: 'Coverage of a level at each month end (or each Sunday) of a date range',
  description:
    "Each point holds what /coverage answers for levels[level] with asOf = the point's date: units of the level under the parent, and how many are covered, active and verified. Points fall on every month end (interval=month) or Sunday (interval=week) from `from` to `to`, and on `to` itself when it ends an unfinished period. Markers are dated events inside the range.",
  request: { query: timelineQuerySchema },
  responses: {
    200: { description: 'Points oldest first, and markers', content: { 'application/json': { schema: timelineResponseSchema } } },
    ...errorResponses,
  },
});

export const timelineRoutes = createRouter().openapi(timelineRoute, (c) => figureResponse(c, 'timeline', c.req.valid('query')));
