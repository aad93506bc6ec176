import { queryOptions } from '@tanstack/react-query';
import type { CreateSnapshotBody, SchemeId, Snapshot, SnapshotListResponse } from '@mttq/core';
import { apiFetch } from '../../api/client';

/** Keys like api/queries.ts: the endpoint, then an object of every input the fetch sends. */
export const snapshotKeys = {
  all: ['snapshots'] as const,
  list: (scheme: SchemeId | null) => ['snapshots', { scheme }] as const,
  detail: (id: number) => ['snapshots', { id }] as const,
};

/** GET /snapshots: newest first, each with its frozen headline per level. */
export const snapshotListQuery = (scheme: SchemeId | null = null) =>
  queryOptions({
    queryKey: snapshotKeys.list(scheme),
    queryFn: ({ signal, queryKey: [, input] }) => apiFetch<SnapshotListResponse>('/snapshots', { query: { scheme: input.scheme }, signal }),
    staleTime: 30_000,
  });

/** GET /snapshots/{id}: the figures never change after publishing, so they never go stale. */
export const snapshotQuery = (id: number) =>
  queryOptions({
    queryKey: snapshotKeys.detail(id),
    queryFn: ({ signal, queryKey: [, input] }) => apiFetch<Snapshot>(`/snapshots/${input.id}`, { signal }),
    staleTime: Infinity,
  });

/** POST /snapshots (admin, central staff): 201 with the frozen figures. */
export function publishSnapshot(body: CreateSnapshotBody): Promise<Snapshot> {
  return apiFetch<Snapshot>('/snapshots', { method: 'POST', body });
}

/** DELETE /snapshots/{id} (admin only; audited). */
export function deleteSnapshot(id: number): Promise<void> {
  return apiFetch<void>(`/snapshots/${id}`, { method: 'DELETE' });
}
