import type { CrosswalkBasis, Level, Owner, PageStatus, Platform, Region, SchemeId, Unit, UnitKind } from '@mttq/core';
import type { Db } from '../db/connection';
import { PAGE_IS_LIVE } from '../db/page-rules';

/** A units row as stored. */
export interface DbUnit {
  code: string;
  level: Level;
  name: string;
  short_name: string;
  /** One of UNIT_KINDS[level]: the table's CHECK holds it. */
  kind: UnitKind;
  parent_code: string | null;
  province_code: string;
  region: Region;
}

const UNIT_COLUMNS = 'code, level, name, short_name, kind, parent_code, province_code, region';

/** The one mapping from a units row to the domain Unit. */
export const toUnit = (scheme: SchemeId, row: DbUnit): Unit => ({
  scheme,
  code: row.code,
  level: row.level,
  name: row.name,
  shortName: row.short_name,
  kind: row.kind,
  parentCode: row.parent_code,
  provinceCode: row.province_code,
  region: row.region,
});

// A unit is inside `parent` when it is its child or, for a province, anywhere in its province.
const INSIDE_PARENT = /* sql */ `
  (@parent IS NULL OR parent_code = @parent OR (province_code = @parent AND code <> @parent))`;

export interface UnitListFilters {
  scheme: SchemeId;
  level: Level;
  /** null: the whole country. */
  parent: string | null;
  limit: number;
}

/** Units of one level inside `parent`, sorted by code, at most `limit`. */
export function listUnitsAt(db: Db, filters: UnitListFilters): DbUnit[] {
  return db
    .prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE scheme = @scheme AND level = @level AND ${INSIDE_PARENT} ORDER BY code LIMIT @limit`)
    .all(filters) as DbUnit[];
}

/** How many units of one level are inside `parent`. */
export function countUnitsAt(db: Db, filters: Omit<UnitListFilters, 'limit'>): number {
  const row = db
    .prepare(`SELECT count(*) AS n FROM units WHERE scheme = @scheme AND level = @level AND ${INSIDE_PARENT}`)
    .get(filters) as { n: number };
  return row.n;
}

/** Every unit of the scheme, sorted by code. */
export function listAllUnits(db: Db, scheme: SchemeId): DbUnit[] {
  return db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE scheme = ? ORDER BY code`).all(scheme) as DbUnit[];
}

/** One unit, or undefined. */
export function getUnit(db: Db, scheme: SchemeId, code: string): DbUnit | undefined {
  return db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE scheme = ? AND code = ?`).get(scheme, code) as DbUnit | undefined;
}

/** The unit's province and district (those it has), province first. */
export function listAncestors(db: Db, scheme: SchemeId, unit: Pick<DbUnit, 'code' | 'parent_code' | 'province_code'>): DbUnit[] {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM units
       WHERE scheme = @scheme AND code IN (@parent, @province) AND code <> @code
       ORDER BY length(code)`,
    )
    .all({ scheme, code: unit.code, parent: unit.parent_code, province: unit.province_code }) as DbUnit[];
}

interface DbLevelCount {
  level: Level;
  n: number;
}

/** Units per level inside a unit: its children, and for a province everything in it. */
export function countUnitsInside(db: Db, scheme: SchemeId, code: string): DbLevelCount[] {
  return db
    .prepare(`SELECT level, count(*) AS n FROM units WHERE scheme = @scheme AND ${INSIDE_PARENT} GROUP BY level`)
    .all({ scheme, parent: code }) as DbLevelCount[];
}

export interface DbUnitPage {
  id: number;
  name: string;
  platform: Platform;
  url: string;
  owner: Owner;
  launched_on: string;
  /** The latest event on or before asOf (the later recorded one on a tie); null without one. */
  status: PageStatus | null;
  status_since: string | null;
  is_live: 0 | 1;
}

/**
 * Pages assigned to the unit in the scheme and launched by asOf, with their status at asOf.
 * is_live mirrors isPageLive in core: neither closed nor rejected by asOf.
 */
export function listUnitPages(db: Db, scheme: SchemeId, code: string, asOf: string): DbUnitPage[] {
  return db
    .prepare(
      /* sql */ `
      WITH unit_pages AS (
        SELECT p.* FROM page_assignments a JOIN pages p ON p.id = a.page_id
        WHERE a.scheme = @scheme AND a.unit_code = @code AND p.launched_on <= @asOf
      ),
      ranked AS (
        SELECT e.page_id, e.status, e.effective_on,
          row_number() OVER (PARTITION BY e.page_id ORDER BY e.effective_on DESC, e.id DESC) AS n
        FROM page_status_events e
        WHERE e.page_id IN (SELECT id FROM unit_pages) AND e.effective_on <= @asOf
      )
      SELECT p.id, p.name, p.platform, p.url, p.owner, p.launched_on,
        r.status, r.effective_on AS status_since,
        ${PAGE_IS_LIVE} AS is_live
      FROM unit_pages p LEFT JOIN ranked r ON r.page_id = p.id AND r.n = 1
      ORDER BY p.launched_on, p.id`,
    )
    .all({ scheme, code, asOf }) as DbUnitPage[];
}

/** A crosswalk edge with the unit at its other end. */
export interface DbCrosswalkLink {
  code: string;
  name: string;
  level: Level;
  basis: CrosswalkBasis;
  is_split: 0 | 1;
}

/** legacy63 unit → the reform34 units it became part of (provinces and communes have edges). */
export function listSuccessors(db: Db, fromCode: string): DbCrosswalkLink[] {
  return db
    .prepare(
      `SELECT u.code, u.name, u.level, c.basis, c.is_split
       FROM crosswalk c JOIN units u ON u.scheme = c.to_scheme AND u.code = c.to_code
       WHERE c.from_code = ? ORDER BY u.code`,
    )
    .all(fromCode) as DbCrosswalkLink[];
}

/** reform34 unit → the legacy63 units it was made from. */
export function listPredecessors(db: Db, toCode: string): DbCrosswalkLink[] {
  return db
    .prepare(
      `SELECT u.code, u.name, u.level, c.basis, c.is_split
       FROM crosswalk c JOIN units u ON u.scheme = c.from_scheme AND u.code = c.from_code
       WHERE c.to_code = ? ORDER BY u.code`,
    )
    .all(toCode) as DbCrosswalkLink[];
}

/** Is this legacy63 commune one the crosswalk could not place? */
export function isUnmatchedCommune(db: Db, code: string): boolean {
  return db.prepare("SELECT 1 FROM crosswalk_unmatched WHERE scheme = 'legacy63' AND code = ?").get(code) !== undefined;
}
