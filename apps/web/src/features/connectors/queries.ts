import { queryOptions } from '@tanstack/react-query';
import type { ConnectorCredential, ConnectorRun, ConnectorRunPages, ConnectorStatus, CredentialCheck, CredentialCreateBody } from '@mttq/core';
import { apiFetch } from '../../api/client';

export const connectorKeys = {
  status: ['connectors'] as const,
  run: (id: number) => ['connectors', 'run', id] as const,
  runPages: (id: number, outcome: string) => ['connectors', 'run', id, 'pages', outcome] as const,
};

/** The connectors' state; polled every second while a run collects. */
export const connectorStatusQuery = () =>
  queryOptions({
    queryKey: connectorKeys.status,
    queryFn: ({ signal }) => apiFetch<ConnectorStatus>('/connectors', { signal }),
    refetchInterval: (query) => (query.state.data?.currentRun ? 1_000 : false),
  });

/** One run, polled every second until it ends. */
export const connectorRunQuery = (id: number) =>
  queryOptions({
    queryKey: connectorKeys.run(id),
    queryFn: ({ signal }) => apiFetch<ConnectorRun>(`/connectors/runs/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1_000 : false),
  });

export const runPagesQuery = (id: number, outcome: 'failed' | 'skipped') =>
  queryOptions({
    queryKey: connectorKeys.runPages(id, outcome),
    queryFn: ({ signal }) => apiFetch<ConnectorRunPages>(`/connectors/runs/${id}/pages`, { query: { outcome, limit: 100 }, signal }),
  });

export const startRun = (month: string) => apiFetch<ConnectorRun>('/connectors/runs', { method: 'POST', body: { month } });
export const addCredential = (body: CredentialCreateBody) => apiFetch<ConnectorCredential>('/connectors/credentials', { method: 'POST', body });
export const checkCredential = (id: number) => apiFetch<CredentialCheck>(`/connectors/credentials/${id}/check`, { method: 'POST' });
export const removeCredential = (id: number) => apiFetch<undefined>(`/connectors/credentials/${id}`, { method: 'DELETE' });
