// What a build read, as one hash: `npm start` rebuilds the web app (web-build.ts) and the server
// bundle (apps/api/launch.mjs) only when it changed. Plain JavaScript, so the launcher can use it
// before any TypeScript is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Paths no build reads: installed packages, outputs, backups, tests, and under data/ all but JSON. */
const SKIPPED = /(^|\/)(node_modules|dist|backups)(\/|$)|\.test\.tsx?$|^data\/.*(?<!\.json)$/;

/** The files under `input` (a file or a folder), relative to repoRoot; none when it does not exist. */
function listFiles(repoRoot, input) {
  const full = join(repoRoot, input);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [input];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

/** The hash of every input file's path and content, in a stable order. */
export function sourceHash(repoRoot, inputs) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => listFiles(repoRoot, input)).filter((file) => !SKIPPED.test(file));
  for (const file of files.sort()) hash.update(file).update('\0').update(readFileSync(join(repoRoot, file))).update('\0');
  return hash.digest('hex');
}

/** The name of the file, inside a build's output folder, holding the hash it was built from. */
export const STAMP_FILE = '.source-hash';

/** Is `dist` (holding `mustHave`) built from exactly `hash`? */
export function isBuiltFrom(repoRoot, dist, mustHave, hash) {
  const stampPath = join(repoRoot, dist, STAMP_FILE);
  return existsSync(join(repoRoot, dist, mustHave)) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash;
}
