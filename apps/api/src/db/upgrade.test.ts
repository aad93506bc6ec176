import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createSession, CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';
import { hashPassword } from '../auth/passwords';
import { seedDemoData } from '../demo/generate-demo';
import { DEMO_TODAY } from '../test/global-setup';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';
import { carryPagesAcrossReform, carryPagesOnce } from '../start';
import { openDatabase, type Db } from './connection';
import { MIGRATIONS } from './migrations';

/**
 * Upgrading a database made before scopes followed the reform (schema version 4, as the program
 * of that time made it: its migrations never change) keeps every row, moves each officer's one
 * scope unit to user_scopes, and carries live pages across the reform through the crosswalk.
 */
const OLD_VERSION = 4;
const TABLES = ['units', 'crosswalk', 'crosswalk_unmatched', 'pages', 'page_assignments', 'page_status_events', 'metric_snapshots', 'users', 'sessions', 'audit_log', 'reporting_periods', 'province_reports', 'snapshots'];

let temp: ReturnType<typeof makeTempDir>;
let before: Record<string, number>;
let db: Db;
let derived: { derived: number; waiting: number };
let quangNgaiToken: string;
let quangNgaiCsrf: string;

const countAll = (conn: Database.Database) => Object.fromEntries(TABLES.map((t) => [t, conn.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));

beforeAll(async () => {
  temp = makeTempDir('mttq-upgrade-');
  const old = new Database(temp.path());
  old.pragma('journal_mode = WAL');
  old.pragma('foreign_keys = ON');
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= OLD_VERSION)) {
    old.exec(migration.sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-11-01T00:00:00.000Z');
  }
  maybeLoadRegistries(old);
  seedDemoData(old, { today: DEMO_TODAY });
  // Accounts as version 4 stored them: one scope unit in the users row.
  const hash = await hashPassword('old-password');
  const insertUser = old.prepare("INSERT INTO users (username, password_hash, role, scope_scheme, scope_code, is_demo, created_at) VALUES (?, ?, ?, ?, ?, 0, '2026-11-01')");
  insertUser.run('old-admin', hash, 'admin', null, null);
  const officerId = Number(insertUser.run('province-51', hash, 'province', 'legacy63', '51').lastInsertRowid);
  insertUser.run('district-522', hash, 'province', 'legacy63', '522');
  const session = createSession(old, officerId);
  quangNgaiToken = session.token;
  quangNgaiCsrf = session.csrfToken;
  old.prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES ('2026-11-01', 1, 'old-admin', 'create', 'user', '2', NULL, '{}')").run();
  before = countAll(old);
  old.close();

  db = openDatabase(temp.path());
  derived = carryPagesOnce(db)!;
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('upgrading a version 4 database', () => {
  it('keeps every row of every table, adding only the assignments the crosswalk gives and their audit rows', () => {
    const after = countAll(db);
    expect(after).toEqual({ ...before, page_assignments: before.page_assignments! + derived.derived, audit_log: before.audit_log! + derived.derived });
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('moves each officer’s scope unit to user_scopes and keeps the other roles without one', () => {
    expect(db.prepare('SELECT u.username, s.scheme, s.code FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id ORDER BY u.id').all()).toEqual([
      { username: 'old-admin', scheme: null, code: null },
      { username: 'province-51', scheme: 'legacy63', code: '51' },
      { username: 'district-522', scheme: 'legacy63', code: '522' },
    ]);
  });

  it('reports the pages it carried and those waiting for a choice, and carries nothing more when run again', () => {
    // The demo data carried its pages itself; split communes' pages wait for their province.
    expect(derived.waiting).toBeGreaterThan(0);
    expect(carryPagesAcrossReform(db)).toEqual({ derived: 0, waiting: derived.waiting });
  });

  it('passes over every page at the first start only: a later start skips the pass, whose writes derive for themselves', () => {
    expect(derived).not.toBeNull();
    expect(carryPagesOnce(db)).toBeNull();
  });

  it('keeps the 12/08/2022 figures of legacy63: 63/63, 548/705, 5,777/10,599', async () => {
    const app = createApp({ db, publicRead: true, services: { today: () => DEMO_TODAY } });
    const { levels } = (await (await app.request('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12')).json()) as { levels: Record<string, { total: number; covered: number }> };
    expect([levels.province, levels.district, levels.commune].map((l) => `${l!.covered}/${l!.total}`)).toEqual(['63/63', '548/705', '5777/10599']);
  });

  it('fills the search text of the old pages, so "hagiang" finds every page of Hà Giang', async () => {
    const app = createApp({ db, publicRead: true, services: { today: () => DEMO_TODAY } });
    const total = async (query: string) => ((await (await app.request(`/api/v1/pages?scheme=legacy63&asOf=2022-08-12&${query}`)).json()) as { total: number }).total;
    expect(db.prepare('SELECT count(*) FROM pages WHERE search_text IS NULL').pluck().get()).toBe(before.pages);
    const inProvince = await total('parent=02');
    expect(inProvince).toBeGreaterThan(0);
    expect(await total('parent=02&q=hagiang')).toBe(inProvince);
    expect(db.prepare('SELECT count(*) FROM pages WHERE search_text IS NULL').pluck().get()).toBe(0);
  });

  it('keeps the old session working, now able to write in reform34:51 and not in Hà Nội', async () => {
    const app = createApp({ db, services: { today: () => DEMO_TODAY } });
    const headers = { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${quangNgaiToken}`, [CSRF_HEADER]: quangNgaiCsrf };
    const free = db
      .prepare("SELECT code FROM units u WHERE scheme = 'reform34' AND level = 'commune' AND province_code = '51' ORDER BY code DESC LIMIT 1")
      .pluck()
      .get() as string;
    const body = (handle: string, code: string) =>
      JSON.stringify({ platform: 'facebook', url: `https://www.facebook.com/${handle}`, name: 'MTTQ', launchedOn: '2025-09-01', unit: { scheme: 'reform34', code }, confirmSecondFrontPage: true });
    expect((await app.request('/api/v1/pages', { method: 'POST', headers, body: body('upgrade.qn', free) })).status).toBe(201);
    const refused = await app.request('/api/v1/pages', { method: 'POST', headers, body: body('upgrade.hn', '00004') });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Phạm vi của bạn là legacy63:51 (Tỉnh Quảng Ngãi); reform34:00004 nằm ngoài phạm vi đó');
  });
});
