import { foldDiacritics } from '@mttq/admin-units';
import {
  activeMonths,
  type AssignmentBasis,
  type Level,
  type MetricSource,
  type Owner,
  type OwnerFilter,
  type PageAssignment,
  type PageDetail,
  type PageListItem,
  type PageMonthMetrics,
  type PageSort,
  type PageStatus,
  type PageStatusEvent,
  type PageStatusFilter,
  type Platform,
  type SchemeId,
  searchKey,
} from '@mttq/core';
import type { Role, SessionUser } from '../auth/user';
import type { Db } from '../db/connection';
import { PAGE_HAS_POSTED, PAGE_IS_LIVE, PAGE_IS_VERIFIED } from '../db/page-rules';
import { statement } from '../db/statements';

/** Everything the page registry's answer depends on, except the sort and the page of items. */
export interface PageListFilters {
  scheme: SchemeId;
  asOf: string;
  /** The unit whose subtree (itself included) the pages must be assigned to; null: the whole country. */
  parent: { code: string; level: Level } | null;
  status: PageStatusFilter;
  platform: Platform | null;
  owner: OwnerFilter;
  /** Part of the name or URL in its searchKey form; null or '' for no search. */
  q: string | null;
  /** The units the search names: pages assigned inside them match too; null without a search. */
  places: PlaceCodes | null;
}

/** Unit codes by how their subtree is found: a province's by province_code, a district's by parent_code. */
export interface PlaceCodes {
  provinces: string[];
  districts: string[];
  communes: string[];
}

/** Where the previous page of items ended: its last item's sort key and id. */
export interface PageListPosition {
  key: string | number;
  id: number;
}

const registeredDbs = new WeakSet<Db>();
/** Folded names: a sort by name folds every page's, on every request. */
const folded = new Map<string, string>();
const MAX_FOLDED = 100_000;

/**
 * SQL `fold(text)`: the foldDiacritics form, so a sort by name puts "Ấp" among the "A".
 * Registered once per connection.
 */
function maybeRegisterFold(db: Db): void {
  if (registeredDbs.has(db)) return;
  db.function('fold', { deterministic: true }, (value: unknown) => {
    if (typeof value !== 'string') return value;
    let result = folded.get(value);
    if (result === undefined) {
      if (folded.size >= MAX_FOLDED) folded.clear();
      result = foldDiacritics(value);
      folded.set(value, result);
    }
    return result;
  });
  registeredDbs.add(db);
}

// Status at @asOf, per page `p`: the same rules as PageHistories.unitStates (coverage/page-histories.ts) and
// isPageLive / isPageVerified in core.
const hasEvent = (status: 'closed' | 'rejected') => /* sql */ `EXISTS (SELECT 1 FROM page_status_events e
  WHERE e.page_id = p.id AND e.status = '${status}' AND e.effective_on <= @asOf)`;
const LATEST_FOLLOWERS = /* sql */ `(SELECT m.followers FROM metric_snapshots m
  WHERE m.page_id = p.id AND m.month <= @month ORDER BY m.month DESC LIMIT 1)`;
const LATEST_STATUS = /* sql */ `(SELECT e.status FROM page_status_events e
  WHERE e.page_id = p.id AND e.effective_on <= @asOf ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)`;

const STATUS_WHERE: Record<PageStatusFilter, string | null> = {
  all: null,
  live: PAGE_IS_LIVE,
  active: `${PAGE_IS_LIVE} AND ${PAGE_HAS_POSTED}`,
  inactive: `${PAGE_IS_LIVE} AND NOT ${PAGE_HAS_POSTED}`,
  verified: `${PAGE_IS_LIVE} AND ${PAGE_IS_VERIFIED}`,
  unverified: `${PAGE_IS_LIVE} AND NOT ${PAGE_IS_VERIFIED}`,
  closed: hasEvent('closed'),
  rejected: hasEvent('rejected'),
};

const SUBTREE_WHERE: Record<Level, string> = {
  province: 'u.province_code = @parent',
  district: '(u.code = @parent OR u.parent_code = @parent)',
  commune: 'u.code = @parent',
};

/**
 * The unit's place in the tree, so that a province comes first, then each district followed by
 * its communes (GSO codes are ordered within a level): '01--', '01-001-', '01-001-00001', and
 * in reform34 '01--00004'. Bare codes would put commune 00001 before province 01.
 */
const UNIT_TREE_KEY = /* sql */ `u.province_code || '-'
  || CASE WHEN u.level = 'district' THEN u.code WHEN u.level = 'commune' AND u.parent_code <> u.province_code THEN u.parent_code ELSE '' END
  || '-' || CASE WHEN u.level = 'commune' THEN u.code ELSE '' END`;

/**
 * Each sort's key per page `p` assigned to unit `u`, and its direction; ties go by page id in
 * the same direction. Pages without a snapshot sort after every follower count.
 */
const SORT_KEYS: Record<PageSort, { key: string; isDescending: boolean }> = {
  unit: { key: UNIT_TREE_KEY, isDescending: false },
  name: { key: 'fold(p.name)', isDescending: false },
  launchedOn: { key: 'p.launched_on', isDescending: false },
  '-launchedOn': { key: 'p.launched_on', isDescending: true },
  '-followers': { key: `coalesce(${LATEST_FOLLOWERS}, -1)`, isDescending: true },
};

/** The shortest search the trigram index (migration 12) answers; shorter ones scan the text. */
const TRIGRAM = 3;

/**
 * A search matches the page's stored search text (name and URL, see fillSearchText) or a unit
 * the search names, with everything inside it. The matching page ids are found first, through
 * the trigram index and the units' assignments, so a search never reads every page. The named
 * units are read first and their pages through page_assignments_by_unit (CROSS JOIN keeps that
 * order whatever the planner's statistics say); without named places that part is left out.
 */
const matchSql = (q: string, hasPlaces: boolean) => /* sql */ `
    ${q.length >= TRIGRAM ? 'SELECT rowid FROM page_search WHERE page_search MATCH @textMatch' : 'SELECT id FROM pages WHERE instr(search_text, @q) > 0'}
    ${
      hasPlaces
        ? `UNION
    SELECT pa.page_id FROM units pu
    CROSS JOIN page_assignments pa ON pa.scheme = pu.scheme AND pa.unit_code = pu.code
    WHERE pu.scheme = @scheme AND (pu.province_code IN (SELECT value FROM json_each(@placeProvinces))
      OR pu.code IN (SELECT value FROM json_each(@placeDistricts))
      OR pu.parent_code IN (SELECT value FROM json_each(@placeDistricts))
      OR pu.code IN (SELECT value FROM json_each(@placeCommunes)))`
        : ''
    }`;

/** The last search's matches per database, with the database state they were read at. */
const lastMatches = new WeakMap<Db, { key: string; ids: string }>();

/**
 * The ids of the pages a search matches, as a JSON array, read once for the count, the provinces
 * and the list of one request: kept until the next search or the next change to the database
 * (PRAGMA data_version for other connections' commits, total_changes() for this one's).
 */
function matchingPageIds(db: Db, filters: PageListFilters & { q: string }): string {
  const places = filters.places;
  const hasPlaces = places !== null && places.provinces.length + places.districts.length + places.communes.length > 0;
  const params = {
    scheme: filters.scheme,
    q: filters.q,
    textMatch: textMatch(filters.q),
    placeProvinces: JSON.stringify(places?.provinces ?? []),
    placeDistricts: JSON.stringify(places?.districts ?? []),
    placeCommunes: JSON.stringify(places?.communes ?? []),
  };
  const state = `${db.pragma('data_version', { simple: true })}:${statement(db, 'SELECT total_changes()').pluck().get()}`;
  const key = `${state}|${JSON.stringify(params)}`;
  const kept = lastMatches.get(db);
  if (kept?.key === key) return kept.ids;
  const ids = JSON.stringify(statement(db, matchSql(filters.q, hasPlaces)).pluck().all(params));
  lastMatches.set(db, { key, ids });
  return ids;
}

/** The FTS5 phrase that matches `q` anywhere in a page's search text: hagiang → "hagiang". */
const textMatch = (q: string) => `"${q.replaceAll('"', '""')}"`;

/**
 * Computes the search text of the pages that lack it: new pages, and pages whose name or URL
 * changed (a trigger of migration 10 empties it). Cheap when none does: the partial index holds
 * only those pages, named so that statistics from before the texts were filled cannot make
 * SQLite read every page instead.
 */
export function fillSearchText(db: Db): void {
  const missing = statement(db, 'SELECT id, name, url FROM pages INDEXED BY pages_without_search_text WHERE search_text IS NULL').all() as { id: number; name: string; url: string }[];
  if (missing.length === 0) return;
  const update = statement(db, 'UPDATE pages SET search_text = ? WHERE id = ?');
  db.transaction(() => {
    for (const page of missing) update.run(pageSearchText(page.name, page.url), page.id);
  })();
}

/** The page's name and URL in searchKey form, apart so a search never matches across them. */
export function pageSearchText(name: string, url: string): string {
  return `${searchKey(name)} ${searchKey(url)}`;
}

/** The shared FROM … WHERE of the list and its count, with its bound parameters. */
function fromWhere(db: Db, filters: PageListFilters) {
  const [month, previousMonth] = activeMonths(filters.asOf);
  const where = ['a.scheme = @scheme', 'p.launched_on <= @asOf'];
  if (filters.parent) where.push(SUBTREE_WHERE[filters.parent.level]);
  if (filters.platform) where.push('p.platform = @platform');
  if (filters.owner !== 'all') where.push('p.owner = @owner');
  if (filters.q) where.push('a.page_id IN (SELECT value FROM json_each(@matches))');
  const status = STATUS_WHERE[filters.status];
  if (status) where.push(status);
  const sql = /* sql */ `
    FROM page_assignments a
    JOIN pages p ON p.id = a.page_id
    JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
    WHERE ${where.join(' AND ')}`;
  const params = {
    scheme: filters.scheme,
    asOf: filters.asOf,
    month,
    previousMonth,
    parent: filters.parent?.code ?? null,
    platform: filters.platform,
    owner: filters.owner,
    matches: filters.q ? matchingPageIds(db, { ...filters, q: filters.q }) : null,
  };
  return { sql, params };
}

/** How many pages match the filters. */
export function countPages(db: Db, filters: PageListFilters): number {
  maybeRegisterFold(db);
  if (filters.q) fillSearchText(db);
  const { sql, params } = fromWhere(db, filters);
  return (statement(db, `SELECT count(*) AS total ${sql}`).get(params) as { total: number }).total;
}

/** How many provinces the matching pages are in. */
export function countProvinces(db: Db, filters: PageListFilters): number {
  maybeRegisterFold(db);
  if (filters.q) fillSearchText(db);
  const { sql, params } = fromWhere(db, filters);
  return (statement(db, `SELECT count(DISTINCT u.province_code) AS n ${sql}`).get(params) as { n: number }).n;
}

/** One registry row as stored, with its status flags at asOf and its sort key. */
export interface DbPageListRow {
  id: number;
  name: string;
  platform: Platform;
  url: string;
  owner: Owner;
  launched_on: string;
  unit_code: string;
  unit_name: string;
  unit_level: Level;
  province_code: string;
  province_name: string;
  is_live: 0 | 1;
  is_active: 0 | 1;
  is_verified: 0 | 1;
  latest_status: PageStatus | null;
  followers: number | null;
  sort_key: string | number;
}

/**
 * Up to `limit` pages matching the filters, in `sort` order, after `after` (keyset paging).
 * The page of ids is chosen first, so status and followers are looked up only for those rows.
 */
export function listPages(db: Db, filters: PageListFilters, sort: PageSort, after: PageListPosition | null, limit: number): DbPageListRow[] {
  maybeRegisterFold(db);
  if (filters.q) fillSearchText(db);
  const { sql, params } = fromWhere(db, filters);
  const { key, isDescending } = SORT_KEYS[sort];
  const direction = isDescending ? 'DESC' : 'ASC';
  const seek = after ? `WHERE (sort_key, id) ${isDescending ? '<' : '>'} (@afterKey, @afterId)` : '';
  const rows = db
    .prepare(
      /* sql */ `
      SELECT p.id, p.name, p.platform, p.url, p.owner, p.launched_on,
        u.code AS unit_code, u.name AS unit_name, u.level AS unit_level,
        pu.code AS province_code, pu.name AS province_name,
        ${PAGE_IS_LIVE} AS is_live,
        ${PAGE_IS_LIVE} AND ${PAGE_HAS_POSTED} AS is_active,
        ${PAGE_IS_LIVE} AND ${PAGE_IS_VERIFIED} AS is_verified,
        ${LATEST_STATUS} AS latest_status,
        ${LATEST_FOLLOWERS} AS followers,
        chosen.sort_key
      FROM (
        SELECT id, unit_code, sort_key FROM (SELECT p.id, a.unit_code, ${key} AS sort_key ${sql})
        ${seek}
        ORDER BY sort_key ${direction}, id ${direction}
        LIMIT @limit
      ) AS chosen
      JOIN pages p ON p.id = chosen.id
      JOIN units u ON u.scheme = @scheme AND u.code = chosen.unit_code
      JOIN units pu ON pu.scheme = @scheme AND pu.code = u.province_code
      ORDER BY chosen.sort_key ${direction}, chosen.id ${direction}`,
    )
    .all({ ...params, afterKey: after?.key ?? null, afterId: after?.id ?? null, limit });
  return rows as DbPageListRow[];
}

/** DbPageListRow → the API's registry item (booleans, nested unit and status). */
export function toPageListItem(row: DbPageListRow): PageListItem {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    url: row.url,
    owner: row.owner,
    launchedOn: row.launched_on,
    unit: { code: row.unit_code, name: row.unit_name, level: row.unit_level },
    province: { code: row.province_code, name: row.province_name },
    status: {
      isLive: row.is_live === 1,
      isActive: row.is_active === 1,
      isVerified: row.is_verified === 1,
      latest: row.latest_status ?? 'reported',
    },
    followers: row.followers,
  };
}

export interface DbPage {
  id: number;
  platform: Platform;
  url: string;
  platform_id: string | null;
  name: string;
  owner: Owner;
  launched_on: string;
  is_demo: 0 | 1;
}

/** One page by id, or undefined. */
export function getPage(db: Db, id: number): DbPage | undefined {
  return statement(db, 'SELECT id, platform, url, platform_id, name, owner, launched_on, is_demo FROM pages WHERE id = ?').get(id) as DbPage | undefined;
}

export interface DbPageStatusEvent {
  status: PageStatus;
  effective_on: string;
  recorded_by: string;
  note: string | null;
}

/** Every status event of a page, by effective date, then in the order recorded. */
export function listPageStatusEvents(db: Db, pageId: number): DbPageStatusEvent[] {
  return db
    .prepare('SELECT status, effective_on, recorded_by, note FROM page_status_events WHERE page_id = ? ORDER BY effective_on, id')
    .all(pageId) as DbPageStatusEvent[];
}

/** What readers who may not see usernames read instead: the recording account's role. */
export const RECORDER_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  central: 'Ban Thường trực',
  province: 'Cán bộ tỉnh',
  viewer: 'Cán bộ',
};
/** The label of a recorder without an account (removed, or written by a tool). */
export const UNKNOWN_RECORDER_LABEL = 'Cán bộ';

/**
 * The role of each recorder of a page's events, by name as recorded; null for a name without an
 * account. Demo events ('demo:central', 'demo:province-51') count as the demo account of the name.
 */
export function listRecorderRoles(db: Db, pageId: number): Map<string, Role | null> {
  const rows = db
    .prepare(
      /* sql */ `
      SELECT DISTINCT e.recorded_by, u.role
      FROM page_status_events e
      LEFT JOIN users u ON u.username = (CASE WHEN e.recorded_by LIKE 'demo:%' THEN substr(e.recorded_by, 6) ELSE e.recorded_by END)
      WHERE e.page_id = ?`,
    )
    .all(pageId) as { recorded_by: string; role: Role | null }[];
  return new Map(rows.map((row) => [row.recorded_by, row.role]));
}

/**
 * Who recorded an event, as `reader` may see it: the username for admins and central staff and
 * for the recorder themselves; otherwise only the recording account's role ("Cán bộ tỉnh").
 */
export function recordedByFor(reader: SessionUser | null, recordedBy: string, role: Role | null | undefined): string {
  const mayName = reader !== null && (reader.role === 'admin' || reader.role === 'central' || reader.username.toLowerCase() === recordedBy.toLowerCase());
  if (mayName) return recordedBy;
  return role ? RECORDER_LABELS[role] : UNKNOWN_RECORDER_LABEL;
}

export interface DbPageAssignment {
  scheme: SchemeId;
  unit_code: string;
  unit_name: string;
  unit_level: Level;
  basis: AssignmentBasis;
}

/** The page's unit in each scheme it belongs to, legacy63 first. */
export function listPageAssignments(db: Db, pageId: number): DbPageAssignment[] {
  return db
    .prepare(
      /* sql */ `
      SELECT a.scheme, a.unit_code, u.name AS unit_name, u.level AS unit_level, a.basis
      FROM page_assignments a JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code
      WHERE a.page_id = ? ORDER BY a.scheme`,
    )
    .all(pageId) as DbPageAssignment[];
}

export interface DbPageMetrics {
  month: string;
  followers: number;
  posts: number;
  interactions: number;
  views: number | null;
  last_post_on: string | null;
  source: MetricSource;
}

/** The page's monthly snapshots, by month. */
export function listPageMetrics(db: Db, pageId: number): DbPageMetrics[] {
  return db
    .prepare('SELECT month, followers, posts, interactions, views, last_post_on, source FROM metric_snapshots WHERE page_id = ? ORDER BY month')
    .all(pageId) as DbPageMetrics[];
}

/** The stored rows of one page → the API's page detail. */
export function toPageDetail(
  page: DbPage,
  events: readonly DbPageStatusEvent[],
  assignments: readonly DbPageAssignment[],
  metrics: readonly DbPageMetrics[],
): PageDetail {
  return {
    id: page.id,
    name: page.name,
    platform: page.platform,
    url: page.url,
    platformId: page.platform_id,
    owner: page.owner,
    launchedOn: page.launched_on,
    demo: page.is_demo === 1,
    history: events.map(
      (e): PageStatusEvent => ({ status: e.status, effectiveOn: e.effective_on, recordedBy: e.recorded_by, note: e.note }),
    ),
    assignments: assignments.map(
      (a): PageAssignment => ({ scheme: a.scheme, code: a.unit_code, name: a.unit_name, level: a.unit_level, basis: a.basis }),
    ),
    metrics: metrics.map(
      (m): PageMonthMetrics => ({
        month: m.month,
        followers: m.followers,
        posts: m.posts,
        interactions: m.interactions,
        views: m.views,
        lastPostOn: m.last_post_on,
        source: m.source,
      }),
    ),
  };
}
