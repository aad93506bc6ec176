/**
 * A local stand-in for YouTube Data API v3 channels.list (see ../youtube.ts for the
 * documentation): GET /channels?part=statistics&id=ID,…(≤ 50)&key=… or &forHandle=@…; each call
 * costs 1 unit of a daily quota (403 quotaExceeded when spent); 400 for a bad key; 403
 * rateLimitExceeded under a simulated limit; unknown channels are left out of `items`. Lifetime
 * counters grow month by month from a deterministic base per channel id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, drop, hash, listen, RateLimit, sendJson, type StandIn, type StandInStats } from './common';

export interface YoutubeStandInOptions {
  /** Accepted API keys. Default: [DEMO_YOUTUBE_KEY]. */
  keys?: string[];
  /** Channel ids that do not exist. */
  missingChannels?: string[];
  /** Channel ids that hide their subscriber count. */
  hiddenChannels?: string[];
  /** Channel id → how many of its first calls answer rateLimitExceeded. */
  rateLimitFirst?: Record<string, number>;
  dailyUnits?: number;
  callsPerSecond?: number;
  /** The month the counters stand at (YYYY-MM); default: this month. */
  month?: () => string;
  dropChannels?: string[];
  port?: number;
}

export const DEMO_YOUTUBE_KEY = 'yt-standin-api-key-demo';

const ytError = (res: ServerResponse, status: number, reason: string, message: string) =>
  sendJson(res, status, { error: { code: status, message, errors: [{ message, domain: reason === 'quotaExceeded' || reason === 'rateLimitExceeded' ? 'youtube.quota' : 'global', reason }] } });

/** A channel's lifetime counters at a month. */
export function youtubeChannelAt(id: string, month: string) {
  const h = hash('yt', id);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const months = (y - 2020) * 12 + m;
  const videosPerMonth = 1 + (h % 6);
  const viewsPerMonth = 200 + (h % 5_000);
  return { subscribers: 30 + (h % 40_000) + months * (h % 50), videos: 5 + (h % 40) + months * videosPerMonth, views: 1_000 + (h % 90_000) + months * viewsPerMonth };
}

export async function startYoutubeStandIn(options: YoutubeStandInOptions = {}): Promise<StandIn & { unitsUsed(): number }> {
  const keys = new Set(options.keys ?? [DEMO_YOUTUBE_KEY]);
  const missing = new Set(options.missingChannels ?? []);
  const hidden = new Set(options.hiddenChannels ?? []);
  const drops = new Set(options.dropChannels ?? []);
  const limit = new RateLimit(options.callsPerSecond ?? 0);
  const firstCalls = new Counter();
  const dailyUnits = options.dailyUnits ?? 10_000;
  const month = options.month ?? (() => new Date().toISOString().slice(0, 7));
  const stats: StandInStats = { requests: 0, rateLimited: 0, dropped: 0 };
  let units = 0;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const q = url.searchParams;
    if (!url.pathname.endsWith('/channels')) return ytError(res, 404, 'notFound', 'Not Found');
    const key = q.get('key');
    if (!key || !keys.has(key)) return ytError(res, 400, 'badRequest', 'API key not valid. Please pass a valid API key.');
    const ids = q.get('id') ? q.get('id')!.split(',') : [];
    const handle = q.get('forHandle');
    if (ids.some((id) => drops.has(id))) return drop(req, stats);
    if (units >= dailyUnits) return ytError(res, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.');
    if (!limit.take() || ids.some((id) => (options.rateLimitFirst?.[id] ?? 0) >= firstCalls.next(id))) {
      stats.rateLimited += 1;
      return ytError(res, 403, 'rateLimitExceeded', 'The request cannot be completed because you have exceeded your rate limit.');
    }
    units += 1;
    if (!q.get('part')?.split(',').includes('statistics')) return ytError(res, 400, 'invalidPart', "The 'part' parameter must name statistics here.");
    if (ids.length > 50) return ytError(res, 400, 'invalidValue', 'The id parameter takes at most 50 ids.');
    const wanted = handle ? [`handle-${handle.replace(/^@/, '')}`] : ids;
    const at = month();
    const items = wanted
      .filter((id) => !missing.has(id))
      .map((id) => {
        const c = youtubeChannelAt(id, at);
        return {
          kind: 'youtube#channel',
          etag: `etag-${hash(id, at)}`,
          id,
          statistics: {
            viewCount: String(c.views),
            ...(hidden.has(id) ? {} : { subscriberCount: String(c.subscribers) }),
            hiddenSubscriberCount: hidden.has(id),
            videoCount: String(c.videos),
          },
        };
      });
    return sendJson(res, 200, { kind: 'youtube#channelListResponse', etag: 'stand-in', pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items });
  };
  const server = await listen(handler, stats, options.port);
  return { ...server, unitsUsed: () => units };
}
