/** The account endpoints: managed accounts (/accounts…), the user's own password and sessions (/auth/…). */
import { queryOptions } from '@tanstack/react-query';
import type { Account, AccountBulkResult, AccountList, AccountWithPassword, CreateAccountBody, OwnSessionList, UpdateAccountBody } from '@mttq/core';
import { apiFetch, apiUpload } from '../../api/client';

export const accountKeys = {
  list: ['accounts'] as const,
  sessions: ['auth', 'sessions'] as const,
};

export const accountListQuery = () =>
  queryOptions({ queryKey: accountKeys.list, queryFn: ({ signal }) => apiFetch<AccountList>('/accounts', { signal }) });

export const ownSessionsQuery = () =>
  queryOptions({ queryKey: accountKeys.sessions, queryFn: ({ signal }) => apiFetch<OwnSessionList>('/auth/sessions', { signal }) });

export const createAccount = (body: CreateAccountBody) => apiFetch<AccountWithPassword>('/accounts', { method: 'POST', body });

export const updateAccount = (id: number, body: UpdateAccountBody) => apiFetch<Account>(`/accounts/${id}`, { method: 'PATCH', body });

export const setAccountDisabled = (id: number, isDisabled: boolean) => apiFetch<Account>(`/accounts/${id}/${isDisabled ? 'disable' : 'enable'}`, { method: 'POST' });

export const resetAccountPassword = (id: number) => apiFetch<AccountWithPassword>(`/accounts/${id}/reset-password`, { method: 'POST' });

/** POST /accounts/bulk: a dry run (nothing written) or the creation of every account of the file. */
export function uploadAccounts(file: File, dryRun: boolean): Promise<AccountBulkResult> {
  const form = new FormData();
  form.set('file', file);
  form.set('dryRun', String(dryRun));
  return apiUpload<AccountBulkResult>('/accounts/bulk', form);
}

export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  apiFetch<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const endOwnSession = (id: string) => apiFetch<void>(`/auth/sessions/${id}`, { method: 'DELETE' });

/** 'reform34:51, reform34:10001' → ['reform34:51', 'reform34:10001'] */
export const splitScopes = (text: string): string[] =>
  text
    .split(/[,;\s]+/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
