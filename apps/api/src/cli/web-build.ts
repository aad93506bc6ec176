import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

export const STAMP_FILE = '.source-hash';

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

const SKIPPED = /(^|\/)(node_modules|dist|backups)(\/|$)|\.test\.tsx?$|^data\/.*(?<!\.json)$/;

/** The files under `input` (a file or a folder), relative to repoRoot; none when it does not exist. */
function listFiles(repoRoot: string, input: string): string[] {
  const full = join(repoRoot, input);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [input];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

/** The hash of every input file's path and content, in a stable order. */
export function sourceHash(repoRoot: string, inputs: string[]): string {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => listFiles(repoRoot, input)).filter((file) => !SKIPPED.test(file));
  for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(join(repoRoot, file))).update('\0');
  return hash.digest('hex');
}

/** Builds when the sources changed or no build is there; says which, for the start-up output. */
export function buildWhenChanged({ repoRoot, inputs, dist, build }: WebBuild): 'built' | 'up to date' {
  const hash = sourceHash(repoRoot, inputs);
  const stampPath = join(repoRoot, dist, STAMP_FILE);
  const built = existsSync(join(repoRoot, dist, 'index.html')) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash;
  if (built) return 'up to date';
  build();
  writeFileSync(stampPath, hash);
  return 'built';
}

/** `npm run build` (Vite, production), with its output shown. */
export function viteBuild(repoRoot: string): void {
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`the web app's build failed (exit ${result.status}); see its output above`);
}
