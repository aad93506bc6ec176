import { lastCompleteMonth } from '@mttq/core';
import type { CoverageFilters } from '../coverage/queries';
import { assignedUnit, backcastUnit } from '../coverage/page-histories';
import { isBackcast } from '../db/assignment-source';
import type { DbUnitRef } from '../http/scope';
import type { Services } from '../http/services';
import { crosswalkOf } from '../units/crosswalk-index';

/** Everything a page-metrics figure depends on: the same inputs as a coverage figure. */
export type MetricFilters = CoverageFilters;

/** A live page at asOf with its figures for the last month complete at asOf. */
export interface LivePageFigures {
  unitCode: string;
  pageId: number;
  /** The latest figure up to the month (followers are a level, an older figure still stands); null without one. */
  followers: number | null;
  /** That month's own figures; null without a figure for the month (no data, not zero). */
  posts: number | null;
  interactions: number | null;
  /** Posted in asOf's active months, as for coverage. */
  isActive: boolean;
}

/**
 * The live pages at asOf (the coverage rule: launched by then, neither closed nor rejected by
 * then) in the parent's subtree, or the whole scheme, with their figures for the last month
 * complete at asOf (lastCompleteMonth). reform34 before the reform reads the pages back-cast
 * through the crosswalk, as its coverage does. The whole scheme's list is computed once per
 * (scheme, asOf, owner, platform) until the next write, and shared by the metrics summary and
 * the follower rankings.
 */
export function listLivePageFigures(services: Services, filters: MetricFilters, parent: DbUnitRef | null): LivePageFigures[] {
  const key = `live-page-figures:${filters.scheme}:${filters.asOf}:${filters.owner}:${filters.platform ?? '*'}`;
  const all = services.cache.get(key, () => computeLivePageFigures(services, filters));
  if (parent === null) return all;
  const inScope = new Set(
    services
      .units(filters.scheme)
      .filter((u) => u.code === parent.code || (parent.level === 'province' ? u.provinceCode === parent.code : u.parentCode === parent.code))
      .map((u) => u.code),
  );
  return all.filter((row) => inScope.has(row.unitCode));
}

function computeLivePageFigures(services: Services, filters: MetricFilters): LivePageFigures[] {
  const { histories } = services;
  const unitOf = isBackcast(filters.scheme, filters.asOf) ? backcastUnit(crosswalkOf(services).forward) : assignedUnit(filters.scheme);
  const month = lastCompleteMonth(filters.asOf);
  const figures = histories.figuresIn(month);
  return histories.livePages(filters, unitOf).map(({ page, unitCode, isActive }) => {
    const kept = figures.get(page.id);
    return {
      unitCode,
      pageId: page.id,
      followers: kept ? kept.followers : histories.followersBefore(page.id, month),
      posts: kept?.posts ?? null,
      interactions: kept?.interactions ?? null,
      isActive,
    };
  });
}
