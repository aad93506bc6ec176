import { activeMonths, type Level, type OwnerFilter, type Platform, type SchemeId, type UnitState } from '@mttq/core';
import type { DbUnitRef } from '../http/scope';
import type { Db } from '../db/connection';
import { assignedPages, assignmentsAt } from '../db/assignment-source';
import { PAGE_HAS_POSTED, PAGE_IS_LIVE, PAGE_IS_VERIFIED, pageOwnerIs } from '../db/page-rules';

/** Everything a coverage figure depends on. */
export interface CoverageFilters {
  scheme: SchemeId;
  asOf: string;
  owner: OwnerFilter;
  platform: Platform | null;
}

/**
 * Per unit of the scheme, its live pages at asOf (DESIGN.md §5): launched on or before asOf,
 * neither closed nor rejected by then; active when one posted in asOf's month or the month
 * before; verified when one was verified by asOf. Mirrors isPageLive / isPageVerified in core.
 */
const unitState = (assignments: string, owner: OwnerFilter) => /* sql */ `
  live AS (
    SELECT a.unit_code,
      ${PAGE_IS_VERIFIED} AS is_verified,
      ${PAGE_HAS_POSTED} AS is_active
    FROM ${assignedPages(assignments)}
    WHERE a.scheme = @scheme AND p.launched_on <= @asOf
      AND ${pageOwnerIs(owner)}
      AND (@platform IS NULL OR p.platform = @platform)
      AND ${PAGE_IS_LIVE}
  ),
  unit_state AS (
    SELECT unit_code, count(*) AS pages, max(is_active) AS active, max(is_verified) AS verified
    FROM live GROUP BY unit_code
  )`;

/** The named parameters every page-state query binds: scheme, asOf, its active months, owner, platform. */
export function bindCoverageFilters(filters: CoverageFilters) {
  const [month, previousMonth] = activeMonths(filters.asOf);
  return {
    scheme: filters.scheme,
    asOf: filters.asOf,
    month,
    previousMonth,
    owner: filters.owner,
    platform: filters.platform,
  };
}

interface DbUnitState {
  unit_code: string;
  pages: number;
  active: 0 | 1;
  verified: 0 | 1;
}

/**
 * The covered units of the scheme at asOf, with their live page count and flags, from the pages
 * assigned to them (`assignments`: page_assignments, or a subquery of the same shape).
 */
export function getUnitStates(db: Db, filters: CoverageFilters, assignments = 'page_assignments'): Map<string, UnitState> {
  const sql = `WITH ${unitState(assignments, filters.owner)} SELECT unit_code, pages, active, verified FROM unit_state`;
  const rows = db.prepare(sql).all(bindCoverageFilters(filters)) as DbUnitState[];
  return new Map(rows.map((r) => [r.unit_code, { pages: r.pages, isActive: r.active === 1, isVerified: r.verified === 1 }]));
}

/** Everything a timeline's page histories depend on. */
export interface TimelineFilters {
  scheme: SchemeId;
  level: Level;
  parent: DbUnitRef | null;
  owner: OwnerFilter;
  platform: Platform | null;
  /** First and last date of the timeline. */
  from: string;
  to: string;
}

/** One page's history, reduced to what coverage at any date needs (see unitState). */
export interface DbPageHistory {
  unit_code: string;
  launched_on: string;
  /** Its closed / rejected / reopened events in order, as "YYYY-MM-DD:status,…" (null: none). */
  lifecycle: string | null;
  verified_on: string | null;
  /** Comma-separated YYYY-MM months with posts > 0, between the month before `from` and `to`. */
  posted_months: string | null;
}

/**
 * Pages of units of @level under the parent, launched by @to, each with the dates that decide
 * coverage: the same rules as unitState (live: launched on or before the date and not closed or
 * rejected by it; verified by the date; posted in the date's month or the month before).
 */
const pageHistories = (assignments: string, owner: OwnerFilter) => /* sql */ `
  SELECT a.unit_code, p.launched_on,
    (SELECT group_concat(effective_on || ':' || status) FROM (
       SELECT e.effective_on, e.status FROM page_status_events e
       WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected', 'reopened')
       ORDER BY e.effective_on, e.id)) AS lifecycle,
    (SELECT min(v.effective_on) FROM page_status_events v
     WHERE v.page_id = p.id AND v.status = 'verified') AS verified_on,
    (SELECT group_concat(m.month) FROM metric_snapshots m
     WHERE m.page_id = p.id AND m.posts > 0 AND m.month BETWEEN @firstMonth AND @lastMonth) AS posted_months
  FROM ${assignedPages(assignments)}
  JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
  WHERE a.scheme = @scheme AND u.level = @level
    AND (@province IS NULL OR u.province_code = @province)
    AND (@district IS NULL OR u.parent_code = @district)
    AND p.launched_on <= @to
    AND ${pageOwnerIs(owner)}
    AND (@platform IS NULL OR p.platform = @platform)`;

/** The page histories of the timeline, from `assignments` (page_assignments, or a subquery of the same shape). */
export function listPageHistories(db: Db, filters: TimelineFilters, assignments = 'page_assignments'): DbPageHistory[] {
  return db.prepare(pageHistories(assignments, filters.owner)).all({
    scheme: filters.scheme,
    level: filters.level,
    province: filters.parent?.level === 'province' ? filters.parent.code : null,
    district: filters.parent?.level === 'district' ? filters.parent.code : null,
    to: filters.to,
    owner: filters.owner,
    platform: filters.platform,
    firstMonth: activeMonths(filters.from)[1],
    lastMonth: filters.to.slice(0, 7),
  }) as DbPageHistory[];
}

/** The earliest page launch in the scheme, or null without pages. */
export function getFirstLaunch(db: Db, scheme: SchemeId): string | null {
  const row = db
    .prepare(`SELECT min(p.launched_on) AS first FROM ${assignmentsAt(scheme, '0000-01-01')} a JOIN pages p ON p.id = a.page_id WHERE a.scheme = ?`)
    .get(scheme) as { first: string | null };
  return row.first;
}
