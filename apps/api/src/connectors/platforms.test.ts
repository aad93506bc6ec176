/** Each connector against its stand-in, without a database: the documented limits and errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { facebookConnector } from './facebook';
import { HttpClient } from './http';
import { DEMO_FACEBOOK_TOKEN, startFacebookStandIn } from './stand-ins/facebook';
import { DEMO_YOUTUBE_KEY, startYoutubeStandIn } from './stand-ins/youtube';
import { DEMO_ZALO_APP_ID, DEMO_ZALO_SECRET, demoZaloTokens, startZaloStandIn } from './stand-ins/zalo';
import type { CollectJob, PageResult } from './types';
import { youtubeConnector } from './youtube';
import { zaloConnector } from './zalo';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const http = () => new HttpClient({ attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, 5_000);
function job<S>(overrides: Partial<CollectJob<S>> & Pick<CollectJob<S>, 'pages' | 'credentials'>): { job: CollectJob<S>; results: PageResult[]; saved: S[]; units: { n: number } } {
  const results: PageResult[] = [];
  const saved: S[] = [];
  const units = { n: 0 };
  return {
    results,
    saved,
    units,
    job: {
      window: { month: '2026-10', since: '2026-10-01', until: '2026-11-01' },
      baselines: new Map(),
      http: http(),
      concurrency: 4,
      report: (r) => results.push(r),
      saveSecret: (_, s) => saved.push(s),
      spend: (n) => (units.n += n),
      signal: new AbortController().signal,
      ...overrides,
    },
  };
}

describe('Facebook connector', () => {
  it('keeps the other insights metric when one is deprecated, and counts posts over every page of published_posts', async () => {
    const standIn = await startFacebookStandIn({ deprecatedMetrics: ['page_media_view'] });
    closers.push(standIn.close);
    const { job: j, results } = job({ pages: [{ pageId: 1, platformId: 'fb-page-1', url: 'https://www.facebook.com/x' }], credentials: [{ id: 1, platform: 'facebook', kind: 'system_user_token', pageId: null, secret: { accessToken: DEMO_FACEBOOK_TOKEN } }] });
    await facebookConnector(`${standIn.url}/v23.0`).collect(j);
    const result = results[0]!;
    expect(result.outcome).toBe('collected');
    if (result.outcome !== 'collected') return;
    expect(result.figures.interactions).toBeGreaterThan(0);
    expect(result.figures.views).toBeNull();
    expect(result.figures.skipped).toEqual([{ metric: 'views', reason: 'metric_deprecated', message: { key: 'connector_platform_answer', params: { text: expect.stringMatching(/page_media_view: \(#100\) The value must be a valid insights metric/) } } }]);
    // The same count when published_posts is read 5 posts a page, following paging.next.
    expect(result.figures.posts).toBeGreaterThan(5);
    const paged = job({ pages: j.pages, credentials: j.credentials });
    const before = standIn.stats.requests;
    await facebookConnector(`${standIn.url}/v23.0`, { postsPageSize: 5 }).collect(paged.job);
    expect(paged.results[0]).toMatchObject({ outcome: 'collected', figures: { posts: result.figures.posts } });
    expect(standIn.stats.requests - before).toBeGreaterThan(Math.ceil(result.figures.posts! / 5));
  });
});

describe('YouTube connector', () => {
  it('asks for 50 channels a call, counts the quota, and stops when the daily quota is spent', async () => {
    const standIn = await startYoutubeStandIn({ dailyUnits: 2, month: () => '2026-11', missingChannels: ['UC-gone'] });
    closers.push(standIn.close);
    const pages = Array.from({ length: 120 }, (_, i) => ({ pageId: i + 1, platformId: i === 0 ? 'UC-gone' : `UC-${i}`, url: 'https://www.youtube.com/@x' }));
    const { job: j, results, units } = job({ pages, credentials: [{ id: 1, platform: 'youtube', kind: 'api_key', pageId: null, secret: { apiKey: DEMO_YOUTUBE_KEY } }], concurrency: 1, baselines: new Map([[2, { totalPosts: 1, totalViews: 1 }]]) });
    await youtubeConnector(`${standIn.url}/youtube/v3`).collect(j);
    expect(results).toHaveLength(120);
    expect(results.find((r) => r.pageId === 1)).toMatchObject({ outcome: 'failed', reason: 'page_not_found' });
    const withBaseline = results.find((r) => r.pageId === 2)!;
    expect(withBaseline.outcome === 'collected' && withBaseline.figures.posts).toBeGreaterThan(0);
    expect(results.filter((r) => r.outcome === 'collected')).toHaveLength(99);
    expect(results.filter((r) => r.outcome === 'failed' && r.reason === 'quota_exceeded')).toHaveLength(20);
    expect(units.n).toBe(3);
    expect(standIn.unitsUsed()).toBe(2);
  });
});

describe('Zalo connector', () => {
  it('refreshes an expired access token once and stores the new pair; a refused refresh is token_expired', async () => {
    const ok = demoZaloTokens('oa-1');
    const revoked = demoZaloTokens('oa-2');
    const standIn = await startZaloStandIn({ expiredTokens: [ok.accessToken, revoked.accessToken], revokedRefreshTokens: [revoked.refreshToken] });
    closers.push(standIn.close);
    const secret = (tokens: typeof ok) => ({ appId: DEMO_ZALO_APP_ID, secretKey: DEMO_ZALO_SECRET, ...tokens });
    const { job: j, results, saved } = job({
      pages: [
        { pageId: 1, platformId: 'oa-1', url: 'https://zalo.me/oa-1' },
        { pageId: 2, platformId: 'oa-2', url: 'https://zalo.me/oa-2' },
        { pageId: 3, platformId: 'oa-3', url: 'https://zalo.me/oa-3' },
      ],
      credentials: [
        { id: 1, platform: 'zalo', kind: 'oa_token', pageId: 1, secret: secret(ok) },
        { id: 2, platform: 'zalo', kind: 'oa_token', pageId: 2, secret: secret(revoked) },
      ],
    });
    await zaloConnector(standIn.url, standIn.url).collect(j);
    const byPage = new Map(results.map((r) => [r.pageId, r]));
    expect(byPage.get(1)).toMatchObject({ outcome: 'collected' });
    expect(byPage.get(2)).toMatchObject({ outcome: 'failed', reason: 'token_expired', message: { key: 'connector_zalo_refresh_refused', params: { text: expect.stringMatching(/refresh token is invalid/) } } });
    expect(byPage.get(3)).toMatchObject({ outcome: 'skipped', reason: 'no_credential' });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ appId: DEMO_ZALO_APP_ID, accessToken: expect.stringMatching(/^zl-standin-issued-/) });
    expect(standIn.refreshes()).toBe(1);
  });
});
