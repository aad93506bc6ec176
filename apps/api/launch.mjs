// `npm start` and `npm run serve`: the server runs from one JavaScript bundle of its TypeScript
// (apps/api/dist, made by esbuild), rebuilt only when the sources it is made of changed, so a
// start loads one file instead of transpiling hundreds. Arguments pass through to main.ts.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer, SERVER_INPUTS, WORKER_ENTRIES } from './src/cli/bundle.mjs';
import { isBuiltFrom, sourceHash, STAMP_FILE } from './src/cli/source-hash.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = 'apps/api/dist';
/** The bundle's entries, named as the code finds them: the workers' entries beside main. */
const ENTRIES = { main: 'apps/api/src/main.ts', ...WORKER_ENTRIES };

/** `--bundle-only` (npm run build): make the bundle if needed, then exit without starting. */
const BUNDLE_ONLY = process.argv.includes('--bundle-only');

const hash = sourceHash(REPO_ROOT, SERVER_INPUTS);
if (!isBuiltFrom(REPO_ROOT, DIST, 'main.mjs', hash)) {
  const startedAt = performance.now();
  try {
    await bundleServer(REPO_ROOT, ENTRIES, DIST);
    const stamp = join(REPO_ROOT, DIST, `${STAMP_FILE}.${process.pid}.tmp`);
    writeFileSync(stamp, hash);
    renameSync(stamp, join(REPO_ROOT, DIST, STAMP_FILE));
  } catch (error) {
    // A deployment whose code directory is read-only to the service: say what to run.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`The server's bundle (${DIST}) is missing or older than its sources and cannot be made here: ${reason}. Run \`npm run build\` as the user who deploys the code, then start again.`);
    process.exit(1);
  }
  console.log(`  server: bundled in ${Math.round(performance.now() - startedAt)} ms (its sources changed)`);
}
if (!BUNDLE_ONLY) await import(new URL('./dist/main.mjs', import.meta.url).href);
