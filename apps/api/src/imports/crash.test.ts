import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createUser, getUserByName, toSessionUser } from '../auth/users';
import { openDatabase } from '../db/connection';
import { createServices } from '../http/services';
import { commitImportPlan } from './commit';
import { planStoreOf } from './plan-store';
import { makeTempDir } from '../test/temp-db';

const TSX = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** Row count and a hash of every row of every table (but `except`): equal means the same data. */
function fingerprint(path: string, except: readonly string[] = []): Record<string, string> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !except.includes(t));
    return Object.fromEntries(
      tables.map((table) => {
        const hash = createHash('sha256');
        let rows = 0;
        for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) {
          hash.update(JSON.stringify(row));
          rows += 1;
        }
        return [table, `${rows}:${hash.digest('hex').slice(0, 16)}`];
      }),
    );
  } finally {
    db.close();
  }
}

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('mttq-crash-');
});
afterAll(() => temp.cleanup());

describe('a commit killed mid-transaction', () => {
  it('leaves the database exactly as before the import, and intact, with the plan still pending; committing it again then applies it once', async () => {
    const path = temp.path('crash.db');
    copyFileSync(inject('demoDbPath'), path);
    const setup = openDatabase(path);
    const userId = await createUser(setup, { username: 'importer', password: 'test-password', role: 'admin' });
    setup.close();
    // The child stores its plan (import_plans) before committing; everything else is as now.
    const before = fingerprint(path, ['import_plans']);

    const child = spawn(process.execPath, [TSX, CHILD, path, String(userId), 'importer'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    // The child prints the pid of the process that holds the transaction (tsx may run the
    // script in a process of its own), and that process is the one killed.
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /started (\d+)/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((how) => reject(new Error(`the child ended (${String(how)}) before starting the commit:\n${stdout}\n${stderr}`)));
    });
    // Half the pages are written and spilled into the WAL, uncommitted.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(100_000);
    process.kill(pid, 'SIGKILL');
    await exited;
    expect(stdout).not.toContain('finished');

    // Opening the database again rolls the half-written transaction back.
    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    expect(fingerprint(path, ['import_plans'])).toEqual(before);

    // The plan survived the crash, pending, with no result: the uploader can commit it again.
    const planId = /plan ([0-9a-f-]{36})/.exec(stdout)![1]!;
    const reopened = openDatabase(path);
    try {
      expect(reopened.prepare('SELECT state, result_json IS NULL AS noResult, plan_gz IS NOT NULL AS hasPlan FROM import_plans WHERE id = ?').get(planId)).toEqual({ state: 'pending', noResult: 1, hasPlan: 1 });
      const services = createServices(reopened, { today: () => '2026-11-27' });
      const user = toSessionUser(getUserByName(reopened, 'importer')!);
      const plan = (await planStoreOf(services).load(planId))!;
      const pages = () => reopened.prepare("SELECT count(*) FROM pages WHERE url LIKE 'https://www.facebook.com/crash.%'").pluck().get();
      const first = commitImportPlan(services, user, plan);
      expect(pages()).toBe(plan.changes.length);
      const audit = reopened.prepare('SELECT count(*) FROM audit_log').pluck().get();
      // Committing the same plan again (its answer lost) answers the same and writes nothing.
      expect(commitImportPlan(services, user, plan)).toEqual(first);
      expect(pages()).toBe(plan.changes.length);
      expect(reopened.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audit);
      expect(reopened.prepare("SELECT state, json(result_json) AS result FROM import_plans WHERE id = ?").get(planId)).toEqual({ state: 'committed', result: JSON.stringify(first) });
    } finally {
      reopened.close();
    }
  });
});
