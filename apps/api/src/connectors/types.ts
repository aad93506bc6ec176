/** The one interface every platform connector implements (facebook.ts, youtube.ts, zalo.ts, tiktok.ts). */
import type { ConnectorReason, CredentialKind, Platform, SkippedMetric } from '@mttq/core';
import { msg, type Message } from '../messages';
import type { HttpClient } from './http';

/** A page to collect, as the registry knows it. */
export interface PageTarget {
  pageId: number;
  /** The platform's id of the page (Facebook page id, YouTube channel id, Zalo OA id), when recorded. */
  platformId: string | null;
  url: string;
}

/** A credential with its secret decrypted, for the duration of one run or check. */
export interface UsableCredential<S = unknown> {
  id: number;
  platform: Platform;
  kind: CredentialKind;
  /** The page a page token or OA token belongs to; null for a system user token or an API key. */
  pageId: number | null;
  secret: S;
}

export interface Figures {
  followers: number | null;
  posts: number | null;
  interactions: number | null;
  views: number | null;
  /** Lifetime counters (YouTube) that the next month's posts and views are the difference of. */
  totalPosts: number | null;
  totalViews: number | null;
  /** Metrics left out, each with its reason (e.g. insights of a page under 100 likes). */
  skipped: SkippedFigure[];
}

/** A metric left out, with a message to answer in the reader's language. */
export type SkippedFigure = Omit<SkippedMetric, 'message'> & { message: Message };

export type PageResult =
  | { pageId: number; outcome: 'collected'; figures: Figures; attempts: number }
  | { pageId: number; outcome: 'skipped' | 'failed'; reason: ConnectorReason; message: Message; attempts: number };

/** The month collected, as the platforms' time windows. */
export interface MonthWindow {
  month: string;
  /** First day of the month, YYYY-MM-DD (Graph API since). */
  since: string;
  /** First day of the next month, YYYY-MM-DD (Graph API until, exclusive). */
  until: string;
}

export interface CollectJob<S = unknown> {
  window: MonthWindow;
  pages: PageTarget[];
  credentials: UsableCredential<S>[];
  /** Last month's lifetime counters per page (YouTube), for this month's differences. */
  baselines: Map<number, { totalPosts: number | null; totalViews: number | null }>;
  http: HttpClient;
  /** Pages collected at once. */
  concurrency: number;
  /** Called once per page, as soon as its outcome is known. */
  report(result: PageResult): void;
  /** Stores a credential's new secret (Zalo's refresh flow answers a new token pair). */
  saveSecret(credentialId: number, secret: S): void;
  /** Units or calls spent against the platform's quota (YouTube: 1 per channels.list call). */
  spend(units: number): void;
  signal: AbortSignal;
}

export interface CheckOutcome {
  ok: boolean;
  message: Message;
}

/** The platform's own words (already redacted), as a message: platformAnswer('Invalid OAuth access token') */
export const platformAnswer = (text: string): Message => msg('connector_platform_answer', { text: text.slice(0, 400) });

export interface Connector<S = unknown> {
  platform: Platform;
  /** A cheap documented call that proves the credential works ("check connection"). */
  check(credential: UsableCredential<S>, http: HttpClient, saveSecret: (secret: S) => void): Promise<CheckOutcome>;
  /** Collects every page of the job and reports each; never throws for one page's failure. */
  collect(job: CollectJob<S>): Promise<void>;
}

/** A platform's answer or a network problem, classified. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly reason: ConnectorReason,
    message: string,
    /** words: what to tell people when the error is ours rather than the platform's answer. */
    readonly options: { retryable?: boolean; retryAfterMs?: number; credentialProblem?: boolean; words?: Message } = {},
  ) {
    super(message);
  }
}

export const emptyFigures = (): Figures => ({ followers: null, posts: null, interactions: null, views: null, totalPosts: null, totalViews: null, skipped: [] });
