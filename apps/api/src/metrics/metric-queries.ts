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
 * through the crosswalk, as its coverage does.
 */
export function listLivePageFigures(services: Services, filters: MetricFilters, parent: DbUnitRef | null): LivePageFigures[] {
  const { histories } = services;
  const unitOf = isBackcast(filters.scheme, filters.asOf) ? backcastUnit(crosswalkOf(services).forward) : assignedUnit(filters.scheme);
  const inScope =
    parent === null
      ? null
      : new Set(
          services
            .units(filters.scheme)
            .filter((u) => u.code === parent.code || (parent.level === 'province' ? u.provinceCode === parent.code : u.parentCode === parent.code))
            .map((u) => u.code),
        );
  const month = lastCompleteMonth(filters.asOf);
  const figures = histories.figuresIn(month);
  const rows: LivePageFigures[] = [];
  for (const { page, unitCode, isActive } of histories.livePages(filters, unitOf)) {
    if (inScope !== null && !inScope.has(unitCode)) continue;
    const kept = figures.get(page.id);
    rows.push({
      unitCode,
      pageId: page.id,
      followers: kept ? kept.followers : histories.followersBefore(page.id, month),
      posts: kept?.posts ?? null,
      interactions: kept?.interactions ?? null,
      isActive,
    });
  }
  return rows;
}
