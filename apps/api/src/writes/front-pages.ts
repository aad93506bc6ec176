/**
 * One live Front committee page per unit is the rule; a second one is usually a duplicate (an
 * old page, a personal page). These queries find them, for the warning before a second one is
 * saved and for central staff's list.
 */
import type { SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { PAGE_IS_LIVE } from '../db/page-rules';
import { statement } from '../db/statements';

export interface DbLiveFrontPage {
  id: number;
  name: string;
  url: string;
}

/** The unit's live Front page at `asOf` (the oldest, if several), or undefined. */
export function findLiveFrontPage(db: Db, scheme: SchemeId, code: string, asOf: string): DbLiveFrontPage | undefined {
  return statement(
    db,
    /* sql */ `SELECT p.id, p.name, p.url FROM pages p
      JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme AND a.unit_code = @code
      WHERE p.owner = 'front' AND ${PAGE_IS_LIVE}
      ORDER BY p.launched_on, p.id LIMIT 1`,
  ).get({ scheme, code, asOf }) as DbLiveFrontPage | undefined;
}

export interface DbDuplicateFrontPage {
  unit_code: string;
  id: number;
  name: string;
  url: string;
  platform: 'facebook' | 'zalo' | 'tiktok' | 'youtube';
  launched_on: string;
}

/**
 * The live Front pages at `asOf` of the units of the scheme that have more than one, by unit, the
 * oldest first. The live pages are found once (materialized), then grouped.
 */
export function listDuplicateFrontPages(db: Db, scheme: SchemeId, asOf: string): DbDuplicateFrontPage[] {
  return statement(
    db,
    /* sql */ `
    WITH live AS MATERIALIZED (
      SELECT a.unit_code, p.id, p.name, p.url, p.platform, p.launched_on
      FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
      WHERE p.owner = 'front' AND ${PAGE_IS_LIVE}
    ),
    doubled AS MATERIALIZED (SELECT unit_code FROM live GROUP BY unit_code HAVING count(*) > 1)
    SELECT unit_code, id, name, url, platform, launched_on FROM live
    WHERE unit_code IN (SELECT unit_code FROM doubled)
    ORDER BY unit_code, launched_on, id`,
  ).all({ scheme, asOf }) as DbDuplicateFrontPage[];
}
