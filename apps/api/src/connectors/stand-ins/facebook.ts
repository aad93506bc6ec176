/**
 * A local stand-in for the Graph API requests the Facebook connector makes (see
 * ../facebook.ts for the documentation pages): GET /{version}/me, /{page-id}?fields=…,
 * /{page-id}/published_posts (since/until, limit, `after` cursors, paging.next),
 * /{page-id}/insights (period=day, since/until ≤ 90 days), with the documented error envelope:
 * 190 for an expired or unknown token, 100/33 for a page that does not exist or is not
 * reachable, 100 "valid insights metric" for a deprecated metric, 4 for too many calls; no
 * insights for a Page under 100 likes. Figures are deterministic per page id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, drop, hash, listen, RateLimit, sendJson, type StandIn, type StandInStats } from './common';

export interface FacebookStandInOptions {
  /** Access tokens and the page ids each reaches ('all': any page). Default: DEMO_FACEBOOK_TOKEN → all. */
  tokens?: Record<string, { pages: 'all' | string[]; except?: string[]; expired?: boolean }>;
  /** Page ids that do not exist (deleted). */
  missingPages?: string[];
  /** Page ids with fewer than 100 likes (so no insights), besides the ~1 in 12 that are small by their hash. */
  smallPages?: string[];
  /** Page id → how many of its first calls answer "too many calls" (code 4). */
  rateLimitFirst?: Record<string, number>;
  /** Page ids whose requests are dropped without an answer. */
  dropPages?: string[];
  /** Insights metrics answered as invalid (deprecated). */
  deprecatedMetrics?: string[];
  /** Simulated application limit: calls per second over every token (0: none). */
  callsPerSecond?: number;
  port?: number;
}

export const DEMO_FACEBOOK_TOKEN = 'fb-standin-system-user-token-demo';
const KNOWN_METRICS = new Set(['page_post_engagements', 'page_media_view', 'page_follows', 'page_impressions']);
const DAY = 86_400;

const graphError = (res: ServerResponse, status: number, code: number, message: string, subcode?: number) =>
  sendJson(res, status, { error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'StandIn' } });

/** The page's figures: followers and likes from its id; posts and insights per day. */
export function facebookPage(id: string, small: boolean) {
  const h = hash('fb', id);
  const followers = small || h % 12 === 0 ? 20 + (h % 79) : 150 + (h % 25_000);
  return { followers, likes: Math.round(followers * 0.92) };
}
const postsOnDay = (id: string, day: number) => hash('fb-posts', id, day) % 3;
const insightOnDay = (id: string, metric: string, day: number, followers: number) => (hash('fb-insight', id, metric, day) % 40) + Math.floor(followers / (metric === 'page_media_view' ? 20 : 200));

export async function startFacebookStandIn(options: FacebookStandInOptions = {}): Promise<StandIn> {
  const tokens: NonNullable<FacebookStandInOptions['tokens']> = options.tokens ?? { [DEMO_FACEBOOK_TOKEN]: { pages: 'all' } };
  const missing = new Set(options.missingPages ?? []);
  const small = new Set(options.smallPages ?? []);
  const drops = new Set(options.dropPages ?? []);
  const deprecated = new Set(options.deprecatedMetrics ?? []);
  const limit = new RateLimit(options.callsPerSecond ?? 0);
  const firstCalls = new Counter();
  const stats: StandInStats = { requests: 0, rateLimited: 0, dropped: 0 };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const parts = url.pathname.split('/').filter(Boolean);
    if (/^v\d+\.\d+$/.test(parts[0] ?? '')) parts.shift();
    const q = url.searchParams;
    const token = q.get('access_token');
    if (!token) return graphError(res, 400, 2500, 'An active access token must be used to query information about the current user.');
    const grant = tokens[token];
    if (!grant) return graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (grant.expired) return graphError(res, 400, 190, 'Error validating access token: Session has expired.', 463);
    const node = parts[0] ?? '';
    if (drops.has(node)) return drop(req, stats);
    if (!limit.take()) {
      stats.rateLimited += 1;
      return graphError(res, 403, 4, '(#4) Application request limit reached');
    }
    const rateLimited = options.rateLimitFirst?.[node];
    if (rateLimited && firstCalls.next(node) <= rateLimited) {
      stats.rateLimited += 1;
      return graphError(res, 403, 4, '(#4) Application request limit reached');
    }
    if (node === 'me') return sendJson(res, 200, { id: '100000000000001', name: 'Stand-in system user' });
    if (missing.has(node) || (grant.pages !== 'all' && !grant.pages.includes(node)) || grant.except?.includes(node)) {
      return graphError(res, 400, 100, `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 33);
    }
    const page = facebookPage(node, small.has(node));
    const since = Number(q.get('since') ?? 0);
    const until = Number(q.get('until') ?? 0);
    const days: number[] = [];
    for (let t = Math.floor(since / DAY) * DAY; t < until; t += DAY) days.push(t / DAY);

    if (parts.length === 1) {
      const fields = (q.get('fields') ?? 'id,name').split(',');
      const answer: Record<string, unknown> = { id: node };
      if (fields.includes('name')) answer.name = `Stand-in page ${node}`;
      if (fields.includes('followers_count')) answer.followers_count = page.followers;
      if (fields.includes('fan_count')) answer.fan_count = page.likes;
      return sendJson(res, 200, answer);
    }
    if (parts[1] === 'published_posts') {
      const posts: { id: string; created_time: string }[] = [];
      for (const day of [...days].reverse()) {
        for (let i = postsOnDay(node, day) - 1; i >= 0; i -= 1) {
          posts.push({ id: `${node}_${day}${i}`, created_time: new Date((day * DAY + 3600 * (8 + i)) * 1000).toISOString().replace('.000Z', '+0000') });
        }
      }
      const size = Math.min(100, Math.max(1, Number(q.get('limit') ?? 25)));
      const offset = q.get('after') ? Number(Buffer.from(q.get('after')!, 'base64url').toString()) : 0;
      const slice = posts.slice(offset, offset + size);
      const after = Buffer.from(String(offset + size)).toString('base64url');
      const next = new URL(url.href.replace('http://stand-in', `http://${req.headers.host}`));
      next.searchParams.set('after', after);
      return sendJson(res, 200, {
        data: slice,
        paging: {
          cursors: { before: Buffer.from(String(offset)).toString('base64url'), after },
          ...(offset + size < posts.length ? { next: next.href } : {}),
        },
      });
    }
    if (parts[1] === 'insights') {
      const metrics = (q.get('metric') ?? '').split(',').filter(Boolean);
      const invalid = metrics.find((m) => !KNOWN_METRICS.has(m) || deprecated.has(m));
      if (invalid || metrics.length === 0) return graphError(res, 400, 100, '(#100) The value must be a valid insights metric');
      if (until - since > 90 * DAY) return graphError(res, 400, 100, '(#100) There cannot be more than 90 days (7776000 s) between since and until');
      // Page Insights data is only available on Pages with 100 or more likes.
      if (page.likes < 100) return sendJson(res, 200, { data: [] });
      return sendJson(res, 200, {
        data: metrics.map((metric) => ({
          name: metric,
          period: 'day',
          values: days.map((day) => ({ value: insightOnDay(node, metric, day, page.followers), end_time: new Date((day + 1) * DAY * 1000).toISOString().replace('.000Z', '+0000') })),
          title: metric,
          id: `${node}/insights/${metric}/day`,
        })),
        paging: {},
      });
    }
    return graphError(res, 400, 100, `Unknown path components: /${parts.slice(1).join('/')}`);
  };
  return listen(handler, stats, options.port);
}
