import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, postRequest, uploadRequest } from './test-files';

type DemoApp = ReturnType<typeof openDemoApp>;

/**
 * The import keeps to the same rule as the page screens: an officer touches a page only when all
 * of its units, in every scheme, are inside their scope.
 */
describe('POST /imports/dry-run and a page of another province', () => {
  let demo: DemoApp;
  let officer: TestSession;
  let pageId: number;
  const url = 'https://www.facebook.com/hanoi.reform34.only';
  beforeAll(async () => {
    demo = openDemoApp();
    officer = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '51' });
    // A Hà Nội page known only in reform34, as central staff may have added it.
    pageId = Number(
      demo.db.prepare("INSERT INTO pages (platform, url, name, owner, launched_on) VALUES ('facebook', ?, 'MTTQ phường Ba Đình', 'front', '2024-03-01')").run(url).lastInsertRowid,
    );
    demo.db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, 'reform34', '00004', 'direct')").run(pageId);
  });
  afterAll(() => demo.close());

  it('refuses a row that names the page with a commune of the officer’s own province, and plans nothing', async () => {
    const file = csvFile([
      ['Mã xã', 'Đường dẫn trang', 'Tên trang'],
      ['21010', url, 'Trang của Quảng Ngãi'],
    ]);
    const response = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(file, officer, { scheme: 'legacy63' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: { outcome: string; errors: { column: string; message: string; key: string; params: Record<string, unknown> }[] }[]; totals: Record<string, number> };
    expect(body.rows[0]!.outcome).toBe('error');
    expect(body.rows[0]!.errors).toContainEqual(
      expect.objectContaining({ key: 'import_page_outside_scope', params: { unit: 'Phường Ba Đình', scheme: 'reform34', code: '00004', scopes: 'Tỉnh Quảng Ngãi' } }),
    );
    expect(body.rows[0]!.errors.map((e) => e.message).join(' ')).toContain('Trang này thuộc Phường Ba Đình (00004), ngoài phạm vi của bạn (Tỉnh Quảng Ngãi)');
    expect(demo.db.prepare('SELECT scheme, unit_code FROM page_assignments WHERE page_id = ?').all(pageId)).toEqual([{ scheme: 'reform34', unit_code: '00004' }]);
  });
});

describe('POST /imports/dry-run and a unit that already has a live Front page', () => {
  let demo: DemoApp;
  let admin: TestSession;
  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
  });
  afterAll(() => demo.close());

  it('warns before a second Front page is added, naming the live one', async () => {
    const covered = demo.db
      .prepare("SELECT a.unit_code, p.id FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'reform34' WHERE p.owner = 'front' AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected')) ORDER BY a.unit_code LIMIT 1")
      .get() as { unit_code: string; id: number };
    const file = csvFile([
      ['Mã xã', 'Đường dẫn trang', 'Ngày lập'],
      [covered.unit_code, 'https://www.facebook.com/second.front.test', '2025-09-01'],
    ]);
    const response = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(file, admin, { scheme: 'reform34' }));
    const body = (await response.json()) as { rows: { outcome: string; warnings: string[]; warningMessages: { key: string; params: Record<string, unknown> }[] }[] };
    expect(body.rows[0]!.outcome).toBe('create');
    expect(body.rows[0]!.warningMessages).toContainEqual({ key: 'import_second_front_page', params: expect.objectContaining({ id: String(covered.id) }) });
    expect(body.rows[0]!.warnings.join(' ')).toContain(`đã có trang Ủy ban MTTQ đang hoạt động (trang ${covered.id} `);
  });
});

describe('POST /imports/{planId}/commit across the reform', () => {
  it('gives an imported page of a legacy63 commune, live on 01/07/2025, its reform34 commune', async () => {
    const demo = openDemoApp();
    try {
      const admin = await signInAs(demo.db, 'admin');
      const file = csvFile([
        ['Mã xã', 'Đường dẫn trang', 'Ngày lập', 'Chủ quản'],
        ['00001', 'https://www.facebook.com/carried.by.import', '2023-05-01', 'Đoàn Thanh niên'],
      ]);
      const dry = (await (await demo.app.request('/api/v1/imports/dry-run', uploadRequest(file, admin, { scheme: 'legacy63' }))).json()) as { planId: string; canCommit: boolean };
      expect(dry.canCommit).toBe(true);
      const committed = await demo.app.request(`/api/v1/imports/${dry.planId}/commit`, postRequest(admin));
      expect(committed.status).toBe(200);
      const id = demo.db.prepare("SELECT id FROM pages WHERE url = 'https://www.facebook.com/carried.by.import'").pluck().get();
      expect(demo.db.prepare('SELECT scheme, unit_code, basis FROM page_assignments WHERE page_id = ? ORDER BY scheme').all(id)).toEqual([
        { scheme: 'legacy63', unit_code: '00001', basis: 'direct' },
        { scheme: 'reform34', unit_code: '00097', basis: 'crosswalk' },
      ]);
    } finally {
      demo.close();
    }
  });
});
