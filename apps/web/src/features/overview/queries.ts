import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Level, RankingMetric, RankingResponse, SchemeId, TimelineResponse } from '@mttq/core';
import { SCHEMES } from '@mttq/core/rules';
import type { LoaderFunctionArgs } from 'react-router';
import { figureQueryFn, refetchWhileStale } from '../../api/figures';
import { coverageQuery } from '../../api/queries';
import { mayRead } from '../../session-guard';
import { parseDashboardSearch } from '../../url/dashboard-search';

/** GET /coverage/timeline inputs; `to` null leaves the server's default (today, clamped into the scheme). */
export interface TimelineParams {
  scheme: SchemeId;
  level: Level;
  to: string | null;
}

/** GET /rankings inputs; `asOf` null leaves the server's default. */
export interface RankingsParams {
  scheme: SchemeId;
  asOf: string | null;
  metric: RankingMetric;
}

/** Keys like api/queries.ts: the endpoint's path, then an object of every input the fetch sends. */
export const overviewKeys = {
  timeline: (params: TimelineParams) =>
    ['coverage', 'timeline', { scheme: params.scheme, level: params.level, parent: null, to: params.to, interval: 'month', owner: 'front' }] as const,
  rankings: (params: RankingsParams) =>
    ['rankings', { scheme: params.scheme, asOf: params.asOf, level: 'province', parent: null, metric: params.metric, owner: 'front' }] as const,
};

/** The national cumulative coverage of one level at each month end up to `to` (and `to` itself). */
export const timelineQuery = (params: TimelineParams) =>
  queryOptions({
    queryKey: overviewKeys.timeline(params),
    queryFn: figureQueryFn<TimelineResponse>('/coverage/timeline'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** The provinces ranked by `metric`, with their rank at the end of the previous month. */
export const rankingsQuery = (params: RankingsParams) =>
  queryOptions({
    queryKey: overviewKeys.rankings(params),
    queryFn: figureQueryFn<RankingResponse>('/rankings'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** Everything the overview asks for at a scheme and date: national coverage, a timeline per level, three rankings. */
export function overviewQueries(scheme: SchemeId, asOf: string | null) {
  return {
    coverage: coverageQuery({ scheme, asOf, level: 'province', parent: null }),
    timelines: SCHEMES[scheme].levels.map((level) => timelineQuery({ scheme, level, to: asOf })),
    rankings: {
      coverage: rankingsQuery({ scheme, asOf, metric: 'coverage' }),
      active: rankingsQuery({ scheme, asOf, metric: 'active' }),
      verified: rankingsQuery({ scheme, asOf, metric: 'verified' }),
    },
  };
}

/**
 * The overview route's loader: once the session check allows reading, the overview's requests
 * start, so they travel while the screen's code renders instead of after it. Answers nothing;
 * the screen's own queries pick up the requests in flight.
 */
export function prefetchOverview(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    if (!(await mayRead(queryClient))) return null;
    const { scheme, asOf } = parseDashboardSearch(new URL(request.url).searchParams);
    const queries = overviewQueries(scheme, asOf);
    void queryClient.prefetchQuery(queries.coverage);
    for (const query of queries.timelines) void queryClient.prefetchQuery(query);
    for (const query of Object.values(queries.rankings)) void queryClient.prefetchQuery(query);
    return null;
  };
}
