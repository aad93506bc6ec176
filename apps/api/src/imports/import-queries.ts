/**
 * SQL of imports: the state of a page as a plan sees it, read once at the dry run and again in
 * the commit's transaction, where any difference means the data changed in between.
 */
import type { AssignmentBasis, MetricSource, PageStatus, SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { PAGE_IS_LIVE } from '../db/page-rules';
import { statement } from '../db/statements';
import type { DbPage } from '../pages/page-queries';
import type { DbLiveFrontPage } from '../writes/front-pages';

export interface DbImportPage extends Omit<DbPage, 'is_demo'> {
  /** The page's unit in the import's scheme, if any. */
  unit_code: string | null;
  basis: AssignmentBasis | null;
  /** 1 when the page also belongs to a legacy63 unit (which bounds its launch date). */
  in_legacy63: 0 | 1;
}

export interface DbImportEvent {
  id: number;
  status: PageStatus;
  effective_on: string;
}

export interface DbImportMetric {
  followers: number;
  posts: number;
  interactions: number;
  views: number | null;
  last_post_on: string | null;
  source: MetricSource;
  is_demo: 0 | 1;
}

/** Everything a plan reads about an existing page, and compares again at commit. */
export interface PageState {
  page: DbImportPage;
  /** Every status event, by effective date then the order recorded. */
  events: DbImportEvent[];
  /** The first month with figures, or null. */
  firstMonth: string | null;
  /** The figures of the months the plan touches (null: none stored). */
  metrics: Record<string, DbImportMetric | null>;
}

const PAGE_COLUMNS = /* sql */ `p.id, p.platform, p.url, p.platform_id, p.name, p.owner, p.launched_on, a.unit_code, a.basis,
  EXISTS (SELECT 1 FROM page_assignments l WHERE l.page_id = p.id AND l.scheme = 'legacy63') AS in_legacy63
  FROM pages p LEFT JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme`;

/**
 * The pages stored under any of `urls`, by URL, with their unit in the scheme: one query for a
 * whole dry run, not one per row.
 */
export function findPagesByUrls(db: Db, scheme: SchemeId, urls: Iterable<string>): Map<string, DbImportPage> {
  const query = statement(db, `SELECT ${PAGE_COLUMNS} WHERE p.url IN (SELECT value FROM json_each(@urls))`);
  const pages = query.all({ scheme, urls: JSON.stringify([...new Set(urls)]) }) as DbImportPage[];
  return new Map(pages.map((page) => [page.url, page]));
}

/** The id of the page with this exact URL, if any. */
export function getPageIdByUrl(db: Db, url: string): number | undefined {
  return (statement(db, 'SELECT id FROM pages WHERE url = ?').get(url) as { id: number } | undefined)?.id;
}

/** A page's state for a plan over `months`; undefined when the page is gone. */
export function readPageState(db: Db, scheme: SchemeId, pageId: number, months: readonly string[]): PageState | undefined {
  const page = statement(db, `SELECT ${PAGE_COLUMNS} WHERE p.id = @id`).get({ scheme, id: pageId }) as DbImportPage | undefined;
  if (!page) return undefined;
  const events = statement(db, 'SELECT id, status, effective_on FROM page_status_events WHERE page_id = ? ORDER BY effective_on, id').all(pageId) as DbImportEvent[];
  const firstMonth = (statement(db, 'SELECT min(month) AS month FROM metric_snapshots WHERE page_id = ?').get(pageId) as { month: string | null }).month;
  const metrics: Record<string, DbImportMetric | null> = {};
  const metric = statement(db, 'SELECT followers, posts, interactions, views, last_post_on, source, is_demo FROM metric_snapshots WHERE page_id = ? AND month = ?');
  for (const month of [...months].sort()) metrics[month] = (metric.get(pageId, month) as DbImportMetric | undefined) ?? null;
  return { page, events, firstMonth, metrics };
}

/**
 * Every unit's live Front page at `asOf` (the oldest, if several), by unit code: read once per
 * dry run rather than once per new page. listLiveFrontPages(db, 'legacy63', '2025-06-30').get('00004') → { id, name, url }
 */
export function listLiveFrontPages(db: Db, scheme: SchemeId, asOf: string): Map<string, DbLiveFrontPage> {
  const rows = statement(
    db,
    /* sql */ `SELECT a.unit_code, p.id, p.name, p.url FROM pages p
      JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
      WHERE p.owner = 'front' AND ${PAGE_IS_LIVE}
      ORDER BY p.launched_on DESC, p.id DESC`,
  ).all({ scheme, asOf }) as Array<DbLiveFrontPage & { unit_code: string }>;
  // Newest first, so the oldest of a unit is set last.
  return new Map(rows.map(({ unit_code, ...page }) => [unit_code, page]));
}
