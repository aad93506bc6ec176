/**
 * /api/health while the server refuses hostile work: a 4.9 MB CSV of commas, an XLSX whose sheet
 * inflates to 1 GB though its zip says 1 KB, and 16 anonymous sign-ins from 16 addresses, all at
 * once. The server runs in its own process on a seeded demo database; health is asked every 20 ms
 * by a client that does nothing else. Baseline: the same probe on the same server while idle.
 * Bar: health p95 < 50 ms under the hostile load.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflatedBomb, xlsxFile } from '../src/imports/upload-test-files';
import { startServer, stopServer } from './server-process';

const PROBE_EVERY_MS = 20;
const BAR_MS = 50;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const verdict = (ok: boolean) => (ok ? 'met' : 'BELOW BAR');

/** Asks /api/health every 20 ms until `until` settles; the answer times in ms. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return times;
}

/** A sign-in with a wrong password from a given loopback address (the throttle counts per address). */
function anonymousSignIn(url: string, localAddress: string, n: number): Promise<number> {
  const body = JSON.stringify({ username: `nobody-${n}`, password: 'wrong-password' });
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: '/api/v1/auth/login', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo' }) });
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function upload(url: string, session: { cookie: string; csrf: string }, bytes: Uint8Array, fileName: string): Promise<number> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], fileName));
  form.set('scheme', 'reform34');
  const response = await fetch(`${url}/api/v1/imports/dry-run`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
  await response.arrayBuffer();
  return response.status;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mttq-hostile-bench-'));
  const { child, url } = await startServer(join(dir, 'app.db'), { DEMO: '1', LOG_LEVEL: 'warn' });
  try {
    const session = await signIn(url);
    const idle = await probeHealth(url, new Promise((resolve) => setTimeout(resolve, 3_000)));

    const commas = new Uint8Array(Buffer.alloc(4_900_000, ','));
    const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
    const bomb = new Uint8Array(xlsxFile([{ name: 'Trang', xml: { deflated: deflatedBomb(head, 1024), declaredSize: 1024 } }]));
    const started = performance.now();
    const work = Promise.all([
      upload(url, session, commas, 'commas.csv'),
      upload(url, session, bomb, 'bomb.xlsx'),
      ...Array.from({ length: 16 }, (_, i) => anonymousSignIn(url, `127.0.0.${i + 2}`, i)),
    ]);
    const busy = await probeHealth(url, work);
    const statuses = await work;
    const elapsed = performance.now() - started;

    const p95Busy = percentile(busy, 95);
    const p95Idle = percentile(idle, 95);
    console.log('/api/health while hostile work is refused (server in its own process, demo data)');
    console.log(`  hostile work: CSV of commas → ${statuses[0]}, 1 GB XLSX bomb → ${statuses[1]}, 16 anonymous sign-ins → ${[...new Set(statuses.slice(2))].join('/')}; all answered in ${Math.round(elapsed)} ms`);
    console.log(`  health under load: ${busy.length} answers, p50 ${percentile(busy, 50).toFixed(1)} ms, p95 ${p95Busy.toFixed(1)} ms, max ${Math.max(...busy).toFixed(1)} ms  (bar: p95 < ${BAR_MS} ms) ${verdict(p95Busy < BAR_MS)}`);
    console.log(`  baseline, idle server: ${idle.length} answers, p50 ${percentile(idle, 50).toFixed(1)} ms, p95 ${p95Idle.toFixed(1)} ms`);
    console.log(`  ratio p95 under load / idle          ${(p95Busy / p95Idle).toFixed(2)}x`);
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
