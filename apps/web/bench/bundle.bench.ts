/**
 * `npm run bench` (web bundle part): the production build of the web app, and the gzip size of
 * what each route makes the browser download.
 *
 * - First route: the entry chunk of index.html, every chunk it imports statically (transitively)
 *   and their CSS — what the browser must fetch before anything renders.
 * - Each lazily loaded chunk (a dynamic import: a route such as MapPage, or a chart chunk): the
 *   chunk, its own static imports and CSS, less what the first route already brought.
 *
 * Sizes are zlib gzip at its default level (6), as in Vite's own build report.
 *
 * Bytes over the wire: the real server (createApp) serves the build, and the first route's files
 * (index.html, its JS and CSS) are requested as a browser would, with `Accept-Encoding: br, gzip`
 * and without (the raw bytes a server without compression sends, the baseline of that ratio).
 *
 * Baseline, built in the same run with the same Vite and @vitejs/plugin-react: a minimal
 * React 19 + react-dom app (createRoot rendering one paragraph), written to a temp folder at
 * run time. Its first route is the floor for any React app, so the ratio says how much the
 * dashboard adds to it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';

const WEB = fileURLToPath(new URL('../', import.meta.url));
const REPO_NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
/** The bars for the first route (KB = 1,000 bytes): gzip bytes of JS, and every byte over the wire. */
const FIRST_ROUTE_JS_BAR = 250_000;
const FIRST_ROUTE_WIRE_BAR = 130_000;

// NODE_ENV=test or development would make Vite bundle React's development build.
process.env.NODE_ENV = 'production';

interface RouteSize {
  name: string;
  jsFiles: string[];
  cssFiles: string[];
  js: number;
  css: number;
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path)).length;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Every chunk key reachable from `key` through static imports, `key` included. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Sums the gzip size of the JS and CSS of `keys`, skipping files counted in `exclude`. */
function measure(name: string, manifest: Manifest, keys: Set<string>, outDir: string, exclude = new Set<string>()): RouteSize {
  const jsFiles = new Set<string>();
  const cssFiles = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    if (chunk.file.endsWith('.js')) jsFiles.add(chunk.file);
    for (const css of chunk.css ?? []) cssFiles.add(css);
  }
  const js = [...jsFiles].filter((f) => !exclude.has(f));
  const css = [...cssFiles].filter((f) => !exclude.has(f));
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipBytes(join(outDir, file)), 0);
  return { name, jsFiles: js, cssFiles: css, js: sum(js), css: sum(css) };
}

/** The first route (index.html's entry) and every dynamic-import entry of a built manifest. */
function routeSizes(manifest: Manifest, outDir: string): { first: RouteSize; lazy: RouteSize[] } {
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error('the build manifest has no entry');
  const firstKeys = staticClosure(manifest, entryKey);
  const first = measure('first route (index.html)', manifest, firstKeys, outDir);
  const already = new Set([...first.jsFiles, ...first.cssFiles]);
  const lazy = Object.keys(manifest)
    .filter((key) => manifest[key]!.isDynamicEntry)
    .map((key) => measure((manifest[key]!.src ?? key).replace(/^(\.\.\/)+node_modules\//, 'node_modules/'), manifest, staticClosure(manifest, key), outDir, already))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { first, lazy };
}

/** Body bytes the real server sends for `paths` with the given Accept-Encoding. */
async function wireBytes(outDir: string, paths: string[], acceptEncoding: string | null): Promise<number> {
  const { createApp } = await import('../../api/src/app');
  const { openDatabase } = await import('../../api/src/db/connection');
  const db = openDatabase(':memory:');
  try {
    const app = createApp({ db, webDist: outDir });
    let total = 0;
    for (const path of paths) {
      const response = await app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      total += (await response.arrayBuffer()).byteLength;
    }
    return total;
  } finally {
    db.close();
  }
}

async function viteBuild(root: string, outDir: string, configFile: string | false): Promise<Manifest> {
  const { build } = await import('vite');
  const react = configFile ? [] : [(await import('@vitejs/plugin-react')).default()];
  await build({
    root,
    configFile,
    mode: 'production',
    logLevel: 'warn',
    plugins: react,
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

/** A React 19 "hello" app in a temp folder whose node_modules is the repository's. */
function writeHelloApp(dir: string): void {
  mkdirSync(join(dir, 'src'));
  symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<html lang="vi"><head><meta charset="UTF-8" /><title>Xin chào</title></head>\n' +
      '<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
  );
  writeFileSync(
    join(dir, 'src/main.tsx'),
    [
      "import { StrictMode } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "createRoot(document.getElementById('root')!).render(<StrictMode><p>Xin chào</p></StrictMode>);",
      '',
    ].join('\n'),
  );
}

function printRoute(route: RouteSize): void {
  const files = [...route.jsFiles, ...route.cssFiles].map((f) => f.replace(/^assets\//, '')).join(', ');
  console.log(`  ${route.name.padEnd(46)} JS ${kb(route.js).padStart(9)}  CSS ${kb(route.css).padStart(8)}  (${files || 'nothing new'})`);
}

async function main() {
  const temp = mkdtempSync(join(tmpdir(), 'mttq-bundle-bench-'));
  try {
    // The app with its own vite.config.ts; output to a temp folder so a running server's
    // apps/web/dist is left alone (the build is the same).
    const appOut = join(temp, 'app-dist');
    const appManifest = await viteBuild(WEB, appOut, join(WEB, 'vite.config.ts'));
    const app = routeSizes(appManifest, appOut);

    const helloDir = join(temp, 'hello');
    mkdirSync(helloDir);
    writeHelloApp(helloDir);
    const helloOut = join(helloDir, 'dist');
    const hello = routeSizes(await viteBuild(helloDir, helloOut, false), helloOut).first;

    console.log('web bundle: production build (Vite 8, NODE_ENV=production), zlib gzip default level (6), KB = 1,000 bytes');
    printRoute(app.first);
    console.log('  lazily loaded, beyond what the first route already has:');
    for (const route of app.lazy) printRoute(route);
    const whole = measure('whole app, every file once', appManifest, new Set(Object.keys(appManifest)), appOut);
    printRoute({ ...whole, jsFiles: [`${whole.jsFiles.length} JS files`], cssFiles: [`${whole.cssFiles.length} CSS files`] });
    printRoute({ ...hello, name: 'baseline: React 19 "hello" app, first route' });
    console.log(`  ratio first route JS / baseline JS    ${(app.first.js / hello.js).toFixed(2)}x`);
    console.log(`  ratio first route JS+CSS / baseline    ${((app.first.js + app.first.css) / (hello.js + hello.css)).toFixed(2)}x`);
    console.log(`  first route ≤ 250 KB gzip JS: ${app.first.js <= FIRST_ROUTE_JS_BAR ? 'yes' : 'no, BELOW BAR'} (${kb(app.first.js)})`);

    const firstPaths = ['/', ...[...app.first.jsFiles, ...app.first.cssFiles].map((file) => `/${file}`)];
    const compressed = await wireBytes(appOut, firstPaths, 'br, gzip');
    const raw = await wireBytes(appOut, firstPaths, null);
    console.log(`web bundle over the wire: the real server, first route (${firstPaths.length} requests)`);
    console.log(`  with Accept-Encoding: br, gzip        ${kb(compressed).padStart(9)}`);
    console.log(`  baseline: without compression         ${kb(raw).padStart(9)}  (ratio ${(compressed / raw).toFixed(2)}x)`);
    console.log(`  bar ≤ 130 KB over the wire: ${compressed <= FIRST_ROUTE_WIRE_BAR ? 'met' : 'BELOW BAR'} (${kb(compressed)})`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
