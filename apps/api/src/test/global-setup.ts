import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/connection';
import { seedDemoData } from '../demo/generate-demo';
import { maybeLoadRegistries } from '../units/load-registries';

/** The date the shared demo database is seeded up to, so every figure in tests is fixed. */
export const DEMO_TODAY = '2026-11-27';

/**
 * Builds one seeded demo database for the whole test run (seeding takes seconds) and hands its
 * path to tests as inject('demoDbPath'). Tests open it read-only or copy it before writing.
 */
export default function setup(project: TestProject) {
  const dir = join(tmpdir(), `mttq-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'demo.db');
  if (!existsSync(path)) {
    const building = `${path}.building`;
    const db = openDatabase(building);
    maybeLoadRegistries(db);
    seedDemoData(db, { today: DEMO_TODAY });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(building, path);
  }
  project.provide('demoDbPath', path);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoDbPath: string;
  }
}
