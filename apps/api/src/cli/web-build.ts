import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuiltFrom, sourceHash, STAMP_FILE } from './source-hash.mjs';

export { sourceHash, STAMP_FILE };

/**
 * `npm start` builds the web app only when what the build reads changed since the last build: a
 * hash of those files' paths and contents is kept in the build's folder and compared at start.
 */
export interface WebBuild {
  repoRoot: string;
  /** Files and folders (relative to repoRoot) the build reads. */
  inputs: string[];
  /** The build's output folder (relative to repoRoot); must hold index.html after a build. */
  dist: string;
  /** Runs the build; throws when it fails. */
  build(): void;
}

export const WEB_BUILD_INPUTS = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'packages/core/src',
  // the JSON facts the web app imports (data/ also holds the database and its backups)
  'data',
  'packages/core/package.json',
  'package-lock.json',
];

/** Builds when the sources changed or no build is there; says which, for the start-up output. */
export function buildWhenChanged({ repoRoot, inputs, dist, build }: WebBuild): 'built' | 'up to date' {
  const hash = sourceHash(repoRoot, inputs);
  if (isBuiltFrom(repoRoot, dist, 'index.html', hash)) return 'up to date';
  build();
  writeFileSync(join(repoRoot, dist, STAMP_FILE), hash);
  return 'built';
}

/** `npm run build` (Vite, production), with its output shown. */
export function viteBuild(repoRoot: string): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`the web app's build failed (exit ${result.status}); see its output above`);
}
