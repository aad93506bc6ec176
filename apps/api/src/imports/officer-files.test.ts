/**
 * Files as provincial officers keep them, through the real HTTP import routes: title rows, loose
 * headers, a totals row and a signature block, a two-row merged header on the second sheet of a
 * workbook, follower counts alone. Each imports its good rows without any mapping, and one dry
 * run lists every bad row.
 */
import type { ImportDryRunResponse, ImportRowResult } from '@mttq/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type Served } from '../auth/test-http';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, postRequest, uploadRequest, type TestEncoding } from './test-files';

/** The demo database served over real HTTP. */
type DemoApp = ReturnType<typeof openDemoApp> & { served: Served };

async function openServedDemo(): Promise<DemoApp> {
  const demo = openDemoApp();
  return Object.assign(demo, { served: await serveApp(demo.app) });
}

async function closeServedDemo(demo: DemoApp | undefined) {
  await demo?.served.close();
  demo?.close();
}
type DryRun = ImportDryRunResponse & { error?: { code: string; message: string; details: { path: string; message: string }[] } };

async function dryRun(demo: DemoApp, session: TestSession, bytes: Uint8Array, options: { fileName?: string; month?: string } = {}) {
  const response = await fetch(`${demo.served.origin}/api/v1/imports/dry-run`, uploadRequest(bytes, session, { scheme: 'legacy63', ...options }));
  return { status: response.status, body: (await response.json()) as DryRun };
}

/** A dry run with the column step's mapping (column index → import column), as the wizard sends it. */
function mappingRequest(bytes: Uint8Array, session: TestSession, mapping: Record<string, string>): RequestInit {
  const request = uploadRequest(bytes, session, { scheme: 'legacy63' });
  (request.body as FormData).set('mapping', JSON.stringify(mapping));
  return request;
}

async function commit(demo: DemoApp, session: TestSession, planId: string) {
  const response = await fetch(`${demo.served.origin}/api/v1/imports/${planId}/commit`, postRequest(session));
  return { status: response.status, body: (await response.json()) as any };
}

const byRow = (body: DryRun) => new Map<number, ImportRowResult>(body.rows.map((r) => [r.row, r]));
const errorsOf = (r: ImportRowResult | undefined) => (r?.errors ?? []).map((e) => `${e.column}: ${e.message}`);

const NBSP = '\u00a0';
const TITLE = [
  ['ỦY BAN MTTQ VIỆT NAM HUYỆN HỮU LŨNG'],
  ['DANH SÁCH TRANG CỘNG ĐỒNG CỦA MTTQ CÁC XÃ, THỊ TRẤN'],
  ['(Kèm theo Báo cáo số 12/BC-MTTQ ngày 25/11/2026)'],
];
const HEADER = ['STT', 'Quận/Huyện', 'Phường/Xã/Thị trấn', 'Tên trang', 'Link fanpage', 'Ngày thành lập', 'Lượt theo dõi trang', 'Ghi chú'];
/** Row numbers as the spreadsheet shows them: the header is row 4. */
const BODY = [
  ['1', 'Huyện Hữu Lũng', 'Xã Quyết Thắng', 'MTTQ xã Quyết Thắng', 'https://www.facebook.com/mttq.quyetthang.officer', '15/03/2022', '1.245', ''], // 5
  ['2', 'Hữu Lũng', 'Hòa Sơn', 'MTTQ xã Hòa Sơn', 'facebook.com/mttq.hoason.officer', '01/04/2022', '1,245', ''], // 6
  ['3', 'Hữu Lũng', 'Thiện Tân', 'MTTQ xã Thiện Tân', 'https://facebook.com/mttq.thientan.officer/', '2022-05-01', '1,2K', 'số tròn'], // 7
  ['4', 'Hữu Lũng', 'Yên Vượng', 'MTTQ xã Yên Vượng', 'https://www.facebook.com/mttq.yenvuong.officer', '02/05/2022', `1${NBSP}245`, ''], // 8
  ['5', 'Hữu Lũng', 'Vân Thủy', 'MTTQ xã Vân Thủy', 'https://www.facebook.com/mttq.vanthuy.officer', '03/05/2022', '300', ''], // 9: Vân Thủy is in Chi Lăng
  ['6', 'Hữu Lũng', 'Minh Tiến', 'MTTQ xã Minh Tiến', 'javascript:alert(1)', '', '250', ''], // 10: bad URL and no launch date
  ['7', 'Hữu Lũng', 'Hồ Sơn', 'MTTQ xã Hồ Sơn (trang mới)', 'https://www.facebook.com/mttq.hoson2.officer', '04/05/2022', '90', ''], // 11: Hồ Sơn already has a live Front page
  ['', 'Tổng cộng', '', '', '', '', '5.575', ''], // 12
  ['', '', '', '', '', '', '', ''], // 13
  ['', 'Người lập biểu', '', '', '', 'Thủ trưởng đơn vị', '', ''], // 14
  ['', '', '', '', '', 'Hữu Lũng, ngày 25 tháng 11 năm 2026', '', ''], // 15
  ['', 'Nguyễn Văn An', '', '', '', 'Trần Thị Bình', '', ''], // 16
];
const FILE = [...TITLE, HEADER, ...BODY];
const GOOD = [5, 6, 7, 8, 11];

describe('POST /imports/dry-run: an officer’s file as written', () => {
  let demo: DemoApp;
  let officer: TestSession;
  beforeAll(async () => {
    demo = await openServedDemo();
    officer = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '20' });
  });
  afterAll(() => closeServedDemo(demo));

  it.each<[TestEncoding, string]>([
    ['windows-1258', ';'],
    ['windows-1258', ','],
    ['utf-8', ','],
    ['utf-8-bom', ';'],
    ['utf-8', '\t'],
  ])('reads %s with separator %j: the header under three title rows, good rows planned, every bad row listed, furniture skipped', async (encoding, separator) => {
    const { status, body } = await dryRun(demo, officer, csvFile(FILE, { encoding, separator }));
    expect(status).toBe(200);
    expect(body.file).toMatchObject({ encoding, separator, headerRow: 4 });
    expect(Object.fromEntries(body.columns.map((c) => [c.key, c.header]))).toEqual({
      district: 'Quận/Huyện',
      commune: 'Phường/Xã/Thị trấn',
      pageName: 'Tên trang',
      url: 'Link fanpage',
      launchedOn: 'Ngày thành lập',
      followers: 'Lượt theo dõi trang',
      note: 'Ghi chú',
    });
    expect(body.ignoredColumns).toEqual(['STT']);
    // The row numbers are known to hold nothing to import: no mapping step for this file.
    expect(body.file.headers.find((h) => h.header === 'STT')).toMatchObject({ key: null, reading: 'ignored' });
    expect(body.file.mapping).toEqual({ source: null, needed: false });
    expect(body.skippedRows).toEqual([
      { row: 12, reason: 'totals', text: 'Tổng cộng' },
      { row: 14, reason: 'signature', text: 'Người lập biểu' },
      { row: 15, reason: 'signature', text: 'Hữu Lũng, ngày 25 tháng 11 năm 2026' },
      { row: 16, reason: 'signature', text: 'Nguyễn Văn An' },
    ]);

    const rows = byRow(body);
    expect([...rows.keys()]).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(GOOD.map((row) => rows.get(row)!.outcome)).toEqual(['create', 'create', 'create', 'create', 'create']);
    expect(GOOD.map((row) => rows.get(row)!.unit!.code)).toEqual(['06394', '06445', '06406', '06412', '06451']);
    // Followers alone are taken, for the last full month before today (27/11/2026).
    expect(body.month).toBe('2026-10');
    expect(rows.get(5)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.245, bài đăng 0, tương tác 0');
    expect(rows.get(6)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.245, bài đăng 0, tương tác 0');
    expect(rows.get(8)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.245, bài đăng 0, tương tác 0');
    expect(rows.get(5)!.warnings).toContain('Chưa có Số bài và Tương tác của tháng 10/2026: ghi là 0.');
    expect(rows.get(7)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.200, bài đăng 0, tương tác 0');
    expect(rows.get(7)!.warnings).toContain('Lượt theo dõi trang “1,2K” là số làm tròn, được đọc thành 1.200; hãy ghi số chính xác nếu có.');
    expect(rows.get(11)!.warnings.join(' ')).toContain('Xã Hồ Sơn đã có trang Ủy ban MTTQ đang hoạt động');

    // The commune under the wrong district is pointed to its own district.
    expect(rows.get(9)!.outcome).toBe('error');
    expect(rows.get(9)!.errors[0]).toMatchObject({
      column: 'Phường/Xã/Thị trấn',
      key: 'import_unit_name_elsewhere',
      message: 'Không có xã, phường nào tên “Vân Thủy” thuộc Huyện Hữu Lũng; đơn vị này thuộc quận, huyện khác: Xã Vân Thủy (06472, Huyện Chi Lăng). Hãy sửa cột Quận/Huyện hoặc ghi mã vào cột Mã xã.',
      candidates: [{ code: '06472', name: 'Xã Vân Thủy', parent: 'Huyện Chi Lăng' }],
    });
    // A bad address and a missing launch date come in the same dry run.
    expect(errorsOf(rows.get(10))).toEqual([
      'Nền tảng: Chưa ghi nền tảng, và javascript:alert(1) không thuộc Facebook, Zalo, TikTok hay YouTube; hãy ghi nền tảng.',
      'Ngày thành lập: Chưa có ngày lập trang; trang mới cần ngày lập trang, ví dụ 15/03/2022.',
    ]);
    expect(body.canCommit).toBe(false);
    expect(body.totals).toMatchObject({ rows: 7, create: 5, error: 2 });
    expect(body.problems.filter((p) => p.severity === 'error').map((p) => [p.column, p.count, p.rows])).toEqual([
      ['Phường/Xã/Thị trấn', 1, [9]],
      ['Nền tảng', 1, [10]],
      ['Ngày thành lập', 1, [10]],
    ]);
    expect(body.problems.find((p) => p.example === 'Chưa có Số bài và Tương tác của tháng 10/2026: ghi là 0.')).toMatchObject({ severity: 'warning', count: 5, rows: GOOD });
  });

  it('imports the good rows once the bad ones are left out, with the month chosen in the form', async () => {
    // The header repeated where a printed page starts is skipped too.
    const good = [...TITLE, HEADER, ...BODY.slice(0, 4), HEADER, ...BODY.filter((_, i) => i + 5 === 11 || i + 5 > 11)];
    const { status, body } = await dryRun(demo, officer, csvFile(good, { encoding: 'windows-1258', separator: ';' }), { month: '2026-09' });
    expect(status).toBe(200);
    expect(body.month).toBe('2026-09');
    expect(body.skippedRows.map((r) => r.reason)).toEqual(['header', 'totals', 'signature', 'signature', 'signature']);
    expect(body.canCommit).toBe(true);
    expect(body.totals).toMatchObject({ rows: 5, create: 5, error: 0, metricSnapshots: 5 });
    const committed = await commit(demo, officer, body.planId);
    expect(committed.status).toBe(200);
    const stored = demo.db
      .prepare("SELECT m.followers, m.posts, m.interactions FROM metric_snapshots m JOIN pages p ON p.id = m.page_id WHERE p.url = ? AND m.month = '2026-09'")
      .get('https://www.facebook.com/mttq.quyetthang.officer');
    expect(stored).toEqual({ followers: 1245, posts: 0, interactions: 0 });
  });

  it('offers only units of the officer’s own scope for a commune name without its province', async () => {
    const { body } = await dryRun(
      demo,
      officer,
      csvFile([
        ['Tên đơn vị', 'Địa chỉ trang (link)', 'Ngày thành lập'],
        ['Hòa Bình', 'https://www.facebook.com/mttq.hoabinh.officer', '01/06/2022'],
      ]),
    );
    const [row] = body.rows;
    expect(row!.outcome).toBe('error');
    expect(row!.errors[0]!.candidates.length).toBeGreaterThan(0);
    expect(row!.errors[0]!.candidates.every((c) => c.code.startsWith('06') && ['Huyện Hữu Lũng', 'Huyện Chi Lăng', 'Huyện Bắc Sơn', 'Huyện Văn Quan', 'Huyện Bình Gia', 'Huyện Tràng Định', 'Huyện Văn Lãng', 'Huyện Cao Lộc', 'Huyện Lộc Bình', 'Huyện Đình Lập', 'Thành phố Lạng Sơn'].includes(c.parent!))).toBe(true);
  });

  it('names the page address in its error, and asks an officer of one province for no province column', async () => {
    const file = csvFile([
      ['Phường/Xã/Thị trấn', 'Link fanpage', 'Ngày thành lập'],
      ['Hữu Liên', 'ftp://www.facebook.com/mttq.huulien.ftp', '01/06/2022'],
      ['Hòa Bình', 'https://www.facebook.com/mttq.hoabinh.scope', '01/06/2022'],
      ['Xã Không Có', 'https://www.facebook.com/mttq.khongco.scope', '01/06/2022'],
    ]);
    const { body } = await dryRun(demo, officer, file);
    const rows = byRow(body);
    expect(rows.get(2)!.errors).toMatchObject([
      { column: 'Link fanpage', key: 'import_url_not_http', message: 'Địa chỉ trang “ftp://www.facebook.com/mttq.huulien.ftp” phải là địa chỉ http(s), ví dụ https://www.facebook.com/mttq.phuongphucxa.' },
    ]);
    // Hòa Bình is a commune name twice in Lạng Sơn: the district tells them apart, a province column would not.
    expect(rows.get(3)!.errors[0]).toMatchObject({ key: 'import_unit_name_ambiguous' });
    expect(rows.get(3)!.errors[0]!.message).toMatch(/; hãy ghi mã vào cột Mã xã hoặc thêm quận, huyện\.$/u);
    expect(rows.get(4)!.errors[0]!.message).toBe('Không có xã, phường nào tên “Xã Không Có” trong danh mục 63 tỉnh, thành; hãy kiểm tra chính tả hoặc ghi mã vào cột Mã xã.');

    const english = await fetch(`${demo.served.origin}/api/v1/imports/dry-run?lang=en`, uploadRequest(file, officer, { scheme: 'legacy63' }));
    const englishRows = byRow((await english.json()) as DryRun);
    expect(englishRows.get(2)!.errors[0]!.message).toBe('The page address “ftp://www.facebook.com/mttq.huulien.ftp” must be an http(s) address, e.g. https://www.facebook.com/mttq.phuongphucxa.');
    expect(englishRows.get(3)!.errors[0]!.message).toMatch(/; give the code in Mã xã or add the district\.$/u);
  });

  it('takes a commune name that communes of other provinces share as the one in the officer’s scope', async () => {
    const file = csvFile([
      ['Phường/Xã/Thị trấn', 'Link fanpage', 'Ngày thành lập'],
      ['Tân Tiến', 'https://www.facebook.com/mttq.tantien.officer', '01/06/2022'], // 19 communes so called, one in Lạng Sơn
      ['Xã Đoàn Kết', 'https://www.facebook.com/mttq.doanket.officer', '01/06/2022'], // 11, one in Lạng Sơn
    ]);
    const { body } = await dryRun(demo, officer, file);
    expect(body.rows.map((r) => [r.row, r.outcome, r.unit?.code, r.errors.map((e) => e.message)])).toEqual([
      [2, 'create', '06019', []],
      [3, 'create', '06001', []],
    ]);
    // Someone who may write anywhere still has to say which one.
    const admin = await signInAs(demo.db, 'admin');
    const nationwide = await dryRun(demo, admin, file);
    expect(nationwide.body.rows.map((r) => r.errors[0]?.key)).toEqual(['import_unit_name_ambiguous', 'import_unit_name_ambiguous']);
    // Nationwide, the province tells them apart.
    expect(nationwide.body.rows[0]!.errors[0]!.message).toMatch(/; hãy ghi mã vào cột Mã xã hoặc thêm tỉnh, thành\.$/u);
  });

  it('says in Vietnamese which required meaning is missing and what was found', async () => {
    const { status, body } = await dryRun(demo, officer, csvFile([...TITLE, ['Phường/Xã/Thị trấn', 'Lượt thích', 'Ghi chú'], ['Xã Hữu Liên', '12', '']]));
    expect(status).toBe(422);
    expect(body.error!.message).toContain('Thiếu cột bắt buộc: cần cột đường dẫn trang (ví dụ “Link fanpage”). Dòng tiêu đề 4 có “Phường/Xã/Thị trấn”, “Lượt thích”, “Ghi chú”.');
  });

  it('sends a header lacking a required meaning but holding an unknown column to the mapping step', async () => {
    const { status, body } = await dryRun(demo, officer, csvFile([...TITLE, ['STT', 'Phường/Xã/Thị trấn', 'Trang của xã', 'Lượt thích', 'Ghi chú'], ['1', 'Xã Hữu Liên', 'https://www.facebook.com/mttq.hulien', '12', '']]));
    expect(status).toBe(200);
    expect(body.file.headers.filter((h) => h.reading === 'unknown').map((h) => h.header)).toEqual(['Trang của xã']);
    expect(body.file.mapping.needed).toBe(true);
    expect(body.canCommit).toBe(false);
    expect(body.rows[0]!.errors.map((e) => e.key)).toContain('import_url_empty');
  });

  it('does not offer a row-number column as the missing one: the answer names what is missing', async () => {
    const { status, body } = await dryRun(demo, officer, csvFile([...TITLE, ['STT', 'Phường/Xã/Thị trấn', 'Lượt thích', 'Ghi chú'], ['1', 'Xã Hữu Liên', '12', '']]));
    expect(status).toBe(422);
    expect(body.error!.message).toContain('Thiếu cột bắt buộc: cần cột đường dẫn trang (ví dụ “Link fanpage”).');
  });

  it('names both columns when two mean the same, for the mapping step', async () => {
    const { status, body } = await dryRun(demo, officer, csvFile([['Xã', 'Link fanpage', 'Địa chỉ trang (link)'], ['Xã Hữu Liên', 'https://www.facebook.com/a', 'https://www.facebook.com/b']]));
    expect(status).toBe(200);
    expect(body.file.mapping.needed).toBe(true);
    expect(body.file.headers.filter((h) => h.reading === 'ambiguous').map((h) => h.header)).toEqual(['Link fanpage', 'Địa chỉ trang (link)']);
  });

  it('takes the specific commune header over a generic unit header, with no mapping step, and lists the generic one as ignored', async () => {
    const file = csvFile([
      ...TITLE,
      ['STT', 'Tên đơn vị', 'Quận/Huyện', 'Phường/Xã/Thị trấn', 'Link fanpage', 'Ngày thành lập', 'Lượt thích'],
      ['1', 'Ủy ban MTTQ xã Hữu Liên', 'Hữu Lũng', 'Hữu Liên', 'https://www.facebook.com/mttq.huulien.ranked', '01/06/2022', '320'],
      ['2', 'Ủy ban MTTQ xã Minh Tiến', 'Hữu Lũng', 'Xã Minh Tiến', 'https://www.facebook.com/mttq.minhtien.ranked', '02/06/2022', '210'],
      ['', 'Tổng cộng', '', '', '', '', '530'],
    ]);
    const { status, body } = await dryRun(demo, officer, file);
    expect(status).toBe(200);
    expect(body.file.mapping).toEqual({ source: null, needed: false });
    expect(Object.fromEntries(body.columns.map((c) => [c.key, c.header]))).toEqual({
      district: 'Quận/Huyện',
      commune: 'Phường/Xã/Thị trấn',
      url: 'Link fanpage',
      launchedOn: 'Ngày thành lập',
      followers: 'Lượt thích',
    });
    // What the generic header was taken for is in the column report, for the column step to change.
    expect(body.file.headers.find((h) => h.header === 'Tên đơn vị')).toMatchObject({ key: null, reading: 'ignored', samples: ['Ủy ban MTTQ xã Hữu Liên', 'Ủy ban MTTQ xã Minh Tiến'] });
    expect(body.ignoredColumns).toEqual(['STT', 'Tên đơn vị']);
    expect(body.rows.map((r) => [r.row, r.outcome, r.unit?.name])).toEqual([
      [5, 'create', 'Xã Hữu Liên'],
      [6, 'create', 'Xã Minh Tiến'],
    ]);
    expect(body.canCommit).toBe(true);
    expect((await commit(demo, officer, body.planId)).status).toBe(200);

    // "Đơn vị", which names no column by itself, gives way the same way.
    const unit = await dryRun(demo, officer, csvFile([['Đơn vị', 'Xã/Phường', 'Địa chỉ', 'Link fanpage'], ['MTTQ xã Hữu Liên', 'Hữu Liên', 'thôn Tân Hợp', 'https://www.facebook.com/mttq.huulien.ranked']]));
    expect(unit.status).toBe(200);
    expect(unit.body.file.mapping.needed).toBe(false);
    expect(unit.body.file.headers.map((h) => [h.header, h.key, h.reading])).toEqual([
      ['Đơn vị', null, 'ignored'],
      ['Xã/Phường', 'commune', 'meaning'],
      ['Địa chỉ', null, 'ignored'],
      ['Link fanpage', 'url', 'meaning'],
    ]);
    expect(unit.body.rows).toMatchObject([{ row: 2, outcome: 'unchanged' }]);

    // The column step can still give the generic column a meaning.
    const mapped = await fetch(`${demo.served.origin}/api/v1/imports/dry-run`, mappingRequest(file, officer, { '1': 'pageName' }));
    const mappedBody = (await mapped.json()) as DryRun;
    expect(mappedBody.file.headers.find((h) => h.header === 'Tên đơn vị')).toMatchObject({ key: 'pageName', reading: 'mapping' });
    expect(mappedBody.file.mapping.needed).toBe(false);
  });

  it('still sends a tie of equally specific commune headers to the mapping step', async () => {
    const { status, body } = await dryRun(demo, officer, csvFile([['Tên đơn vị', 'Xã', 'Phường/Xã/Thị trấn', 'Link fanpage'], ['MTTQ xã Hữu Liên', 'Hữu Liên', 'Hữu Liên', 'https://www.facebook.com/mttq.huulien.tie']]));
    expect(status).toBe(200);
    expect(body.file.mapping.needed).toBe(true);
    expect(body.file.headers.map((h) => [h.header, h.reading])).toEqual([
      ['Tên đơn vị', 'ignored'],
      ['Xã', 'ambiguous'],
      ['Phường/Xã/Thị trấn', 'ambiguous'],
      ['Link fanpage', 'meaning'],
    ]);
    expect(body.canCommit).toBe(false);
  });

  it('reads a two-row header of a CSV (a group over sub-headers) as one', async () => {
    const { status, body } = await dryRun(
      demo,
      officer,
      csvFile([
        ['STT', 'Đơn vị', '', 'Link fanpage', 'Ngày thành lập', 'Số liệu tháng 10/2026', '', ''],
        ['', 'Huyện', 'Xã', '', '', 'Lượt thích', 'Bài viết', 'Tương tác'],
        ['1', 'Hữu Lũng', 'Xã Minh Sơn', 'https://www.facebook.com/mttq.minhson.officer', '01/07/2022', '410', '6', '75'],
      ]),
    );
    expect(status).toBe(200);
    expect(body.file.headerRow).toBe(1);
    expect(body.rows).toMatchObject([{ row: 3, outcome: 'create', unit: { code: '06448' }, changes: expect.arrayContaining(['số liệu tháng 10/2026 (mới): lượt theo dõi 410, bài đăng 6, tương tác 75']) }]);
  });

  it('keeps the stored posts and interactions when a file gives followers alone for an existing page', async () => {
    const admin = await signInAs(demo.db, 'admin');
    const { body } = await dryRun(
      demo,
      admin,
      csvFile([
        ['Tên đơn vị', 'Quận/Huyện', 'Link fanpage', 'Lượt thích'],
        ['Xã Hồ Sơn', 'Hữu Lũng', 'https://www.facebook.com/mttq.xa-ho-son-06451.demo', '800'],
      ]),
    );
    expect(body.rows[0]).toMatchObject({ outcome: 'metrics', changes: ['số liệu tháng 10/2026: lượt theo dõi 778 → 800'], warnings: [] });
    expect((await commit(demo, admin, body.planId)).status).toBe(200);
    expect(demo.db.prepare("SELECT followers, posts, interactions FROM metric_snapshots WHERE page_id = 3005 AND month = '2026-10'").get()).toEqual({ followers: 800, posts: 8, interactions: 93 });
  });
});

describe('POST /imports/dry-run: a workbook with an instructions sheet and a merged two-row header', () => {
  let demo: DemoApp;
  let admin: TestSession;
  beforeAll(async () => {
    demo = await openServedDemo();
    admin = await signInAs(demo.db, 'admin');
  });
  afterAll(() => closeServedDemo(demo));

  async function workbook(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRows([['Hướng dẫn nhập liệu'], ['Điền mỗi trang một dòng ở trang tính "Số liệu".']]);
    const sheet = book.addWorksheet('Số liệu');
    sheet.addRow(['ỦY BAN MTTQ VIỆT NAM TỈNH LẠNG SƠN']);
    sheet.addRow(['BÁO CÁO SỐ LIỆU TRANG CỘNG ĐỒNG THÁNG 10/2026']);
    sheet.addRow([]);
    sheet.addRow(['STT', 'Đơn vị', '', 'Địa chỉ trang (link)', 'Ngày thành lập', 'Số liệu tháng 10/2026', '', '']); // 4
    sheet.addRow(['', 'Huyện', 'Xã', '', '', 'Lượt thích', 'Số bài viết', 'Lượt tương tác']); // 5
    sheet.mergeCells('A4:A5');
    sheet.mergeCells('B4:C4');
    sheet.mergeCells('D4:D5');
    sheet.mergeCells('E4:E5');
    sheet.mergeCells('F4:H4');
    sheet.addRow([1, 'Hữu Lũng', 'Xã Đồng Tân', 'https://www.facebook.com/mttq.dongtan.officer', new Date(Date.UTC(2022, 5, 1)), 1245, 12, 340]); // 6
    sheet.addRow([2, 'Hữu Lũng', 'Xã Cai Kinh', 'https://www.facebook.com/mttq.caikinh.officer', new Date(Date.UTC(2022, 5, 2)), '1,5k', 3, 40]); // 7
    sheet.addRow([3, 'Hữu Lũng', 'Xã Hòa Lạc', 'www.facebook.com/mttq.hoalac.officer', '31/02/2022', 'nhiều', 1, 2]); // 8: no such date, no such count
    sheet.addRow(['', 'Cộng', '', '', '', 2745, 15, 380]); // 9
    sheet.addRow(['', 'Người lập biểu', '', '', '', 'T/M BAN THƯỜNG TRỰC']); // 10
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('takes the second sheet, combines the merged header rows, and lists every problem of the bad row', async () => {
    const { status, body } = await dryRun(demo, admin, await workbook(), { fileName: 'bao-cao.xlsx', month: '2026-10' });
    expect(status).toBe(200);
    // Row 5 names every column: the vertically merged cells of row 4 repeat in it.
    expect(body.file).toMatchObject({ format: 'xlsx', headerRow: 5 });
    expect(body.columns.map((c) => c.key).sort()).toEqual(['commune', 'district', 'followers', 'interactions', 'launchedOn', 'posts', 'url']);
    expect(body.skippedRows.map((r) => [r.row, r.reason])).toEqual([
      [9, 'totals'],
      [10, 'signature'],
    ]);
    const rows = byRow(body);
    expect([...rows.keys()]).toEqual([6, 7, 8]);
    expect(rows.get(6)).toMatchObject({ outcome: 'create', unit: { code: '06424' } });
    expect(rows.get(6)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.245, bài đăng 12, tương tác 340');
    expect(rows.get(7)!.changes).toContain('số liệu tháng 10/2026 (mới): lượt theo dõi 1.500, bài đăng 3, tương tác 40');
    expect(rows.get(7)!.warnings[0]).toContain('“1,5k” là số làm tròn, được đọc thành 1.500');
    expect(rows.get(8)!.errors.map((e) => [e.column, e.key])).toEqual([
      ['Ngày thành lập', 'import_date_invalid'],
      ['Lượt thích', 'import_count_invalid'],
    ]);
    expect(body.totals).toMatchObject({ rows: 3, create: 2, error: 1 });
  });

  it('refuses a month in the future with 400 naming the field', async () => {
    const { status, body } = await dryRun(demo, admin, await workbook(), { fileName: 'bao-cao.xlsx', month: '2027-01' });
    expect(status).toBe(400);
    expect(body.error!.details[0]!.path).toBe('month');
  });
});
