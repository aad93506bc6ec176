/**
 * The page registry's view state as it lives in the URL, under the parameter names of
 * GET /pages (scheme, asOf, parent, status, platform, owner, q, sort, limit, cursor), so a copied
 * link shows the same list and the values go straight into the API query. `id` opens one page's
 * details over the list.
 */
import type { OwnerFilter, PageSort, PageStatusFilter, Platform, SchemeId } from '@mttq/core';
import type { Locale } from '../../i18n/messages';
import { DEFAULT_SEARCH, parseDashboardSearch } from '../../url/dashboard-search';
import { OWNER_FILTERS, PAGE_LIMITS, PAGE_SORTS, PAGE_STATUS_FILTERS, PLATFORMS } from './registry-constants';

export interface RegistrySearch {
  scheme: SchemeId;
  /** YYYY-MM-DD inside the scheme; null: the server's default (today, clamped) */
  asOf: string | null;
  /** a unit code of the scheme (province, district or commune); null: the whole country */
  parent: string | null;
  status: PageStatusFilter;
  platform: Platform | null;
  owner: OwnerFilter;
  /** part of a page's name or URL; the server ignores case and diacritics */
  q: string;
  sort: PageSort;
  limit: number;
  /** nextCursor of the previous answer; null: the first page */
  cursor: string | null;
  /** the page whose details are open; null: none */
  id: number | null;
}

export const DEFAULT_LIMIT = 50;
const MAX_Q = 200;
const MAX_CURSOR = 1000;

/** The defaults: the scheme in force today (see DEFAULT_SEARCH), the whole country, every page. */
export const DEFAULT_REGISTRY_SEARCH: RegistrySearch = {
  scheme: DEFAULT_SEARCH.scheme,
  asOf: null,
  parent: null,
  status: 'all',
  platform: null,
  owner: 'all',
  q: '',
  sort: 'unit',
  limit: DEFAULT_LIMIT,
  cursor: null,
  id: null,
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

/**
 * URL → registry state; unknown keys are dropped and bad values fall back to their defaults.
 * parseRegistrySearch('?scheme=reform34&status=verified&q=ha%20noi') → { scheme: 'reform34', status: 'verified', q: 'ha noi', … }
 */
export function parseRegistrySearch(input: string | URLSearchParams): RegistrySearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const { scheme, asOf, parent } = parseDashboardSearch(params);
  const rawPlatform = params.get('platform');
  const rawLimit = Number(params.get('limit'));
  const rawCursor = params.get('cursor');
  const rawId = params.get('id') ?? '';
  return {
    scheme,
    asOf,
    parent,
    status: oneOf(PAGE_STATUS_FILTERS, params.get('status'), 'all'),
    platform: PLATFORMS.includes(rawPlatform as Platform) ? (rawPlatform as Platform) : null,
    owner: oneOf(OWNER_FILTERS, params.get('owner'), 'all'),
    q: (params.get('q') ?? '').trim().slice(0, MAX_Q),
    sort: oneOf(PAGE_SORTS, params.get('sort'), 'unit'),
    limit: (PAGE_LIMITS as readonly number[]).includes(rawLimit) ? rawLimit : DEFAULT_LIMIT,
    cursor: rawCursor && rawCursor.length <= MAX_CURSOR && /^[A-Za-z0-9_-]+$/.test(rawCursor) ? rawCursor : null,
    id: /^[1-9]\d{0,14}$/.test(rawId) ? Number(rawId) : null,
  };
}

/** Registry state → URL, in a fixed key order; the scheme is always written, other defaults left out. */
export function serializeRegistrySearch(search: RegistrySearch): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scheme', search.scheme);
  if (search.asOf) params.set('asOf', search.asOf);
  if (search.parent) params.set('parent', search.parent);
  if (search.status !== 'all') params.set('status', search.status);
  if (search.platform) params.set('platform', search.platform);
  if (search.owner !== 'all') params.set('owner', search.owner);
  if (search.q) params.set('q', search.q);
  if (search.sort !== 'unit') params.set('sort', search.sort);
  if (search.limit !== DEFAULT_LIMIT) params.set('limit', String(search.limit));
  if (search.cursor) params.set('cursor', search.cursor);
  if (search.id !== null) params.set('id', String(search.id));
  return params;
}

/** What a filter change may touch. */
export type RegistryFilters = Pick<RegistrySearch, 'scheme' | 'asOf' | 'parent' | 'status' | 'platform' | 'owner' | 'q' | 'sort' | 'limit'>;

/**
 * A change of filters starts the list again from its first page. A new scheme drops what does not
 * carry over: the parent (codes mean other units in the other scheme) and a date outside it.
 */
export function withFilters(search: RegistrySearch, change: Partial<RegistryFilters>): RegistrySearch {
  const next: RegistrySearch = { ...search, ...change, cursor: null, id: null };
  if (change.scheme && change.scheme !== search.scheme) {
    const carried = parseDashboardSearch(new URLSearchParams({ scheme: change.scheme, ...(next.asOf ? { asOf: next.asOf } : {}) }));
    next.asOf = carried.asOf;
    if (change.parent === undefined) next.parent = null;
  }
  return next;
}

/** The GET /pages query of a state: every input, defaults included, so it can be the query key too. */
export function toPageListQuery(search: RegistrySearch) {
  return {
    scheme: search.scheme,
    asOf: search.asOf,
    parent: search.parent,
    status: search.status,
    platform: search.platform,
    owner: search.owner,
    q: search.q || null,
    sort: search.sort,
    limit: search.limit,
    cursor: search.cursor,
  };
}

/**
 * The download address of GET /exports/pages: the same pages as the list (scheme, date, place,
 * status, platform, owner, search, sort), every one of them rather than one screenful.
 * exportPagesHref({ …DEFAULT_REGISTRY_SEARCH, parent: '01', status: 'live' }, '2022-08-12', 'csv')
 *   → '/api/v1/exports/pages?scheme=legacy63&asOf=2022-08-12&parent=01&status=live&format=csv&lang=vi'
 */
export function exportPagesHref(search: RegistrySearch, answeredAsOf: string | null, format: 'csv' | 'xlsx', lang: Locale): string {
  const params = new URLSearchParams({ scheme: search.scheme });
  const asOf = search.asOf ?? answeredAsOf;
  if (asOf) params.set('asOf', asOf);
  if (search.parent) params.set('parent', search.parent);
  if (search.status !== DEFAULT_REGISTRY_SEARCH.status) params.set('status', search.status);
  if (search.platform) params.set('platform', search.platform);
  if (search.owner !== DEFAULT_REGISTRY_SEARCH.owner) params.set('owner', search.owner);
  if (search.q) params.set('q', search.q);
  if (search.sort !== DEFAULT_REGISTRY_SEARCH.sort) params.set('sort', search.sort);
  params.set('format', format);
  params.set('lang', lang);
  return `/api/v1/exports/pages?${params.toString()}`;
}

/**
 * The items' place in the whole list, 1-based, when the number of pages before them is known.
 * pageRange(50, 50, 11293) → { first: 51, last: 100 }; pageRange(0, 0, 0) → null
 */
export function pageRange(offset: number, count: number, total: number): { first: number; last: number } | null {
  if (count === 0 || total === 0) return null;
  return { first: offset + 1, last: Math.min(offset + count, total) };
}

/**
 * Where a Previous click goes: the cursors of the pages before the current one, kept in the
 * browser history entry (not the URL; a copied link starts from its own cursor). The first page
 * is the empty string.
 */
export interface RegistryHistory {
  /** cursors of the earlier pages, the first page as '' */
  previous: string[];
}

/** Reads the history entry's state defensively: anything else means "no earlier pages known". */
export function readRegistryHistory(state: unknown): RegistryHistory | null {
  if (typeof state !== 'object' || state === null || !('previous' in state)) return null;
  const previous = (state as { previous: unknown }).previous;
  return Array.isArray(previous) && previous.every((c) => typeof c === 'string') ? { previous: previous as string[] } : null;
}
