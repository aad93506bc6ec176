import { createRoute } from '@hono/zod-openapi';
import {
  noQuerySchema,
  PAGE_SORTS,
  pageDetailWithSourcesSchema,
  pageListQuerySchema,
  pageListResponseSchema,
  pageParamsSchema,
  type PageDetail,
  type PageListQuery,
  type PageListResponse,
  type PageSort,
  type Level,
  type Unit,
  searchKey,
} from '@mttq/core';
import type { SessionUser } from '../auth/user';
import { listMonthlySources } from '../connectors/provenance';
import { badRequest, notFound } from '../http/errors';
import { languageOf, msg } from '../messages';
import { jsonResponse } from '../http/json-response';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { resolveAsOf, resolveParent, resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import {
  countPages,
  countProvinces,
  getPage,
  listPageAssignments,
  listPageMetrics,
  listPageStatusEvents,
  listPages,
  listRecorderRoles,
  recordedByFor,
  toPageDetail,
  toPageListItem,
  type PageListFilters,
  type PageListPosition,
  type PlaceCodes,
} from './page-queries';
import { matchPlaces } from '../units/place-search';

/** The units a search names, listed in the answer; more are matched but not listed. */
const MAX_PLACES_SHOWN = 10;

const BAD_CURSOR = msg('page_bad_cursor');

/**
 * The opaque cursor: base64url of [sort, last sort key, last id].
 * serializePageCursor('unit', { key: '01-001-00004', id: 17 }) → 'WyJ1bml0IiwiMDEtMDAxLTAwMDA0IiwxN10'
 */
export function serializePageCursor(sort: PageSort, position: PageListPosition): string {
  return Buffer.from(JSON.stringify([sort, position.key, position.id])).toString('base64url');
}

/** The position a cursor stands for, or a 400 naming `cursor`; inverse of serializePageCursor. */
export function parsePageCursor(cursor: string, sort: PageSort): PageListPosition {
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor', BAD_CURSOR);
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw badRequest('cursor', BAD_CURSOR);
  const [cursorSort, key, id] = decoded as unknown[];
  if (!PAGE_SORTS.includes(cursorSort as PageSort) || !Number.isSafeInteger(id)) throw badRequest('cursor', BAD_CURSOR);
  if (cursorSort !== sort) {
    throw badRequest('cursor', msg('page_cursor_other_sort', { sort: String(cursorSort) }));
  }
  // The SQL sort key of -followers is a number (-1 without a snapshot); every other key is text.
  const isKey = sort === '-followers' ? Number.isSafeInteger(key) : typeof key === 'string';
  if (!isKey) throw badRequest('cursor', BAD_CURSOR);
  return { key: key as string | number, id: id as number };
}

/** The registry filters of a /pages or /exports/pages query, resolved against the scheme. */
export function toPageListFilters(services: Services, query: Pick<PageListQuery, 'scheme' | 'asOf' | 'parent' | 'status' | 'platform' | 'owner' | 'q'>): PageListFilters {
  const scheme = resolveScheme(services, query.scheme);
  const asOf = resolveAsOf(services, scheme, query.asOf);
  const parent = resolveParent(services, scheme, query.parent);
  const q = query.q ? searchKey(query.q) : '';
  return {
    scheme,
    asOf,
    parent: parent && { code: parent.code, level: parent.level },
    status: query.status,
    platform: query.platform ?? null,
    owner: query.owner,
    q: q === '' ? null : q,
    places: q === '' ? null : placeCodes(matchPlaces(query.q ?? '', services.units(scheme))),
  };
}

function placeCodes(places: readonly Unit[]): PlaceCodes {
  const codesAt = (level: Level) => places.filter((unit) => unit.level === level).map((unit) => unit.code);
  return { provinces: codesAt('province'), districts: codesAt('district'), communes: codesAt('commune') };
}

/** GET /pages: the registry of a scheme's pages under a parent, filtered at asOf, one page of items. */
export function listPageRegistry(services: Services, query: PageListQuery): PageListResponse {
  const after = query.cursor === undefined ? null : parsePageCursor(query.cursor, query.sort);
  const filters = toPageListFilters(services, query);
  const { scheme, asOf } = filters;
  // The total is the same on every page of one listing: count once, not per page.
  const total = services.cache.get(`pages-total:${JSON.stringify(filters)}`, () => countPages(services.db, filters));
  // One row more than asked tells whether there is a next page.
  const rows = listPages(services.db, filters, query.sort, after, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > query.limit && last ? serializePageCursor(query.sort, { key: last.sort_key, id: last.id }) : null;
  return { scheme, asOf, demo: services.isDemo(), total, items: items.map(toPageListItem), nextCursor, search: searchSummary(services, filters) };
}

/** What the search matched besides page names: the units it names, and the provinces its pages are in. */
function searchSummary(services: Services, filters: PageListFilters): PageListResponse['search'] {
  if (!filters.q || !filters.places) return null;
  const { places } = filters;
  const named = new Set([...places.provinces, ...places.districts, ...places.communes]);
  const units = services.units(filters.scheme).filter((unit) => named.has(unit.code));
  const provinces = services.cache.get(`pages-provinces:${JSON.stringify(filters)}`, () => countProvinces(services.db, filters));
  return { places: units.slice(0, MAX_PLACES_SHOWN).map(({ code, name, level }) => ({ code, name, level })), provinces };
}

/**
 * GET /pages/{id}: one page with its whole history, both schemes' assignments and monthly
 * metrics. With `reader` (null: signed out), each event's recordedBy is the recorder's username
 * only for admins, central staff and the recorder; others read the recorder's role. Without it
 * (the answers of writes, to a writer of the page) usernames are kept.
 */
export function getPageDetail(services: Services, id: number, reader?: SessionUser | null): PageDetail {
  const { db } = services;
  const page = getPage(db, id);
  if (!page) throw notFound(msg('page_not_found', { id: String(id) }));
  const detail = toPageDetail(page, listPageStatusEvents(db, id), listPageAssignments(db, id), listPageMetrics(db, id));
  if (reader === undefined) return detail;
  const roles = listRecorderRoles(db, id);
  return { ...detail, history: detail.history.map((event) => ({ ...event, recordedBy: recordedByFor(reader, event.recordedBy, roles.get(event.recordedBy)) })) };
}

const listRoute = createRoute({
  method: 'get',
  path: '/pages',
  summary: "The page registry of a scheme, under a parent, with each page's status at a date",
  description:
    "Pages launched on or before asOf and assigned to a unit in the subtree of parent (the parent itself included). status filters on the status at asOf: live = neither closed nor rejected; active = live and posted in asOf's month or the month before; inactive = live and not active; verified/unverified = live and verified by asOf or not; closed/rejected = such an event by asOf. Keyset paging: pass nextCursor back as cursor with the same filters and sort.",
  request: { query: pageListQuerySchema },
  responses: {
    200: { description: 'The matching count and one page of items', content: { 'application/json': { schema: pageListResponseSchema } } },
    ...errorResponses,
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/pages/{id}',
  summary: 'One page: status history, assignments in every scheme, monthly metrics',
  description:
    "Each history event's recordedBy is the recording account's username for admins, central staff and the recorder; every other reader gets the account's role instead (Quản trị hệ thống, Ban Thường trực, Cán bộ tỉnh; Cán bộ when unknown).",
  request: { params: pageParamsSchema, query: noQuerySchema },
  responses: {
    200: { description: 'The page, with where each monthly figure came from (monthlySources)', content: { 'application/json': { schema: pageDetailWithSourcesSchema } } },
    ...errorResponses,
  },
});

export const pageRoutes = createRouter()
  .openapi(listRoute, (c) => jsonResponse(c, listPageRegistry(c.get('services'), c.req.valid('query'))))
  .openapi(detailRoute, (c) => {
    // Who recorded each event depends on the reader: never shared through the response cache.
    c.header('Cache-Control', 'private');
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    const detail = getPageDetail(services, id, c.get('user'));
    // Collected and reported figures side by side (connectors/provenance.ts).
    return jsonResponse(c, { ...detail, monthlySources: listMonthlySources(services.db, id, c.get('user'), languageOf(c)) });
  });
