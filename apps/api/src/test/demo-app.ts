import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from './temp-db';

/** A private copy of the shared demo database, with the real app over it; close() when done. */
export function openDemoApp(options: { today?: string } = {}) {
  const temp = makeTempDir('mttq-demo-app-');
  const path = join(temp.dir, 'demo.db');
  copyFileSync(inject('demoDbPath'), path);
  const db: Db = openDatabase(path);
  const app = createApp({ db, publicRead: true, services: { today: () => options.today ?? '2026-11-27' } });
  return {
    db,
    app,
    /** GET a path and parse the JSON answer. */
    async get(path: string) {
      const response = await app.request(path);
      return { status: response.status, body: (await response.json()) as any };
    },
    close() {
      db.close();
      temp.cleanup();
    },
  };
}
