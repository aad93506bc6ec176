import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  project.provide('templateDbPath', templateDbPath);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDbPath: string;
  }
}
