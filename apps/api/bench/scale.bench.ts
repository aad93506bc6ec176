/**
 * `npm run bench` (national scale): what the overview, rankings and search cost as the data grows,
 * at the demo's size (1x, five years) and at ten times its pages with ten years of history
 * (DEMO_SCALE=10, DEMO_YEARS=10), on this machine.
 *
 * 0. Cold: the first national commune coverage of a server that has just started, and when its
 *    figure worker has loaded the page histories (/api/health says figures "ready"). No bar.
 * 1. Uncached reads: the real server in its own process, its figure worker loaded; before each timed GET a province officer
 *    stores a July 2022 figure of a page counted in both schemes over HTTP, which moves every figure
 *    read here, so each GET is what the first reader after such a write meets; p50 and p95 of RUNS.
 *    The very first read of each path, which also pays for its code's first run, is printed beside
 *    them. Baseline in the same run: GET /api/health after a write the same way (it reads the
 *    database too). Then the 2022 conference coverage after a write of this month's figures,
 *    which cannot move it: the server keeps it (engine/figure-reach.ts); ratio against the same
 *    read after a July 2022 write, and beside it the same read repeated with no write (the cost of
 *    the answer's bytes alone).
 * 2. Overview reads under writes: the real server in its own process; autocannon loads the
 *    overview's calls, asked as the web app asks them (gzip, FIGURE_READ_HEADERS), with no writes,
 *    then again while one province officer stores one monthly figure per second over HTTP.
 *    Ratio = throughput with writes / without (bar ≥ 0.5), p99 < 100 ms.
 *
 * Bars are the issue's, at 10x with 10 years; the 1x figures are printed beside them.
 */
import { FIGURE_READ_HEADERS } from '@mttq/core';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { openDatabase } from '../src/db/connection';
import { maybeCreateDemoAccounts } from '../src/demo/demo-accounts';
import { seedDemoData } from '../src/demo/generate-demo';
import { makeTempDir } from '../src/test/temp-db';
import { maybeLoadRegistries } from '../src/units/load-registries';
import { figureWriter, startServer, stopServer } from './server-process';

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  headers?: Record<string, string>;
  requests?: Array<{ path: string }>;
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const TODAY = '2026-11-27';
const RUNS = 20;
const LOAD_SECONDS = 8;
const LOAD_CONNECTIONS = 10;

const SIZES = [
  { label: '1x, 5 years', scale: 1, years: 5 },
  { label: '10x, 10 years', scale: 10, years: 10 },
] as const;

/** The uncached reads with their bars (ms, p95) at 10x. */
const READS = [
  { label: 'national commune coverage', path: '/api/v1/coverage?scheme=reform34&level=commune', bar: 50 },
  { label: '60-month commune timeline', path: '/api/v1/coverage/timeline?scheme=legacy63&level=commune&from=2020-07-31&to=2025-06-30', bar: 100 },
  { label: 'metrics summary, national', path: '/api/v1/metrics/summary?scheme=reform34', bar: 100 },
  { label: 'rankings, follower growth', path: '/api/v1/rankings?scheme=reform34&metric=followerGrowth', bar: 100 },
  { label: 'page search "ha giang"', path: '/api/v1/pages?q=ha%20giang', bar: 100 },
] as const;

/** The 12 Aug 2022 "63/63" figures: a write of this month's figures cannot move them. */
const CONFERENCE = '/api/v1/coverage?scheme=legacy63&level=commune&asOf=2022-08-12';

/** What the overview asks for when it opens (reform34, today). */
const OVERVIEW = [
  '/api/v1/coverage?scheme=reform34&level=province',
  '/api/v1/coverage/timeline?scheme=reform34&level=commune&interval=month',
  '/api/v1/rankings?scheme=reform34&metric=coverage',
  '/api/v1/rankings?scheme=reform34&metric=followerGrowth',
  '/api/v1/metrics/summary?scheme=reform34',
];

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : 'BELOW BAR');

async function seed(path: string, scale: number, years: number) {
  const started = performance.now();
  const db = openDatabase(path);
  maybeLoadRegistries(db);
  const summary = seedDemoData(db, { today: TODAY, scale, years });
  await maybeCreateDemoAccounts(db, 'demo');
  db.pragma('optimize');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { summary, seconds: (performance.now() - started) / 1000 };
}

/** p50 and p95 of RUNS GETs of `path`, each right after `write`. */
async function afterWrites(url: string, path: string, write: () => Promise<number>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const status = await write();
    if (status !== 200 && status !== 201) throw new Error(`the write before ${path} answered ${status}`);
    const started = performance.now();
    const response = await fetch(url + path, { headers: { 'accept-encoding': 'gzip' } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Overview reads for LOAD_SECONDS, with one write per second when `writer` is given. */
async function overviewLoad(url: string, writer: null | (() => Promise<number>)) {
  let writes = 0;
  let failedWrites = 0;
  let stop = false;
  const writing = (async () => {
    while (writer && !stop) {
      const started = performance.now();
      const status = await writer();
      writes += 1;
      if (status !== 200 && status !== 201) failedWrites += 1;
      await new Promise((done) => setTimeout(done, Math.max(0, 1000 - (performance.now() - started))));
    }
  })();
  // Asked as the web app's overview asks: gzip, and a figure kept from before the latest write is
  // welcome while the fresh one is computed (Cache-Control: max-stale, engine/figure-engine.ts).
  const result = await autocannon({
    url,
    connections: LOAD_CONNECTIONS,
    duration: LOAD_SECONDS,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip', ...FIGURE_READ_HEADERS },
    requests: OVERVIEW.map((path) => ({ path })),
  });
  stop = true;
  await writing;
  return { result, writes, failedWrites };
}

async function measureSize(size: (typeof SIZES)[number], temp: ReturnType<typeof makeTempDir>) {
  const dbPath = temp.path(`scale-${size.scale}-${size.years}.db`);
  const seeded = await seed(dbPath, size.scale, size.years);
  console.log(`\n${size.label}: ${seeded.summary.pages.toLocaleString('en-US')} pages, ${seeded.summary.metricSnapshots.toLocaleString('en-US')} monthly figures (seeded in ${seeded.seconds.toFixed(0)} s)`);

  let child: ChildProcess | undefined;
  try {
    const server = await startServer(dbPath, { PUBLIC_READ: '1', LOG_LEVEL: 'silent' });
    child = server.child;
    // Cold: the first overview figure of a server that has just started, while its figure worker
    // loads the page histories; then how long that load took in all.
    const coldStarted = performance.now();
    const cold = await fetch(server.url + READS[0].path, { headers: { 'accept-encoding': 'gzip' } });
    await cold.arrayBuffer();
    const coldMs = performance.now() - coldStarted;
    while ((((await (await fetch(`${server.url}/api/health`)).json()) as { figures: string }).figures) !== 'ready') await new Promise((done) => setTimeout(done, 50));
    console.log(`  cold, right after start-up: ${READS[0].label} ${ms(coldMs)}; figure worker loaded after ${ms(performance.now() - coldStarted)}`);
    const write = await figureWriter(server.url, dbPath);

    const first = async (path: string) => {
      const started = performance.now();
      await (await fetch(server.url + path, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
      return performance.now() - started;
    };
    await first('/api/health');
    const baseline = await afterWrites(server.url, '/api/health', write);
    console.log(`  baseline: GET /api/health after a write        p50 ${ms(baseline.p50).padStart(8)}  p95 ${ms(baseline.p95).padStart(8)}`);
    for (const read of READS) {
      // The first read of each path also pays for its code's first run (compiling, first reads
      // from disk): printed apart, so the runs after writes measure the cost of the answer.
      const once = await first(read.path);
      const { p50, p95 } = await afterWrites(server.url, read.path, write);
      const atBar = size.scale === 10 ? `  bar < ${read.bar} ms: ${verdict(p95 < read.bar)}` : '';
      console.log(`  after a write: ${read.label.padEnd(32)} p50 ${ms(p50).padStart(8)}  p95 ${ms(p95).padStart(8)}  (${(p95 / baseline.p95).toFixed(1)}x health; first read ${ms(once)})${atBar}`);
    }
    // A write makes stale only what it can move: this month's figures leave 2022's kept.
    const thisMonth = await figureWriter(server.url, dbPath, new Date().toISOString().slice(0, 7));
    await first(CONFERENCE);
    const moved = await afterWrites(server.url, CONFERENCE, write);
    const kept = await afterWrites(server.url, CONFERENCE, thisMonth);
    // The floor: the same answer from the response cache, with no write at all (the body's transfer and gunzip).
    const repeated = await afterWrites(server.url, CONFERENCE, async () => 200);
    console.log(
      `  2022 conference commune coverage: after a July 2022 write p95 ${ms(moved.p95)}; after a write of this month p95 ${ms(kept.p95)} (kept: ${(moved.p95 / kept.p95).toFixed(1)}x faster); repeated with no write p95 ${ms(repeated.p95)}`,
    );

    await autocannon({ url: server.url, connections: 2, duration: 2, requests: OVERVIEW.map((path) => ({ path })) }); // JIT and connections
    const quiet = await overviewLoad(server.url, null);
    const busy = await overviewLoad(server.url, write);
    const ratio = busy.result.requests.average / quiet.result.requests.average;
    console.log(`  overview reads, ${LOAD_CONNECTIONS} connections, ${LOAD_SECONDS} s, server in its own process (${cpus().length} CPUs shared)`);
    console.log(`    baseline: no writes              ${quiet.result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${quiet.result.latency.p50} ms  p99 ${quiet.result.latency.p99} ms`);
    console.log(
      `    one write per second (${busy.writes} writes, ${busy.failedWrites} failed) ${busy.result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${busy.result.latency.p50} ms  p99 ${busy.result.latency.p99} ms`,
    );
    const bars = size.scale === 10 ? `  bars ≥ 0.5: ${verdict(ratio >= 0.5)}; p99 < 100 ms: ${verdict(busy.result.latency.p99 < 100)}` : '';
    console.log(`    ratio with writes / without      ${ratio.toFixed(2)}${bars}`);
    if (busy.result.errors + busy.result.non2xx > 0) console.log(`    warning: ${busy.result.errors} errors, ${busy.result.non2xx} non-2xx answers under load`);
  } finally {
    if (child) await stopServer(child);
  }
}

async function main() {
  const temp = makeTempDir('mttq-bench-scale-');
  try {
    console.log(`national scale: reads right after a write, p95 of ${RUNS}; bars apply at 10x with 10 years (node ${process.version})`);
    for (const size of SIZES) await measureSize(size, temp);
  } finally {
    temp.cleanup();
  }
}

await main();
