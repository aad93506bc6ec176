import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Level, PageDetail, PageListResponse, SchemeId, UnitDetailResponse, UnitListResponse } from '@mttq/core';
import { apiFetch } from '../../api/client';
import { toPageListQuery, type RegistrySearch } from './registry-search';

/** Keys like api/queries.ts: the endpoint first, then an object of every input the fetch sends. */
export const registryKeys = {
  pages: (search: RegistrySearch) => ['pages', toPageListQuery(search)] as const,
  page: (id: number) => ['pages', 'detail', { id }] as const,
  units: (input: { scheme: SchemeId; level: Level; parent: string | null; limit: number }) => ['units', input] as const,
  unit: (input: { scheme: SchemeId; code: string; asOf: string | null }) => ['units', 'detail', input] as const,
};

/** GET /pages: one page of the registry, with the total over all pages. */
export const pageListQuery = (search: RegistrySearch) =>
  queryOptions({
    queryKey: registryKeys.pages(search),
    queryFn: ({ signal, queryKey: [, input] }) => apiFetch<PageListResponse>('/pages', { query: { ...input }, signal }),
    // the previous list stays on screen (dimmed) while the next one loads: no jump in height
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** GET /pages/{id}: one page's history, assignments and monthly figures. */
export const pageDetailQuery = (id: number) =>
  queryOptions({
    queryKey: registryKeys.page(id),
    queryFn: ({ signal }) => apiFetch<PageDetail>(`/pages/${id}`, { signal }),
    staleTime: 60_000,
  });

/** GET /units?level=province: the provinces of a scheme, for the province filter. Units do not change while the app runs. */
export const provincesQuery = (scheme: SchemeId) =>
  queryOptions({
    queryKey: registryKeys.units({ scheme, level: 'province', parent: null, limit: 100 }),
    queryFn: ({ signal, queryKey: [, input] }) => apiFetch<UnitListResponse>('/units', { query: { ...input }, signal }),
    staleTime: Infinity,
  });

/**
 * GET /units/{scheme}/{code}: a unit with its ancestors, for the name of a district or commune
 * filter and for the province of a listed page. Only the unit and its ancestors are read, and
 * those do not depend on the date, so the server's default date is asked for.
 */
export const unitDetailQuery = (scheme: SchemeId, code: string) =>
  queryOptions({
    queryKey: registryKeys.unit({ scheme, code, asOf: null }),
    queryFn: ({ signal }) => apiFetch<UnitDetailResponse>(`/units/${scheme}/${code}`, { signal }),
    staleTime: Infinity,
  });
