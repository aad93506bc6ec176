/**
 * YouTube channels through the YouTube Data API v3, with an API key (public data: no owner
 * sign-in).
 *
 * Documentation read for this module:
 * - Channels: list — GET /youtube/v3/channels?part=statistics&id=ID1,ID2,…&key=…; `id` takes a
 *   comma-separated list (up to 50, the most maxResults allows); `forHandle` takes one handle
 *   (with or without @); statistics has subscriberCount, hiddenSubscriberCount, videoCount and
 *   viewCount; "Quota impact: a call to this method has a quota cost of 1 unit"
 *   https://developers.google.com/youtube/v3/docs/channels/list
 * - Errors are {error: {code, message, errors: [{reason}]}}: quotaExceeded (the project's daily
 *   quota, 10,000 units by default, is spent: no retry today), rateLimitExceeded /
 *   userRateLimitExceeded (retry later), keyInvalid (bad key).
 *
 * The API gives lifetime counters only: followers are subscriberCount at the run; posts and views
 * of the month are this run's videoCount and viewCount minus last month's (null, with the reason
 * no_baseline, the first month a channel is collected). There is no interaction count.
 */
import { retryAfterMs, runPool, type HttpAnswer } from './http';
import { msg } from '../messages';
import { emptyFigures, PlatformError, type CollectJob, type Connector, type PageTarget } from './types';

export interface YoutubeSecret {
  apiKey: string;
}

export const YOUTUBE_BATCH = 50;
export const YOUTUBE_DAILY_UNITS = 10_000;

export function classifyYoutubeError(answer: HttpAnswer): PlatformError {
  const error = (answer.body as { error?: { message?: string; errors?: { reason?: string }[] } } | null)?.error;
  const reason = error?.errors?.[0]?.reason ?? '';
  const text = `${error?.message ?? `HTTP ${answer.status}`}${reason ? ` (${reason})` : ''}`;
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') return new PlatformError('quota_exceeded', text, { credentialProblem: true });
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || answer.status === 429) {
    return new PlatformError('rate_limited', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  }
  if (reason === 'keyInvalid' || reason === 'keyExpired' || answer.status === 401 || (answer.status === 400 && /API key/i.test(text))) {
    return new PlatformError('credential_invalid', text, { credentialProblem: true });
  }
  if (answer.status >= 500) return new PlatformError('platform_error', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  return new PlatformError('platform_error', text);
}

/** The channel id recorded or in the address (/channel/UC…), else the @handle to look up. */
export function youtubeChannel(page: PageTarget): { id: string } | { handle: string } | null {
  if (page.platformId) return { id: page.platformId };
  try {
    const parts = new URL(page.url).pathname.split('/').filter(Boolean);
    if (parts[0] === 'channel' && parts[1]) return { id: parts[1] };
    if (parts[0]?.startsWith('@')) return { handle: parts[0] };
  } catch {
    // not a URL: nothing to look up
  }
  return null;
}

interface ChannelStatistics {
  subscriberCount?: string;
  hiddenSubscriberCount?: boolean;
  videoCount?: string;
  viewCount?: string;
}

type Secret = YoutubeSecret;

export const youtubeConnector = (baseUrl: string): Connector<Secret> => {
  const base = baseUrl.replace(/\/$/, '');
  const channelsUrl = (params: Record<string, string>, key: string) => `${base}/channels?${new URLSearchParams({ part: 'statistics', ...params, key })}`;

  return {
    platform: 'youtube',

    async check(credential, http) {
      try {
        // A well-formed call that costs 1 unit and proves the key is accepted.
        const answer = await http.send(channelsUrl({ id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw', maxResults: '1' }, credential.secret.apiKey));
        if (answer.status !== 200) throw classifyYoutubeError(answer);
        return { ok: true, message: msg('connector_check_youtube') };
      } catch (error) {
        return { ok: false, message: http.describe(error) };
      }
    },

    async collect(job: CollectJob<Secret>) {
      const { http, signal } = job;
      const keys = job.credentials.map((c) => c.secret.apiKey);
      if (keys.length === 0) {
        for (const page of job.pages) job.report({ pageId: page.pageId, outcome: 'skipped', reason: 'no_credential', message: msg('connector_yt_no_key'), attempts: 0 });
        return;
      }
      let keyIndex = 0;
      /** Set once the key is refused or the quota is spent: the remaining pages fail with it. */
      let stopped: PlatformError | null = null;

      const call = async (params: Record<string, string>, tries: { count: number }) => {
        for (;;) {
          if (stopped) throw stopped;
          try {
            return await http.withRetry(async () => {
              job.spend(1);
              const answer = await http.send(channelsUrl(params, keys[keyIndex]!), {}, signal);
              if (answer.status !== 200) throw classifyYoutubeError(answer);
              return (answer.body as { items?: { id?: string; statistics?: ChannelStatistics }[] }).items ?? [];
            }, tries, signal);
          } catch (error) {
            if (error instanceof PlatformError && error.options.credentialProblem) {
              // Another key may still have quota; otherwise the rest of the run stops here.
              if (keyIndex + 1 < keys.length) {
                keyIndex += 1;
                continue;
              }
              stopped = error;
            }
            throw error;
          }
        }
      };

      const fail = (pageId: number, error: unknown, attempts: number) => {
        const problem = error instanceof PlatformError ? error : new PlatformError('platform_error', String(error));
        job.report({ pageId, outcome: 'failed', reason: problem.reason, message: http.describe(problem), attempts });
      };

      // Channels known by id go 50 to a call; handles are looked up one by one (1 unit each).
      const byId: { page: PageTarget; id: string }[] = [];
      const byHandle: { page: PageTarget; handle: string }[] = [];
      for (const page of job.pages) {
        const channel = youtubeChannel(page);
        if (!channel) job.report({ pageId: page.pageId, outcome: 'failed', reason: 'page_not_found', message: msg('connector_yt_no_channel_address'), attempts: 0 });
        else if ('id' in channel) byId.push({ page, id: channel.id });
        else byHandle.push({ page, handle: channel.handle });
      }

      const record = (page: PageTarget, statistics: ChannelStatistics | undefined, attempts: number) => {
        if (!statistics) {
          return job.report({ pageId: page.pageId, outcome: 'failed', reason: 'page_not_found', message: msg('connector_yt_no_channel'), attempts });
        }
        const figures = emptyFigures();
        const number = (value: string | undefined) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);
        figures.totalPosts = number(statistics.videoCount);
        figures.totalViews = number(statistics.viewCount);
        if (statistics.hiddenSubscriberCount) figures.skipped.push({ metric: 'followers', reason: 'hidden_by_owner', message: msg('connector_yt_hidden_subscribers') });
        else figures.followers = number(statistics.subscriberCount);
        const baseline = job.baselines.get(page.pageId);
        const difference = (now: number | null, before: number | null | undefined) => (now !== null && before !== null && before !== undefined && now >= before ? now - before : null);
        figures.posts = difference(figures.totalPosts, baseline?.totalPosts);
        figures.views = difference(figures.totalViews, baseline?.totalViews);
        const noBaseline = msg('connector_yt_no_baseline');
        if (figures.posts === null) figures.skipped.push({ metric: 'posts', reason: 'no_baseline', message: noBaseline });
        if (figures.views === null) figures.skipped.push({ metric: 'views', reason: 'no_baseline', message: noBaseline });
        figures.skipped.push({ metric: 'interactions', reason: 'not_offered', message: msg('connector_yt_no_interactions') });
        job.report({ pageId: page.pageId, outcome: 'collected', figures, attempts });
      };

      const batches: { page: PageTarget; id: string }[][] = [];
      for (let i = 0; i < byId.length; i += YOUTUBE_BATCH) batches.push(byId.slice(i, i + YOUTUBE_BATCH));
      await runPool(
        batches,
        Math.max(1, Math.ceil(job.concurrency / 4)),
        async (batch) => {
          const tries = { count: 0 };
          try {
            const items = await call({ id: batch.map((b) => b.id).join(','), maxResults: String(YOUTUBE_BATCH) }, tries);
            const found = new Map(items.map((item) => [item.id, item.statistics]));
            for (const { page, id } of batch) record(page, found.get(id), tries.count);
          } catch (error) {
            if (signal.aborted) return;
            for (const { page } of batch) fail(page.pageId, error, tries.count);
          }
        },
        signal,
      );
      await runPool(
        byHandle,
        job.concurrency,
        async ({ page, handle }) => {
          const tries = { count: 0 };
          try {
            const items = await call({ forHandle: handle }, tries);
            record(page, items[0]?.statistics, tries.count);
          } catch (error) {
            if (!signal.aborted) fail(page.pageId, error, tries.count);
          }
        },
        signal,
      );
    },
  };
};
