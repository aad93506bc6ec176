import { createRoute } from '@hono/zod-openapi';
import { coverageQuerySchema, coverageResponseSchema, rollUpCoverage, type CoverageQuery, type CoverageResponse, type UnitState } from '@mttq/core';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { isBackcast } from '../db/assignment-source';
import { resolveLevelUnder, resolveParent, resolveReadAsOf, resolveScheme } from '../http/scope';
import { backcastBounds, getBackcastUnitStates } from './backcast';
import type { Services } from '../http/services';
import type { CoverageFilters } from './queries';
import { figureResponse } from '../engine/figure-response';

/**
 * Covered units of a scheme at a date, cached per (scheme, asOf, owner, platform); reform34
 * before the reform back-cast from the legacy63 states of the same date (./backcast.ts).
 */
export function getCachedUnitStates(services: Services, filters: CoverageFilters): Map<string, UnitState> {
  const key = `unit-states:${filters.scheme}:${filters.asOf}:${filters.owner}:${filters.platform ?? '*'}`;
  return services.cache.get(key, () =>
    isBackcast(filters.scheme, filters.asOf)
      ? getBackcastUnitStates(services, filters, getCachedUnitStates(services, { ...filters, scheme: 'legacy63' }))
      : services.histories.unitStates(filters),
  );
}

/** GET /coverage: validate, resolve the scope, roll up the cached unit states. */
export function getCoverage(services: Services, query: CoverageQuery): CoverageResponse {
  const scheme = resolveScheme(services, query.scheme);
  const asOf = resolveReadAsOf(services, scheme, query.asOf);
  const parent = resolveParent(services, scheme, query.parent);
  const level = resolveLevelUnder(scheme, parent, query.level);
  const filters: CoverageFilters = { scheme, asOf, owner: query.owner, platform: query.platform ?? null };
  const key = `coverage:${JSON.stringify({ ...filters, level, parent: parent?.code ?? null })}`;
  return services.cache.get(key, () => {
    const units = services.units(scheme);
    const parentNode = parent ? (units.find((u) => u.code === parent.code) ?? null) : null;
    const states = getCachedUnitStates(services, filters);
    const { levels, rows } = rollUpCoverage(scheme, units, states, level, parentNode);
    const base = { scheme, asOf, demo: services.isDemo(), level, parent: parent?.code ?? null, levels, rows };
    if (!isBackcast(scheme, asOf)) return { ...base, basis: 'recorded' as const };
    const legacy = getCachedUnitStates(services, { ...filters, scheme: 'legacy63' });
    return { ...base, basis: 'crosswalk' as const, bounds: backcastBounds(services, states, legacy, level, parentNode) };
  });
}

const coverageRoute = createRoute({
  method: 'get',
  path: '/coverage',
  summary: 'Coverage of a level, nationally or under a parent, as of a date',
  description:
    'A unit is covered at asOf when it has a page of the owner filter (default: the Front committee) launched on or before asOf and neither closed nor rejected by then; active when such a page posted in the month of asOf or the month before; verified when such a page was verified by asOf. reform34 accepts dates before 2025-07-01: those figures are back-cast from legacy63 through the crosswalk (basis crosswalk, with the lower and upper bound of the commune figures; provinces are exact).',
  request: { query: coverageQuerySchema },
  responses: {
    200: { description: 'Counts per level and one row per unit', content: { 'application/json': { schema: coverageResponseSchema } } },
    ...errorResponses,
  },
});

export const coverageRoutes = createRouter().openapi(coverageRoute, (c) => figureResponse(c, 'coverage', c.req.valid('query')));
