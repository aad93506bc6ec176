import { hasLevel, isWithinScheme, LEVELS, SCHEME_IDS, schemeInForce, toIsoDate } from '@mttq/core/rules';
import type { Level, SchemeId } from '@mttq/core';
import { todayIso } from './today';

/**
 * The dashboard's view state as it lives in the URL, under the API's parameter names, so a link
 * reproduces the view and the same values go straight into API queries.
 */
export interface DashboardSearch {
  scheme: SchemeId;
  /** YYYY-MM-DD inside the scheme's validity; null: the server's default (today, clamped). */
  asOf: string | null;
  level: Level;
  /** A unit code of the scheme whose subtree is shown; null: the whole country. */
  parent: string | null;
}

/**
 * A URL that names no scheme shows the country as it is today: the scheme in force (reform34 since
 * 1 Jul 2025) and the server's default date. legacy63 stays one click away on the scheme switch.
 * defaultSearch('2026-12-02') → { scheme: 'reform34', asOf: null, level: 'province', parent: null }
 */
export function defaultSearch(today: string = todayIso()): DashboardSearch {
  return { scheme: schemeInForce(today), asOf: null, level: 'province', parent: null };
}

/** The defaults on the day the app was loaded. */
export const DEFAULT_SEARCH: DashboardSearch = defaultSearch();

const UNIT_CODE = /^\d{2}(\d|\d{3})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isSchemeId = (value: string | null): value is SchemeId => SCHEME_IDS.includes(value as SchemeId);
const isLevel = (value: string | null): value is Level => LEVELS.includes(value as Level);
const isRealDate = (value: string): boolean => ISO_DATE.test(value) && toIsoDate(new Date(`${value}T00:00:00Z`)) === value;

/**
 * URL → view state. Unknown keys are dropped; a bad value falls back to its default: an unknown or
 * missing scheme to the one in force `today`, a date that is not real or outside the scheme, a
 * level the scheme lacks, a malformed code.
 * parseDashboardSearch('?scheme=reform34&level=district') → { scheme: 'reform34', asOf: null, level: 'province', parent: null }
 * parseDashboardSearch('', '2026-12-02').scheme → 'reform34'
 */
export function parseDashboardSearch(input: string | URLSearchParams, today: string = todayIso()): DashboardSearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const rawScheme = params.get('scheme');
  const scheme = isSchemeId(rawScheme) ? rawScheme : schemeInForce(today);
  const rawAsOf = params.get('asOf');
  const asOf = rawAsOf !== null && isRealDate(rawAsOf) && isWithinScheme(scheme, rawAsOf) ? rawAsOf : null;
  const rawLevel = params.get('level');
  const level = isLevel(rawLevel) && hasLevel(scheme, rawLevel) ? rawLevel : DEFAULT_SEARCH.level;
  const rawParent = params.get('parent');
  const parent = rawParent !== null && UNIT_CODE.test(rawParent) ? rawParent : null;
  return { scheme, asOf, level, parent };
}

/**
 * View state → URL search params, in a fixed key order. The scheme is always written (the
 * server's default scheme is configurable); other defaults are left out.
 */
export function serializeDashboardSearch(search: DashboardSearch): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scheme', search.scheme);
  if (search.asOf) params.set('asOf', search.asOf);
  if (search.level !== DEFAULT_SEARCH.level) params.set('level', search.level);
  if (search.parent) params.set('parent', search.parent);
  return params;
}

/**
 * Changing the scheme keeps only what still makes sense in the new one: a date of the old scheme
 * and a parent code (codes mean different units across schemes) are dropped.
 */
export function withScheme(search: DashboardSearch, scheme: SchemeId): DashboardSearch {
  if (scheme === search.scheme) return search;
  return {
    scheme,
    asOf: search.asOf && isWithinScheme(scheme, search.asOf) ? search.asOf : null,
    level: hasLevel(scheme, search.level) ? search.level : DEFAULT_SEARCH.level,
    parent: null,
  };
}

/**
 * The province screen for a scheme and date (null: the server's default):
 * provinceHref('01', 'legacy63', '2022-08-12') → '/province/01?scheme=legacy63&asOf=2022-08-12'
 * Written as text (what serializeDashboardSearch gives for these): a table of every province
 * makes one per row while the overview renders.
 */
export function provinceHref(code: string, scheme: SchemeId, asOf: string | null): string {
  return `/province/${encodeURIComponent(code)}?scheme=${scheme}${asOf ? `&asOf=${asOf}` : ''}`;
}
