/**
 * `npm run bench` (writes): 63 province officers, each sending 20 metric updates at once to the
 * real server in its own process, signed in through the API. Prints throughput, latency
 * percentiles and the error count (bar: zero errors), next to the same number of reads of a
 * trivial endpoint fired the same way in the same run.
 */
import Database from 'better-sqlite3';
import { makeTempDir } from '../src/test/temp-db';
import { signIn, startServer, stopServer } from './server-process';

const UPDATES_PER_OFFICER = 20;
const MONTH = '2025-06';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Officer {
  province: string;
  cookie: string;
  csrfToken: string;
  pageIds: number[];
}

/** Fires every request at once; returns each one's latency and status. */
async function fireAll(requests: Array<() => Promise<Response>>): Promise<{ ms: number; latencies: number[]; failures: string[] }> {
  const started = performance.now();
  const results = await Promise.all(
    requests.map(async (send) => {
      const t = performance.now();
      try {
        const response = await send();
        await response.arrayBuffer();
        return { latency: performance.now() - t, failure: response.ok ? null : `HTTP ${response.status}` };
      } catch (error) {
        return { latency: performance.now() - t, failure: (error as Error).message };
      }
    }),
  );
  return {
    ms: performance.now() - started,
    latencies: results.map((r) => r.latency).sort((a, b) => a - b),
    failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
  };
}

function report(label: string, run: { ms: number; latencies: number[]; failures: string[] }) {
  const n = run.latencies.length;
  console.log(
    `  ${label.padEnd(34)} ${String(n).padStart(5)} requests in ${run.ms.toFixed(0).padStart(5)} ms = ${Math.round((n / run.ms) * 1000).toLocaleString('en-US').padStart(6)} req/s; ` +
      `p50 ${percentile(run.latencies, 50).toFixed(0)} ms, p99 ${percentile(run.latencies, 99).toFixed(0)} ms; errors ${run.failures.length}`,
  );
}

async function main() {
  const temp = makeTempDir('mttq-write-bench-');
  const path = temp.path('demo.db');
  // The server seeds the demo data and demo accounts itself, as `npm start` does.
  const { child, url } = await startServer(path, { DEMO: '1' });
  try {
    const db = new Database(path, { readonly: true });
    const provinces = db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND level = 'province' ORDER BY code").pluck().all() as string[];
    const pagesOf = db.prepare(
      `SELECT p.id FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
       JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code
       WHERE u.province_code = ? AND p.launched_on < '${MONTH}-01' ORDER BY p.id LIMIT ${UPDATES_PER_OFFICER}`,
    );
    const officers: Officer[] = [];
    for (const province of provinces) {
      officers.push({ province, ...(await signIn(url, `province-legacy63-${province}`)), pageIds: pagesOf.pluck().all(province) as number[] });
    }
    db.close();

    console.log(`concurrent writes: ${officers.length} province officers × ${UPDATES_PER_OFFICER} metric updates each, all at once, server in its own process`);
    const reads = await fireAll(officers.flatMap((o) => o.pageIds.map(() => () => fetch(`${url}/api/health`))));
    report('baseline: as many GET /api/health', reads);
    const writes = await fireAll(
      officers.flatMap((officer) =>
        officer.pageIds.map((id, i) => () =>
          fetch(`${url}/api/v1/pages/${id}/metrics/${MONTH}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
            body: JSON.stringify({ followers: 1_000 + i, posts: 5, interactions: 100 + i }),
          }),
        ),
      ),
    );
    report('PUT /pages/{id}/metrics/{month}', writes);
    console.log(`  ratio write / read throughput      ${(reads.ms / writes.ms).toFixed(2)}x; bar: zero errors ${writes.failures.length === 0 ? 'ok' : 'FAILED'}`);
    if (writes.failures.length > 0) console.log(`  first failures: ${writes.failures.slice(0, 5).join('; ')}`);

    const check = new Database(path, { readonly: true });
    const landed = check.prepare(`SELECT count(*) FROM metric_snapshots WHERE month = ? AND source = 'manual'`).pluck().get(MONTH) as number;
    const audited = check.prepare(`SELECT count(*) FROM audit_log WHERE entity LIKE '%metric%'`).pluck().get() as number;
    check.close();
    console.log(`  rows written with source 'manual': ${landed} of ${writes.latencies.length}; audit rows: ${audited}`);
  } finally {
    await stopServer(child);
    temp.cleanup();
  }
}

await main();
