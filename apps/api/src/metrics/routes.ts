import { createRoute } from '@hono/zod-openapi';
import {
  lastCompleteMonth,
  previousFigureDate,
  change,
  median,
  metricsSummaryQuerySchema,
  metricsSummaryResponseSchema,
  type MetricsFigures,
  type MetricsSummaryQuery,
  type MetricsSummaryResponse,
} from '@mttq/core';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { isBackcast } from '../db/assignment-source';
import { isReadable, resolveParent, resolveReadAsOf, resolveScheme, type DbUnitRef } from '../http/scope';
import type { Services } from '../http/services';
import { listLivePageFigures, type LivePageFigures, type MetricFilters } from './metric-queries';
import { figureResponse } from '../engine/figure-response';

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const present = (values: ReadonlyArray<number | null>) => values.filter((v): v is number => v !== null);

/** Sums, medians and the active share of live pages' rows. summarisePages([], …) → zeros and null medians */
export function summarisePages(rows: readonly LivePageFigures[], asOf: string): MetricsFigures {
  const followers = present(rows.map((r) => r.followers));
  const reporting = rows.filter((r) => r.posts !== null);
  const posts = present(reporting.map((r) => r.posts));
  const interactions = present(reporting.map((r) => r.interactions));
  const activePages = rows.filter((r) => r.isActive).length;
  return {
    asOf,
    month: lastCompleteMonth(asOf),
    pages: rows.length,
    reportingPages: reporting.length,
    followers: { sum: sum(followers), median: median(followers) },
    posts: { sum: sum(posts), median: median(posts) },
    interactions: { sum: sum(interactions), median: median(interactions) },
    activePages,
    activeShare: rows.length === 0 ? null : activePages / rows.length,
  };
}

/** Live pages' figures in scope at asOf, cached per (scheme, asOf, owner, platform, parent). */
function getCachedFigures(services: Services, filters: MetricFilters, parent: DbUnitRef | null): MetricsFigures {
  const key = `page-metrics:${JSON.stringify({ ...filters, parent: parent?.code ?? null })}`;
  return services.cache.get(key, () => summarisePages(listLivePageFigures(services, filters, parent), filters.asOf));
}

/**
 * GET /metrics/summary: the figures of the last month complete at asOf (never a month still
 * running at asOf), against those of the month before it.
 */
export function getMetricsSummary(services: Services, query: MetricsSummaryQuery): MetricsSummaryResponse {
  const scheme = resolveScheme(services, query.scheme);
  const asOf = resolveReadAsOf(services, scheme, query.asOf);
  const parent = resolveParent(services, scheme, query.parent);
  const filters: MetricFilters = { scheme, asOf, owner: query.owner, platform: query.platform ?? null };
  const current = getCachedFigures(services, filters, parent);
  const previousAsOf = previousFigureDate(asOf);
  // Before the scheme began its units did not exist: no previous figures rather than invented ones.
  const previous = isReadable(scheme, previousAsOf) ? getCachedFigures(services, { ...filters, asOf: previousAsOf }, parent) : null;
  return {
    scheme,
    asOf,
    month: current.month,
    demo: services.isDemo(),
    basis: isBackcast(scheme, asOf) ? ('crosswalk' as const) : ('recorded' as const),
    parent: parent?.code ?? null,
    current,
    previous,
    change: previous && {
      pages: change(current.pages, previous.pages),
      followers: change(current.followers.sum, previous.followers.sum),
      posts: change(current.posts.sum, previous.posts.sum),
      interactions: change(current.interactions.sum, previous.interactions.sum),
      activePages: change(current.activePages, previous.activePages),
      activeShare: change(current.activeShare, previous.activeShare),
    },
  };
}

const summaryRoute = createRoute({
  method: 'get',
  path: '/metrics/summary',
  summary: 'Page figures of the last complete month against the month before',
  description:
    "Pages live at asOf in scope (the parent unit and its subtree; default the whole scheme): how many, their followers (each page's latest up to the month), posts and interactions in the month (sum and median), and the share that posted in the month of asOf or the month before. month: the last month complete at asOf (asOf's own month only when asOf is its last day, otherwise the month before), so no figure comes from after asOf. previous: the same at the last day of the month before that month.",
  request: { query: metricsSummaryQuerySchema },
  responses: {
    200: { description: 'Current, previous and change', content: { 'application/json': { schema: metricsSummaryResponseSchema } } },
    ...errorResponses,
  },
});

export const metricRoutes = createRouter().openapi(summaryRoute, (c) => figureResponse(c, 'metricsSummary', c.req.valid('query')));
