import { hashKey, type QueryFunctionContext, type QueryKey } from '@tanstack/react-query';
import { apiFetchWithFreshness, type QueryValue } from './client';

/** How soon a figure answered from before the latest write is asked for again (ms). */
export const STALE_FIGURES_REFETCH_MS = 1_500;

/** The figure queries (by query hash) whose last answer predates the latest write. */
const staleQueries = new Set<string>();

/**
 * The queryFn of a dashboard figure (/coverage, /coverage/timeline, /rankings, /metrics/summary):
 * fetches `path` with the query key's last element as its query, welcoming figures from before
 * the latest write while the server computes fresh ones (it answers those at once, marked stale).
 */
export function figureQueryFn<T>(path: string) {
  return async ({ signal, queryKey }: QueryFunctionContext<QueryKey>): Promise<T> => {
    const query = queryKey.at(-1) as Record<string, QueryValue>;
    const { data, isStale } = await apiFetchWithFreshness<T>(path, { query: { ...query }, signal, acceptStaleFigures: true });
    const hash = hashKey(queryKey);
    if (isStale) staleQueries.add(hash);
    else staleQueries.delete(hash);
    return data;
  };
}

/** A figure query's refetchInterval: ask again soon while its figures are stale, else never. */
export function refetchWhileStale(query: { queryHash: string }): number | false {
  return staleQueries.has(query.queryHash) ? STALE_FIGURES_REFETCH_MS : false;
}
