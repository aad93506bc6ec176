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
  type SchemeId,
  type TimelinePoint,
  type TimelineQuery,
  type TimelineResponse,
} from '@mttq/core';
import { ApiError, badRequest, dateParam } from '../http/errors';
import { msg } from '../messages';

import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { isBackcast, REFORM34_ONLY_ASSIGNMENTS } from '../db/assignment-source';
import { assertReadable, isReadable, resolveLevelUnder, resolveParent, resolveReadAsOf, resolveScheme } from '../http/scope';
import { crosswalkOf } from '../units/crosswalk-index';
import type { Services } from '../http/services';
import { getFirstLaunch, listPageHistories, type DbPageHistory, type TimelineFilters } from './queries';
import { figureResponse } from '../engine/figure-response';

/** The earliest page launch in the scheme (cached), or null without pages. */
function getCachedFirstLaunch(services: Services, scheme: SchemeId): string | null {
  return services.cache.get(`first-launch:${scheme}`, () => getFirstLaunch(services.db, scheme));
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
function liveRanges(page: DbPageHistory, dates: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let liveFrom: string | null = page.launched_on;
  for (const entry of page.lifecycle?.split(',') ?? []) {
    const [date, status] = entry.split(':') as [string, string];
    if (status === 'reopened') {
      if (liveFrom === null) liveFrom = date < page.launched_on ? page.launched_on : date;
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
export function markTimeline(scopeCodes: readonly string[], pages: readonly DbPageHistory[], dates: readonly string[]): Uint8Array {
  const n = dates.length;
  const unitIndex = new Map(scopeCodes.map((code, index) => [code, index]));
  const flags = new Uint8Array(scopeCodes.length * n);
  const months = dates.map(activeMonths);
  for (const page of pages) {
    const unit = unitIndex.get(page.unit_code);
    if (unit === undefined) continue;
    const posted = new Set(page.posted_months?.split(',') ?? []);
    for (const [start, end] of liveRanges(page, dates)) {
      for (let i = start; i < end; i++) {
        let flag = COVERED;
        if (page.verified_on !== null && page.verified_on <= dates[i]!) flag |= VERIFIED;
        const [month, previousMonth] = months[i]!;
        if (posted.has(month) || posted.has(previousMonth)) flag |= ACTIVE;
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
export function countTimeline(scopeCodes: readonly string[], pages: readonly DbPageHistory[], dates: readonly string[]): TimelinePoint[] {
  const counts = countFlags(markTimeline(scopeCodes, pages, dates), scopeCodes.length, dates.length);
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
  const own = markTimeline(scopeCodes, listPageHistories(services.db, filters, REFORM34_ONLY_ASSIGNMENTS), dates);
  const predecessorCodes = [...new Set(scopeCodes.flatMap((code) => backward.get(code) ?? []))];
  // The predecessors' histories: those of the legacy63 provinces a reform34 province was made of,
  // or of the whole country.
  const legacyParents = filters.parent ? (backward.get(filters.parent.code) ?? []).map((code) => ({ code, level: 'province' as const, name: code })) : [null];
  const legacyHistories = legacyParents.flatMap((parent) => listPageHistories(services.db, { ...filters, scheme: 'legacy63', parent }));
  const legacy = markTimeline(predecessorCodes, legacyHistories, dates);
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
    const firstLaunch = getCachedFirstLaunch(services, scheme);
    const start = firstLaunch !== null && firstLaunch < to ? firstLaunch : to;
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
      ...(after.length > 0 ? countTimeline(scopeCodes, listPageHistories(services.db, { ...filters, from: after[0]! }), after) : []),
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
