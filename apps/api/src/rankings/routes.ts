import { createRoute } from '@hono/zod-openapi';
import {
  previousFigureDate,
  byCode,
  isWithinScheme,
  previousMonthEnd,
  rankByValue,
  rankingQuerySchema,
  rankingResponseSchema,
  rollUpCoverage,
  SCHEMES,
  type Level,
  type OwnerFilter,
  type RankingMetric,
  type RankingQuery,
  type RankingResponse,
  type SchemeId,
  type UnitNode,
} from '@mttq/core';
import { getCachedUnitStates } from '../coverage/routes';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { isBackcast } from '../db/assignment-source';
import { isReadable, resolveLevelUnder, resolveParent, resolveReadAsOf, resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import { getUnitFollowers, type FollowerFilters } from './ranking-queries';
import { figureResponse } from '../engine/figure-response';

/** What is ranked: units of one level under a parent (null: the whole country), by one metric. */
interface RankingScope {
  scheme: SchemeId;
  level: Level;
  parent: UnitNode | null;
  metric: RankingMetric;
  owner: OwnerFilter;
}

interface MetricValue {
  code: string;
  name: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

const FLAG = { coverage: 'covered', active: 'active', verified: 'verified' } as const;
const collator = new Intl.Collator('vi');
/** Communes mostly tie (covered or not), and a long tied list reads best alphabetically. */
const byName = (a: { code: string; name: string }, b: { code: string; name: string }) => collator.compare(a.name, b.name) || byCode(a, b);

/**
 * Coverage, active and verified shares from the same roll-up as /coverage: a unit's communes
 * (for a commune, the commune itself, 1 or 0), so the numbers equal /coverage's descendants.
 */
function coverageValues(services: Services, scope: RankingScope, metric: keyof typeof FLAG, asOf: string): MetricValue[] {
  const { scheme, level, parent, owner } = scope;
  const states = getCachedUnitStates(services, { scheme, asOf, owner, platform: null });
  const { rows } = rollUpCoverage(scheme, services.units(scheme), states, level, parent);
  const bottom = SCHEMES[scheme].levels[SCHEMES[scheme].levels.length - 1]!;
  const flag = FLAG[metric];
  return rows.map((row) => {
    const counts = level === bottom ? null : row.descendants[bottom]!;
    const numerator = counts ? counts[flag] : row[flag] ? 1 : 0;
    const denominator = counts ? counts.total : 1;
    return { code: row.code, name: row.name, value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
  });
}

/** Followers of a unit's own live pages at asOf, cached like the unit states. */
function getCachedUnitFollowers(services: Services, filters: FollowerFilters): Map<string, number> {
  const key = `unit-followers:${filters.scheme}:${filters.asOf}:${filters.owner}`;
  return services.cache.get(key, () => getUnitFollowers(services, filters));
}

/** The unit of `level` that `unit` lies in (itself included), or null when it lies above that level. */
function ancestorAt(unit: UnitNode, level: Level): string | null {
  if (level === 'province') return unit.provinceCode;
  if (level === 'district') return unit.level === 'district' ? unit.code : unit.level === 'commune' ? unit.parentCode : null;
  return unit.level === 'commune' ? unit.code : null;
}

/**
 * Follower growth of each ranked unit and everything below it: followers of the live pages at
 * asOf in the last month complete at asOf, against the month before that (previousFigureDate);
 * null when that lies outside the scheme or there were no followers to grow from.
 */
function followerGrowthValues(services: Services, scope: RankingScope, asOf: string): MetricValue[] {
  const { scheme, level, parent, owner } = scope;
  const units = services.units(scheme);
  // An empty state map: the roll-up then only lists the units in scope, exactly as /coverage does.
  const ranked = rollUpCoverage(scheme, units, new Map(), level, parent).rows;
  const previousAsOf = previousFigureDate(asOf);
  if (!isReadable(scheme, previousAsOf)) {
    return ranked.map((row) => ({ code: row.code, name: row.name, value: null, numerator: 0, denominator: 0 }));
  }
  const byUnit = new Map(units.map((u) => [u.code, u]));
  const rollUp = (at: string) => {
    const totals = new Map<string, number>(ranked.map((row) => [row.code, 0]));
    for (const [code, followers] of getCachedUnitFollowers(services, { scheme, asOf: at, owner })) {
      const unit = byUnit.get(code);
      const ancestor = unit ? ancestorAt(unit, level) : null;
      if (ancestor !== null && totals.has(ancestor)) totals.set(ancestor, totals.get(ancestor)! + followers);
    }
    return totals;
  };
  const current = rollUp(asOf);
  const previous = rollUp(previousAsOf);
  return ranked.map((row) => {
    const denominator = previous.get(row.code)!;
    const numerator = current.get(row.code)! - denominator;
    return { code: row.code, name: row.name, value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
  });
}

function rankAt(services: Services, scope: RankingScope, asOf: string) {
  const values = scope.metric === 'followerGrowth' ? followerGrowthValues(services, scope, asOf) : coverageValues(services, scope, scope.metric, asOf);
  return rankByValue(values, scope.level === 'commune' ? byName : byCode);
}

/** GET /rankings: rank units by a metric at asOf, with their rank at the end of the previous month. */
export function getRankings(services: Services, query: RankingQuery): RankingResponse {
  const scheme = resolveScheme(services, query.scheme);
  const asOf = resolveReadAsOf(services, scheme, query.asOf);
  const parentRef = resolveParent(services, scheme, query.parent);
  const level = resolveLevelUnder(scheme, parentRef, query.level);
  const key = `rankings:${JSON.stringify({ scheme, asOf, level, parent: parentRef?.code ?? null, metric: query.metric, owner: query.owner })}`;
  return services.cache.get(key, () => {
    const parent = parentRef ? (services.units(scheme).find((u) => u.code === parentRef.code) ?? null) : null;
    const scope: RankingScope = { scheme, level, parent, metric: query.metric, owner: query.owner };
    const candidate = previousMonthEnd(asOf);
    const previousAsOf = isReadable(scheme, candidate) ? candidate : null;
    const previousRanks = previousAsOf ? new Map(rankAt(services, scope, previousAsOf).map((r) => [r.code, r.rank])) : new Map<string, number | null>();
    const rows = rankAt(services, scope, asOf).map(({ rank, code, name, value, numerator, denominator }) => {
      const previousRank = previousRanks.get(code) ?? null;
      return { rank, code, name, value, numerator, denominator, previousRank, rankChange: rank !== null && previousRank !== null ? previousRank - rank : null };
    });
    return { scheme, asOf, previousAsOf, demo: services.isDemo(), basis: isBackcast(scheme, asOf) ? ('crosswalk' as const) : ('recorded' as const), level, parent: parent?.code ?? null, metric: query.metric, rows };
  });
}

const rankingsRoute = createRoute({
  method: 'get',
  path: '/rankings',
  summary: 'Units ranked by coverage, activity, verification or follower growth',
  description:
    'Provinces (default), or the districts or communes under a parent, ranked at asOf. coverage, active, verified: the share of a unit’s communes that are covered, active or verified (the /coverage descendants figures; a commune scores 1 or 0). followerGrowth: followers of the live pages of the unit and everything below it, in the last month complete at asOf (asOf’s month only when asOf is its last day, otherwise the month before) against the month before that. Ties share a rank (1, 2, 2, 4). previousRank is the rank at the end of the previous month.',
  request: { query: rankingQuerySchema },
  responses: {
    200: { description: 'One row per unit, best first', content: { 'application/json': { schema: rankingResponseSchema } } },
    ...errorResponses,
  },
});

export const rankingRoutes = createRouter().openapi(rankingsRoute, (c) => figureResponse(c, 'rankings', c.req.valid('query')));
