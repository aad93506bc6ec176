import { createRoute } from '@hono/zod-openapi';
import { matchUnit, type UnitCandidate } from '@mttq/admin-units';
import {
  levelsBelow,
  noQuerySchema,
  SCHEME_IDS,
  SCHEME_NAMES,
  SCHEMES,
  schemesResponseSchema,
  unitDetailQuerySchema,
  unitDetailResponseSchema,
  unitListQuerySchema,
  unitListResponseSchema,
  unitParamsSchema,
  type CrosswalkLink,
  type Level,
  type MatchReasonName,
  type SchemeId,
  type SchemesResponse,
  type Unit,
  type UnitDetailQuery,
  type UnitDetailResponse,
  type UnitItem,
  type UnitListItem,
  type UnitListQuery,
  type UnitListResponse,
  type UnitPage,
} from '@mttq/core';
import { notFound } from '../http/errors';
import { msg } from '../messages';
import { jsonResponse } from '../http/json-response';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { defaultSchemeOf, resolveAsOf, resolveLevelUnder, resolveParent, resolveScheme, type DbUnitRef } from '../http/scope';
import type { Services } from '../http/services';
import { getUnitCounts } from './queries';
import {
  countUnitsAt,
  countUnitsInside,
  getUnit,
  isUnmatchedCommune,
  listAncestors,
  listPredecessors,
  listSuccessors,
  listUnitPages,
  listUnitsAt,
  toUnit,
  type DbCrosswalkLink,
  type DbUnit,
  type DbUnitPage,
} from './unit-queries';

// ---------------------------------------------------------------------------------------------
// Mapping rows to API shapes
// ---------------------------------------------------------------------------------------------

const toUnitItem = ({ code, name, shortName, level, kind, parentCode, provinceCode, region }: Unit): UnitItem => ({
  code,
  name,
  shortName,
  level,
  kind,
  parentCode,
  provinceCode,
  region,
});

const toUnitPage = (row: DbUnitPage): UnitPage => ({
  id: row.id,
  name: row.name,
  platform: row.platform,
  url: row.url,
  owner: row.owner,
  launchedOn: row.launched_on,
  // A page is reported when it launches; an event on the launch day is usually recorded.
  status: row.status ?? 'reported',
  statusSince: row.status_since,
  isLive: row.is_live === 1,
});

const toCrosswalkLink = (scheme: SchemeId, row: DbCrosswalkLink): CrosswalkLink => ({
  scheme,
  code: row.code,
  name: row.name,
  level: row.level,
  basis: row.basis,
  isSplit: row.is_split === 1,
});

// ---------------------------------------------------------------------------------------------
// GET /schemes
// ---------------------------------------------------------------------------------------------

/** GET /schemes: both schemes with their names, validity, levels and unit counts. */
export function getSchemes(services: Services): SchemesResponse {
  const counts = services.cache.get('unit-counts', () => getUnitCounts(services.db));
  return {
    defaultScheme: defaultSchemeOf(services),
    demo: services.isDemo(),
    schemes: SCHEME_IDS.map((id) => {
      const { validFrom, validTo, levels } = SCHEMES[id];
      return { id, nameVi: SCHEME_NAMES[id].vi, nameEn: SCHEME_NAMES[id].en, validFrom, validTo, levels: [...levels], counts: counts[id] };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// GET /units
// ---------------------------------------------------------------------------------------------

const LEVEL_RANK: Record<Level, number> = { province: 0, district: 1, commune: 2 };
const collator = new Intl.Collator('vi');

/** Best first; on equal scores the larger unit first (province Hà Giang before its city), then by name and code. */
function byRank(a: UnitCandidate, b: UnitCandidate): number {
  return (
    b.score - a.score ||
    LEVEL_RANK[a.unit.level] - LEVEL_RANK[b.unit.level] ||
    collator.compare(a.unit.name, b.unit.name) ||
    (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0)
  );
}

/**
 * Every unit of `units` whose name matches `q`, ranked; on equal scores the larger unit first.
 * searchUnits('ha giang', legacy63)[0].unit.code → '02'
 */
export function searchUnits(q: string, units: readonly Unit[]): UnitCandidate[] {
  return matchUnit(q, units, { limit: Infinity }).candidates.sort(byRank);
}

/** Is `unit` inside `parent`: its child, or anywhere in a province parent. */
function isInside(unit: Unit, parent: DbUnitRef): boolean {
  return unit.parentCode === parent.code || (unit.provinceCode === parent.code && unit.code !== parent.code);
}

/** GET /units: without q the units of a level under parent by code; with q a ranked name search. */
export function listUnits(services: Services, query: UnitListQuery): UnitListResponse {
  const scheme = resolveScheme(services, query.scheme);
  const parent = resolveParent(services, scheme, query.parent);
  // Validates level and parent together (a level the scheme has, below the parent) in both modes.
  const level = resolveLevelUnder(scheme, parent, query.level);
  const answer = { scheme, demo: services.isDemo(), parent: parent?.code ?? null };
  const q = query.q ?? '';
  if (q === '') {
    const filters = { scheme, level, parent: parent?.code ?? null };
    const items = listUnitsAt(services.db, { ...filters, limit: query.limit }).map((row) => toUnitItem(toUnit(scheme, row)));
    return { ...answer, level, q: null, total: countUnitsAt(services.db, filters), items };
  }
  const pool = services.units(scheme).filter(
    (unit) => (query.level === undefined || unit.level === query.level) && (parent === null || isInside(unit, parent)),
  );
  const matches = searchUnits(q, pool);
  const items = matches.slice(0, query.limit).map(
    ({ unit, reason, score }): UnitListItem => ({ ...toUnitItem(unit), reason: reason satisfies MatchReasonName, score }),
  );
  return { ...answer, level: query.level ?? null, q, total: matches.length, items };
}

// ---------------------------------------------------------------------------------------------
// GET /units/{scheme}/{code}
// ---------------------------------------------------------------------------------------------

type CrosswalkPart = Pick<UnitDetailResponse, 'nowPartOf' | 'formerly' | 'crosswalkStatus'>;

/**
 * The unit's links to the other scheme. A legacy63 district has no edge of its own: listing the
 * reform34 communes its communes went to would be long and misleading, so it links to the
 * reform34 province its province became part of.
 */
function getCrosswalkPart(services: Services, scheme: SchemeId, unit: DbUnit): CrosswalkPart {
  const { db } = services;
  if (scheme === 'reform34') {
    const formerly = listPredecessors(db, unit.code).map((row) => toCrosswalkLink('legacy63', row));
    return { formerly, crosswalkStatus: formerly.length > 0 ? 'matched' : 'none' };
  }
  const from = unit.level === 'district' ? unit.province_code : unit.code;
  const nowPartOf = listSuccessors(db, from).map((row) => toCrosswalkLink('reform34', row));
  if (nowPartOf.length > 0) return { nowPartOf, crosswalkStatus: 'matched' };
  return { nowPartOf, crosswalkStatus: unit.level === 'commune' && isUnmatchedCommune(db, unit.code) ? 'unmatched' : 'none' };
}

/** GET /units/{scheme}/{code}: one unit, its ancestors, child counts, pages at asOf and crosswalk links. */
export function getUnitDetail(services: Services, scheme: SchemeId, code: string, query: UnitDetailQuery): UnitDetailResponse {
  const asOf = resolveAsOf(services, scheme, query.asOf);
  const row = getUnit(services.db, scheme, code);
  if (!row) throw notFound(msg('unit_not_found', { scheme, code }));
  const lower = levelsBelow(scheme, row.level);
  const children: Partial<Record<Level, number>> = Object.fromEntries(lower.map((level) => [level, 0]));
  for (const { level, n } of countUnitsInside(services.db, scheme, code)) children[level] = n;
  return {
    scheme,
    asOf,
    demo: services.isDemo(),
    unit: toUnitItem(toUnit(scheme, row)),
    ancestors: listAncestors(services.db, scheme, row).map((r) => toUnitItem(toUnit(scheme, r))),
    children,
    pages: listUnitPages(services.db, scheme, code, asOf).map(toUnitPage),
    ...getCrosswalkPart(services, scheme, row),
  };
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

const schemesRoute = createRoute({
  method: 'get',
  path: '/schemes',
  summary: 'The administrative schemes, their levels and unit counts',
  request: { query: noQuerySchema },
  responses: {
    200: { description: 'Both schemes, legacy63 first', content: { 'application/json': { schema: schemesResponseSchema } } },
  },
});

const unitsRoute = createRoute({
  method: 'get',
  path: '/units',
  summary: 'Browse the unit tree of a scheme, or search it by Vietnamese name',
  description:
    'Without q: the units of level (default: the level right below parent, or provinces) inside parent, sorted by code. With q: units whose name matches, ignoring diacritics, case, tone placement and kind words (Tỉnh, TP., P1), best first; limited to parent and level when given.',
  request: { query: unitListQuerySchema },
  responses: {
    200: { description: 'Units, with the total before limit', content: { 'application/json': { schema: unitListResponseSchema } } },
    ...errorResponses,
  },
});

const unitRoute = createRoute({
  method: 'get',
  path: '/units/{scheme}/{code}',
  summary: 'One unit with its ancestors, child counts, pages and links to the other scheme',
  request: { params: unitParamsSchema, query: unitDetailQuerySchema },
  responses: {
    200: { description: 'The unit', content: { 'application/json': { schema: unitDetailResponseSchema } } },
    ...errorResponses,
  },
});

export const unitRoutes = createRouter()
  .openapi(schemesRoute, (c) => jsonResponse(c, getSchemes(c.get('services'))))
  .openapi(unitsRoute, (c) => jsonResponse(c, listUnits(c.get('services'), c.req.valid('query'))))
  .openapi(unitRoute, (c) => {
    const { scheme, code } = c.req.valid('param');
    return jsonResponse(c, getUnitDetail(c.get('services'), scheme, code, c.req.valid('query')));
  });
