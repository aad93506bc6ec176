/**
 * A local stand-in for the Zalo OA Open API requests of the Zalo connector (see ../zalo.ts for
 * the documentation): GET /v2.0/oa/getoa with the header access_token, and the OAuth v4
 * refresh POST /v4/oa/access_token (header secret_key; form app_id, grant_type=refresh_token,
 * refresh_token), which answers a new pair and retires the refresh token used. Errors in Zalo's
 * envelope {error, message}: -216 invalid token, -124 expired token, -32 too many calls.
 *
 * Demo tokens need no set-up: `zl-standin-access-<oa id>` reads that OA and
 * `zl-standin-refresh-<oa id>` renews it (application id DEMO_ZALO_APP_ID, secret DEMO_ZALO_SECRET).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, drop, hash, listen, RateLimit, sendJson, type StandIn, type StandInStats } from './common';

export interface ZaloStandInOptions {
  /** Access tokens answered as expired (-124), so the connector refreshes them. */
  expiredTokens?: string[];
  /** Refresh tokens refused (revoked). */
  revokedRefreshTokens?: string[];
  /** OA id → how many of its first calls answer -32. */
  rateLimitFirst?: Record<string, number>;
  dropOas?: string[];
  callsPerSecond?: number;
  port?: number;
}

export const DEMO_ZALO_APP_ID = '1234567890123456789';
export const DEMO_ZALO_SECRET = 'zl-standin-app-secret-demo';
export const demoZaloTokens = (oaId: string) => ({ accessToken: `zl-standin-access-${oaId}`, refreshToken: `zl-standin-refresh-${oaId}` });

export function zaloFollowers(oaId: string): number {
  return 10 + (hash('zl', oaId) % 15_000);
}

export async function startZaloStandIn(options: ZaloStandInOptions = {}): Promise<StandIn & { refreshes(): number }> {
  const expired = new Set(options.expiredTokens ?? []);
  const revoked = new Set(options.revokedRefreshTokens ?? []);
  const drops = new Set(options.dropOas ?? []);
  const issued = new Map<string, string>(); // access token → OA id
  const refreshTokens = new Map<string, string>(); // refresh token → OA id
  const used = new Set<string>();
  const limit = new RateLimit(options.callsPerSecond ?? 0);
  const firstCalls = new Counter();
  const stats: StandInStats = { requests: 0, rateLimited: 0, dropped: 0 };
  let refreshes = 0;

  const oaOfAccess = (token: string) => issued.get(token) ?? (token.startsWith('zl-standin-access-') ? token.slice('zl-standin-access-'.length) : null);
  const oaOfRefresh = (token: string) => refreshTokens.get(token) ?? (token.startsWith('zl-standin-refresh-') ? token.slice('zl-standin-refresh-'.length) : null);

  const handler = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
      const form = new URLSearchParams(body);
      const refresh = form.get('refresh_token') ?? '';
      const oaId = oaOfRefresh(refresh);
      if (req.headers.secret_key !== DEMO_ZALO_SECRET || form.get('app_id') !== DEMO_ZALO_APP_ID || form.get('grant_type') !== 'refresh_token') {
        return sendJson(res, 200, { error: -14002, error_name: 'Invalid app', error_description: 'The application id or secret key is wrong' });
      }
      if (!oaId || used.has(refresh) || revoked.has(refresh)) {
        return sendJson(res, 200, { error: -14014, error_name: 'Invalid refresh token', error_description: 'The refresh token is invalid, used or expired' });
      }
      used.add(refresh);
      refreshes += 1;
      const access = `zl-standin-issued-${randomBytes(12).toString('hex')}`;
      const next = `zl-standin-issued-refresh-${randomBytes(12).toString('hex')}`;
      issued.set(access, oaId);
      refreshTokens.set(next, oaId);
      return sendJson(res, 200, { access_token: access, refresh_token: next, expires_in: '90000' });
    }
    if (req.method !== 'GET' || url.pathname !== '/v2.0/oa/getoa') return sendJson(res, 404, { error: -201, message: 'Method is not supported' });
    const token = String(req.headers.access_token ?? '');
    const oaId = oaOfAccess(token);
    if (!oaId) return sendJson(res, 200, { error: -216, message: 'Access token is invalid' });
    if (expired.has(token)) return sendJson(res, 200, { error: -124, message: 'Access token has expired' });
    if (drops.has(oaId)) return drop(req, stats);
    if (!limit.take() || (options.rateLimitFirst?.[oaId] ?? 0) >= firstCalls.next(oaId)) {
      stats.rateLimited += 1;
      return sendJson(res, 200, { error: -32, message: 'The request exceeded the rate limit' });
    }
    return sendJson(res, 200, {
      error: 0,
      message: 'Success',
      data: { oa_id: oaId, name: `OA stand-in ${oaId}`, description: '', oa_alias: '', is_verified: true, oa_type: 2, cate_name: 'Cơ quan nhà nước', num_follower: zaloFollowers(oaId), avatar: '', cover: '' },
    });
  };
  const server = await listen(handler, stats, options.port);
  return { ...server, refreshes: () => refreshes };
}
