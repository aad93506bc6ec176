import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CoverageResponse, Level, OwnerFilter, PageDetail, SchemeId, UnitDetailResponse, UnitListResponse } from '@mttq/core';
import { apiFetch, setCsrfToken } from './client';
import { figureQueryFn, refetchWhileStale } from './figures';

/** A unit a province officer writes for, in either scheme. */
export interface ScopeUnit {
  scheme: SchemeId;
  code: string;
  name: string;
  level: Level;
}

/** The signed-in user as /auth/me and /auth/login describe it. */
export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'central' | 'province' | 'viewer';
  /** A province officer's units, in either scheme (each also covers its successors or predecessors in the other); empty for the other roles. */
  scopes: ScopeUnit[];
  /** Per scheme, the province codes the scopes reach; empty for the other roles, who work everywhere. */
  provinces: Record<SchemeId, string[]>;
}

/** GET /auth/me: nulls when signed out. */
export interface Me {
  user: SessionUser | null;
  csrfToken: string | null;
  expiresAt: string | null;
}

/** GET /coverage inputs; null/undefined leaves the server's default. */
export interface CoverageParams {
  scheme: SchemeId;
  asOf: string | null;
  level: Level;
  parent: string | null;
  owner?: OwnerFilter;
}

/** Every query key starts with its endpoint and holds every input, so a change of input is a new entry. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  coverage: (params: CoverageParams) =>
    ['coverage', { scheme: params.scheme, asOf: params.asOf, level: params.level, parent: params.parent, owner: params.owner ?? 'front' }] as const,
  provinces: (scheme: SchemeId) => ['units', { scheme, level: 'province', parent: null, limit: 100 }] as const,
  unitDetail: (scheme: SchemeId, code: string, asOf: string | null) => ['units/detail', { scheme, code, asOf }] as const,
  pageDetail: (id: number) => ['pages/detail', { id }] as const,
};

export const meQuery = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const me = await apiFetch<Me>('/auth/me', { signal });
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
  });

export const coverageQuery = (params: CoverageParams) =>
  queryOptions({
    queryKey: queryKeys.coverage(params),
    queryFn: figureQueryFn<CoverageResponse>('/coverage'),
    refetchInterval: refetchWhileStale,
    // keep the previous figures on screen while a new date or scheme loads (STYLE.md §5)
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** POST /auth/login; the session cookie is set by the answer. */
export async function logIn(username: string, password: string): Promise<Me> {
  const me = await apiFetch<Me>('/auth/login', { method: 'POST', body: { username, password } });
  setCsrfToken(me.csrfToken);
  return me;
}

/** POST /auth/logout (sends x-csrf-token). */
export async function logOut(): Promise<void> {
  await apiFetch<void>('/auth/logout', { method: 'POST' });
  setCsrfToken(null);
}

/** GET /units?level=province: a scheme's provinces, for pickers and filters. Units do not change while the app runs. */
export const provincesQuery = (scheme: SchemeId) =>
  queryOptions({
    queryKey: queryKeys.provinces(scheme),
    queryFn: ({ signal, queryKey: [, input] }) => apiFetch<UnitListResponse>('/units', { query: { ...input }, signal }),
    staleTime: Infinity,
  });

/** GET /units/{scheme}/{code}: a unit with its ancestors, child counts, pages at asOf (null: the server's default date) and links across the reform. */
export const unitDetailQuery = (scheme: SchemeId, code: string, asOf: string | null = null) =>
  queryOptions({
    queryKey: queryKeys.unitDetail(scheme, code, asOf),
    queryFn: ({ signal }) => apiFetch<UnitDetailResponse>(`/units/${scheme}/${encodeURIComponent(code)}`, { query: { asOf }, signal }),
    staleTime: 60_000,
  });

/** GET /pages/{id}: one page's history, assignments in both schemes and monthly figures. */
export const pageDetailQuery = (id: number) =>
  queryOptions({
    queryKey: queryKeys.pageDetail(id),
    queryFn: ({ signal }) => apiFetch<PageDetail>(`/pages/${id}`, { signal }),
    staleTime: 60_000,
  });
