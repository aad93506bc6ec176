// `node apps/api/bench/bundled.mjs apps/api/bench/import.bench.ts`: runs a bench that calls
// server code in its own process on that code as `npm start` runs it, one esbuild bundle
// (src/cli/bundle.mjs) with the workers' entries beside it, not transpiled file by file by tsx,
// which is slower. The bundle goes to apps/api/dist-bench/ and is made afresh each run.
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer, WORKER_ENTRIES } from '../src/cli/bundle.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
// At the depth of apps/api/dist: code that finds data files relative to itself finds them the same.
const OUTDIR = 'apps/api/dist-bench';
const [bench, ...args] = process.argv.slice(2);
if (!bench) {
  console.error('usage: node apps/api/bench/bundled.mjs <bench.ts> [arguments]');
  process.exit(2);
}
const name = basename(bench).replace(/\.ts$/u, '');
// vitest stays outside: a few test helpers the benches share import it for types and fixtures.
await bundleServer(REPO_ROOT, { [name]: bench, ...WORKER_ENTRIES }, OUTDIR, ['vitest']);
const run = spawnSync(process.execPath, [join(REPO_ROOT, OUTDIR, `${name}.mjs`), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
