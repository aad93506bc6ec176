/**
 * Zalo Official Accounts through the Zalo OA Open API, with one OA access token per account (an
 * OA admin grants it to the application) and the refresh-token flow that renews it.
 *
 * Documentation read for this module (the stored corpus had no page of developers.zalo.me; these
 * are the SDK documentation and types that describe the same endpoints):
 * - OA information: GET https://openapi.zalo.me/v2.0/oa/getoa with the header `access_token`;
 *   answer {error: 0, message, data: {oa_id, name, num_follower, …}}; any other `error` is a
 *   failure with its message — https://app.unpkg.com/@warriorteam/redai-zalo-sdk@1.32.17/files/dist/types/oa.d.ts
 *   and …/dist/services/oa.service.js
 * - Refresh: POST https://oauth.zaloapp.com/v4/oa/access_token, header `secret_key` (the
 *   application's), form app_id, grant_type=refresh_token, refresh_token; answer {access_token,
 *   refresh_token, expires_in}. A refresh token is used once: the new pair is stored at once
 *   — https://app.unpkg.com/@warriorteam/redai-zalo-sdk@1.32.17/files/dist/services/auth.service.js
 *   and …/docs/AUTHENTICATION.md
 *
 * Only followers are collected: the OA information has no post, interaction or view counts.
 */
import { retryAfterMs, runPool, type HttpAnswer, type HttpClient } from './http';
import { msg } from '../messages';
import { emptyFigures, PlatformError, type CollectJob, type Connector, type UsableCredential } from './types';

export interface ZaloSecret {
  appId: string;
  secretKey: string;
  accessToken: string;
  refreshToken: string;
}

/** Zalo's error numbers for an invalid or expired access token, and for too many calls. */
const TOKEN_ERRORS = new Set([-216, -124, -14]);
const RATE_ERRORS = new Set([-32]);

export function classifyZaloError(answer: HttpAnswer): PlatformError {
  const body = answer.body as { error?: number; message?: string } | null;
  const code = body?.error;
  const text = `${body?.message ?? `HTTP ${answer.status}`}${code !== undefined ? ` (error ${code})` : ''}`;
  if (code !== undefined && TOKEN_ERRORS.has(code)) return new PlatformError('token_expired', text, { credentialProblem: true });
  if ((code !== undefined && RATE_ERRORS.has(code)) || answer.status === 429) return new PlatformError('rate_limited', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  if (answer.status >= 500) return new PlatformError('platform_error', text, { retryable: true, retryAfterMs: retryAfterMs(answer.headers) });
  return new PlatformError('platform_error', text);
}

type Secret = ZaloSecret;

export const zaloConnector = (apiUrl: string, oauthUrl: string): Connector<Secret> => {
  const api = apiUrl.replace(/\/$/, '');
  const oauth = oauthUrl.replace(/\/$/, '');

  const getOa = async (http: HttpClient, token: string, signal?: AbortSignal) => {
    const answer = await http.send(`${api}/v2.0/oa/getoa`, { headers: { access_token: token } }, signal);
    const body = answer.body as { error?: number; data?: { oa_id?: string | number; name?: string; num_follower?: number } } | null;
    if (answer.status !== 200 || !body || body.error !== 0) throw classifyZaloError(answer);
    return body.data ?? {};
  };

  /** The refresh-token flow: a new token pair, or token_expired with Zalo's words. */
  const refresh = async (http: HttpClient, secret: Secret, signal?: AbortSignal): Promise<Secret> => {
    const answer = await http.send(
      `${oauth}/v4/oa/access_token`,
      {
        method: 'POST',
        headers: { secret_key: secret.secretKey, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ refresh_token: secret.refreshToken, app_id: secret.appId, grant_type: 'refresh_token' }).toString(),
      },
      signal,
    );
    const body = answer.body as { access_token?: string; refresh_token?: string; error?: number; error_description?: string; message?: string } | null;
    if (answer.status !== 200 || !body?.access_token || !body.refresh_token) {
      const problem = classifyZaloError(answer);
      if (problem.options.retryable) throw problem;
      const refusal = body?.error_description ?? body?.message ?? `HTTP ${answer.status}`;
      throw new PlatformError('token_expired', `The access token expired and the refresh was refused: ${refusal}`, {
        credentialProblem: true,
        words: msg('connector_zalo_refresh_refused', { text: refusal.slice(0, 400) }),
      });
    }
    return { ...secret, accessToken: body.access_token, refreshToken: body.refresh_token };
  };

  /** getoa with the credential's token, refreshing it once when Zalo says it expired. */
  const read = async (http: HttpClient, credential: UsableCredential<Secret>, save: (secret: Secret) => void, tries: { count: number }, signal?: AbortSignal) => {
    try {
      return await http.withRetry(() => getOa(http, credential.secret.accessToken, signal), tries, signal);
    } catch (error) {
      if (!(error instanceof PlatformError) || error.reason !== 'token_expired') throw error;
      const renewed = await http.withRetry(() => refresh(http, credential.secret, signal), tries, signal);
      credential.secret = renewed;
      save(renewed);
      return http.withRetry(() => getOa(http, renewed.accessToken, signal), tries, signal);
    }
  };

  return {
    platform: 'zalo',

    async check(credential, http, saveSecret) {
      try {
        const oa = await read(http, credential, saveSecret, { count: 0 });
        return { ok: true, message: msg('connector_check_zalo', { name: oa.name ?? '', id: String(oa.oa_id ?? '?'), followers: oa.num_follower ?? '?' }) };
      } catch (error) {
        return { ok: false, message: http.describe(error) };
      }
    },

    async collect(job: CollectJob<Secret>) {
      const { http, signal } = job;
      const byPage = new Map<number, UsableCredential<Secret>>();
      for (const credential of job.credentials) if (credential.pageId !== null && !byPage.has(credential.pageId)) byPage.set(credential.pageId, credential);
      await runPool(
        job.pages,
        job.concurrency,
        async (page) => {
          const credential = byPage.get(page.pageId);
          if (!credential) {
            return job.report({ pageId: page.pageId, outcome: 'skipped', reason: 'no_credential', message: msg('connector_zalo_no_token'), attempts: 0 });
          }
          const tries = { count: 0 };
          try {
            const oa = await read(http, credential, (secret) => job.saveSecret(credential.id, secret), tries, signal);
            if (page.platformId && oa.oa_id !== undefined && String(oa.oa_id) !== page.platformId) {
              throw new PlatformError('page_not_found', `The token is for Official Account ${String(oa.oa_id)}, not ${page.platformId}`, {
                words: msg('connector_zalo_other_oa', { oa: String(oa.oa_id), wanted: String(page.platformId) }),
              });
            }
            const figures = emptyFigures();
            figures.followers = typeof oa.num_follower === 'number' ? oa.num_follower : null;
            const notOffered = msg('connector_zalo_followers_only');
            figures.skipped.push(
              { metric: 'posts', reason: 'not_offered', message: notOffered },
              { metric: 'interactions', reason: 'not_offered', message: notOffered },
              { metric: 'views', reason: 'not_offered', message: notOffered },
            );
            job.report({ pageId: page.pageId, outcome: 'collected', figures, attempts: tries.count });
          } catch (error) {
            if (signal.aborted) return;
            const problem = error instanceof PlatformError ? error : new PlatformError('platform_error', String(error));
            job.report({ pageId: page.pageId, outcome: 'failed', reason: problem.reason, message: http.describe(problem), attempts: tries.count });
          }
        },
        signal,
      );
    },
  };
};
