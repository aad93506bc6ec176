import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { PageListResponse } from '@mttq/core';
import { apiFetch } from '../../api/client';
import { toPageListQuery, type RegistrySearch } from './registry-search';

/** Keys like api/queries.ts: the endpoint first, then an object of every input the fetch sends. */
export const registryKeys = {
  pages: (search: RegistrySearch) => ['pages', toPageListQuery(search)] as const,
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
