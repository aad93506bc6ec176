import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { MetricsSummaryResponse, SchemeId, TimelineResponse, UnitListResponse } from '@mttq/core';
import { apiFetch } from '../../api/client';
import { unitDetailQuery } from '../../api/queries';
import { figureQueryFn, refetchWhileStale } from '../../api/figures';

/** The API caps GET /units at 500 items; two legacy63 provinces have more communes. */
const UNIT_LIST_MAX = 500;

/** Keys like api/queries.ts: the endpoint first, then an object of every input the fetch sends. */
export const provinceKeys = {
  communeDistricts: (input: { scheme: SchemeId; parent: string }) => ['units', 'commune-districts', input] as const,
  timeline: (input: { scheme: SchemeId; parent: string; to: string | null }) =>
    ['coverage', 'timeline', { scheme: input.scheme, level: 'commune', parent: input.parent, to: input.to, interval: 'month', owner: 'front' }] as const,
  metrics: (input: { scheme: SchemeId; parent: string; asOf: string | null }) => ['metrics', 'summary', { ...input, owner: 'front' }] as const,
};

/** GET /units/{scheme}/{code}?asOf: the province, its own pages at asOf and its links across the reform; the last answer stays while a new date loads. */
export const provinceDetailQuery = (input: { scheme: SchemeId; code: string; asOf: string | null }) => ({
  ...unitDetailQuery(input.scheme, input.code, input.asOf),
  placeholderData: keepPreviousData,
});

/**
 * Commune code → its district's name, for a legacy63 province. One GET /units for the province's
 * communes; when the province has more than the API's 500-item cap, one per district instead.
 */
export const communeDistrictsQuery = (input: { scheme: SchemeId; parent: string }) =>
  queryOptions({
    queryKey: provinceKeys.communeDistricts(input),
    queryFn: async ({ signal }) => {
      const list = (query: Record<string, string | number>) => apiFetch<UnitListResponse>('/units', { query: { scheme: input.scheme, limit: UNIT_LIST_MAX, ...query }, signal });
      const districts = await list({ parent: input.parent, level: 'district' });
      const nameOf = new Map(districts.items.map((d) => [d.code, d.name]));
      const all = await list({ parent: input.parent, level: 'commune' });
      const communes = all.total <= all.items.length ? all.items : (await Promise.all(districts.items.map((d) => list({ parent: d.code, level: 'commune' })))).flatMap((a) => a.items);
      return new Map(communes.map((c) => [c.code, nameOf.get(c.parentCode ?? '') ?? '']));
    },
    // units do not change while the app runs
    staleTime: Infinity,
  });

/** GET /coverage/timeline: the province's communes at each month end up to `to` (null: today, clamped). */
export const provinceTimelineQuery = (input: { scheme: SchemeId; parent: string; to: string | null }) =>
  queryOptions({
    queryKey: provinceKeys.timeline(input),
    queryFn: figureQueryFn<TimelineResponse>('/coverage/timeline'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** GET /metrics/summary: followers, posts and interactions of the province's live pages, against the previous month. */
export const provinceMetricsQuery = (input: { scheme: SchemeId; parent: string; asOf: string | null }) =>
  queryOptions({
    queryKey: provinceKeys.metrics(input),
    queryFn: figureQueryFn<MetricsSummaryResponse>('/metrics/summary'),
    refetchInterval: refetchWhileStale,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
