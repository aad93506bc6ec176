/**
 * The reporting screens' server data: query options (each key the endpoint, then every input)
 * and the write calls. After a write, `invalidateAfterWrite` marks every figure stale, so coverage,
 * registry and overview all ask again: the server answers the figures the write cannot move from
 * what it kept, and computes the others again.
 */
import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  AuditListResponse,
  CompletenessResponse,
  PageDetail,
  PageListResponse,
  PageMonthMetrics,
  PeriodCompletenessResponse,
  ProvinceReport,
  ReportingPeriod,
  ReportingPeriodListResponse,
  SchemeId,
} from '@mttq/core';
import { apiFetch, type QueryValue } from '../../api/client';

export const reportingKeys = {
  pages: (input: PagesInput) => ['pages', input] as const,
  periods: (scheme: SchemeId) => ['reporting/periods', { scheme }] as const,
  periodCompleteness: (id: number) => ['reporting/periods/completeness', { id }] as const,
  completeness: (scheme: SchemeId) => ['reporting/completeness', { scheme, from: null, to: null }] as const,
  audit: (input: AuditInput) => ['audit', input] as const,
};

/** GET /pages inputs as the API names them; null leaves the server's default. */
export interface PagesInput {
  scheme: SchemeId;
  asOf: string | null;
  parent: string | null;
  status: string | null;
  platform: string | null;
  owner: string | null;
  q: string | null;
  sort: string | null;
  limit: number;
  cursor: string | null;
}

export const pagesQuery = (input: PagesInput) =>
  queryOptions({
    queryKey: reportingKeys.pages(input),
    queryFn: ({ signal, queryKey: [, query] }) => apiFetch<PageListResponse>('/pages', { query: { ...query } as Record<string, QueryValue>, signal }),
    placeholderData: keepPreviousData,
  });

export const periodsQuery = (scheme: SchemeId) =>
  queryOptions({
    queryKey: reportingKeys.periods(scheme),
    queryFn: ({ signal }) => apiFetch<ReportingPeriodListResponse>('/reporting/periods', { query: { scheme }, signal }),
  });

export const periodCompletenessQuery = (id: number) =>
  queryOptions({
    queryKey: reportingKeys.periodCompleteness(id),
    queryFn: ({ signal }) => apiFetch<PeriodCompletenessResponse>(`/reporting/periods/${id}/completeness`, { signal }),
    placeholderData: keepPreviousData,
  });

export const completenessQuery = (scheme: SchemeId) =>
  queryOptions({
    queryKey: reportingKeys.completeness(scheme),
    queryFn: ({ signal }) => apiFetch<CompletenessResponse>('/reporting/completeness', { query: { scheme }, signal }),
  });

/** GET /audit inputs as the API names them; null leaves the filter out. */
export interface AuditInput {
  entity: string | null;
  entityId: string | null;
  username: string | null;
  from: string | null;
  to: string | null;
  limit: number;
  cursor: string | null;
}

export const auditQuery = (input: AuditInput) =>
  queryOptions({
    queryKey: reportingKeys.audit(input),
    queryFn: ({ signal, queryKey: [, query] }) => apiFetch<AuditListResponse>('/audit', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

/** A write may change any figure on screen (the server knows which): refetch all but the session. */
export function invalidateAfterWrite(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
}

// --- Writes (bodies already checked with the API's zod schemas by the forms).

export const createPage = (body: unknown) => apiFetch<PageDetail>('/pages', { method: 'POST', body });
export const updatePage = (id: number, body: unknown) => apiFetch<PageDetail>(`/pages/${id}`, { method: 'PATCH', body });
export const assignPage = (id: number, scheme: SchemeId, unitCode: string) =>
  apiFetch<PageDetail>(`/pages/${id}/assignments/${scheme}`, { method: 'PUT', body: { unitCode } });
export const recordPageEvent = (id: number, body: unknown) => apiFetch<PageDetail>(`/pages/${id}/events`, { method: 'POST', body });
export const putMetrics = (id: number, month: string, body: unknown) => apiFetch<PageMonthMetrics>(`/pages/${id}/metrics/${month}`, { method: 'PUT', body });
export const openPeriod = (body: unknown) => apiFetch<ReportingPeriod>('/reporting/periods', { method: 'POST', body });
export const changeDeadline = (id: number, deadline: string) => apiFetch<ReportingPeriod>(`/reporting/periods/${id}`, { method: 'PATCH', body: { deadline } });
export const submitReport = (periodId: number, body: unknown) => apiFetch<ProvinceReport>(`/reporting/periods/${periodId}/reports`, { method: 'POST', body });

/** The template download address (a plain link: the browser saves the file with the session cookie). */
export function templateUrl(scheme: SchemeId, province: string, format: 'csv' | 'xlsx'): string {
  return `/api/v1/imports/template?${new URLSearchParams({ scheme, province, format }).toString()}`;
}
