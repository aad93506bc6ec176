/**
 * `npm run bench` (read API part): throughput of the coverage endpoints on the real server,
 * the first uncached national commune-level computation, and the overview payload size.
 *
 * The server runs in its own process (the same `main.ts` as `npm start`, on a seeded demo
 * database in a temp dir) and autocannon loads it from this process, so the load generator does
 * not share the server's event loop. Each target is compared with `/api/health` on the same
 * server, measured before and after the targets in the same run.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { coverageQuerySchema } from '@mttq/core';
import { getCachedUnitStates, getCoverage } from '../src/coverage/routes';
import { openDatabase, type Db } from '../src/db/connection';
import { seedDemoData } from '../src/demo/generate-demo';
import { createServices } from '../src/http/services';
import { makeTempDir } from '../src/test/temp-db';
import { startServer, stopServer } from './server-process';
import { maybeLoadRegistries } from '../src/units/load-registries';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: { url: string; connections: number; duration: number; timeout?: number; headers?: Record<string, string> }) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const SECONDS = 5;
const COLD_RUNS = 5;
const TODAY = '2026-11-27';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'BELOW BAR');

/** Loads `url` for `seconds`; warns when some answers are errors or another status than `expected`. */
async function load(url: string, seconds = SECONDS, expected = 200): Promise<LoadResult> {
  // Every request says it accepts gzip, as browsers do; small answers come back uncompressed.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 30, headers: { 'accept-encoding': 'gzip' } });
  const unexpected = result.requests.total - (result.statusCodeStats[expected]?.count ?? 0);
  if (result.errors > 0 || unexpected > 0) {
    console.log(`  warning: ${url} had ${result.errors} errors (${result.timeouts} timeouts) and ${unexpected} answers other than ${expected}`);
  }
  return result;
}

/** A seeded demo database at `path`, with the legacy63 province that has the most communes. */
function buildDatabase(path: string): { db: Db; bigProvince: { code: string; name: string; communes: number } } {
  const db = openDatabase(path);
  maybeLoadRegistries(db);
  seedDemoData(db, { today: TODAY });
  db.pragma('optimize'); // as prepareDatabase does at start-up
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bigProvince = db
    .prepare(
      `SELECT p.code, p.name, count(*) AS communes
       FROM units c JOIN units p ON p.scheme = c.scheme AND p.code = c.province_code
       WHERE c.scheme = 'legacy63' AND c.level = 'commune'
       GROUP BY p.code ORDER BY communes DESC, p.code LIMIT 1`,
    )
    .get() as { code: string; name: string; communes: number };
  return { db, bigProvince };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function main() {
  const temp = makeTempDir('mttq-bench-read-');
  let child: ChildProcess | undefined;
  const killOnExit = () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  // The child has its own process group, so Ctrl+C does not reach it: pass it on.
  const interrupt = (signal: NodeJS.Signals) => {
    killOnExit();
    temp.cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const seeding = time(() => buildDatabase(temp.path('bench.db')));
    const { db, bigProvince } = seeding.value;
    console.log(`read API: demo database seeded in ${fmt(seeding.ms)} ms; node ${process.version}, ${cpus().length} CPUs shared by server and load generator`);

    const server = await startServer(temp.path('bench.db'), { PUBLIC_READ: '1' }) // dashboards readable without sign-in, as on a public screen;
    child = server.child;
    const api = server.url;

    // 1. Throughput, each target next to /api/health on the same server.
    const targets = [
      { label: 'national provinces, 2022-08-12', path: '/api/v1/coverage?scheme=legacy63&asOf=2022-08-12&level=province' },
      {
        label: `communes of ${bigProvince.code} ${bigProvince.name} (${bigProvince.communes})`,
        path: `/api/v1/coverage?scheme=legacy63&asOf=2024-12-31&level=commune&parent=${bigProvince.code}`,
      },
      { label: '48-month province timeline', path: '/api/v1/coverage/timeline?scheme=legacy63&level=province&from=2021-07-31&to=2025-06-30' },
    ];
    console.log(`throughput: ${CONNECTIONS} connections, ${SECONDS} s per target, autocannon in a separate process from the server`);
    const health = `${api}/api/health`;
    // /api/health counts units with a GROUP BY on every call; the JSON 404 of an unknown API path
    // touches no database and shows what the server itself costs.
    const noDb = `${api}/api/v1/bench-no-such-endpoint`;
    await load(health, 2, 200); // warm-up: JIT and connection set-up
    const before = await load(health);
    const noDbResult = await load(noDb, SECONDS, 404);
    const rows: { label: string; result: LoadResult | string; bytes?: number }[] = [];
    for (const target of targets) {
      // One request first: it shows whether the endpoint exists and fills the server's cache.
      const probe = await fetch(api + target.path);
      const text = await probe.text();
      if (probe.status === 404) rows.push({ label: target.label, result: 'skipped: endpoint not available' });
      else if (probe.status !== 200) rows.push({ label: target.label, result: `skipped: answered ${probe.status} ${text.slice(0, 160)}` });
      else rows.push({ label: target.label, result: await load(api + target.path), bytes: Buffer.byteLength(text) });
    }
    const after = await load(health);
    const baseline = (before.requests.average + after.requests.average) / 2;
    const line = (label: string, r: LoadResult) =>
      `  ${label.padEnd(48)} ${fmt(r.requests.average).padStart(7)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(4)} ms`;
    console.log(line('baseline /api/health (before targets)', before));
    console.log(line('baseline /api/health (after targets)', after));
    console.log(`${line('reference: JSON 404, no database', noDbResult)}  ${pct(noDbResult.requests.average / baseline)} of /api/health`);
    for (const { label, result, bytes } of rows) {
      if (typeof result === 'string') {
        console.log(`  ${label.padEnd(48)} ${result}`);
        continue;
      }
      const ratio = result.requests.average / baseline;
      const ofNoDb = result.requests.average / noDbResult.requests.average;
      console.log(`${line(label, result)}  ${pct(ratio)} of /api/health (bar: ≥ 50%) ${verdict(ratio >= 0.5)}; ${pct(ofNoDb)} of no-database JSON; ${fmt((bytes ?? 0) / 1024)} KB per answer`);
    }

    // 2. The first, uncached national commune-level computation, in this process on the same file.
    const query = coverageQuerySchema.parse({ scheme: 'legacy63', asOf: '2024-12-31', level: 'commune' });
    const cold: number[] = [];
    const warm: number[] = [];
    const servicesCreate: number[] = [];
    const statesQuery: number[] = [];
    let communes = 0;
    for (let run = 0; run < COLD_RUNS; run += 1) {
      // Creating the services reads the registry, as the server does once at start-up.
      const created = time(() => createServices(db, { today: () => TODAY }));
      servicesCreate.push(created.ms);
      const services = created.value;
      const first = time(() => getCoverage(services, query));
      cold.push(first.ms);
      warm.push(time(() => getCoverage(services, query)).ms);
      communes = first.value.rows.length;
      // Where the first call's time goes: the same two steps on another fresh set of services.
      const parts = createServices(db, { today: () => TODAY });
      statesQuery.push(time(() => getCachedUnitStates(parts, { scheme: 'legacy63', asOf: '2024-12-31', owner: query.owner, platform: null })).ms);
    }
    const readUnits = db.prepare("SELECT * FROM units WHERE scheme = 'legacy63'");
    const bare = median(Array.from({ length: COLD_RUNS }, () => time(() => readUnits.all()).ms));
    console.log(`national commune-level coverage (${fmt(communes)} communes, legacy63 at 2024-12-31), median of ${COLD_RUNS} fresh services`);
    console.log(`  first (uncached) computation         ${median(cold).toFixed(1)} ms  (bar: < 50 ms) ${verdict(median(cold) < 50)}`);
    console.log(`    of which: unit states (SQL)          ${median(statesQuery).toFixed(1)} ms`);
    console.log(`    rest: roll-up to rows and counts     ${Math.max(0, median(cold) - median(statesQuery)).toFixed(1)} ms (by difference)`);
    console.log(`  start-up: read both registries        ${median(servicesCreate).toFixed(1)} ms (once per server, not per request)`);
    console.log(`  same call again (cached)             ${median(warm).toFixed(2)} ms`);
    console.log(`  baseline: read every legacy63 unit   ${bare.toFixed(1)} ms`);
    console.log(`  ratio first / baseline               ${(median(cold) / bare).toFixed(2)}x`);

    // 2b. The same figure back-cast: reform34 at a date before the reform, from legacy63 through the
    // crosswalk (with its bounds), against legacy63 at the same date; both uncached, fresh services.
    const backcastDate = '2024-12-31';
    const legacyCold: number[] = [];
    const backcastCold: number[] = [];
    for (let run = 0; run < COLD_RUNS; run += 1) {
      // Alternate which goes first, so neither gains from the other's warm page cache.
      const measure = (scheme: 'legacy63' | 'reform34', into: number[]) => () => {
        // Fresh services (empty caches); reading the registries is not part of the timed figure.
        const services = createServices(db, { today: () => TODAY });
        const parsed = coverageQuerySchema.parse({ scheme, asOf: backcastDate, level: 'commune' });
        into.push(time(() => getCoverage(services, parsed)).ms);
      };
      const pair = [measure('legacy63', legacyCold), measure('reform34', backcastCold)];
      for (const run1 of run % 2 === 0 ? pair : pair.reverse()) run1();
    }
    const backcastRatio = median(backcastCold) / median(legacyCold);
    console.log(`back-cast national commune coverage (reform34 at ${backcastDate}, through the crosswalk, with bounds), median of ${COLD_RUNS} fresh services`);
    console.log(`  first (uncached) computation         ${median(backcastCold).toFixed(1)} ms`);
    console.log(`  baseline: legacy63 at the same date  ${median(legacyCold).toFixed(1)} ms (first, uncached)`);
    console.log(`  ratio back-cast / legacy63           ${backcastRatio.toFixed(2)}x (bar: ≤ 2x) ${verdict(backcastRatio <= 2)}`);

    // 3. Size of the national overview as the server sends it, and gzipped.
    const overview = Buffer.from(await (await fetch(`${api}/api/v1/coverage?scheme=legacy63&level=province`)).arrayBuffer());
    const zipped = gzipSync(overview).length;
    const healthBytes = Buffer.from(await (await fetch(health)).arrayBuffer()).length;
    console.log('national overview payload /api/v1/coverage?scheme=legacy63&level=province');
    console.log(`  raw JSON                             ${fmt(overview.length / 1024)} KB (${fmt(overview.length)} bytes)`);
    console.log(`  gzip (node:zlib, default level)      ${(zipped / 1024).toFixed(1)} KB (${fmt(zipped)} bytes)  (bar: < 30 KB) ${verdict(zipped < 30 * 1024)}`);
    console.log(`  baseline /api/health raw             ${fmt(healthBytes)} bytes`);
    db.close();
  } finally {
    if (child) await stopServer(child);
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    temp.cleanup();
  }
}

await main();
