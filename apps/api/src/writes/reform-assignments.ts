/**
 * Assignments across the 2025 reform, derived through the crosswalk (DESIGN.md §5):
 * - a page of a legacy63 province or commune that is still live on 01/07/2025 gets the reform34
 *   unit its unit became, where that is one unit (a merged commune or province); a page of a
 *   split commune waits for its province to choose (listSuccessorQueue);
 * - a page of a reform34 province or commune launched before 01/07/2025 gets the legacy63 unit
 *   it was made of, where that is one unit not split elsewhere (an unchanged commune or province).
 * District pages have no successor: the district level ended. Derived rows have basis
 * 'crosswalk'; a person's choice is 'manual'.
 */
import { REFORM_DATE, SCHEMES, type SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { PAGE_IS_LIVE } from '../db/page-rules';
import { statement } from '../db/statements';
import type { AuditEntry } from './run-write';

export interface ReformAssignmentCounts {
  /** Assignments added through the crosswalk. */
  derived: number;
  /** Pages of split communes, waiting for a person to choose the successor. */
  waiting: number;
}

interface DbCandidate {
  page_id: number;
  from_scheme: SchemeId;
  from_code: string;
  to_code: string | null;
  targets: number;
}

const LEGACY_LAST_DAY = SCHEMES.legacy63.validTo!;

/**
 * Pages (all, or those of `pageIds`) that lack an assignment in one scheme the crosswalk can give
 * them: one row per page with the target when the crosswalk names exactly one, else null.
 */
function candidates(db: Db, pageIds: readonly number[] | null): DbCandidate[] {
  const only = pageIds === null ? '' : `AND p.id IN (SELECT value FROM json_each(@ids))`;
  const forward = /* sql */ `
    SELECT p.id AS page_id, 'legacy63' AS from_scheme, a.unit_code AS from_code,
           CASE WHEN count(c.to_code) = 1 THEN min(c.to_code) END AS to_code, count(c.to_code) AS targets
    FROM pages p
    JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
    JOIN crosswalk c ON c.from_code = a.unit_code
    WHERE NOT EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = p.id AND r.scheme = 'reform34')
      AND ${PAGE_IS_LIVE} ${only}
    GROUP BY p.id`;
  // Backward: the one predecessor of a reform34 unit, when it went wholly into that unit.
  const backward = /* sql */ `
    SELECT p.id AS page_id, 'reform34' AS from_scheme, a.unit_code AS from_code,
           CASE WHEN count(c.from_code) = 1 AND max(c.is_split) = 0 THEN min(c.from_code) END AS to_code, count(c.from_code) AS targets
    FROM pages p
    JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'reform34'
    JOIN crosswalk c ON c.to_code = a.unit_code
    WHERE NOT EXISTS (SELECT 1 FROM page_assignments l WHERE l.page_id = p.id AND l.scheme = 'legacy63')
      AND p.launched_on <= @lastLegacyDay ${only}
    GROUP BY p.id`;
  const params = { asOf: REFORM_DATE, lastLegacyDay: LEGACY_LAST_DAY, ids: JSON.stringify(pageIds ?? []) };
  return [...(statement(db, forward).all(params) as DbCandidate[]), ...(statement(db, backward).all(params) as DbCandidate[])];
}

/**
 * Adds the assignments the crosswalk gives (all pages, or `pageIds`), and returns their audit
 * entries and counts. Call inside the write's transaction; running it again adds nothing.
 * deriveReformAssignments(db, [42]) → { audit: [{ action: 'create', entity: 'page_assignment', … basis: 'crosswalk' }], counts: { derived: 1, waiting: 0 } }
 */
export function deriveReformAssignments(db: Db, pageIds: readonly number[] | null): { audit: AuditEntry[]; counts: ReformAssignmentCounts } {
  const insert = statement(db, "INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, 'crosswalk')");
  const audit: AuditEntry[] = [];
  const counts: ReformAssignmentCounts = { derived: 0, waiting: 0 };
  for (const row of candidates(db, pageIds)) {
    if (row.to_code === null) {
      if (row.from_scheme === 'legacy63' && row.targets > 1) counts.waiting += 1;
      continue;
    }
    const scheme: SchemeId = row.from_scheme === 'legacy63' ? 'reform34' : 'legacy63';
    insert.run(row.page_id, scheme, row.to_code);
    counts.derived += 1;
    audit.push({
      action: 'create',
      entity: 'page_assignment',
      entityId: `${row.page_id}/${scheme}`,
      before: null,
      after: { pageId: row.page_id, scheme, unitCode: row.to_code, basis: 'crosswalk' },
    });
  }
  return { audit, counts };
}

/** A page of a split commune waiting for its reform34 successor. */
export interface DbSuccessorWait {
  page_id: number;
  name: string;
  url: string;
  legacy_code: string;
  legacy_name: string;
  legacy_province: string;
  /** JSON array of [code, name] of the candidate communes. */
  candidates: string;
}

/** Pages live on 01/07/2025 whose legacy63 commune was split, with no reform34 unit yet; by commune. */
export function listSuccessorQueue(db: Db): DbSuccessorWait[] {
  return statement(
    db,
    /* sql */ `
    SELECT p.id AS page_id, p.name, p.url, a.unit_code AS legacy_code, lu.name AS legacy_name, lu.province_code AS legacy_province,
           json_group_array(json_array(c.to_code, ru.name)) AS candidates
    FROM pages p
    JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
    JOIN units lu ON lu.scheme = 'legacy63' AND lu.code = a.unit_code
    JOIN crosswalk c ON c.from_code = a.unit_code AND c.is_split = 1
    JOIN units ru ON ru.scheme = 'reform34' AND ru.code = c.to_code
    WHERE NOT EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = p.id AND r.scheme = 'reform34')
      AND ${PAGE_IS_LIVE}
    GROUP BY p.id
    ORDER BY a.unit_code, p.id`,
  ).all({ asOf: REFORM_DATE }) as DbSuccessorWait[];
}
