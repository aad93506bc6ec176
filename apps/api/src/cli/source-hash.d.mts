/** The hash of every input file's (or folder's files') path and content under repoRoot, tests and outputs aside. */
export function sourceHash(repoRoot: string, inputs: readonly string[]): string;
/** The name of the file, inside a build's output folder, holding the hash it was built from. */
export const STAMP_FILE: string;
/** Is `dist` (holding `mustHave`) built from exactly `hash`? */
export function isBuiltFrom(repoRoot: string, dist: string, mustHave: string, hash: string): boolean;
