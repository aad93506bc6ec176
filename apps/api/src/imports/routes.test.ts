import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportDryRunResponse, type ImportRowResult } from '@mttq/core';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, csvText, postRequest, uploadRequest, type TestEncoding } from './test-files';

type DemoApp = ReturnType<typeof openDemoApp>;

/** Three uncovered communes of Huyện Hữu Lũng (Tỉnh Lạng Sơn) in the demo data, named only. */
const HEADER = ['Tỉnh', 'Huyện', 'Tên xã', 'Đường dẫn trang', 'Tên trang', 'Ngày lập', 'Tháng', 'Lượt theo dõi', 'Số bài', 'Tương tác'];
const ROWS = [
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Thị trấn Hữu Lũng', 'https://www.facebook.com/mttq.huulung.test', 'Mặt trận Tổ quốc thị trấn Hữu Lũng', '15/03/2022', '05/2025', '1.234', '12', '345'],
  ['Lạng Sơn', 'Hữu Lũng', 'Xã Hữu Liên', 'facebook.com/MTTQ.HuuLien.Test/', 'MTTQ xã Hữu Liên', '2022-04-01', '2025-05', '800', '4', '90'],
  ['Tỉnh Lạng Sơn', 'huyen huu lung', 'Yên Bình', 'https://zalo.me/mttq-yenbinh-test', 'Zalo xã Yên Bình', '2022-05-01', '', '', '', ''],
];
const CODES = ['06385', '06388', '06391'];

async function dryRun(demo: DemoApp, session: TestSession, bytes: Uint8Array, options: { fileName?: string; scheme?: string } = {}) {
  // These files are written for legacy63 units (districts and all); reform34 is the default scheme.
  const response = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(bytes, session, { scheme: 'legacy63', ...options }));
  const body = (await response.json()) as any;
  return { status: response.status, body: body as ImportDryRunResponse & { error?: { code: string; message: string; details: { path: string; message: string }[] } } };
}

async function commit(demo: DemoApp, session: TestSession, planId: string) {
  const response = await demo.app.request(`/api/v1/imports/${planId}/commit`, postRequest(session));
  return { status: response.status, body: (await response.json()) as any };
}

/** What a row's outcome means to a person, without ids that differ between runs. */
const outcomeOf = (r: ImportRowResult) => ({ row: r.row, outcome: r.outcome, unit: r.unit?.code ?? null, url: r.url, changes: r.changes, errors: r.errors.map((e) => `${e.column}: ${e.message}`) });

const count = (demo: DemoApp, sql: string, ...params: unknown[]) => (demo.db.prepare(sql).pluck().get(...params) as number) ?? 0;
const tableCounts = (demo: DemoApp) =>
  Object.fromEntries(['pages', 'page_assignments', 'page_status_events', 'metric_snapshots', 'audit_log'].map((t) => [t, count(demo, `SELECT count(*) FROM ${t}`)]));

describe('POST /imports/dry-run: reading files', () => {
  let demo: DemoApp;
  let admin: TestSession;
  let baseline: ReturnType<typeof outcomeOf>[];
  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
    const { status, body } = await dryRun(demo, admin, csvFile([HEADER, ...ROWS]));
    expect(status).toBe(200);
    baseline = body.rows.map(outcomeOf);
  });
  afterAll(() => demo.close());

  it('plans three new pages, matching units by name with the district narrowing the commune', () => {
    expect(baseline.map((r) => [r.row, r.outcome, r.unit])).toEqual([
      [2, 'create', CODES[0]],
      [3, 'create', CODES[1]],
      [4, 'create', CODES[2]],
    ]);
    // The URL is stored canonical: https, www., lower case, no trailing slash.
    expect(baseline[1]!.url).toBe('https://www.facebook.com/mttq.huulien.test');
    expect(baseline[0]!.changes).toContain('số liệu tháng 5/2025 (mới): lượt theo dõi 1.234, bài đăng 12, tương tác 345');
  });

  it.each<[TestEncoding, string]>([
    ['utf-8', ';'],
    ['utf-8-bom', ','],
    ['utf-8-bom', ';'],
    ['utf-16le', '\t'],
    ['utf-16be', '\t'],
    ['windows-1258', ','],
    ['windows-1258', ';'],
    ['windows-1258', '\t'],
  ])('reads %s with separator %j to the same plan', async (encoding, separator) => {
    const { status, body } = await dryRun(demo, admin, csvFile([HEADER, ...ROWS], { encoding, separator }));
    expect(status).toBe(200);
    expect(body.file).toMatchObject({ encoding, separator, format: 'csv', headerRow: 1 });
    expect(body.rows.map(outcomeOf)).toEqual(baseline);
  });

  it('reads NFD text (as macOS writes it) to the same plan', async () => {
    const { body } = await dryRun(demo, admin, Buffer.from(csvText([HEADER, ...ROWS]).normalize('NFD'), 'utf8'));
    expect(body.rows.map(outcomeOf)).toEqual(baseline);
  });

  it('reads an XLSX workbook, dates and numbers typed as such, to the same plan', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Trang');
    sheet.addRow(HEADER);
    for (const row of ROWS) {
      const [launched, month] = [row[5]!, row[6]!];
      const date = launched.includes('/') ? new Date(Date.UTC(2022, 2, 15)) : new Date(`${launched}T00:00:00Z`);
      const followers = row[7] ? Number(row[7].replace('.', '')) : null;
      sheet.addRow([row[0], row[1], row[2], { text: row[4], hyperlink: row[3] }, row[4], date, month ? new Date(Date.UTC(2025, 4, 1)) : null, followers, row[8] ? Number(row[8]) : null, row[9] ? Number(row[9]) : null]);
    }
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { status, body } = await dryRun(demo, admin, bytes, { fileName: 'trang.xlsx' });
    expect(status).toBe(200);
    expect(body.file).toMatchObject({ format: 'xlsx', encoding: null, separator: null });
    expect(body.rows.map(outcomeOf)).toEqual(baseline);
  });

  it('accepts English and diacritics-free headers in any order, ignoring unknown columns', async () => {
    const english = ['page_name', 'URL', 'commune', 'Ghi chu noi bo', 'launched_on', 'district', 'PROVINCE', 'followers', 'month', 'interactions', 'posts'];
    const order = [4, 3, 2, -1, 5, 1, 0, 7, 6, 9, 8];
    const rows = ROWS.map((row) => order.map((i) => (i === -1 ? 'x' : row[i]!)));
    const { status, body } = await dryRun(demo, admin, csvFile([english, ...rows]));
    expect(status).toBe(200);
    expect(body.ignoredColumns).toEqual(['Ghi chu noi bo']);
    expect(body.columns.map((c) => c.key).sort()).toEqual(['commune', 'district', 'followers', 'interactions', 'launchedOn', 'month', 'pageName', 'posts', 'province', 'url'].sort());
    expect(body.rows.map(outcomeOf)).toEqual(baseline);

    const viNoMarks = ['ten trang', 'duong dan trang', 'TEN XA', 'ngay lap', 'huyen', 'tinh', 'luot theo doi', 'thang', 'tuong tac', 'so bai'];
    const rowsVi = ROWS.map((row) => [4, 3, 2, 5, 1, 0, 7, 6, 9, 8].map((i) => row[i]!));
    const vi = await dryRun(demo, admin, csvFile([viNoMarks, ...rowsVi]));
    expect(vi.body.rows.map(outcomeOf)).toEqual(baseline);
  });

  it('finds the header below a title line and skips blank rows', async () => {
    const { body } = await dryRun(demo, admin, csvFile([['Danh sách trang — Lạng Sơn'], [], HEADER, ROWS[0]!, ['', '', ''], ROWS[1]!]));
    expect(body.file.headerRow).toBe(3);
    expect(body.totals.rows).toBe(2);
    expect(body.rows.map((r) => [r.row, r.outcome])).toEqual([
      [4, 'create'],
      [6, 'create'],
    ]);
  });

  it('matches by code, putting back the leading zeros a spreadsheet drops, and checks a name given with it', async () => {
    const { body } = await dryRun(
      demo,
      admin,
      csvFile([
        ['Mã xã', 'Tên xã', 'URL', 'Ngày lập'],
        ['6385', '', 'https://www.facebook.com/a.test', '2022-01-01'],
        ['06388', 'xa huu lien', 'https://www.facebook.com/b.test', '2022-01-01'],
        ['06388', 'Xã Yên Bình', 'https://www.facebook.com/c.test', '2022-01-01'],
        ['99999', '', 'https://www.facebook.com/d.test', '2022-01-01'],
      ]),
    );
    expect(body.rows.map((r) => [r.outcome, r.unit?.code ?? null])).toEqual([
      ['create', '06385'],
      ['create', '06388'],
      ['error', null],
      ['error', null],
    ]);
    expect(body.rows[2]!.errors[0]).toMatchObject({
      column: 'Tên xã',
      message: 'Mã 06388 là Xã Hữu Liên, không phải “Xã Yên Bình”; hãy sửa mã hoặc tên.',
      key: 'import_unit_code_name',
      params: { code: '06388', unit: 'Xã Hữu Liên', name: 'Xã Yên Bình' },
    });
    expect(body.rows[3]!.errors[0]).toMatchObject({ column: 'Mã xã', key: 'import_unit_code_unknown', params: { code: '99999', level: 'xã, phường', scheme: '63 tỉnh, thành' } });
  });

  it('lists the candidates, name and code, of an ambiguous commune name, and resolves it once the district is given', async () => {
    const { body } = await dryRun(
      demo,
      admin,
      csvFile([
        ['Tỉnh', 'Huyện', 'Tên xã', 'URL', 'Ngày lập'],
        ['Hà Nội', '', 'Kim Chung', 'https://www.facebook.com/kimchung.test', '2022-01-01'],
        ['Hà Nội', 'Đông Anh', 'Kim Chung', 'https://www.facebook.com/kimchung.test', '2022-01-01'],
        ['Hà Nội', 'Hữu Lũng', 'Kim Chung', 'https://www.facebook.com/kimchung2.test', '2022-01-01'],
      ]),
    );
    const [ambiguous, resolved, wrongDistrict] = body.rows;
    expect(ambiguous!.outcome).toBe('error');
    expect(ambiguous!.errors[0]!.column).toBe('Tên xã');
    expect(ambiguous!.errors[0]!.candidates).toEqual(
      expect.arrayContaining([
        { code: '00493', name: 'Xã Kim Chung', parent: 'Huyện Đông Anh' },
        { code: '09853', name: 'Xã Kim Chung', parent: 'Huyện Hoài Đức' },
      ]),
    );
    expect(ambiguous!.errors[0]!.message).toContain('Xã Kim Chung (00493, Huyện Đông Anh)');
    expect(ambiguous!.errors[0]!.message).toContain('Xã Kim Chung (09853, Huyện Hoài Đức)');
    expect(resolved).toMatchObject({ outcome: 'create', unit: { code: '00493', name: 'Xã Kim Chung', level: 'commune' } });
    expect(wrongDistrict!.errors[0]).toMatchObject({
      column: 'Huyện',
      key: 'import_unit_name_unknown',
      message: 'Không có quận, huyện nào tên “Hữu Lũng” thuộc Thành phố Hà Nội trong danh mục 63 tỉnh, thành; hãy kiểm tra chính tả hoặc ghi mã vào cột Mã huyện.',
    });
  });

  it('names the column and what to write for each bad value of a row', async () => {
    const { body } = await dryRun(
      demo,
      admin,
      csvFile([
        ['Mã xã', 'URL', 'Nền tảng', 'Ngày lập', 'Trạng thái', 'Tháng', 'Lượt theo dõi', 'Số bài', 'Tương tác'],
        ['06385', 'javascript:alert(1)', '', '2022-02-30', 'đẹp', '13/2025', '-5', '1,5', ''],
      ]),
    );
    const errors = Object.fromEntries(body.rows[0]!.errors.map((e) => [e.column, [e.key, e.params.value ?? e.params.url]]));
    expect(errors).toEqual({
      'Nền tảng': ['import_platform_needed', 'javascript:alert(1)'],
      'Ngày lập': ['import_date_invalid', '2022-02-30'],
      'Trạng thái': ['import_status_unknown', 'đẹp'],
      Tháng: ['import_month_invalid', '13/2025'],
      'Lượt theo dõi': ['import_count_invalid', '-5'],
      'Số bài': ['import_count_invalid', '1,5'],
    });
    const texts = Object.fromEntries(body.rows[0]!.errors.map((e) => [e.column, e.message]));
    expect(texts['Ngày lập']).toBe('“2022-02-30” không phải ngày có thật; hãy nhập ngày/tháng/năm, ví dụ 15/03/2022 (hoặc 2022-03-15).');
    expect(texts['Trạng thái']).toBe('“đẹp” không phải trạng thái; hãy ghi Đã báo cáo, Đã xác minh, Bị từ chối, Hoạt động, Không hoạt động, Đã đóng hoặc Mở lại.');
  });

  it('counts a row without page data as unchanged and a page row without a URL as an error', async () => {
    const { body } = await dryRun(
      demo,
      admin,
      csvFile([
        ['Mã xã', 'URL', 'Tên trang'],
        ['06385', '', ''],
        ['06388', '', 'Trang không có địa chỉ'],
      ]),
    );
    expect(body.rows.map((r) => r.outcome)).toEqual(['unchanged', 'error']);
    expect(body.rows[1]!.errors[0]).toMatchObject({ column: 'URL', key: 'import_url_empty', message: expect.stringContaining('Chưa có đường dẫn trang') });
    expect(body.totals).toMatchObject({ rows: 2, unchanged: 1, error: 1, create: 0 });
    expect(body.canCommit).toBe(false);
  });

  it('refuses a viewer before reading the file', async () => {
    const viewer = await signInAs(demo.db, 'viewer');
    const { status, body } = await dryRun(demo, viewer, csvFile([HEADER, ...ROWS]));
    expect(status).toBe(403);
    expect(body.error!.code).toBe('forbidden');
  });
});

describe('POST /imports/dry-run: limits and unreadable files', () => {
  let demo: DemoApp;
  let admin: TestSession;
  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
  });
  afterAll(() => demo.close());

  /** A CSV of exactly `size` bytes: one row padded by ignored cells of 999 characters (under the cell limit). */
  function fileOfSize(size: number): Buffer {
    const head = 'Mã xã,URL,Ngày lập,Khác\r\n06385,https://www.facebook.com/pad.test,2022-01-01,';
    const headBytes = Buffer.byteLength(head, 'utf8');
    const pad = Buffer.alloc(size - headBytes - 2, 'x');
    for (let i = 999; i < pad.length; i += 1000) pad[i] = 0x2c;
    return Buffer.concat([Buffer.from(head, 'utf8'), pad, Buffer.from('\r\n')]);
  }

  it(`takes a file of exactly ${MAX_IMPORT_BYTES} bytes and refuses one byte more with 413`, async () => {
    const atLimit = await dryRun(demo, admin, fileOfSize(MAX_IMPORT_BYTES));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.totals).toMatchObject({ rows: 1, create: 1 });
    const over = await dryRun(demo, admin, fileOfSize(MAX_IMPORT_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'payload_too_large', key: 'import_route_too_large', message: expect.stringContaining('Tệp lớn hơn 5 MB (5.242.880 byte)') });
    const huge = await dryRun(demo, admin, fileOfSize(3 * MAX_IMPORT_BYTES));
    expect(huge.status).toBe(413);
  });

  it(`takes ${MAX_IMPORT_ROWS} rows and refuses ${MAX_IMPORT_ROWS + 1} with 422 and a message`, async () => {
    const rows = (n: number) => [['Mã xã', 'URL', 'Ngày lập'], ...Array.from({ length: n }, (_, i) => ['06385', `https://www.facebook.com/row${i}.test`, '2022-01-01'])];
    const atLimit = await dryRun(demo, admin, csvFile(rows(MAX_IMPORT_ROWS)));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.totals).toMatchObject({ rows: MAX_IMPORT_ROWS, create: MAX_IMPORT_ROWS });
    const over = await dryRun(demo, admin, csvFile(rows(MAX_IMPORT_ROWS + 1)));
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ key: 'sheet_too_many_rows', params: { rows: 20_001, max: 20_000 } });
    expect(over.body.error!.message).toBe('Tệp có 20.001 dòng dữ liệu; mỗi lần chỉ nhập được tối đa 20.000 dòng. Hãy tách tệp (ví dụ theo tỉnh, thành) rồi nhập lần lượt từng phần.');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'sheet_empty', 'Tệp trống.'],
    ['a file of blank lines', Buffer.from('\r\n \r\n,,\r\n'), 'sheet_empty', 'Tệp trống.'],
    ['a header without rows', csvFile([HEADER]), 'sheet_no_rows', 'Tệp có dòng tiêu đề (dòng 1) nhưng không có dòng dữ liệu nào bên dưới.'],
    ['an old .xls workbook', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'sheet_legacy_xls', 'Đây là tệp Excel .xls cũ.'],
    ['a broken XLSX', Buffer.from('PK\u0003\u0004 not really a zip'), 'sheet_xlsx_unreadable', 'không đọc được'],
  ])('answers %s with 422', async (_, bytes, key, message) => {
    const { status, body } = await dryRun(demo, admin, bytes);
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ key });
    expect(body.error!.message).toContain(message);
  });

  it('refuses an XLSX whose entries claim to unpack to more than 50 MB, before unpacking it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Trang').addRow(HEADER);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(300 * 1024 * 1024, central + 24);
    const { status, body } = await dryRun(demo, admin, bytes, { fileName: 'bomb.xlsx' });
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ key: 'import_file_inflated', params: { mb: 50 } });
    expect(body.error!.message).toContain('Tệp XLSX khi giải nén lớn hơn 50 MB');
  });

  it('answers missing required columns with 422 naming them', async () => {
    const noUrl = await dryRun(demo, admin, csvFile([['Mã xã', 'Tên trang'], ['06385', 'x']]));
    expect(noUrl.status).toBe(422);
    expect(noUrl.body.error!.message).toBe(
      'Thiếu cột bắt buộc: cần cột đường dẫn trang (ví dụ “Link fanpage”). Dòng tiêu đề 1 có “Mã xã”, “Tên trang”. Hãy đặt tên cột như trong mẫu nhập liệu; các tên được nhận: Mã tỉnh, Tỉnh, Mã huyện, Huyện, Mã xã, Tên xã, Đường dẫn trang, Nền tảng, Tên trang, Chủ quản, Ngày lập, Trạng thái, Ghi chú, Tháng, Lượt theo dõi, Số bài, Tương tác, Lượt xem.',
    );
    expect(noUrl.body.error!.details).toMatchObject([{ path: 'Đường dẫn trang', key: 'mapping_missing_detail', message: 'thiếu cột đường dẫn trang (ví dụ “Link fanpage”)' }]);

    const nothing = await dryRun(demo, admin, csvFile([['a', 'b'], ['1', '2']]));
    expect(nothing.status).toBe(422);
    expect(nothing.body.error!.message).toMatch(/^Thiếu cột bắt buộc: cần cột đường dẫn trang \(ví dụ “Link fanpage”\) và cột đơn vị \(ví dụ “Tên xã”, “Phường\/Xã\/Thị trấn” hoặc “Mã xã”\)\. Dòng tiêu đề 1 có không cột nào nhận ra được; không nhận ra: “a”, “b”\./u);
    expect(nothing.body.error!.details.map((d) => d.path)).toEqual(['Đường dẫn trang', 'Mã xã']);
  });

  it('reads the first of two columns of the same meaning, both marked ambiguous for the mapping step', async () => {
    const { status, body } = await dryRun(demo, admin, csvFile([['Mã xã', 'commune_code', 'URL'], ['06385', '06385', 'https://www.facebook.com/x']]));
    expect(status).toBe(200);
    expect(body.file.mapping.needed).toBe(true);
    expect(body.file.headers.slice(0, 2).map((h) => [h.header, h.key, h.reading])).toEqual([
      ['Mã xã', 'communeCode', 'ambiguous'],
      ['commune_code', null, 'ambiguous'],
    ]);
  });

  it('answers a missing file field with 400 naming it, and an unknown scheme with 400', async () => {
    const form = new FormData();
    form.set('scheme', 'legacy63');
    const noFile = await demo.app.request('/api/v1/imports/dry-run', { method: 'POST', headers: admin.headers, body: form });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as any).error.details[0].path).toBe('file');
    const badScheme = await dryRun(demo, admin, csvFile([HEADER, ...ROWS]), { scheme: 'legacy64' });
    expect(badScheme.status).toBe(400);
    expect(badScheme.body.error!.details[0]!.path).toBe('scheme');
  });
});

describe('POST /imports/{planId}/commit', () => {
  let demo: DemoApp;
  let admin: TestSession;
  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
  });
  afterAll(() => demo.close());
  afterEach(() => vi.useRealTimers());

  const coveredCommunes = async () => (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12&level=commune&parent=186')).body.levels.commune.covered as number;

  it('refuses a plan with a bad row (422, nothing written); once fixed it applies in one go, /coverage counts it, and a second import changes nothing', async () => {
    const coveredBefore = await coveredCommunes();
    const countsBefore = tableCounts(demo);
    const bad = ROWS.map((row, i) => (i === 2 ? [...row.slice(0, 6), '2025-05', 'nhiều', '1', '2'] : row));
    const first = await dryRun(demo, admin, csvFile([HEADER, ...bad]));
    expect(first.body.canCommit).toBe(false);
    expect(first.body.rows.map((r) => r.outcome)).toEqual(['create', 'create', 'error']);
    expect(first.body.rows[2]!.errors).toEqual([
      { column: 'Lượt theo dõi', message: '“nhiều” không phải số nguyên từ 0 trở lên; hãy viết ví dụ 1234 hoặc 1.234.', key: 'import_count_invalid', params: { value: 'nhiều' }, candidates: [] },
    ]);
    const refused = await commit(demo, admin, first.body.planId);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ key: 'import_route_plan_has_errors', params: { count: 1, rows: '4' } });
    expect(refused.body.error.message).toContain('Kế hoạch nhập còn 1 dòng có lỗi (dòng 4); chưa có gì được nhập.');
    // Each row's detail: a path in no language (the file's row number), its text in the request's.
    expect(refused.body.error.details).toEqual([{ path: 'row.4', key: 'import_route_row_has_errors', params: { row: '4' }, message: 'Dòng 4 có lỗi; xem kết quả kiểm tra.' }]);
    expect(tableCounts(demo)).toEqual(countsBefore);
    expect(await coveredCommunes()).toBe(coveredBefore);

    const fixed = await dryRun(demo, admin, csvFile([HEADER, ...ROWS]), { fileName: 'huu-lung.csv' });
    expect(fixed.body.canCommit).toBe(true);
    expect(fixed.body.totals).toEqual({ rows: 3, create: 3, update: 0, metrics: 0, unchanged: 0, error: 0, metricSnapshots: 2, statusEvents: 3 });
    const done = await commit(demo, admin, fixed.body.planId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ planId: fixed.body.planId, scheme: 'legacy63', totals: fixed.body.totals });
    expect(await coveredCommunes()).toBe(coveredBefore + 3);
    const counts = tableCounts(demo);
    expect(counts).toEqual({
      pages: countsBefore.pages! + 3,
      // Each page's legacy63 commune, and its reform34 commune (live on 01/07/2025, it is carried across the reform).
      page_assignments: countsBefore.page_assignments! + 6,
      page_status_events: countsBefore.page_status_events! + 3,
      metric_snapshots: countsBefore.metric_snapshots! + 2,
      // One row per changed entity (3 pages, 6 assignments, 3 events, 2 snapshots) and the summary.
      audit_log: countsBefore.audit_log! + 15,
    });
    const page = demo.db.prepare('SELECT name, launched_on, owner, platform FROM pages WHERE url = ?').get('https://www.facebook.com/mttq.huulung.test');
    expect(page).toEqual({ name: 'Mặt trận Tổ quốc thị trấn Hữu Lũng', launched_on: '2022-03-15', owner: 'front', platform: 'facebook' });
    const summary = demo.db.prepare("SELECT username, after_json FROM audit_log WHERE entity = 'import' AND entity_id = ?").get(fixed.body.planId) as { after_json: string };
    expect(JSON.parse(summary.after_json)).toMatchObject({ file: 'huu-lung.csv', scheme: 'legacy63', totals: fixed.body.totals });

    // The plan is spent: committing it again answers the same and writes nothing.
    expect(await commit(demo, admin, fixed.body.planId)).toEqual(done);
    expect(tableCounts(demo)).toEqual(counts);

    for (const encoding of ['utf-8', 'windows-1258'] as const) {
      const again = await dryRun(demo, admin, csvFile([HEADER, ...ROWS], { encoding }));
      expect(again.body.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(again.body.totals).toMatchObject({ unchanged: 3, metricSnapshots: 0, statusEvents: 0 });
      expect((await commit(demo, admin, again.body.planId)).status).toBe(200);
      expect(tableCounts(demo)).toEqual(counts);
    }
  });

  it('updates changed fields and figures of existing pages, row by row', async () => {
    const edited = [
      [...ROWS[0]!.slice(0, 4), 'MTTQ thị trấn Hữu Lũng', ...ROWS[0]!.slice(5, 7), '1.300', '12', '345'],
      ROWS[1]!,
      [...ROWS[2]!.slice(0, 6), '2025-04', '50', '0', '0'],
      [...ROWS[2]!.slice(0, 6), '2025-05', '60', '2', '7'],
    ];
    const { body } = await dryRun(demo, admin, csvFile([HEADER, ...edited]));
    expect(body.rows.map((r) => [r.outcome, r.changes])).toEqual([
      ['update', ['tên trang: “Mặt trận Tổ quốc thị trấn Hữu Lũng” → “MTTQ thị trấn Hữu Lũng”', 'số liệu tháng 5/2025: lượt theo dõi 1.234 → 1.300']],
      ['unchanged', []],
      ['metrics', ['số liệu tháng 4/2025 (mới): lượt theo dõi 50, bài đăng 0, tương tác 0']],
      ['metrics', ['số liệu tháng 5/2025 (mới): lượt theo dõi 60, bài đăng 2, tương tác 7']],
    ]);
    expect(body.totals).toMatchObject({ update: 1, metrics: 2, unchanged: 1, metricSnapshots: 3, statusEvents: 0 });
    expect((await commit(demo, admin, body.planId)).status).toBe(200);
    const followers = demo.db.prepare("SELECT m.followers FROM metric_snapshots m JOIN pages p ON p.id = m.page_id WHERE p.url = ? AND m.month = '2025-05'").pluck();
    expect(followers.get('https://www.facebook.com/mttq.huulung.test')).toBe(1300);
    expect(followers.get('https://zalo.me/mttq-yenbinh-test')).toBe(60);
  });

  it('answers 409 and writes nothing when a page of the plan changed after the dry run', async () => {
    const { body } = await dryRun(demo, admin, csvFile([HEADER, [...ROWS[1]!.slice(0, 7), '999', '4', '90'], [...ROWS[0]!.slice(0, 3), 'https://www.facebook.com/fresh.test', 'Mới', '2022-01-01', '', '', '', '']]));
    expect(body.totals).toMatchObject({ metrics: 1, create: 1 });
    demo.db.prepare("UPDATE pages SET name = 'Đổi bởi người khác' WHERE url = ?").run('https://www.facebook.com/mttq.huulien.test');
    const before = tableCounts(demo);
    const { status, body: answer } = await commit(demo, admin, body.planId);
    expect(status).toBe(409);
    expect(answer.error).toMatchObject({ code: 'conflict', key: 'import_conflict', params: { count: 1, row: '2' } });
    expect(answer.error.message).toMatch(/^Dữ liệu đã thay đổi từ lần chạy thử; hãy chạy thử lại\./);
    expect(answer.error.details).toEqual([
      { path: 'row.2', key: 'import_conflict_changed', params: { id: expect.any(String), url: 'https://www.facebook.com/mttq.huulien.test' }, message: expect.stringContaining('đã thay đổi sau lần chạy thử') },
    ]);
    expect(tableCounts(demo)).toEqual(before);
    expect(demo.db.prepare('SELECT count(*) FROM pages WHERE url = ?').pluck().get('https://www.facebook.com/fresh.test')).toBe(0);
  });

  it('answers 409 when the address of a new page was taken after the dry run', async () => {
    const row = [...ROWS[0]!.slice(0, 3), 'https://www.facebook.com/race.test', 'Trang', '2022-01-01', '', '', '', ''];
    const [a, b] = [await dryRun(demo, admin, csvFile([HEADER, row])), await dryRun(demo, admin, csvFile([HEADER, row]))];
    expect((await commit(demo, admin, a.body.planId)).status).toBe(200);
    const second = await commit(demo, admin, b.body.planId);
    expect(second.status).toBe(409);
    expect(second.body.error.details[0]).toMatchObject({ key: 'import_conflict_added', params: { url: 'https://www.facebook.com/race.test' } });
    expect(second.body.error.details[0].message).toContain('với địa chỉ https://www.facebook.com/race.test đã được thêm sau lần chạy thử');
  });

  it("keeps a plan to its uploader, for 24 hours: another user's plan is a 404, an expired one a 410", async () => {
    const row = [...ROWS[0]!.slice(0, 3), 'https://www.facebook.com/later.test', 'Trang', '2022-01-01', '', '', '', ''];
    const central = await signInAs(demo.db, 'central');
    const mine = await dryRun(demo, admin, csvFile([HEADER, row]));
    expect((await commit(demo, central, mine.body.planId)).status).toBe(404);

    vi.useFakeTimers({ toFake: ['Date'] });
    const expiring = await dryRun(demo, admin, csvFile([HEADER, row]), { fileName: 'later.csv' });
    expect(Date.parse(expiring.body.expiresAt) - Date.now()).toBe(24 * 3_600_000);
    // Past the 30 minutes plans once lived in memory, it is still pending.
    vi.setSystemTime(Date.now() + 30 * 60_000 + 1);
    const status = await demo.app.request(`/api/v1/imports/${expiring.body.planId}`, { headers: admin.headers });
    expect(((await status.json()) as any).state).toBe('pending');

    vi.setSystemTime(Date.parse(expiring.body.expiresAt));
    // Sessions last 8 hours: the uploader signs in again.
    const session = createSession(demo.db, admin.userId);
    const again: TestSession = { userId: admin.userId, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken } };
    const expired = await commit(demo, again, expiring.body.planId);
    expect(expired.status).toBe(410);
    expect(expired.body.error).toMatchObject({ code: 'plan_expired', key: 'import_plan_expired', params: { file: 'later.csv', hours: 24 } });
    expect(expired.body.error.message).toMatch(/^Kế hoạch nhập [0-9a-f-]{36} \(later\.csv\) đã hết hạn lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\), 24 giờ sau lần chạy thử/);
    // The same refusal to a reader of English, a plan made in Vietnamese.
    const inEnglish = await demo.app.request(`/api/v1/imports/${expiring.body.planId}/commit?lang=en`, postRequest(again));
    expect(((await inEnglish.json()) as any).error.message).toMatch(/^Import plan [0-9a-f-]{36} \(later\.csv\) expired at \d{4}-\d\d-\d\d \d\d:\d\d Vietnam time \(UTC\+7\), 24 hours after its dry run.*Run the dry run again\.$/);
  });
});

describe('imports by province officers and statuses', () => {
  let demo: DemoApp;
  let officer: TestSession;
  let central: TestSession;
  beforeAll(async () => {
    demo = openDemoApp();
    officer = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '20' });
    central = await signInAs(demo.db, 'central');
  });
  afterAll(() => demo.close());

  it('makes rows outside the officer’s scope errors that name the scope', async () => {
    const { body } = await dryRun(
      demo,
      officer,
      csvFile([
        ['Mã xã', 'URL', 'Ngày lập'],
        ['06394', 'https://www.facebook.com/quyetthang.test', '2022-01-01'],
        ['00001', 'https://www.facebook.com/phucxa.test', '2022-01-01'],
      ]),
    );
    expect(body.rows.map((r) => r.outcome)).toEqual(['create', 'error']);
    expect(body.rows[1]!.errors[0]).toEqual({
      column: 'Mã xã',
      message: 'Phường Phúc Xá (00001) nằm ngoài phạm vi của bạn (Tỉnh Lạng Sơn); hãy nhờ cán bộ trung ương nhập dòng này.',
      key: 'import_unit_outside_scope',
      params: { unit: 'Phường Phúc Xá', scheme: 'legacy63', code: '00001', scopes: 'Tỉnh Lạng Sơn' },
      candidates: [],
    });
    const reform = await dryRun(demo, officer, csvFile([['Mã xã', 'URL', 'Ngày lập'], ['06394', 'https://www.facebook.com/x.test', '2025-08-01']]), { scheme: 'reform34' });
    expect(reform.body.rows[0]!.errors.map((e) => e.key)).toContain('import_unit_code_unknown');
    expect(reform.body.rows[0]!.errors.map((e) => e.message)).toContain('“06394” không phải mã xã, phường trong danh mục 34 tỉnh, thành; hãy tra mã trong mẫu nhập liệu của tỉnh, thành.');
  });

  it('refuses a plan whose uploader was given another scope after the dry run', async () => {
    const moved = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '20' });
    const { body } = await dryRun(demo, moved, csvFile([['Mã xã', 'URL', 'Ngày lập'], ['06394', 'https://www.facebook.com/moved.test', '2022-01-01']]));
    expect(body.canCommit).toBe(true);
    demo.db.prepare("UPDATE user_scopes SET code = '19' WHERE user_id = ?").run(moved.userId);
    const answer = await commit(demo, moved, body.planId);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ key: 'import_route_role_changed', message: 'Vai trò hoặc phạm vi của bạn đã thay đổi từ lần kiểm tra trước; hãy kiểm tra lại tệp.' });
    expect(count(demo, 'SELECT count(*) FROM pages WHERE url = ?', 'https://www.facebook.com/moved.test')).toBe(0);
  });

  it('lets central staff verify, not a province officer; reads "Hoạt động" without recording it', async () => {
    const create = await dryRun(demo, officer, csvFile([['Mã xã', 'URL', 'Ngày lập', 'Trạng thái'], ['06394', 'https://www.facebook.com/verify.test', '2022-01-01', 'Đã báo cáo']]));
    expect((await commit(demo, officer, create.body.planId)).status).toBe(200);
    const file = (status: string) => csvFile([['Mã xã', 'URL', 'Trạng thái'], ['06394', 'https://www.facebook.com/verify.test', status]]);

    const byOfficer = await dryRun(demo, officer, file('Đã xác minh'));
    expect(byOfficer.body.rows[0]!.errors[0]).toMatchObject({
      column: 'Trạng thái',
      key: 'import_status_central_only',
      message: 'Chỉ cán bộ trung ương được ghi “Đã xác minh”; hãy để Trạng thái là “Đã báo cáo”.',
    });
    const active = await dryRun(demo, officer, file('Hoạt động'));
    expect(active.body.rows[0]).toMatchObject({
      outcome: 'unchanged',
      warnings: ['Trạng thái “Hoạt động” không được ghi nhận: trạng thái hoạt động / không hoạt động tính từ số liệu hằng tháng.'],
      warningMessages: [{ key: 'import_status_not_recorded', params: { column: 'Trạng thái', status: 'Hoạt động' } }],
    });

    const byCentral = await dryRun(demo, central, file('da xac minh'));
    expect(byCentral.body.rows[0]).toMatchObject({
      outcome: 'update',
      changes: ['trạng thái: Đã báo cáo → Đã xác minh từ ngày 27/11/2026'],
      changeMessages: [{ key: 'import_change_status', params: { before: 'Đã báo cáo', after: 'Đã xác minh', on: '27/11/2026' } }],
    });
    expect((await commit(demo, central, byCentral.body.planId)).status).toBe(200);
    expect((await dryRun(demo, central, file('Đã xác minh'))).body.rows[0]!.outcome).toBe('unchanged');

    const rejectWithoutReason = await dryRun(demo, central, file('Bị từ chối'));
    expect(rejectWithoutReason.body.rows[0]!.errors[0]).toMatchObject({ column: 'Ghi chú', key: 'import_reject_needs_note', message: expect.stringContaining('cần ghi lý do') });
    const close = await dryRun(demo, officer, file('Đã đóng'));
    expect(close.body.rows[0]!.changes).toEqual(['trạng thái: Đã xác minh → Đã đóng từ ngày 27/11/2026']);
    expect((await commit(demo, officer, close.body.planId)).status).toBe(200);
    // Recorded today, in the page's history; legacy63 (which ended on 2025-06-30) still shows it live then.
    const page = (await demo.get(`/api/v1/pages?scheme=legacy63&parent=06394&q=verify.test`)).body.items[0];
    expect(page.status).toMatchObject({ isLive: true });
    const detail = (await demo.get(`/api/v1/pages/${page.id}`)).body;
    expect(detail.history.at(-1)).toMatchObject({ status: 'closed', effectiveOn: '2026-11-27' });
  });
});

describe('who may import', () => {
  let demo: DemoApp;
  beforeAll(() => {
    demo = openDemoApp();
  });
  afterAll(() => demo.close());

  const noSession: TestSession = { userId: 0, headers: {} };

  it.each([
    ['admin', null, 200],
    ['central', null, 200],
    ['province', '20', 200],
    ['viewer', null, 403],
  ] as const)('lets %s (scope %s) upload a dry run: %i', async (role, scope, expected) => {
    const session = await signInAs(demo.db, role, scope ? { scheme: 'legacy63', code: scope } : null);
    expect((await dryRun(demo, session, csvFile([HEADER, ...ROWS]))).status).toBe(expected);
  });

  it('asks a signed-out caller to sign in (401), even where reading is public', async () => {
    expect((await dryRun(demo, noSession, csvFile([HEADER, ...ROWS]))).status).toBe(401);
    expect((await commit(demo, noSession, 'any-plan')).status).toBe(401);
  });

  it('refuses an upload without the CSRF header (403) and writes nothing', async () => {
    const admin = await signInAs(demo.db, 'admin');
    const before = tableCounts(demo);
    const { 'x-csrf-token': _csrf, ...withoutCsrf } = admin.headers;
    const { status, body } = await dryRun(demo, { ...admin, headers: withoutCsrf }, csvFile([HEADER, ...ROWS]));
    expect(status).toBe(403);
    expect(body.error!.code).toBe('csrf');
    expect(tableCounts(demo)).toEqual(before);
  });
});
