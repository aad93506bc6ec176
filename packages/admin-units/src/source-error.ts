/**
 * Raised when a data package or an authored data file does not have the shape or the counts
 * this code was written for (e.g. after a version bump). The message names the source and what
 * differs, so nobody ends up with a silently partial registry.
 */
export class RegistrySourceError extends Error {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source}: ${detail}`);
    this.name = 'RegistrySourceError';
  }
}

/** Throws unless `actual === expected`, naming what was counted. */
export function expectCount(source: string, what: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new RegistrySourceError(source, `expected ${expected} ${what}, found ${actual}`);
  }
}
