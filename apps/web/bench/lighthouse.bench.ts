/**
 * `npm run bench` (web Lighthouse part): Lighthouse 12.2.3, desktop preset, Debian Chromium, on
 * the national overview with demo data (`/?scheme=legacy63&asOf=2022-08-12`): after one warm-up
 * run, the median of 5 runs, each right after a write that moves every figure on it (so the server computes them again), as Lighthouse picks it (computeMedianRun: the run nearest the median
 * FCP and TTI), so scores and metrics come from one real run.
 *
 * The real server runs in its own process (`main.ts`, as `npm start`) on a fresh demo database
 * in a temp dir with PUBLIC_READ=1, so the overview renders signed out; it serves the
 * production build this script makes first.
 *
 * Baseline, measured in the same run by the same server, browser and settings: the app's own
 * built index.html with its scripts and stylesheets removed and the overview's heading written
 * in as static HTML. It has the same <head> (lang, title, meta tags) and headers, so it is the
 * best any page of this server can score; the ratios say what the app's JS, CSS and API calls
 * cost against it.
 *
 * Every category scored below 100 lists the audits that lost points (for performance, the
 * metrics scored below 0.9), with the elements named, so the team can fix them. CHROMIUM_PATH overrides /usr/bin/chromium; LIGHTHOUSE_REPORT_DIR, when
 * set, receives the two median runs' full reports as JSON.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { figureWriter, startServer, stopServer } from '../../api/bench/server-process';

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(REPO, 'apps/web/dist');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
const OVERVIEW_PATH = '/?scheme=legacy63&asOf=2022-08-12';
// Five, as Lighthouse's own guidance on variability advises: the median of three moved by 5 points from run to run on this machine.
const RUNS = 5;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The issue's bars (0–100); SEO has none. */
const BARS: Partial<Record<(typeof CATEGORIES)[number], number>> = { performance: 95, accessibility: 95, 'best-practices': 95 };
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'Speed Index'],
] as const;

const score = (lhr: Lhr, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const metric = (lhr: Lhr, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
const formatMetric = (id: string, value: number) => (id === 'cumulative-layout-shift' ? value.toFixed(3) : `${Math.round(value)} ms`);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00x' : '—') : `${(a / b).toFixed(2)}x`);

/** The static baseline: index.html without scripts and stylesheets, with the overview's heading. */
function writeBaselinePage(name: string, indexHtml: string): void {
  const html = indexHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace(/<link\b[^>]*rel="(?:stylesheet|modulepreload)"[^>]*>\s*/g, '')
    .replace(
      '<div id="root"></div>',
      '<main id="root"><h1>Tổng quan</h1><p>Trang tĩnh để so sánh: cùng phần đầu trang, không có JavaScript hay CSS.</p></main>',
    );
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, name), html);
}

/** 'Chromium 150.0.7871.100 built on Debian …' (the user agent says only 150.0.0.0). */
function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return CHROMIUM_PATH;
  }
}

/** One Lighthouse run; a run whose trace failed (e.g. NO_NAVSTART, which says "run again") is retried twice. */
async function runLighthouse(chrome: LaunchedChrome, url: string): Promise<Lhr> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, desktopConfig);
    const error = result ? result.lhr.runtimeError : { code: 'NO_RESULT', message: 'Lighthouse returned nothing' };
    if (!error) return result!.lhr;
    if (attempt === 3) throw new Error(`Lighthouse failed on ${url}: ${error.code} ${error.message}`);
    console.log(`  (Lighthouse run failed with ${error.code} on ${url}; running it again)`);
  }
}

/**
 * One discarded warm-up run (JIT, disk caches), then the median of RUNS, each after a real write
 * that moves every figure of the overview (a July 2022 figure, figureWriter): every scored run
 * meets a cold server cache, as the first reader after such a write does.
 */
async function medianRun(chrome: LaunchedChrome, url: string, moveFigures: () => Promise<number>): Promise<{ median: Lhr; performance: number[] }> {
  await runLighthouse(chrome, url);
  const runs: Lhr[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const status = await moveFigures();
    if (status !== 200 && status !== 201) throw new Error(`the write that moves the overview's figures answered ${status}`);
    runs.push(await runLighthouse(chrome, url));
  }
  return { median: computeMedianRun(runs), performance: runs.map((lhr) => score(lhr, 'performance')) };
}

/** The audits of `category` that lost points, with up to three of the elements they name. */
function lostPoints(lhr: Lhr, category: string): string[] {
  const lines: string[] = [];
  for (const ref of lhr.categories[category]?.auditRefs ?? []) {
    const audit = lhr.audits[ref.id];
    if (!audit || ref.weight === 0 || audit.score === null || audit.score >= (category === 'performance' ? 0.9 : 1)) continue;
    const shown = audit.displayValue ? ` — ${audit.displayValue}` : '';
    lines.push(`    ${audit.id} (score ${audit.score.toFixed(2)}, weight ${ref.weight}): ${audit.title}${shown}`);
    const details = audit.details as { items?: { node?: { selector?: string; snippet?: string }; url?: string; description?: string }[] } | undefined;
    for (const item of (details?.items ?? []).slice(0, 3)) {
      const what = item.node?.selector ?? item.url ?? item.description;
      if (what) lines.push(`      ${String(what).slice(0, 140)}`);
    }
  }
  return lines;
}

/** The element Lighthouse took as the largest contentful paint, e.g. 'table > caption "Độ phủ …"'. */
function lcpElement(lhr: Lhr): string {
  const findNode = (value: unknown): { selector?: string; nodeLabel?: string } | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    if (record.type === 'node') return record as { selector?: string; nodeLabel?: string };
    for (const child of Object.values(record)) {
      const found = findNode(child);
      if (found) return found;
    }
    return undefined;
  };
  const audit = lhr.audits['largest-contentful-paint-element'];
  const node = findNode(audit?.details);
  if (node) return `${node.selector ?? '?'} "${(node.nodeLabel ?? '').slice(0, 60)}"`;
  return audit?.scoreDisplayMode === 'error' ? 'not reported (the audit errored, see below)' : 'not reported';
}

/** Audits Lighthouse could not run, and whether any of them counts in a category score. */
function erroredAudits(lhr: Lhr): { ids: string[]; weighted: string[]; reason: string } {
  const errored = Object.values(lhr.audits).filter((audit) => audit.scoreDisplayMode === 'error');
  const weightOf = (id: string) => Object.values(lhr.categories).reduce((w, c) => w + (c.auditRefs.find((r) => r.id === id)?.weight ?? 0), 0);
  const reasons = [...new Set(errored.map((audit) => (audit.errorMessage ?? '').replace(/^(Required \w+ gatherer encountered an error: )?(Dependency "\w+" failed with exception: )?/, '')))];
  return { ids: errored.map((a) => a.id), weighted: errored.filter((a) => weightOf(a.id) > 0).map((a) => a.id), reason: reasons.join('; ').slice(0, 160) };
}

/** Origins other than the server's that the page requested (all refused: the machine has no network). */
function offsiteOrigins(lhr: Lhr, serverUrl: string): string[] {
  const items = (lhr.audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
  return [...new Set(items.map((i) => i.url ?? '').filter((u) => /^https?:/.test(u) && !u.startsWith(serverUrl)).map((u) => new URL(u).origin))];
}

async function main() {
  // NODE_ENV=test or development would make Vite bundle React's development build.
  execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  const indexHtml = readFileSync(join(DIST, 'index.html'), 'utf8');
  const temp = mkdtempSync(join(tmpdir(), 'mttq-lighthouse-bench-'));
  const baselineName = `bench-baseline-${process.pid}.html`;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let chrome: LaunchedChrome | undefined;
  try {
    server = await startServer(join(temp, 'app.db'), { DEMO: '1', PUBLIC_READ: '1' });
    // The overview must be readable signed out, or Lighthouse would score the sign-in redirect.
    const probe = await fetch(`${server.url}/api/v1/coverage?scheme=legacy63&asOf=2022-08-12`);
    if (!probe.ok) throw new Error(`GET /api/v1/coverage answered ${probe.status} with PUBLIC_READ=1`);
    const moveFigures = await figureWriter(server.url, join(temp, 'app.db'));
    chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
    const app = await medianRun(chrome, server.url + OVERVIEW_PATH, moveFigures);
    // Written just before use: a build (e.g. another `npm run build`) empties dist.
    writeBaselinePage(baselineName, indexHtml);
    const base = await medianRun(chrome, `${server.url}/${baselineName}`, moveFigures);

    console.log(`web Lighthouse ${app.median.lighthouseVersion}: desktop preset (simulated throttling), ${chromiumVersion()}, median of ${RUNS} runs after one warm-up, each with a cold server cache (a write just before)`);
    console.log(`  overview ${OVERVIEW_PATH} (demo data, PUBLIC_READ=1); baseline: the built index.html without JS/CSS, static heading`);
    console.log(`  ${'category'.padEnd(16)} ${'overview'.padStart(8)} ${'baseline'.padStart(8)}  ratio   bar`);
    for (const category of CATEGORIES) {
      const ours = score(app.median, category);
      const bar = BARS[category];
      const verdict = bar === undefined ? '(none)' : `≥ ${bar}: ${ours >= bar ? 'yes' : 'NO'}`;
      console.log(`  ${category.padEnd(16)} ${String(ours).padStart(8)} ${String(score(base.median, category)).padStart(8)}  ${ratio(ours, score(base.median, category)).padEnd(6)}  ${verdict}`);
    }
    console.log(`  performance of each run: overview ${app.performance.join(', ')}; baseline ${base.performance.join(', ')}`);
    console.log(`  ${'metric'.padEnd(16)} ${'overview'.padStart(8)} ${'baseline'.padStart(8)}  ratio`);
    for (const [id, label] of METRICS) {
      const ours = metric(app.median, id);
      const theirs = metric(base.median, id);
      console.log(`  ${label.padEnd(16)} ${formatMetric(id, ours).padStart(8)} ${formatMetric(id, theirs).padStart(8)}  ${ratio(ours, theirs)}`);
    }
    console.log(`  LCP element on the overview: ${lcpElement(app.median)}`);
    const errored = erroredAudits(app.median);
    if (errored.ids.length > 0) {
      const effect = errored.weighted.length === 0 ? 'none counts in a score' : `COUNTED IN A SCORE: ${errored.weighted.join(', ')}`;
      console.log(`  audits that could not run (${effect}): ${errored.ids.join(', ')}`);
      console.log(`    reason: ${errored.reason}`);
    }
    const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(join(reportDir, 'overview.lhr.json'), JSON.stringify(app.median));
      writeFileSync(join(reportDir, 'baseline.lhr.json'), JSON.stringify(base.median));
      console.log(`  median reports (open in the Lighthouse viewer): ${reportDir}/overview.lhr.json, baseline.lhr.json`);
    }
    const offsite = offsiteOrigins(app.median, server.url);
    console.log(`  requests to other origins: ${offsite.length === 0 ? 'none' : offsite.join(', ')}`);
    const barsMet = Object.entries(BARS).every(([category, bar]) => score(app.median, category) >= bar);
    console.log(`  bars (${Object.entries(BARS).map(([category, bar]) => `${category} ≥ ${bar}`).join(', ')}): ${barsMet ? 'yes' : 'NO'}`);
    for (const category of CATEGORIES) {
      const lines = lostPoints(app.median, category);
      if (lines.length === 0) continue;
      const below = BARS[category] !== undefined && score(app.median, category) < BARS[category]!;
      console.log(`  ${category}${below ? ' (BELOW BAR)' : ''}: audits that lost points on the overview`);
      for (const line of lines) console.log(line);
    }
  } finally {
    await chrome?.kill();
    rmSync(join(DIST, baselineName), { force: true });
    if (server) await stopServer(server.child);
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
