/**
 * Connectors: one collection over 11,000 pages (90% Facebook, 5% YouTube, 3% Zalo with one OA
 * token each, 2% TikTok) against the stand-ins in their own process, first under the stand-ins'
 * simulated rate limits (the bar: our code should run at the limit), then without limits (our
 * own speed). Prints pages/s, requests/s against the limit, failures and the longest event-loop
 * stall during each run.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { configureConnectors, defaultSettings } from '../src/connectors/runtime';
import { insertCredential } from '../src/connectors/store';
import { DEMO_FACEBOOK_TOKEN, DEMO_YOUTUBE_KEY, DEMO_ZALO_APP_ID, DEMO_ZALO_SECRET, demoZaloTokens } from '../src/connectors/stand-ins';
import { openDatabase } from '../src/db/connection';
import { makeTempDir } from '../src/test/temp-db';

const PAGES = 11_000;
const MIX = [
  ['facebook', 0.9],
  ['youtube', 0.05],
  ['zalo', 0.03],
  ['tiktok', 0.02],
] as const;
const LIMITS = { facebook: 300, youtube: 10, zalo: 50 };

interface StandInStats {
  requests: number;
  rateLimited: number;
  dropped: number;
}

async function startStandInProcess(options: unknown) {
  const child = fork(fileURLToPath(new URL('./connectors-stand-ins.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(options as never);
  const { urls } = await new Promise<{ urls: { facebook: string; youtube: string; zalo: string; zaloOauth: string } }>((resolve) => child.once('message', resolve as never));
  return {
    urls,
    stats: () =>
      new Promise<Record<'facebook' | 'youtube' | 'zalo', StandInStats>>((resolve) => {
        child.once('message', (m: { stats: Record<'facebook' | 'youtube' | 'zalo', StandInStats> }) => resolve(m.stats));
        child.send('stats');
      }),
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.send('stop');
    }),
  };
}

async function main() {
  const temp = makeTempDir('mttq-bench-connectors-');
  const db = openDatabase(temp.path());
  const key = randomBytes(32);
  const insert = db.prepare("INSERT INTO pages (id, platform, url, platform_id, name, owner, launched_on) VALUES (?, ?, ?, ?, ?, 'front', '2024-01-01')");
  db.transaction(() => {
    let id = 0;
    for (const [platform, share] of MIX) {
      const n = Math.round(PAGES * share);
      for (let i = 1; i <= n; i += 1) {
        id += 1;
        const platformId = `bench-${platform}-${i}`;
        insert.run(id, platform, `https://example.org/${platformId}`, platformId, `Bench page ${id}`);
      }
    }
  })();
  const pageCount = (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
  insertCredential(db, key, { platform: 'facebook', kind: 'system_user_token', label: 'bench', pageId: null, secret: { accessToken: DEMO_FACEBOOK_TOKEN }, createdBy: 'bench' });
  insertCredential(db, key, { platform: 'youtube', kind: 'api_key', label: 'bench', pageId: null, secret: { apiKey: DEMO_YOUTUBE_KEY }, createdBy: 'bench' });
  const zaloPages = db.prepare("SELECT id, platform_id FROM pages WHERE platform = 'zalo'").all() as { id: number; platform_id: string }[];
  for (const page of zaloPages) {
    insertCredential(db, key, { platform: 'zalo', kind: 'oa_token', label: 'bench', pageId: page.id, secret: { appId: DEMO_ZALO_APP_ID, secretKey: DEMO_ZALO_SECRET, ...demoZaloTokens(page.platform_id) }, createdBy: 'bench' });
  }
  console.log(`Connectors: one collection over ${pageCount.toLocaleString('en')} pages against the stand-ins (their own process)`);

  const runOnce = async (label: string, limits: typeof LIMITS | null) => {
    const standIns = await startStandInProcess({
      facebook: { callsPerSecond: limits?.facebook ?? 0 },
      youtube: { callsPerSecond: limits?.youtube ?? 0, dailyUnits: 1_000_000 },
      zalo: { callsPerSecond: limits?.zalo ?? 0 },
    });
    db.exec('DELETE FROM collected_metrics; DELETE FROM connector_run_pages; DELETE FROM connector_runs;');
    const runtime = configureConnectors(db, defaultSettings({ key, urls: standIns.urls, retry: { attempts: 12, baseDelayMs: 100, maxDelayMs: 2_000 } }));
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const run = runtime.start({ trigger: 'manual', startedBy: 'bench' });
    await runtime.settle();
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    const done = db.prepare('SELECT * FROM connector_runs WHERE id = ?').get(run.id) as { collected: number; skipped: number; failed: number; total: number; detail_json: string };
    const detail = JSON.parse(done.detail_json) as { platforms: Record<string, { total: number; collected: number; failed: number }> };
    const stats = await standIns.stats();
    await standIns.stop();
    const fbPages = detail.platforms.facebook!.total;
    // Calls the platform accepted (rate-limited answers are retried and counted apart).
    const accepted = stats.facebook.requests - stats.facebook.rateLimited;
    const fbCallsPerPage = accepted / fbPages;
    console.log(`\n${label}`);
    console.log(`  ${done.total} pages in ${seconds.toFixed(1)} s: ${Math.round(done.total / seconds)} pages/s (collected ${done.collected}, skipped ${done.skipped}, failed ${done.failed})`);
    console.log(
      `  Facebook: ${accepted} requests answered (${fbCallsPerPage.toFixed(2)} per page), ${Math.round(accepted / seconds)} requests/s` +
        (limits
          ? ` against a limit of ${limits.facebook}/s (${Math.round((100 * accepted) / seconds / limits.facebook)}% of it); bar ${Math.round(limits.facebook / fbCallsPerPage)} pages/s, reached ${Math.round(fbPages / seconds)} pages/s; ${stats.facebook.rateLimited} more answered "too many calls" and were retried`
          : `, ${Math.round(fbPages / seconds)} Facebook pages/s`),
    );
    console.log(`  YouTube: ${stats.youtube.requests} requests for ${detail.platforms.youtube!.total} channels (50 per call)${limits ? `, limit ${limits.youtube}/s` : ''}; Zalo: ${stats.zalo.requests} requests for ${detail.platforms.zalo!.total} OAs${limits ? `, limit ${limits.zalo}/s, ${stats.zalo.rateLimited} limited` : ''}`);
    console.log(`  event loop: longest stall ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms (results written ${250} per transaction)`);
    return { seconds, pagesPerSecond: done.total / seconds };
  };

  const limited = await runOnce(`With the stand-ins' simulated limits (Facebook ${LIMITS.facebook} calls/s, YouTube ${LIMITS.youtube}/s, Zalo ${LIMITS.zalo}/s)`, LIMITS);
  const free = await runOnce('Without limits (our own speed; stand-ins in another process on the same 2 cores)', null);
  console.log(`\nWithout limits the run is ${(free.pagesPerSecond / limited.pagesPerSecond).toFixed(1)}× faster: under limits the platform, not our code, is the bottleneck.`);
  db.close();
  temp.cleanup();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
