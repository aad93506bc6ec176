// `npm start` and `npm run serve`: the server runs from one JavaScript bundle of its TypeScript
// (apps/api/dist, made by esbuild), rebuilt only when the sources it is made of changed, so a
// start loads one file instead of transpiling hundreds. Arguments pass through to main.ts.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuiltFrom, sourceHash, STAMP_FILE } from './src/cli/source-hash.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = 'apps/api/dist';
const WORKSPACES = ['apps/api', 'packages/core', 'packages/admin-units'];
/** What the bundle is made of; data files are read at run time, not bundled. */
const SERVER_INPUTS = [...WORKSPACES.flatMap((w) => [`${w}/src`, `${w}/package.json`]), 'package-lock.json'];

/** The bundle's entries, named as the code finds them: parse-pool.ts and figure-engine.ts start their worker's entry beside themselves. */
const ENTRIES = {
  main: 'apps/api/src/main.ts',
  'parse-worker-entry': 'apps/api/src/imports/parse-worker.ts',
  'figure-worker-entry': 'apps/api/src/engine/figure-worker.ts',
};

async function bundle() {
  const { readFileSync } = await import('node:fs');
  const { build } = await import('esbuild');
  // Installed packages stay outside the bundle (native modules, JSON data); our workspaces go in.
  const external = WORKSPACES.flatMap((w) => Object.keys(JSON.parse(readFileSync(join(REPO_ROOT, w, 'package.json'), 'utf8')).dependencies ?? {})).filter(
    (name) => !name.startsWith('@mttq/'),
  );
  const { outputFiles } = await build({
    absWorkingDir: REPO_ROOT,
    write: false,
    entryPoints: ENTRIES,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    external,
    logLevel: 'warning',
  });
  // Each file is written aside and renamed into place, so a server starting beside this one
  // never reads a half-written bundle (tests start several at once).
  mkdirSync(join(REPO_ROOT, DIST), { recursive: true });
  for (const file of outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
}

/** `--bundle-only` (npm run build): make the bundle if needed, then exit without starting. */
const BUNDLE_ONLY = process.argv.includes('--bundle-only');

const hash = sourceHash(REPO_ROOT, SERVER_INPUTS);
if (!isBuiltFrom(REPO_ROOT, DIST, 'main.mjs', hash)) {
  const startedAt = performance.now();
  try {
    await bundle();
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
