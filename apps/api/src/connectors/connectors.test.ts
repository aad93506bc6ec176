/**
 * Connectors against the local stand-ins: a private copy of the demo database, the real app and
 * real HTTP to the stand-ins on loopback ports.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/connection';
import { signInAs, jsonRequest, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';
import { decryptSecret, encryptSecret, parseConnectorKey } from './crypto';
import { configureConnectors, defaultSettings, type ConnectorRuntime } from './runtime';
import { describePlatformUrlProblem } from './settings';
import { DEMO_YOUTUBE_KEY, startStandIns, type StandIns } from './stand-ins';
import { DEMO_ZALO_APP_ID, DEMO_ZALO_SECRET, demoZaloTokens } from './stand-ins/zalo';

const TODAY = '2026-11-27';
const MONTH = '2026-10';
const SYSTEM_TOKEN = 'fb-test-system-user-token-0123456789';
const EXPIRED_PAGE_TOKEN = 'fb-test-expired-page-token-9876543210';

describe('connector settings', () => {
  it('reads CONNECTOR_KEY as 64 hex digits or base64 of 32 bytes, and never repeats a wrong one', () => {
    const bytes = randomBytes(32);
    expect(parseConnectorKey(bytes.toString('hex')).key?.equals(bytes)).toBe(true);
    expect(parseConnectorKey(bytes.toString('base64')).key?.equals(bytes)).toBe(true);
    expect(parseConnectorKey('').key).toBeNull();
    const wrong = 'not-a-key-but-a-secret-value';
    expect(() => loadConfig({ CONNECTOR_KEY: wrong })).toThrow(/Invalid CONNECTOR_KEY: must be 32 random bytes/);
    try {
      loadConfig({ CONNECTOR_KEY: wrong });
    } catch (error) {
      expect(String(error)).not.toContain(wrong);
    }
    const config = loadConfig({ CONNECTOR_KEY: bytes.toString('base64'), COLLECT_DAY: 'off', ZALO_API_URL: 'http://127.0.0.1:4102' });
    expect(config.collectDay).toBeNull();
    expect(config.platformUrls.zaloOauth).toBe('http://127.0.0.1:4102');
    expect(loadConfig({}).collectDay).toBe(1);
    expect(() => loadConfig({ COLLECT_DAY: '31' })).toThrow(/COLLECT_DAY/);
  });

  it('points connectors at https, or at plain http on loopback addresses only', () => {
    expect(describePlatformUrlProblem('https://graph.facebook.com/v23.0')).toBeNull();
    expect(describePlatformUrlProblem('http://127.0.0.1:4100/v23.0')).toBeNull();
    expect(describePlatformUrlProblem('http://[::1]:4100')).toBeNull();
    expect(describePlatformUrlProblem('http://10.0.0.5:4100')).toMatch(/loopback/);
    expect(() => loadConfig({ FACEBOOK_API_URL: 'http://example.org/v23.0' })).toThrow(/FACEBOOK_API_URL/);
  });

  it('encrypts with AES-256-GCM: another key or another row cannot read a secret', () => {
    const key = randomBytes(32);
    const stored = encryptSecret(key, 'row:1', { accessToken: 'abc' });
    expect(decryptSecret(key, 'row:1', stored)).toEqual({ accessToken: 'abc' });
    expect(() => decryptSecret(randomBytes(32), 'row:1', stored)).toThrow(/cannot be read/);
    expect(() => decryptSecret(key, 'row:2', stored)).toThrow(/cannot be read/);
  });
});

describe('connectors against the stand-ins', () => {
  const temp = makeTempDir('mttq-connectors-');
  const dbPath = join(temp.dir, 'demo.db');
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let standIns: StandIns;
  let runtime: ConnectorRuntime;
  let admin: TestSession;
  let central: TestSession;
  let viewer: TestSession;
  // Facebook pages with a part to play, by platform id
  const fb: Record<'missing' | 'small' | 'limited' | 'dropped' | 'expired' | 'plain', { id: number; platformId: string }> = {} as never;
  let zaloPage: { id: number; platformId: string };
  let zaloCredentialId: number;
  let livePages: { facebook: number; youtube: number; zalo: number; tiktok: number };

  const call = (path: string, init: RequestInit = {}) => app.request(`/api/v1${path}`, init);
  const get = async (path: string, session: TestSession) => {
    const response = await call(path, { headers: session.headers });
    return { status: response.status, body: (await response.json()) as any };
  };
  const post = async (path: string, body: unknown, session: TestSession) => {
    const response = await call(path, jsonRequest('POST', body, session));
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as any) };
  };
  /** Starts "collect now" as central staff and polls until the run ends; answers the run and the progress seen. */
  const collect = async () => {
    const started = await post('/connectors/runs', {}, central);
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');
    const seen: number[] = [];
    for (;;) {
      const { body: run } = await get(`/connectors/runs/${started.body.id}`, central);
      seen.push(run.done);
      if (run.status !== 'running') return { run, seen };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const figures = () =>
    JSON.stringify([
      db.prepare('SELECT page_id, month, followers, posts, interactions, views, total_posts, total_views, skipped_json, collected_at, run_id FROM collected_metrics ORDER BY page_id, month').all(),
      db.prepare("SELECT page_id, month, followers, posts, interactions, views, source FROM metric_snapshots WHERE month = ? ORDER BY page_id").all(MONTH),
    ]);

  beforeAll(async () => {
    copyFileSync(inject('demoDbPath'), dbPath);
    db = openDatabase(dbPath);
    app = createApp({ db, services: { today: () => TODAY } });
    const live = db
      .prepare(
        `SELECT p.id, p.platform, p.platform_id FROM pages p WHERE p.launched_on <= '2026-10-31'
         AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected')) ORDER BY p.id`,
      )
      .all() as { id: number; platform: string; platform_id: string }[];
    const facebook = live.filter((p) => p.platform === 'facebook');
    const pick = (i: number) => ({ id: facebook[i]!.id, platformId: facebook[i]!.platform_id });
    Object.assign(fb, { missing: pick(3), small: pick(5), limited: pick(7), dropped: pick(11), expired: pick(13), plain: pick(17) });
    const zalo = live.find((p) => p.platform === 'zalo')!;
    zaloPage = { id: zalo.id, platformId: zalo.platform_id };
    standIns = await startStandIns({
      facebook: {
        tokens: { [SYSTEM_TOKEN]: { pages: 'all', except: [fb.expired.platformId] }, [EXPIRED_PAGE_TOKEN]: { pages: [fb.expired.platformId], expired: true } },
        missingPages: [fb.missing.platformId],
        smallPages: [fb.small.platformId],
        rateLimitFirst: { [fb.limited.platformId]: 2 },
        dropPages: [fb.dropped.platformId],
      },
      zalo: { expiredTokens: [demoZaloTokens(zaloPage.platformId).accessToken] },
      youtube: { month: () => '2026-11' },
    });
    runtime = configureConnectors(
      db,
      defaultSettings({ key: randomBytes(32), urls: standIns.urls, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, today: () => TODAY, batchSize: 200 }),
    );
    admin = await signInAs(db, 'admin');
    central = await signInAs(db, 'central');
    viewer = await signInAs(db, 'viewer');
  });

  afterAll(async () => {
    await runtime?.stop();
    await standIns?.close();
    db?.close();
    temp.cleanup();
  });

  it('admins add credentials (stored encrypted: the raw database file holds no token in clear text) and check the connection', async () => {
    expect((await post('/connectors/credentials', { platform: 'youtube', kind: 'api_key', label: 'x', apiKey: DEMO_YOUTUBE_KEY }, central)).status).toBe(403);
    expect((await get('/connectors', viewer)).status).toBe(403);
    const added = [
      await post('/connectors/credentials', { platform: 'facebook', kind: 'system_user_token', label: 'Business MTTQ', accessToken: SYSTEM_TOKEN }, admin),
      await post('/connectors/credentials', { platform: 'facebook', kind: 'page_token', label: 'Expired page token', pageId: fb.expired.id, accessToken: EXPIRED_PAGE_TOKEN }, admin),
      await post('/connectors/credentials', { platform: 'youtube', kind: 'api_key', label: 'Google Cloud project', apiKey: DEMO_YOUTUBE_KEY }, admin),
      await post(
        '/connectors/credentials',
        { platform: 'zalo', kind: 'oa_token', label: 'OA demo', pageId: zaloPage.id, appId: DEMO_ZALO_APP_ID, secretKey: DEMO_ZALO_SECRET, ...demoZaloTokens(zaloPage.platformId) },
        admin,
      ),
    ];
    expect(added.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    zaloCredentialId = added[3]!.body.id;
    // A Page token for a page of another platform is refused, naming the field.
    const wrong = await post('/connectors/credentials', { platform: 'facebook', kind: 'page_token', label: 'x', pageId: zaloPage.id, accessToken: 'abcdefghijk' }, admin);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('pageId');

    const status = await get('/connectors', admin);
    expect(status.body.enabled).toBe(true);
    expect(status.body.credentials).toHaveLength(4);
    const answered = JSON.stringify(status.body);
    const secrets = [SYSTEM_TOKEN, EXPIRED_PAGE_TOKEN, DEMO_YOUTUBE_KEY, DEMO_ZALO_SECRET, ...Object.values(demoZaloTokens(zaloPage.platformId))];
    for (const secret of secrets) expect(answered).not.toContain(secret);
    expect((await get('/connectors', central)).body.credentials).toEqual([]);

    db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(dbPath);
    for (const secret of secrets) expect(raw.includes(Buffer.from(secret))).toBe(false);
    const audit = JSON.stringify(db.prepare("SELECT * FROM audit_log WHERE entity = 'connector_credential'").all());
    for (const secret of secrets) expect(audit).not.toContain(secret);

    const good = await post(`/connectors/credentials/${added[0]!.body.id}/check`, undefined, admin);
    expect(good.body).toMatchObject({ ok: true });
    const expired = await post(`/connectors/credentials/${added[1]!.body.id}/check`, undefined, admin);
    expect(expired.body.ok).toBe(false);
    expect(expired.body.message).toMatch(/Session has expired.*code 190/);
    expect(expired.body.message).not.toContain(EXPIRED_PAGE_TOKEN);
  });

  it('a full monthly run fills the month with its provenance; expired token, unknown page, rate limit, small pages and a dropped connection end as described, with nothing lost', { timeout: 240_000 }, async () => {
    // Figures an earlier run collected for the pages that will fail: they must stay.
    const earlier = db.prepare(
      "INSERT INTO collected_metrics (page_id, month, platform, followers, posts, interactions, views, collected_at, run_id) VALUES (?, ?, 'facebook', 4242, 7, 99, 1000, '2026-11-01T02:00:00.000Z', NULL)",
    );
    for (const page of [fb.missing, fb.dropped, fb.expired]) earlier.run(page.id, MONTH);
    const reportedBefore = JSON.stringify(db.prepare("SELECT * FROM metric_snapshots WHERE month = ? AND source <> 'connector' ORDER BY page_id").all(MONTH));

    const { run, seen } = await collect();
    expect(run.status).toBe('finished');
    expect(run.month).toBe(MONTH);
    const counted = db
      .prepare("SELECT platform, count(*) AS n FROM connector_run_pages WHERE run_id = ? GROUP BY platform")
      .all(run.id) as { platform: keyof typeof livePages; n: number }[];
    livePages = { facebook: 0, youtube: 0, zalo: 0, tiktok: 0, ...Object.fromEntries(counted.map((c) => [c.platform, c.n])) };
    expect(run.total).toBe(livePages.facebook + livePages.youtube + livePages.zalo + livePages.tiktok);
    expect(run.done).toBe(run.total);
    expect(livePages.facebook).toBeGreaterThan(1000);
    expect(seen.at(-1)).toBe(run.total);
    expect(run.failed).toBe(3);
    expect(run.collected).toBe(livePages.facebook - 3 + livePages.youtube + 1);
    expect(run.quota.youtubeUnits).toBe(Math.ceil(livePages.youtube / 50));

    const outcome = (pageId: number) => db.prepare('SELECT outcome, reason, message, attempts FROM connector_run_pages WHERE run_id = ? AND page_id = ?').get(run.id, pageId) as any;
    expect(outcome(fb.missing.id)).toMatchObject({ outcome: 'failed', reason: 'page_not_found' });
    expect(JSON.parse(outcome(fb.missing.id).message)).toEqual({ key: 'connector_platform_answer', params: { text: expect.stringMatching(/does not exist.*code 100, subcode 33/) } });
    expect(outcome(fb.expired.id)).toMatchObject({ outcome: 'failed', reason: 'token_expired' });
    expect(JSON.parse(outcome(fb.expired.id).message).params.text).toMatch(/Session has expired/);
    // Answered in the reader's language: the platform's own words, said to be theirs.
    const failedPages = (await get(`/connectors/runs/${run.id}/pages?outcome=failed&limit=10`, central)).body.items;
    expect(failedPages.find((p: { pageId: number }) => p.pageId === fb.expired.id).message).toMatch(/^Nền tảng trả lời: .*Session has expired/);
    expect(outcome(fb.dropped.id)).toMatchObject({ outcome: 'failed', reason: 'network', attempts: 3 });
    expect(outcome(fb.limited.id)).toMatchObject({ outcome: 'collected', reason: null });
    expect(outcome(fb.limited.id).attempts).toBeGreaterThanOrEqual(3);
    const page = (pageId: number) => db.prepare('SELECT * FROM collected_metrics WHERE page_id = ? AND month = ?').get(pageId, MONTH) as any;
    // Nothing lost: the failed pages keep what was collected before.
    for (const p of [fb.missing, fb.dropped, fb.expired]) expect(page(p.id)).toMatchObject({ followers: 4242, posts: 7, run_id: null });
    expect(JSON.stringify(db.prepare("SELECT * FROM metric_snapshots WHERE month = ? AND source <> 'connector' ORDER BY page_id").all(MONTH))).toBe(reportedBefore);
    // Under 100 likes: followers and posts, no insights, with the reason.
    expect(page(fb.small.id)).toMatchObject({ interactions: null, views: null, run_id: run.id });
    expect(page(fb.small.id).followers).toBeGreaterThan(0);
    expect(JSON.parse(page(fb.small.id).skipped_json)).toEqual([
      expect.objectContaining({ metric: 'interactions', reason: 'insights_unavailable', message: { key: 'connector_fb_insights_min_likes', params: expect.objectContaining({ min: 100 }) } }),
      expect.objectContaining({ metric: 'views', reason: 'insights_unavailable' }),
    ]);
    expect(page(fb.plain.id)).toMatchObject({ platform: 'facebook', run_id: run.id, skipped_json: '[]' });
    expect(page(fb.plain.id).interactions).toBeGreaterThan(0);
    // Zalo: the expired access token was refreshed once and the new pair stored encrypted.
    expect(page(zaloPage.id)).toMatchObject({ platform: 'zalo', posts: null });
    expect(standIns.zalo.refreshes()).toBe(1);
    const stored = db.prepare('SELECT secret FROM connector_credentials WHERE id = ?').get(zaloCredentialId) as { secret: Buffer };
    expect(stored.secret.includes(Buffer.from('zl-standin-issued'))).toBe(false);
    const skipped = db.prepare("SELECT reason, count(*) AS n FROM connector_run_pages WHERE run_id = ? AND outcome = 'skipped' GROUP BY reason ORDER BY reason").all(run.id);
    expect(skipped).toEqual([
      ...(livePages.zalo > 1 ? [{ reason: 'no_credential', n: livePages.zalo - 1 }] : []),
      ...(livePages.tiktok > 0 ? [{ reason: 'not_supported', n: livePages.tiktok }] : []),
    ]);
    // YouTube: lifetime counts only, so no month's posts before a baseline.
    const youtube = db.prepare("SELECT * FROM collected_metrics WHERE platform = 'youtube' AND month = ? LIMIT 1").get(MONTH) as any;
    expect(youtube).toMatchObject({ posts: null, views: null });
    expect(youtube.total_posts).toBeGreaterThan(0);

    // Provenance on the page's details: the collected figure is shown beside the reported one.
    const detail = await get(`/pages/${fb.plain.id}`, central);
    const october = detail.body.monthlySources.find((m: any) => m.month === MONTH);
    expect(october.shown).toBe('collected');
    expect(october.collected).toMatchObject({ platform: 'facebook', runId: run.id, followers: page(fb.plain.id).followers });
    if (october.reported) expect(october.difference.followers).toBe(october.collected.followers - october.reported.followers);
    // Run history and per-page results, failures first.
    const pages = await get(`/connectors/runs/${run.id}/pages?outcome=failed`, central);
    expect(pages.body.total).toBe(3);
    expect(pages.body.items.map((i: any) => i.reason).sort()).toEqual(['network', 'page_not_found', 'token_expired']);
    expect((await get('/connectors', central)).body.runs[0]).toMatchObject({ id: run.id, status: 'finished' });
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'connector_run' AND entity_id = ?").get(String(run.id))).toEqual({ n: 1 });
  });

  it('the active rule reads collected posts: a month nobody reported gets the collected figures as source connector', async () => {
    const mirrored = db.prepare("SELECT count(*) AS n FROM metric_snapshots WHERE month = ? AND source = 'connector'").get(MONTH) as { n: number };
    const unreported = db
      .prepare(
        `SELECT count(*) AS n FROM collected_metrics c WHERE c.month = ? AND c.followers IS NOT NULL AND c.posts IS NOT NULL AND c.interactions IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM metric_snapshots m WHERE m.page_id = c.page_id AND m.month = c.month AND m.source <> 'connector')`,
      )
      .get(MONTH) as { n: number };
    expect(mirrored.n).toBe(unreported.n);
  });

  it('a rerun (the monthly schedule) changes nothing, and the schedule runs once a month', { timeout: 240_000 }, async () => {
    const before = figures();
    runtime.settings = { ...runtime.settings, collectDay: 1 };
    const run = runtime.tick();
    expect(run).toMatchObject({ trigger: 'schedule', month: MONTH });
    expect(() => runtime.start({ trigger: 'manual', startedBy: 'x' })).toThrow(/still collecting/);
    await runtime.settle();
    expect(figures()).toBe(before);
    expect((await get(`/connectors/runs/${run!.id}`, central)).body.message).toMatch(/; 0 số liệu tháng mới hoặc thay đổi/);
    const english = await call(`/connectors/runs/${run!.id}`, { headers: { ...central.headers, 'accept-language': 'en' } });
    expect(((await english.json()) as any).message).toMatch(/; 0 monthly figures new or changed/);
    expect(runtime.tick()).toBeNull();
  });

  it('a platform outage loses nothing: every page fails with the network error and the previous figures stay', { timeout: 240_000 }, async () => {
    const before = figures();
    await standIns.facebook.close();
    const { run } = await collect();
    expect(run.status).toBe('finished');
    const facebook = run.platforms.find((p: any) => p.platform === 'facebook');
    expect(facebook).toMatchObject({ total: livePages.facebook, failed: livePages.facebook, collected: 0 });
    const reasons = db.prepare("SELECT DISTINCT reason FROM connector_run_pages WHERE run_id = ? AND platform = 'facebook'").all(run.id);
    expect(reasons).toEqual([{ reason: 'network' }]);
    expect(figures()).toBe(before);
  });

  it('without CONNECTOR_KEY collection is off and says why', async () => {
    runtime.settings = { ...runtime.settings, key: null };
    const status = await get('/connectors', central);
    expect(status.body).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^Chức năng tự động lấy số liệu đang tắt: máy chủ chưa có CONNECTOR_KEY/) });
    const english = await call('/connectors', { headers: { ...central.headers, 'accept-language': 'en' } });
    expect(((await english.json()) as any).disabledReason).toMatch(/^Automatic collection is off: the server has no CONNECTOR_KEY/);
    const refused = await post('/connectors/runs', {}, central);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('connectors_off');
  });
});
