/**
 * The work queues' server data: central staff's verification queue and units with several Front
 * pages, provinces' pages waiting for their new unit, and the bulk review. Keys start with the
 * endpoint, then every input, like queries.ts; writes refresh everything with invalidateAfterWrite.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DuplicateFrontPagesResponse, Owner, PageReviewsBody, PageReviewsResponse, Platform, SchemeId, SuccessorQueueResponse, VerificationQueueResponse } from '@mttq/core';
import { apiFetch } from '../../api/client';

/** GET /reporting/verification-queue inputs; null leaves the filter out. */
export interface VerificationQueueInput {
  scheme: SchemeId;
  province: string | null;
  platform: Platform | null;
  owner: Owner | null;
  limit: number;
  offset: number;
}

export const queueKeys = {
  verification: (input: VerificationQueueInput) => ['reporting/verification-queue', input] as const,
  duplicates: (input: { scheme: SchemeId; province: string | null }) => ['reporting/duplicate-front-pages', input] as const,
  successors: (input: { province: string | null }) => ['reporting/successor-queue', input] as const,
};

export const verificationQueueQuery = (input: VerificationQueueInput) =>
  queryOptions({
    queryKey: queueKeys.verification(input),
    queryFn: ({ signal, queryKey: [, query] }) => apiFetch<VerificationQueueResponse>('/reporting/verification-queue', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

export const duplicateFrontPagesQuery = (input: { scheme: SchemeId; province: string | null }) =>
  queryOptions({
    queryKey: queueKeys.duplicates(input),
    queryFn: ({ signal, queryKey: [, query] }) => apiFetch<DuplicateFrontPagesResponse>('/reporting/duplicate-front-pages', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

/** GET /reporting/successor-queue: `province` a legacy63 province code; null: every province the user may see. */
export const successorQueueQuery = (input: { province: string | null }) =>
  queryOptions({
    queryKey: queueKeys.successors(input),
    queryFn: ({ signal, queryKey: [, query] }) => apiFetch<SuccessorQueueResponse>('/reporting/successor-queue', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

/** POST /pages/reviews: verify or reject many pages with one note and date (one audit row per page). */
export const reviewPages = (body: PageReviewsBody) => apiFetch<PageReviewsResponse>('/pages/reviews', { method: 'POST', body });
