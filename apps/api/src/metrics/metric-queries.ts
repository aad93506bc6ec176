import { lastCompleteMonth, type OwnerFilter } from '@mttq/core';
import { bindCoverageFilters, type CoverageFilters } from '../coverage/queries';
import type { Db } from '../db/connection';
import { assignedPages, assignmentsAt } from '../db/assignment-source';
import { PAGE_HAS_POSTED, PAGE_IS_LIVE, pageOwnerIs } from '../db/page-rules';
import type { DbUnitRef } from '../http/scope';

/** Everything a page-metrics figure depends on: the same inputs as a coverage figure. */
export type MetricFilters = CoverageFilters;

/**
 * Live pages at @asOf (the same rule as coverage, PAGE_IS_LIVE: launched by then, neither closed nor rejected
 * by then) with their figures for @figureMonth, the last month complete at @asOf (lastCompleteMonth):
 * followers are the latest snapshot up to that month (followers are a level, so an older figure
 * still stands); posts and interactions only that month's (null without a snapshot: no data, not
 * zero). Active: posted in the month of @asOf or the month before, as for coverage. @parent
 * limits to the parent unit and its subtree.
 */
export const livePageMetrics = (assignments: string, owner: OwnerFilter) => /* sql */ `
  SELECT a.unit_code, p.id AS page_id,
    COALESCE(cur.followers, (SELECT m.followers FROM metric_snapshots m
                             WHERE m.page_id = p.id AND m.month < @figureMonth ORDER BY m.month DESC LIMIT 1)) AS followers,
    cur.posts, cur.interactions,
    ${PAGE_HAS_POSTED} AS is_active
  FROM ${assignedPages(assignments)}
  JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
  LEFT JOIN metric_snapshots cur ON cur.page_id = p.id AND cur.month = @figureMonth
  WHERE a.scheme = @scheme AND p.launched_on <= @asOf
    AND ${pageOwnerIs(owner)}
    AND (@platform IS NULL OR p.platform = @platform)
    AND (@parent IS NULL OR a.unit_code = @parent
         OR (@parentLevel = 'province' AND u.province_code = @parent)
         OR (@parentLevel = 'district' AND u.parent_code = @parent))
    AND ${PAGE_IS_LIVE}`;

/** Named parameters of livePageMetrics. */
export function bindLivePageMetrics(filters: MetricFilters, parent: DbUnitRef | null) {
  return {
    ...bindCoverageFilters(filters),
    figureMonth: lastCompleteMonth(filters.asOf),
    parent: parent?.code ?? null,
    parentLevel: parent?.level ?? null,
  };
}

export interface DbLivePageMetrics {
  unit_code: string;
  page_id: number;
  /** null when the page has no snapshot up to the month. */
  followers: number | null;
  posts: number | null;
  interactions: number | null;
  is_active: 0 | 1;
}

/** One row per live page in scope at asOf, with its figures for the last month complete at asOf. */
export function listLivePageMetrics(db: Db, filters: MetricFilters, parent: DbUnitRef | null): DbLivePageMetrics[] {
  return db.prepare(livePageMetrics(assignmentsAt(filters.scheme, filters.asOf), filters.owner)).all(bindLivePageMetrics(filters, parent)) as DbLivePageMetrics[];
}
