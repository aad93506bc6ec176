// One esbuild bundle of server code, as `npm start` runs it (apps/api/launch.mjs) and as the
// benches that measure server code in their own process run it (apps/api/bench/bundled.mjs):
// our workspaces inside, installed packages outside (native modules, JSON data). Plain
// JavaScript, so it can run before any TypeScript is loaded.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACES = ['apps/api', 'packages/core', 'packages/admin-units'];

/** The server's worker entries: parse-pool.ts and figure-engine.ts start them from beside their own bundle. */
export const WORKER_ENTRIES = {
  'parse-worker-entry': 'apps/api/src/imports/parse-worker.ts',
  'figure-worker-entry': 'apps/api/src/engine/figure-worker.ts',
};

/** What a bundle is made of; data files are read at run time, not bundled. */
export const SERVER_INPUTS = [...WORKSPACES.flatMap((w) => [`${w}/src`, `${w}/package.json`]), 'package-lock.json'];

/**
 * Bundles `entries` (name → source, relative to repoRoot) into repoRoot/outdir as name.mjs. Each
 * file is written aside and renamed into place, so a process starting beside this one never reads
 * a half-written bundle (tests start several servers at once).
 */
export async function bundleServer(repoRoot, entries, outdir, external = []) {
  const { build } = await import('esbuild');
  const installed = WORKSPACES.flatMap((w) => Object.keys(JSON.parse(readFileSync(join(repoRoot, w, 'package.json'), 'utf8')).dependencies ?? {})).filter(
    (name) => !name.startsWith('@mttq/'),
  );
  const { outputFiles } = await build({
    absWorkingDir: repoRoot,
    write: false,
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    external: [...installed, ...external],
    logLevel: 'warning',
  });
  mkdirSync(join(repoRoot, outdir), { recursive: true });
  for (const file of outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
}
