/**
 * One live Front committee page per unit is the rule; a second one is usually a duplicate (an
 * old page, a personal page). These queries find them, for the warning before a second one is
 * saved and for central staff's list.
 */
import { defaultAsOf, type SchemeId } from '@mttq/core';
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

/** The date a unit's live pages are looked at: today, or the last day of a scheme that ended. */
export const frontPageDate = (scheme: SchemeId, today: string) => defaultAsOf(scheme, today);

export interface DbDuplicateFrontPage {
  unit_code: string;
  unit_name: string;
  unit_level: 'province' | 'district' | 'commune';
  province_code: string;
  province_name: string;
  /** JSON array of {id, name, url, platform, launchedOn}, oldest first. */
  pages: string;
}

/** Units of the scheme (of one province, or all) with more than one live Front page at `asOf`. */
export function listDuplicateFrontPages(db: Db, scheme: SchemeId, asOf: string, province: string | null): DbDuplicateFrontPage[] {
  return statement(
    db,
    /* sql */ `
    WITH live AS (
      SELECT a.unit_code, p.id, p.name, p.url, p.platform, p.launched_on
      FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
      WHERE p.owner = 'front' AND ${PAGE_IS_LIVE}
    )
    SELECT u.code AS unit_code, u.name AS unit_name, u.level AS unit_level, pu.code AS province_code, pu.name AS province_name,
           json_group_array(json_object('id', l.id, 'name', l.name, 'url', l.url, 'platform', l.platform, 'launchedOn', l.launched_on)) AS pages
    FROM (SELECT * FROM live ORDER BY launched_on, id) l
    JOIN units u ON u.scheme = @scheme AND u.code = l.unit_code
    JOIN units pu ON pu.scheme = @scheme AND pu.code = u.province_code
    WHERE (@province IS NULL OR u.province_code = @province)
    GROUP BY u.code
    HAVING count(*) > 1
    ORDER BY u.province_code, u.code`,
  ).all({ scheme, asOf, province }) as DbDuplicateFrontPage[];
}
