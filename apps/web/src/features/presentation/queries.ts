import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Level, MetricsSummaryResponse, OwnerFilter, RankingResponse, SchemeId, TimelineResponse } from '@mttq/core';
import { figureQueryFn, refetchWhileStale } from '../../api/figures';

/** The inputs every live briefing query shares; asOf null leaves the server's default (today, clamped). */
export interface BriefingParams {
  scheme: SchemeId;
  asOf: string | null;
  owner: OwnerFilter;
}

/**
 * Keys like api/queries.ts (the endpoint, then every input the fetch sends); the timeline and
 * rankings keys have the overview's shape, so the two screens share their cache entries.
 */
export const briefingKeys = {
  timeline: (p: BriefingParams, level: Level) =>
    ['coverage', 'timeline', { scheme: p.scheme, level, parent: null, to: p.asOf, interval: 'month', owner: p.owner }] as const,
  rankings: (p: BriefingParams) => ['rankings', { scheme: p.scheme, asOf: p.asOf, level: 'province', parent: null, metric: 'coverage', owner: p.owner }] as const,
  metrics: (p: BriefingParams) => ['metrics', 'summary', { scheme: p.scheme, asOf: p.asOf, parent: null, owner: p.owner }] as const,
};

/** GET /coverage/timeline: a level's national coverage at each month end up to asOf. */
export const briefingTimelineQuery = (p: BriefingParams, level: Level) =>
  queryOptions({
    queryKey: briefingKeys.timeline(p, level),
    queryFn: figureQueryFn<TimelineResponse>('/coverage/timeline'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** GET /rankings: provinces by the share of their communes with a page. */
export const briefingRankingsQuery = (p: BriefingParams) =>
  queryOptions({
    queryKey: briefingKeys.rankings(p),
    queryFn: figureQueryFn<RankingResponse>('/rankings'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** GET /metrics/summary: followers, posts, interactions and active pages nationwide. */
export const briefingMetricsQuery = (p: BriefingParams) =>
  queryOptions({
    queryKey: briefingKeys.metrics(p),
    queryFn: figureQueryFn<MetricsSummaryResponse>('/metrics/summary'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
