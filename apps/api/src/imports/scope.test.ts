import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, uploadRequest } from './test-files';

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
    const body = (await response.json()) as { rows: { outcome: string; errors: { column: string; message: string }[] }[]; totals: Record<string, number> };
    expect(body.rows[0]!.outcome).toBe('error');
    expect(body.rows[0]!.errors.map((e) => e.message).join(' ')).toContain('this page belongs to Phường Ba Đình (reform34:00004) is outside your scope legacy63:51 (Tỉnh Quảng Ngãi)');
    expect(demo.db.prepare('SELECT scheme, unit_code FROM page_assignments WHERE page_id = ?').all(pageId)).toEqual([{ scheme: 'reform34', unit_code: '00004' }]);
  });
});
