import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { startServer, stopServer } from '../apps/api/bench/server-process';

/**
 * Builds the web app for production once and seeds one demo database with the real start-up
 * path (`main.ts`, DEMO=1); every test file starts its own server on a copy of it.
 */
export default async function setup(project: TestProject) {
  // NODE_ENV=test (set by vitest) would make Vite build React's development bundle
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-'));
  const templateDbPath = join(dir, 'demo.db');
  const { child } = await startServer(templateDbPath, { DEMO: '1' });
  await stopServer(child);
  // Tests copy the database file alone: everything must be in it, not in a -wal file beside it
  // (a stop that took too long ends with SIGKILL, before the server's own checkpoint).
  const template = new Database(templateDbPath);
  template.pragma('wal_checkpoint(TRUNCATE)');
  template.close();
  project.provide('templateDbPath', templateDbPath);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDbPath: string;
  }
}
