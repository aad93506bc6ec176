/**
 * The verification queue's view state in the URL (under GET /reporting/verification-queue's
 * parameter names) and the pure steps of a bulk review: selection, the request body, the results.
 */
import { OWNERS, PLATFORMS, VERIFICATION_QUEUE_LIMIT, type Owner, type PageReviewsResponse, type Platform } from '@mttq/core';

export const QUEUE_VIEWS = ['queue', 'duplicates'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_PAGE_SIZE = VERIFICATION_QUEUE_LIMIT.default;

export interface QueueSearch {
  /** `view=duplicates`: units with several Front pages; otherwise the queue */
  view: QueueView;
  province: string | null;
  platform: Platform | null;
  owner: Owner | null;
  /** the first item shown, a multiple of the page size */
  offset: number;
}

/**
 * URL → queue state; bad values fall back to the defaults (everything, from the start).
 * parseQueueSearch('?province=51&platform=zalo&offset=50') → { view: 'queue', province: '51', platform: 'zalo', owner: null, offset: 50 }
 */
export function parseQueueSearch(input: string | URLSearchParams): QueueSearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const province = params.get('province');
  const offset = Number(params.get('offset'));
  return {
    view: params.get('view') === 'duplicates' ? 'duplicates' : 'queue',
    province: province !== null && /^\d{2}$/.test(province) ? province : null,
    platform: PLATFORMS.find((p) => p === params.get('platform')) ?? null,
    owner: OWNERS.find((o) => o === params.get('owner')) ?? null,
    offset: Number.isInteger(offset) && offset > 0 && offset <= 1_000_000 ? offset - (offset % QUEUE_PAGE_SIZE) : 0,
  };
}

/**
 * Whole days a page has waited, counted on the calendar: waitingDays('2026-11-30', '2026-12-02') → 2
 */
export function waitingDays(since: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) ? Math.max(0, days) : 0;
}

/** "Select all on this page": every shown page when one of them is not selected yet, otherwise none of them (others stay selected). */
export function toggleAll(selected: ReadonlySet<number>, shown: readonly number[]): Set<number> {
  const next = new Set(selected);
  const isAll = shown.length > 0 && shown.every((id) => selected.has(id));
  for (const id of shown) {
    if (isAll) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** One id in or out of the selection. */
export function toggleOne(selected: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The checkbox of "select all on this page": all, some (mixed) or none of the shown pages selected. */
export function selectAllState(selected: ReadonlySet<number>, shown: readonly number[]): 'all' | 'some' | 'none' {
  const count = shown.filter((id) => selected.has(id)).length;
  if (count === 0) return 'none';
  return count === shown.length ? 'all' : 'some';
}

/** What a review wrote: how many pages, and each page it could not record with the server's reason. */
export interface ReviewOutcome {
  status: 'verified' | 'rejected';
  count: number;
  done: number;
  failed: Array<{ pageId: number; name: string; message: string }>;
}

/**
 * The answer of POST /pages/reviews with the names of the pages (from the queue) for the failures.
 * reviewOutcome('verified', { done: 1, results: [{ pageId: 1, ok: true }, { pageId: 2, ok: false, message: 'closed' }] }, names)
 *   → { status: 'verified', count: 2, done: 1, failed: [{ pageId: 2, name: …, message: 'closed' }] }
 */
export function reviewOutcome(status: ReviewOutcome['status'], answer: PageReviewsResponse, names: ReadonlyMap<number, string>): ReviewOutcome {
  return {
    status,
    count: answer.results.length,
    done: answer.done,
    failed: answer.results
      .filter((r) => !r.ok)
      .map((r) => ({ pageId: r.pageId, name: names.get(r.pageId) ?? `#${r.pageId}`, message: r.message ?? '' })),
  };
}
