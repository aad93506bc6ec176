import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for one test's SQLite files; call cleanup() when done. */
export function makeTempDir(prefix = 'mttq-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name = 'app.db') => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
