import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Level, RankingMetric, RankingResponse, SchemeId, TimelineResponse } from '@mttq/core';
import { figureQueryFn, refetchWhileStale } from '../../api/figures';

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
