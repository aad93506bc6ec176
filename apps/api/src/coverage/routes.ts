import { createRoute } from '@hono/zod-openapi';
import { coverageQuerySchema, coverageResponseSchema, rollUpCoverage, type CoverageQuery, type CoverageResponse } from '@mttq/core';
import { jsonResponse } from '../http/json-response';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { resolveAsOf, resolveLevelUnder, resolveParent, resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import { getUnitStates, type CoverageFilters } from './queries';

/** Covered units of a scheme at a date, cached per (scheme, asOf, owner, platform). */
export function getCachedUnitStates(services: Services, filters: CoverageFilters) {
  const key = `unit-states:${filters.scheme}:${filters.asOf}:${filters.owner}:${filters.platform ?? '*'}`;
  return services.cache.get(key, () => getUnitStates(services.db, filters));
}

/** GET /coverage: validate, resolve the scope, roll up the cached unit states. */
export function getCoverage(services: Services, query: CoverageQuery): CoverageResponse {
  const scheme = resolveScheme(services, query.scheme);
  const asOf = resolveAsOf(services, scheme, query.asOf);
  const parent = resolveParent(services, scheme, query.parent);
  const level = resolveLevelUnder(scheme, parent, query.level);
  const filters: CoverageFilters = { scheme, asOf, owner: query.owner, platform: query.platform ?? null };
  const key = `coverage:${JSON.stringify({ ...filters, level, parent: parent?.code ?? null })}`;
  return services.cache.get(key, () => {
    const units = services.units(scheme);
    const parentNode = parent ? (units.find((u) => u.code === parent.code) ?? null) : null;
    const { levels, rows } = rollUpCoverage(scheme, units, getCachedUnitStates(services, filters), level, parentNode);
    return { scheme, asOf, demo: services.isDemo(), level, parent: parent?.code ?? null, levels, rows };
  });
}

const coverageRoute = createRoute({
  method: 'get',
  path: '/coverage',
  summary: 'Coverage of a level, nationally or under a parent, as of a date',
  description:
    'A unit is covered at asOf when it has a page of the owner filter (default: the Front committee) launched on or before asOf and neither closed nor rejected by then; active when such a page posted in the month of asOf or the month before; verified when such a page was verified by asOf.',
  request: { query: coverageQuerySchema },
  responses: {
    200: { description: 'Counts per level and one row per unit', content: { 'application/json': { schema: coverageResponseSchema } } },
    ...errorResponses,
  },
});

export const coverageRoutes = createRouter().openapi(coverageRoute, (c) => jsonResponse(c, getCoverage(c.get('services'), c.req.valid('query'))));
