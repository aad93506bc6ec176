import { copyFileSync } from 'node:fs';
import type { SchemeId } from '@mttq/core';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from './temp-db';

/**
 * A private copy of the shared demo database, with the real app over it; close() when done.
 * `defaultScheme` stands for DEFAULT_SCHEME: tests written against the legacy63 figures pin it,
 * the others get the scheme in force on `today`, as a real server does.
 */
export function openDemoApp(options: { today?: string; defaultScheme?: SchemeId; figureWorker?: boolean } = {}) {
  const temp = makeTempDir('mttq-demo-app-');
  const path = join(temp.dir, 'demo.db');
  copyFileSync(inject('demoDbPath'), path);
  const db: Db = openDatabase(path);
  const app = createApp({ db, publicRead: true, services: { today: () => options.today ?? '2026-11-27', defaultScheme: options.defaultScheme, figureWorker: options.figureWorker } });
  return {
    db,
    app,
    /** GET a path and parse the JSON answer; headers such as { 'accept-language': 'en' }. */
    async get(path: string, headers: Record<string, string> = {}) {
      const response = await app.request(path, { headers });
      return { status: response.status, body: (await response.json()) as any };
    },
    close() {
      db.close();
      temp.cleanup();
    },
  };
}
