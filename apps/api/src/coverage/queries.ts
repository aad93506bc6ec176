import { activeMonths, type Level, type OwnerFilter, type Platform, type SchemeId, type UnitState } from '@mttq/core';
import type { Db } from '../db/connection';

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
const UNIT_STATE = /* sql */ `
  posted AS MATERIALIZED (
    SELECT DISTINCT page_id FROM metric_snapshots WHERE month IN (@month, @previousMonth) AND posts > 0
  ),
  live AS (
    SELECT a.unit_code,
      EXISTS (SELECT 1 FROM page_status_events v
              WHERE v.page_id = p.id AND v.status = 'verified' AND v.effective_on <= @asOf) AS is_verified,
      p.id IN posted AS is_active
    FROM page_assignments a JOIN pages p ON p.id = a.page_id
    WHERE a.scheme = @scheme AND p.launched_on <= @asOf
      AND (@owner = 'all' OR p.owner = @owner)
      AND (@platform IS NULL OR p.platform = @platform)
      AND NOT EXISTS (SELECT 1 FROM page_status_events e
                      WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected') AND e.effective_on <= @asOf)
  ),
  unit_state AS (
    SELECT unit_code, count(*) AS pages, max(is_active) AS active, max(is_verified) AS verified
    FROM live GROUP BY unit_code
  )`;

function bind(filters: CoverageFilters) {
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

/** The covered units of the scheme at asOf, with their live page count and flags. */
export function getUnitStates(db: Db, filters: CoverageFilters): Map<string, UnitState> {
  const rows = db.prepare(`WITH ${UNIT_STATE} SELECT unit_code, pages, active, verified FROM unit_state`).all(bind(filters)) as DbUnitState[];
  return new Map(rows.map((r) => [r.unit_code, { pages: r.pages, isActive: r.active === 1, isVerified: r.verified === 1 }]));
}
