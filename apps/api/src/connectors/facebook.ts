/**
 * Facebook Pages through the Graph API, with a system user token (every page its business
 * manages) or a Page access token (one page).
 *
 * Documentation read for this module:
 * - Page Published Posts: GET /{page-id}/published_posts, paged by `paging.next`
 *   https://developers.facebook.com/docs/graph-api/reference/page/published_posts/
 * - Page Insights: GET /{page-id}/insights?metric=…&period=day&since&until. Limitations: data
 *   only for Pages with 100 or more likes; at most 90 days per since/until window; the last two
 *   years only; deprecated metrics answer an "invalid metric" error (a number of metrics are
 *   deprecated by 15 June 2026, page_impressions among the earlier ones, replaced by page_media_view)
 *   https://developers.facebook.com/docs/graph-api/reference/insights
 * - Error handling: {error: {message, type, code, error_subcode, fbtrace_id}}; 190 access token
 *   expired or revoked; 4, 17, 32, 613 (and 341) too many calls: wait and retry; 1, 2 temporary;
 *   10 and 200–299 permission
 *   https://developers.facebook.com/docs/graph-api/guides/error-handling
 * - Page fields followers_count and fan_count (likes) on GET /{page-id}?fields=…
 *
 * Per page and month: followers (followers_count), posts published in the month (counted over
 * published_posts with since/until, following paging), interactions (page_post_engagements) and
 * views (page_media_view), both summed over the month's daily values.
 */
import type { SkippedMetric } from '@mttq/core';
import { retryAfterMs, runPool, type HttpAnswer } from './http';
import { msg } from '../messages';
import { emptyFigures, platformAnswer, PlatformError, type CollectJob, type Connector, type PageTarget, type SkippedFigure, type UsableCredential } from './types';

export interface FacebookSecret {
  accessToken: string;
}

/** The insights metrics read, in the figure they fill. */
export const FACEBOOK_INSIGHTS = { interactions: 'page_post_engagements', views: 'page_media_view' } as const;
const MIN_LIKES_FOR_INSIGHTS = 100;
const MAX_INSIGHTS_WINDOW_DAYS = 90;
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001]);

interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
}

/** The Graph API's error envelope as a PlatformError (see the error handling guide above). */
export function classifyGraphError(answer: HttpAnswer): PlatformError {
  const error = (answer.body as { error?: GraphError } | null)?.error;
  const code = error?.code;
  const text = `${error?.message ?? `HTTP ${answer.status}`}${code !== undefined ? ` (code ${code}${error?.error_subcode ? `, subcode ${error.error_subcode}` : ''})` : ''}`;
  if (code === 190 || code === 102) return new PlatformError('token_expired', text, { credentialProblem: true });
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) return new PlatformError('rate_limited', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  if (code === 100 && (error?.error_subcode === 33 || /does not exist/i.test(error?.message ?? ''))) return new PlatformError('page_not_found', text);
  if (code === 100 && /insights metric/i.test(error?.message ?? '')) return new PlatformError('metric_deprecated', text);
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return new PlatformError('credential_invalid', text, { credentialProblem: true });
  if (code === 1 || code === 2 || answer.status >= 500 || answer.status === 429) {
    return new PlatformError(answer.status === 429 ? 'rate_limited' : 'platform_error', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  }
  return new PlatformError('platform_error', text);
}

/** The page's Graph node: its recorded id, else the name or id in its facebook.com address. */
export function facebookNode(page: PageTarget): string | null {
  if (page.platformId) return page.platformId;
  try {
    const url = new URL(page.url);
    const id = url.searchParams.get('id');
    if (url.pathname === '/profile.php' && id) return id;
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'people' && parts[2]) return parts[2];
    return parts[0] ?? null;
  } catch {
    return null;
  }
}

/** Month boundaries in Viet Nam time (UTC+7) as unix seconds, the Graph API's since/until. */
export function monthBounds(since: string, until: string): { since: number; until: number } {
  const at = (day: string) => Math.floor((Date.parse(`${day}T00:00:00Z`) - 7 * 3600_000) / 1000);
  return { since: at(since), until: at(until) };
}

type Secret = FacebookSecret;

export const facebookConnector = (baseUrl: string, options: { postsPageSize?: number } = {}): Connector<Secret> => {
  const base = baseUrl.replace(/\/$/, '');
  const graphUrl = (path: string, params: Record<string, string | number>, token: string) => {
    const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
    search.set('access_token', token);
    return `${base}/${path}?${search}`;
  };

  return {
    platform: 'facebook',

    async check(credential, http) {
      const token = credential.secret.accessToken;
      try {
        const answer = await http.send(graphUrl('me', { fields: 'id,name' }, token));
        if (answer.status !== 200) throw classifyGraphError(answer);
        const me = answer.body as { id?: string; name?: string };
        return { ok: true, message: msg('connector_check_facebook', { name: me.name ?? me.id ?? '?' }) };
      } catch (error) {
        return { ok: false, message: http.describe(error) };
      }
    },

    async collect(job: CollectJob<Secret>) {
      const { http, window, signal } = job;
      const bounds = monthBounds(window.since, window.until);
      if ((bounds.until - bounds.since) / 86_400 > MAX_INSIGHTS_WINDOW_DAYS) throw new Error('A month is never longer than the 90-day insights window');
      const pageTokens = new Map<number, UsableCredential<Secret>[]>();
      const shared: UsableCredential<Secret>[] = [];
      for (const credential of job.credentials) {
        if (credential.pageId === null) shared.push(credential);
        else pageTokens.set(credential.pageId, [...(pageTokens.get(credential.pageId) ?? []), credential]);
      }
      /** Credentials found expired or revoked during this run, with the platform's words. */
      const broken = new Map<number, PlatformError>();

      const get = async (url: string, tries: { count: number }) =>
        http.withRetry(async () => {
          const answer = await http.send(url, {}, signal);
          if (answer.status !== 200 || (answer.body as { error?: unknown } | null)?.error) throw classifyGraphError(answer);
          return answer.body as Record<string, unknown>;
        }, tries, signal);

      const countPosts = async (node: string, token: string, tries: { count: number }) => {
        let url: string | null = graphUrl(`${node}/published_posts`, { fields: 'id', since: bounds.since, until: bounds.until, limit: options.postsPageSize ?? 100 }, token);
        let count = 0;
        for (let pages = 0; url && pages < 1_000; pages += 1) {
          const body = (await get(url, tries)) as { data?: unknown[]; paging?: { next?: string } };
          count += body.data?.length ?? 0;
          url = body.data?.length ? (body.paging?.next ?? null) : null;
        }
        return count;
      };

      const insights = async (node: string, token: string, metrics: string[], tries: { count: number }) => {
        const body = (await get(graphUrl(`${node}/insights`, { metric: metrics.join(','), period: 'day', since: bounds.since, until: bounds.until }, token), tries)) as {
          data?: { name?: string; values?: { value?: unknown }[] }[];
        };
        const sums = new Map<string, number>();
        for (const series of body.data ?? []) {
          if (!series.name) continue;
          sums.set(series.name, (series.values ?? []).reduce((sum, v) => sum + (typeof v.value === 'number' ? v.value : 0), 0));
        }
        return sums;
      };

      const collectWith = async (page: PageTarget, node: string, credential: UsableCredential<Secret>, tries: { count: number }) => {
        const token = credential.secret.accessToken;
        const figures = emptyFigures();
        const fields = (await get(graphUrl(node, { fields: 'followers_count,fan_count' }, token), tries)) as { followers_count?: number; fan_count?: number };
        figures.followers = typeof fields.followers_count === 'number' ? fields.followers_count : null;
        if (figures.followers === null) figures.skipped.push({ metric: 'followers', reason: 'hidden_by_owner', message: msg('connector_fb_no_followers') });
        figures.posts = await countPosts(node, token, tries);
        const likes = typeof fields.fan_count === 'number' ? fields.fan_count : 0;
        if (likes < MIN_LIKES_FOR_INSIGHTS) {
          const message = msg('connector_fb_insights_min_likes', { min: MIN_LIKES_FOR_INSIGHTS, likes });
          figures.skipped.push({ metric: 'interactions', reason: 'insights_unavailable', message }, { metric: 'views', reason: 'insights_unavailable', message });
          return figures;
        }
        const wanted = Object.entries(FACEBOOK_INSIGHTS) as ['interactions' | 'views', string][];
        let sums: Map<string, number>;
        const skipped: SkippedFigure[] = [];
        try {
          sums = await insights(node, token, wanted.map(([, metric]) => metric), tries);
        } catch (error) {
          if (!(error instanceof PlatformError) || error.reason !== 'metric_deprecated') throw error;
          // One of the metrics was withdrawn: ask for each alone to keep the others.
          sums = new Map();
          for (const [figure, metric] of wanted) {
            try {
              const one = await insights(node, token, [metric], tries);
              const value = one.get(metric);
              if (value !== undefined) sums.set(metric, value);
            } catch (inner) {
              if (!(inner instanceof PlatformError) || inner.reason !== 'metric_deprecated') throw inner;
              skipped.push({ metric: figure, reason: 'metric_deprecated', message: platformAnswer(http.redact(`${metric}: ${inner.message}`)) });
            }
          }
        }
        for (const [figure, metric] of wanted) {
          const value = sums.get(metric);
          if (value !== undefined) figures[figure] = value;
          else if (!skipped.some((s) => s.metric === figure)) skipped.push({ metric: figure, reason: 'insights_unavailable', message: msg('connector_fb_no_metric', { metric }) });
        }
        figures.skipped.push(...skipped);
        return figures;
      };

      await runPool(
        job.pages,
        job.concurrency,
        async (page) => {
          const tries = { count: 0 };
          const node = facebookNode(page);
          const candidates = [...(pageTokens.get(page.pageId) ?? []), ...shared];
          if (!node) return job.report({ pageId: page.pageId, outcome: 'failed', reason: 'page_not_found', message: msg('connector_fb_no_page'), attempts: 0 });
          if (candidates.length === 0) {
            return job.report({ pageId: page.pageId, outcome: 'skipped', reason: 'no_credential', message: msg('connector_fb_no_token'), attempts: 0 });
          }
          let last: PlatformError | null = null;
          for (const credential of candidates) {
            const known = broken.get(credential.id);
            if (known) {
              last = known;
              continue;
            }
            try {
              const figures = await collectWith(page, node, credential, tries);
              return job.report({ pageId: page.pageId, outcome: 'collected', figures, attempts: tries.count });
            } catch (error) {
              if (signal.aborted) return;
              last = error instanceof PlatformError ? error : new PlatformError('platform_error', String(error));
              if (last.options.credentialProblem && last.reason === 'token_expired') broken.set(credential.id, last);
              // Another token may reach the page; anything else is the page's answer.
              if (!['token_expired', 'credential_invalid', 'page_not_found'].includes(last.reason)) break;
            }
          }
          // The page's own token, when it has one, tells why better than a shared token that cannot see the page.
          const own = pageTokens.has(page.pageId) ? broken.get(pageTokens.get(page.pageId)![0]!.id) : undefined;
          const problem = own && last!.reason === 'page_not_found' ? own : last!;
          job.report({ pageId: page.pageId, outcome: 'failed', reason: problem.reason, message: http.describe(problem), attempts: tries.count });
        },
        signal,
      );
    },
  };
};
