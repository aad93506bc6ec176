import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/temp-db';
import { DatabaseStartupError, openDatabase, SCHEMA_VERSION } from './connection';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

describe('openDatabase', () => {
  it('creates the file in WAL mode with foreign keys on and a busy timeout', () => {
    const db = openDatabase(temp.path('nested/dir/app.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('records each applied migration once, however often it is opened', () => {
    openDatabase(temp.path()).close();
    const db = openDatabase(temp.path());
    const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toHaveLength(SCHEMA_VERSION);
    expect(rows[0]).toMatchObject({ version: 1 });
    db.close();
  });

  it('refuses a database whose schema is newer than the code', () => {
    openDatabase(temp.path()).close();
    const raw = new Database(temp.path());
    raw.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')").run(SCHEMA_VERSION + 1);
    raw.close();
    expect(() => openDatabase(temp.path())).toThrow(
      new DatabaseStartupError(
        `The database schema is version ${SCHEMA_VERSION + 1}, newer than this program's ${SCHEMA_VERSION}. Upgrade the program, or point DATABASE_PATH at another file.`,
      ),
    );
  });

  it('explains a file that is not a SQLite database', () => {
    writeFileSync(temp.path('notes.db'), 'these are not the pages you are looking for\n'.repeat(100));
    expect(() => openDatabase(temp.path('notes.db'))).toThrow(/Cannot open the database at .*notes\.db: file is not a database\. Check DATABASE_PATH/);
  });

  it('explains a path that cannot be created', () => {
    writeFileSync(temp.path('a-file'), '');
    expect(() => openDatabase(temp.path('a-file/app.db'))).toThrow(/Cannot open the database at .*a-file\/app\.db/);
  });
});

describe('schema integrity', () => {
  let db: ReturnType<typeof openDatabase>;
  beforeEach(() => {
    db = openDatabase(temp.path());
    db.exec(`
      INSERT INTO units VALUES ('legacy63', '01', 'province', 'Thành phố Hà Nội', 'Hà Nội', 'thanh-pho-trung-uong', NULL, '01', 'red-river-delta');
      INSERT INTO units VALUES ('legacy63', '001', 'district', 'Quận Ba Đình', 'Ba Đình', 'quan', '01', '01', 'red-river-delta');
      INSERT INTO units VALUES ('reform34', '01', 'province', 'Thành phố Hà Nội', 'Hà Nội', 'thanh-pho-trung-uong', NULL, '01', 'red-river-delta');
    `);
  });
  afterEach(() => db.close());

  const unit = (values: string) => () => db.exec(`INSERT INTO units VALUES (${values})`);
  const page = (url: string, launchedOn = '2022-01-01') => () =>
    db.prepare("INSERT INTO pages (platform, url, name, owner, launched_on) VALUES ('facebook', ?, 'MTTQ', 'front', ?)").run(url, launchedOn);

  it.each([
    ['a district in reform34', "'reform34', '002', 'district', 'Quận X', 'X', 'quan', '01', '01', 'red-river-delta'", /CHECK/],
    ['a commune whose parent is missing', "'legacy63', '00001', 'commune', 'Phường Phúc Xá', 'Phúc Xá', 'phuong', '999', '01', 'red-river-delta'", /FOREIGN KEY/],
    ['a commune code without its leading zeros', "'legacy63', '1', 'commune', 'Phường Phúc Xá', 'Phúc Xá', 'phuong', '001', '01', 'red-river-delta'", /CHECK/],
    ['a province kind on a district', "'legacy63', '002', 'district', 'Tỉnh X', 'X', 'tinh', '01', '01', 'red-river-delta'", /CHECK/],
    ['an unknown region', "'legacy63', '002', 'district', 'Quận X', 'X', 'quan', '01', '01', 'atlantis'", /CHECK/],
    ['the same (scheme, code) twice', "'legacy63', '001', 'district', 'Quận Ba Đình', 'Ba Đình', 'quan', '01', '01', 'red-river-delta'", /UNIQUE/],
  ])('rejects %s', (_title, values, error) => {
    expect(unit(values)).toThrow(error);
  });

  it('accepts the same code in the other scheme', () => {
    expect(unit("'reform34', '00004', 'commune', 'Phường Ba Đình', 'Ba Đình', 'phuong', '01', '01', 'red-river-delta'")).not.toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM units WHERE code = '01'").get()).toEqual({ n: 2 });
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org', 'https://'])('stores no page URL like %s', (url) => {
    expect(page(url)).toThrow(/CHECK/);
  });

  it.each(['2022-02-30', '22-01-01', '2022-1-1'])('stores no launch date like %s', (date) => {
    expect(page('https://www.facebook.com/mttq.demo', date)).toThrow(/CHECK/);
  });

  it('assigns a page to at most one unit per scheme, and only to a unit that exists', () => {
    const { lastInsertRowid: id } = page('https://www.facebook.com/mttq.demo')();
    const assign = (scheme: string, code: string) => () =>
      db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, 'direct')").run(id, scheme, code);
    expect(assign('legacy63', '001')).not.toThrow();
    expect(assign('legacy63', '01')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(assign('reform34', '79')).toThrow(/FOREIGN KEY/);
  });

  it('keeps one metric snapshot per page and month, with no negative counts', () => {
    const { lastInsertRowid: id } = page('https://www.facebook.com/mttq.demo')();
    const snapshot = (month: string, followers: number) => () =>
      db.prepare("INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, source) VALUES (?, ?, ?, 3, 10, 'manual')").run(id, month, followers);
    expect(snapshot('2022-08', 100)).not.toThrow();
    expect(snapshot('2022-08', 120)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(snapshot('2022-13', 100)).toThrow(/CHECK/);
    expect(snapshot('2022-09', -1)).toThrow(/CHECK/);
  });
});
