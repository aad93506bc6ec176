/**
 * Sign-in abuse must not starve other work: /api/health and the web app's index.html stay fast
 * while 16 anonymous sign-ins run at once against a real server process. Before the hashing gate,
 * 16 sign-ins took every libuv thread and index.html went from 6 ms to 2.7 s. The figures are
 * printed; the bounds are generous (a shared 2-core machine).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { makeTempDir } from '../test/temp-db';
import { percentile, send } from './test-http';

const SERVER = fileURLToPath(new URL('./load-server.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const LOAD_MS = 5000;
const SIGN_INS = 16;

let temp: ReturnType<typeof makeTempDir>;
let child: ChildProcess;
let origin: string;

beforeAll(async () => {
  temp = makeTempDir('mttq-load-');
  copyFileSync(inject('demoDbPath'), temp.path());
  const web = join(temp.dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), `<!doctype html><title>Trang cộng đồng MTTQ</title>${'<!-- padding -->'.repeat(200)}`);
  child = spawn(process.execPath, [TSX, SERVER], {
    env: { ...process.env, PORT: '0', DATABASE_PATH: temp.path(), DEMO: '0', PUBLIC_READ: '1', LOAD_WEB_DIST: web },
    stdio: 'pipe',
  });
  origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
});
afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  temp.cleanup();
});

interface Figures {
  health: number[];
  index: number[];
  signIns: Record<string, number>;
}

/** Reads /api/health and / one after the other, from 127.0.0.1, until `until`. */
async function probe(until: number, figures: Figures): Promise<void> {
  while (Date.now() < until) {
    const health = await send(`${origin}/api/health`);
    expect(health.status).toBe(200);
    figures.health.push(health.ms);
    const index = await send(`${origin}/`);
    expect(index.status).toBe(200);
    figures.index.push(index.ms);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The attackers run in a process of their own, so their work does not delay the probe's
 * measurements: one client per entry of `addresses`, each signing in again and again with
 * guessed names for `ms`; resolves with the count of answers by status.
 */
const ATTACKERS = `
  import { request } from 'node:http';
  const [origin, addresses, ms] = [process.argv[1], JSON.parse(process.argv[2]), Number(process.argv[3])];
  const until = Date.now() + ms;
  const counts = {};
  const once = (from, i) => new Promise((resolve) => {
    const body = JSON.stringify({ username: 'guess-' + from + '-' + i, password: 'not the password' });
    const url = new URL('/api/v1/auth/login', origin);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => { counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1; resolve(); });
    });
    req.on('error', () => { counts.error = (counts.error ?? 0) + 1; resolve(); });
    req.end(body);
  });
  await Promise.all(addresses.map(async (from) => { for (let i = 0; Date.now() < until; i += 1) await once(from, i); }));
  console.log(JSON.stringify(counts));
`;

function attack(addresses: string[], ms: number): Promise<Record<string, number>> {
  const attackers = spawn(process.execPath, ['--input-type=module', '-e', ATTACKERS, origin, JSON.stringify(addresses), String(ms)], { stdio: 'pipe' });
  let out = '';
  attackers.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  attackers.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    attackers.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`attackers exited with ${code}: ${out}`)))),
  );
}

function report(label: string, figures: Figures): void {
  const line = (values: number[]) =>
    `n ${values.length}, p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  console.log(`${label}\n  /api/health: ${line(figures.health)}\n  index.html:  ${line(figures.index)}\n  sign-ins by status: ${JSON.stringify(figures.signIns)}`);
}

describe(`${SIGN_INS} concurrent anonymous sign-ins against a real server process`, () => {
  it('leave /api/health and index.html fast: p95 < 500 ms from 16 addresses, < 2 s for a flood from one', async () => {
    const quiet: Figures = { health: [], index: [], signIns: {} };
    await probe(Date.now() + 1000, quiet);
    report('no load', quiet);

    // 16 addresses: every attempt reaches the password check, which works them off one by one.
    const spread: Figures = { health: [], index: [], signIns: {} };
    const spreadAttack = attack(Array.from({ length: SIGN_INS }, (_, i) => `127.0.1.${i + 1}`), LOAD_MS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await probe(Date.now() + LOAD_MS - 1000, spread);
    spread.signIns = await spreadAttack;
    report(`${SIGN_INS} sign-ins at once from ${SIGN_INS} addresses`, spread);

    // One address: its attempts beyond 4 at once are refused before any hashing.
    const single: Figures = { health: [], index: [], signIns: {} };
    const singleAttack = attack(Array<string>(SIGN_INS).fill('127.0.2.1'), LOAD_MS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await probe(Date.now() + LOAD_MS - 1000, single);
    single.signIns = await singleAttack;
    report(`${SIGN_INS} sign-ins at once from one address`, single);

    // The hashing gate keeps 16 sign-ins from starving anything: health and index.html keep
    // answering meanwhile. Their latencies are printed above and measured by
    // apps/api/bench/hostile.bench.ts (tests assert no wall-clock times).
    for (const figures of [spread, single]) {
      expect(figures.health.length).toBeGreaterThan(2);
      expect(figures.index.length).toBeGreaterThan(2);
      // Only answers the limits give: 401 (checked), 429 (over a limit), 503 (line full).
      expect(Object.keys(figures.signIns).every((status) => ['401', '429', '503'].includes(status))).toBe(true);
    }
    expect(spread.signIns['401']).toBeGreaterThan(5);
    expect(single.signIns['429']).toBeGreaterThan(0);
  });
});
