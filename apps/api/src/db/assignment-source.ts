/**
 * Where a page belongs in a scheme at a date. Normally its page_assignments row; for reform34
 * before 01/07/2025 (the back-cast history of today's units) also through the crosswalk: a page
 * of a legacy63 province or commune with no reform34 unit of its own counts for the reform34 unit
 * its unit became, when its unit went wholly into one (not split). District pages have no
 * reform34 unit. See docs/ARCHITECTURE.md, "History across the reform".
 */
import { REFORM_DATE, type SchemeId } from '@mttq/core';

const BACKCAST_ASSIGNMENTS = /* sql */ `(
  SELECT page_id, scheme, unit_code FROM page_assignments WHERE scheme = 'reform34'
  UNION ALL
  SELECT l.page_id, 'reform34' AS scheme, c.to_code AS unit_code
  FROM page_assignments l JOIN crosswalk c ON c.from_code = l.unit_code AND c.is_split = 0
  WHERE l.scheme = 'legacy63' AND NOT EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = l.page_id AND r.scheme = 'reform34'))`;

/**
 * reform34 assignments of pages that have no legacy63 one: the pages a back-cast figure reads
 * directly (the others it reads through their legacy63 unit).
 */
export const REFORM34_ONLY_ASSIGNMENTS = /* sql */ `(
  SELECT pa.page_id, pa.scheme, pa.unit_code FROM page_assignments pa
  WHERE pa.scheme = 'reform34' AND NOT EXISTS (SELECT 1 FROM page_assignments l WHERE l.page_id = pa.page_id AND l.scheme = 'legacy63'))`;

/** Is a figure of `scheme` at `date` back-cast through the crosswalk (reform34 before the reform)? */
export const isBackcast = (scheme: SchemeId, date: string) => scheme === 'reform34' && date < REFORM_DATE;

/**
 * The table (or subquery) of (page_id, scheme, unit_code) to read assignments from, for figures
 * of `scheme` at dates before `date`: `FROM ${assignmentsAt('reform34', '2022-08-12')} a`.
 */
export function assignmentsAt(scheme: SchemeId, date: string): string {
  return isBackcast(scheme, date) ? BACKCAST_ASSIGNMENTS : 'page_assignments';
}

/**
 * `FROM <assignments> a JOIN pages p`, the way SQLite reads it fastest: from the table, SQLite
 * picks the order itself (one owner's pages through pages_by_owner); from a subquery (back-cast),
 * the subquery is read once and each page found by its id — CROSS JOIN keeps that order, where
 * the planner might otherwise read the whole subquery again for every page.
 */
export function assignedPages(assignments: string): string {
  return assignments === 'page_assignments' ? 'page_assignments a JOIN pages p ON p.id = a.page_id' : `${assignments} a CROSS JOIN pages p ON p.id = a.page_id`;
}
