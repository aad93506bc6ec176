import { IMPORT_ANSWER_ROWS, type ImportDryRunResponse, type ImportPlanRowsResponse } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, postRequest, uploadRequest } from './test-files';

type DemoApp = ReturnType<typeof openDemoApp>;

const ROWS = 250;
/** Rows (as the spreadsheet numbers them: the header is row 1) whose URL is not a page address. */
const BAD_ROWS = [12, 130, 251];

/** A file of 250 new pages, one per reform34 commune, those of `badRows` with a bad URL. */
function bigFile(demo: DemoApp, badRows: readonly number[] = BAD_ROWS): Uint8Array {
  const codes = demo.db.prepare("SELECT code FROM units WHERE scheme = 'reform34' AND level = 'commune' ORDER BY code LIMIT ?").pluck().all(ROWS) as string[];
  const lines = codes.map((code, i) => [code, badRows.includes(i + 2) ? 'https://www.facebook.com/' : `https://www.facebook.com/mttq.rows.${code}`, '01/09/2025']);
  return csvFile([['Mã xã', 'Đường dẫn trang', 'Ngày lập'], ...lines]);
}

describe('GET /imports/{planId}/rows: a big file read page by page', () => {
  let demo: DemoApp;
  let admin: TestSession;
  let plan: ImportDryRunResponse;
  const rowsOf = async (query: string, session: TestSession = admin, planId = plan.planId) => {
    const response = await demo.app.request(`/api/v1/imports/${planId}/rows${query}`, { headers: session.headers });
    return { status: response.status, body: (await response.json()) as ImportPlanRowsResponse & { error?: { code: string; message: string; details: Array<{ path: string; message: string }> } } };
  };

  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
    const response = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(bigFile(demo), admin, { scheme: 'reform34' }));
    expect(response.status).toBe(200);
    plan = (await response.json()) as ImportDryRunResponse;
  });
  afterAll(() => demo.close());

  it(`answers the dry run with the totals, every problem and the first ${IMPORT_ANSWER_ROWS} rows`, () => {
    expect(plan.totals).toMatchObject({ rows: ROWS, create: ROWS - 3, error: 3 });
    expect(plan.rows).toHaveLength(IMPORT_ANSWER_ROWS);
    expect(plan.rows.map((r) => r.row)).toEqual(Array.from({ length: IMPORT_ANSWER_ROWS }, (_, i) => i + 2));
    expect(plan.problems.find((p) => p.severity === 'error')).toMatchObject({ column: 'Đường dẫn trang', count: 3, rows: BAD_ROWS });
  });

  it('lists every row with an error, the last one past the first answer included, in the language asked', async () => {
    const { status, body } = await rowsOf('?filter=error');
    expect(status).toBe(200);
    expect(body).toMatchObject({ planId: plan.planId, filter: 'error', offset: 0, total: 3 });
    expect(body.rows.map((r) => [r.row, r.outcome, r.errors[0]?.column])).toEqual(BAD_ROWS.map((row) => [row, 'error', 'Đường dẫn trang']));
    expect(body.rows[0]!.errors[0]!.message).toMatch(/^Địa chỉ trang “[^”]+” không chỉ tới trang nào; hãy nhập/);
    const english = await rowsOf('?filter=error&lang=en');
    expect(english.body.rows[0]!.errors[0]!.message).not.toBe(body.rows[0]!.errors[0]!.message);
    expect(english.body.rows[0]!.errors[0]!.key).toBe(body.rows[0]!.errors[0]!.key);
  });

  it('pages through all the rows in file order, to the last', async () => {
    const seen: number[] = [];
    for (let offset = 0; ; ) {
      const { status, body } = await rowsOf(`?offset=${offset}&limit=100`);
      expect(status).toBe(200);
      expect(body.total).toBe(ROWS);
      seen.push(...body.rows.map((r) => r.row));
      offset += body.rows.length;
      if (body.rows.length < 100) break;
    }
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    const last = await rowsOf('?filter=changes&offset=245');
    expect(last.body.rows.map((r) => [r.row, r.outcome])).toEqual([
      [247, 'create'],
      [248, 'create'],
      [249, 'create'],
      [250, 'create'],
      [251, 'error'],
    ]);
  });

  it('refuses a bad filter, offset or limit, naming the parameter', async () => {
    for (const [query, path] of [
      ['?filter=bad', 'filter'],
      ['?offset=-1', 'offset'],
      ['?limit=0', 'limit'],
      ['?limit=1001', 'limit'],
      ['?page=2', 'page'],
    ] as const) {
      const { status, body } = await rowsOf(query);
      expect(status, query).toBe(400);
      expect(body.error!.details.map((d) => d.path)).toContain(path);
    }
  });

  it("keeps a plan's rows to its uploader, and ends them with the plan", async () => {
    const central = await signInAs(demo.db, 'central');
    expect((await rowsOf('', central)).status).toBe(404);
    expect((await rowsOf('', admin, '00000000-0000-0000-0000-000000000000')).status).toBe(404);

    // Without its bad rows the file commits; the plan's rows then end with it.
    const fixed = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(bigFile(demo, []), admin, { scheme: 'reform34' }));
    const fixedPlan = (await fixed.json()) as ImportDryRunResponse;
    expect(fixedPlan.totals).toMatchObject({ rows: ROWS, create: ROWS, error: 0 });
    expect((await rowsOf('?filter=changes&limit=1', admin, fixedPlan.planId)).body.total).toBe(ROWS);
    const committed = await demo.app.request(`/api/v1/imports/${fixedPlan.planId}/commit`, postRequest(admin));
    expect(committed.status).toBe(200);
    const gone = await rowsOf('', admin, fixedPlan.planId);
    expect(gone.status).toBe(410);
    expect(gone.body.error!.message).toContain(fixedPlan.planId);
  });
});
