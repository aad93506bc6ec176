/**
 * The dry run's mapping step, remembered mappings, sheets and the plan as the user's own file,
 * over real HTTP against the demo database.
 */
import type { ImportDryRunResponse, ImportRowResult } from '@mttq/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type Served } from '../auth/test-http';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { splitCsv } from './parse-csv';
import { csvFile } from './test-files';
import { DEFAULT_UPLOAD_LIMITS } from './upload-limits';

/** Three uncovered communes of Huyện Hữu Lũng (Tỉnh Lạng Sơn, code 20) in the demo data; "Địa bàn" names no import column. */
const HEADER = ['Tỉnh', 'Huyện', 'Địa bàn', 'Link fanpage', 'Tên trang', 'Ngày thành lập', 'Tháng', 'Lượt theo dõi'];
const ROWS = [
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Thị trấn Hữu Lũng', 'https://www.facebook.com/mttq.huulung.map', 'MTTQ thị trấn Hữu Lũng', '15/03/2022', '05/2025', '1.234'],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Xã Hữu Liên', 'https://www.facebook.com/mttq.huulien.map', 'MTTQ xã Hữu Liên', '01/04/2022', '05/2025', '800'],
];
const CODES = ['06385', '06388'];

interface Answer {
  status: number;
  body: ImportDryRunResponse & { error?: { code: string; key: string; message: string; details: Array<{ path: string; key: string; message: string }> } };
}

let demo: ReturnType<typeof openDemoApp>;
let served: Served;
let officer: TestSession;
let colleague: TestSession;

beforeAll(async () => {
  demo = openDemoApp();
  served = await serveApp(demo.app);
  officer = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '20' });
  colleague = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '20' });
});
afterAll(async () => {
  await served.close();
  demo.close();
});

async function dryRun(session: TestSession, bytes: Uint8Array, fields: Record<string, string> = {}, options: { fileName?: string; lang?: string } = {}): Promise<Answer> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], options.fileName ?? 'xa.csv'));
  form.set('scheme', 'legacy63');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const headers = { ...session.headers, ...(options.lang ? { 'accept-language': options.lang } : {}) };
  const response = await fetch(`${served.origin}/api/v1/imports/dry-run`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function commit(session: TestSession, planId: string) {
  const response = await fetch(`${served.origin}/api/v1/imports/${planId}/commit`, { method: 'POST', headers: session.headers });
  return { status: response.status, body: (await response.json()) as { totals?: { create: number }; error?: { key: string; params: Record<string, unknown> } } };
}

async function planFile(session: TestSession, planId: string, query = '') {
  const response = await fetch(`${served.origin}/api/v1/imports/${planId}/file${query}`, { headers: session.headers });
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

const outcomes = (rows: readonly ImportRowResult[]) => rows.map((r) => [r.row, r.outcome, r.unit?.code ?? null]);
const readingOf = (body: ImportDryRunResponse, header: string) => body.file.headers.find((h) => h.header === header);

describe('the mapping step', () => {
  it('says what every column was taken for, with samples, and that a column is unknown', async () => {
    const { status, body } = await dryRun(officer, csvFile([HEADER, ...ROWS]));
    expect(status).toBe(200);
    expect(body.file.mapping).toEqual({ source: null, needed: true });
    expect(readingOf(body, 'Địa bàn')).toEqual({ index: 2, header: 'Địa bàn', key: null, reading: 'unknown', samples: ['Thị trấn Hữu Lũng', 'Xã Hữu Liên'] });
    expect(readingOf(body, 'Link fanpage')).toMatchObject({ index: 3, key: 'url', reading: 'meaning' });
    // Without the commune the rows name only the district: no commune page is planned.
    expect(body.rows.every((r) => r.unit?.code !== CODES[0])).toBe(true);
  });

  it('reads the unknown column as the user maps it, and the rows become good', async () => {
    const { status, body } = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 2: 'commune' }) });
    expect(status).toBe(200);
    expect(body.file.mapping).toEqual({ source: 'form', needed: false });
    expect(readingOf(body, 'Địa bàn')).toMatchObject({ key: 'commune', reading: 'mapping' });
    expect(outcomes(body.rows)).toEqual([
      [2, 'create', CODES[0]],
      [3, 'create', CODES[1]],
    ]);
    expect(body.canCommit).toBe(true);
  });

  it('maps by header as written too, and leaves out a column mapped to "ignore"', async () => {
    const { body } = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 'địa bàn': 'commune', 'Tên trang': 'ignore' }) });
    expect(readingOf(body, 'Địa bàn')).toMatchObject({ key: 'commune', reading: 'mapping' });
    expect(readingOf(body, 'Tên trang')).toMatchObject({ key: null, reading: 'ignored' });
    expect(body.ignoredColumns).toEqual(['Tên trang']);
    expect(outcomes(body.rows).map((r) => r[2])).toEqual(CODES);
  });

  it('marks two columns of one meaning as ambiguous, reads the first, and a mapping settles it', async () => {
    const header = ['Tỉnh', 'Huyện', 'Tên xã', 'Link fanpage', 'Ngày lập', 'Lượt theo dõi', 'Lượt thích'];
    const rows = ROWS.map((r) => [r[0]!, r[1]!, r[2]!, r[3]!, r[5]!, r[7]!, '99']);
    const first = await dryRun(officer, csvFile([header, ...rows]));
    expect(first.status).toBe(200);
    expect(first.body.file.mapping.needed).toBe(true);
    expect(readingOf(first.body, 'Lượt theo dõi')).toMatchObject({ key: 'followers', reading: 'ambiguous' });
    expect(readingOf(first.body, 'Lượt thích')).toMatchObject({ key: null, reading: 'ambiguous', samples: ['99', '99'] });
    // Read by a guess, the plan is not committed.
    expect(first.body.canCommit).toBe(false);
    const refused = await commit(officer, first.body.planId);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { key: 'mapping_ambiguous_commit', params: { headers: '“Lượt theo dõi”, “Lượt thích”' } } });

    const settled = await dryRun(officer, csvFile([header, ...rows]), { mapping: JSON.stringify({ 5: 'ignore', 6: 'followers' }) });
    expect(settled.body.file.mapping).toEqual({ source: 'form', needed: false });
    expect(settled.body.canCommit).toBe(true);
    expect(readingOf(settled.body, 'Lượt thích')).toMatchObject({ key: 'followers', reading: 'mapping' });
    expect(settled.body.rows[0]!.changes.join(' ')).toContain('lượt theo dõi 99');
  });

  it('refuses a mapping that is no JSON, names a bad key and the accepted ones, or a column the file lacks', async () => {
    const notJson = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: '{2: commune' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error!.details[0]).toMatchObject({ path: 'mapping', key: 'mapping_not_json' });
    expect(notJson.body.error!.message).toContain('Cách ghép cột phải là JSON');

    const badKey = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 2: 'xa' }) });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error!.details).toHaveLength(1);
    expect(badKey.body.error!.details[0]).toMatchObject({ path: 'mapping.2', key: 'mapping_bad_target' });
    expect(badKey.body.error!.message).toMatch(/^Cột “2”: “xa” không phải khóa cột; hãy dùng một trong: provinceCode, .*commune, .*ignore\.$/u);

    const english = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 2: 'xa' }) }, { lang: 'en' });
    expect(english.body.error!.message).toMatch(/^column "2": "xa" is no column key; use one of: provinceCode, /u);

    const missing = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 'Xã phường': 'commune' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.details[0]).toMatchObject({ path: 'mapping.Xã phường', key: 'mapping_unknown_column' });
    expect(missing.body.error!.message).toContain('2 “Địa bàn”');

    const noUnit = await dryRun(officer, csvFile([['Tên trang', 'Link fanpage'], ['MTTQ', 'https://www.facebook.com/a']]), {}, { lang: 'en' });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.error!.message).toMatch(/^Missing required columns: a unit column: Mã tỉnh \(province_code\), .*\. The header row 1 has “Tên trang”, “Link fanpage”; accepted headers are /u);

    const twice = await dryRun(officer, csvFile([HEADER, ...ROWS]), { mapping: JSON.stringify({ 2: 'commune', 4: 'commune' }) });
    expect(twice.status).toBe(400);
    expect(twice.body.error!.details[0]).toMatchObject({ key: 'mapping_duplicate' });
  });
});

describe('a required column under an unknown header', () => {
  const header = ['Tỉnh', 'Huyện', 'Tên xã', 'Trang mạng xã hội', 'Ngày thành lập'];
  const rows = ROWS.map((r) => [r[0]!, r[1]!, r[2]!, r[3]!, r[5]!]);

  it('goes to the mapping step instead of a refusal; the plan cannot be committed until the column is mapped', async () => {
    const first = await dryRun(officer, csvFile([header, ...rows]));
    expect(first.status).toBe(200);
    expect(first.body.file.mapping.needed).toBe(true);
    expect(readingOf(first.body, 'Trang mạng xã hội')).toMatchObject({ reading: 'unknown', samples: [ROWS[0]![3], ROWS[1]![3]] });
    expect(first.body.canCommit).toBe(false);
    const refused = await commit(officer, first.body.planId);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ key: 'mapping_missing_commit' });

    const mapped = await dryRun(officer, csvFile([header, ...rows]), { mapping: JSON.stringify({ 'Trang mạng xã hội': 'url' }) });
    expect(mapped.body.canCommit).toBe(true);
    expect(outcomes(mapped.body.rows)).toEqual([
      [2, 'create', CODES[0]],
      [3, 'create', CODES[1]],
    ]);
  });
});

describe('a remembered mapping', () => {
  const header = [...HEADER.slice(0, 2), 'Đơn vị cơ sở', ...HEADER.slice(3)];
  it('is used for the next file with the same headers once a plan made with it is committed, and only for that user', async () => {
    const mapped = await dryRun(officer, csvFile([header, ROWS[0]!]), { mapping: JSON.stringify({ 2: 'commune' }) });
    expect(outcomes(mapped.body.rows)).toEqual([[2, 'create', CODES[0]]]);
    // A dry run alone remembers nothing.
    const before = await dryRun(officer, csvFile([header, ROWS[1]!]));
    expect(before.body.file.mapping.source).toBeNull();
    const committed = await commit(officer, mapped.body.planId);
    expect(committed.status).toBe(200);

    const next = await dryRun(officer, csvFile([header, ROWS[1]!]));
    expect(next.body.file.mapping).toEqual({ source: 'remembered', needed: false });
    expect(readingOf(next.body, 'Đơn vị cơ sở')).toMatchObject({ key: 'commune', reading: 'mapping' });
    expect(outcomes(next.body.rows)).toEqual([[2, 'create', CODES[1]]]);

    // The request's own mapping goes before the remembered one.
    const changed = await dryRun(officer, csvFile([header, ROWS[1]!]), { mapping: JSON.stringify({ 2: 'ignore' }) });
    expect(changed.body.file.mapping.source).toBe('form');

    const other = await dryRun(colleague, csvFile([header, ROWS[1]!]));
    expect(other.body.file.mapping).toEqual({ source: null, needed: true });
  });
});

describe('sheets of a workbook', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Hướng dẫn').addRow(['Điền mỗi trang một dòng.']);
    const first = workbook.addWorksheet('Tháng 5');
    first.addRow(['Tên xã', 'Link fanpage', 'Huyện', 'Ngày lập']);
    first.addRow([ROWS[0]![2], 'https://www.facebook.com/mttq.sheet.five', 'Huyện Hữu Lũng', '15/03/2022']);
    const second = workbook.addWorksheet('Tháng 6');
    second.addRow(['Tên xã', 'Link fanpage', 'Huyện', 'Ngày lập']);
    second.addRow([ROWS[1]![2], 'https://www.facebook.com/mttq.sheet.six', 'Huyện Hữu Lũng', '15/03/2022']);
    second.addRow([ROWS[0]![2], 'https://www.facebook.com/mttq.sheet.six2', 'Huyện Hữu Lũng', '15/03/2022']);
    bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  });

  it('reads the first sheet with a recognisable header by default and names every sheet', async () => {
    const { status, body } = await dryRun(officer, bytes, {}, { fileName: 'thang.xlsx' });
    expect(status).toBe(200);
    expect(body.file).toMatchObject({ sheets: ['Hướng dẫn', 'Tháng 5', 'Tháng 6'], sheet: 'Tháng 5' });
    expect(body.rows.map((r) => r.url)).toEqual(['https://www.facebook.com/mttq.sheet.five']);
  });

  it('reads the sheet chosen by name', async () => {
    const { body } = await dryRun(officer, bytes, { sheet: 'Tháng 6' }, { fileName: 'thang.xlsx' });
    expect(body.file.sheet).toBe('Tháng 6');
    expect(body.rows.map((r) => r.url)).toEqual(['https://www.facebook.com/mttq.sheet.six', 'https://www.facebook.com/mttq.sheet.six2']);
  });

  it('refuses a sheet the workbook does not have, naming the ones it has', async () => {
    const { status, body } = await dryRun(officer, bytes, { sheet: 'Tháng 7' }, { fileName: 'thang.xlsx' });
    expect(status).toBe(400);
    expect(body.error!.details[0]).toMatchObject({ path: 'sheet', key: 'sheet_unknown' });
    expect(body.error!.message).toContain('Tệp không có trang tính “Tháng 7”; các trang tính của tệp: “Hướng dẫn”, “Tháng 5”, “Tháng 6”.');
  });
});

/** CSV bytes (UTF-8 with BOM, CRLF) → rows of cells. */
const csvRows = (bytes: Uint8Array, separator: string) => {
  const text = Buffer.from(bytes).toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return splitCsv(text.slice(1, -2), separator, DEFAULT_UPLOAD_LIMITS);
};

describe('the plan as the user’s own file', () => {
  const header = ['Tỉnh', 'Huyện', 'Tên xã', 'Link fanpage', 'Tên trang', 'Ngày lập'];
  const existing = ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Yên Bình', 'https://www.facebook.com/mttq.yenbinh.file', 'MTTQ xã Yên Bình', '01/05/2022'];
  const fresh = ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Yên Vượng', 'https://www.facebook.com/mttq.yenvuong.file', 'MTTQ xã Yên Vượng', '01/06/2022'];
  const wrongDate = ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Hòa Lạc', 'https://www.facebook.com/mttq.hoalac.file', 'MTTQ xã Hòa Lạc', '31/02/2022'];
  const title = ['Danh sách trang cộng đồng huyện Hữu Lũng', '', '', '', '', ''];
  const totals = ['Tổng cộng', '', '', '', '', '3'];
  let planId: string;
  let firstRun: ImportDryRunResponse;

  beforeAll(async () => {
    const seeded = await dryRun(officer, csvFile([header, existing]));
    expect((await commit(officer, seeded.body.planId)).status).toBe(200);
    const { status, body } = await dryRun(officer, csvFile([title, header, existing, fresh, wrongDate, totals], { separator: ';' }));
    expect(status).toBe(200);
    planId = body.planId;
    firstRun = body;
    expect(outcomes(body.rows).map((r) => r.slice(0, 2))).toEqual([
      [3, 'unchanged'],
      [4, 'create'],
      [5, 'error'],
    ]);
  });

  it('answers the CSV with its title, columns and separator, and a result column per row', async () => {
    const file = await planFile(officer, planId);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    const rows = csvRows(file.bytes, ';');
    expect(rows[0]).toEqual(title);
    expect(rows[1]).toEqual([...header, 'Kết quả kiểm tra']);
    expect(rows[2]).toEqual([...existing, 'Không đổi']);
    expect(rows[3]).toEqual([...fresh, 'Sẽ thêm']);
    expect(rows[4]!.slice(0, 6)).toEqual(wrongDate);
    expect(rows[4]![6]).toMatch(/^Lỗi: Ngày lập: /u);
    expect(rows[4]![6]).toContain(firstRun.rows[2]!.errors[0]!.message);
    expect(rows[5]).toEqual([...totals, 'Bỏ qua: dòng tổng “Tổng cộng”']);
    expect(rows).toHaveLength(6);
  });

  it('writes the result column in English with ?lang=en', async () => {
    const rows = csvRows((await planFile(officer, planId, '?lang=en')).bytes, ';');
    expect(rows[1]!.at(-1)).toBe('Check result');
    expect(rows.slice(2).map((r) => r.at(-1)!.split(':')[0])).toEqual(['Unchanged', 'Will be added', 'Error', 'Skipped']);
  });

  it('imports again to the same plan, its result column ignored', async () => {
    const file = await planFile(officer, planId);
    const again = await dryRun(officer, file.bytes, {}, { fileName: 'xa_ket-qua.csv' });
    expect(again.status).toBe(200);
    expect(readingOf(again.body, 'Kết quả kiểm tra')).toMatchObject({ key: null, reading: 'result' });
    expect(again.body.file.mapping.needed).toBe(false);
    expect(again.body.file.separator).toBe(';');
    const strip = (b: ImportDryRunResponse) => ({ rows: b.rows.map((r) => ({ ...r, pageId: null })), skipped: b.skippedRows, totals: b.totals });
    expect(strip(again.body)).toEqual(strip(firstRun));
    // …and its own file has one result column, not two.
    const twice = csvRows((await planFile(officer, again.body.planId)).bytes, ';');
    expect(twice[1]).toEqual([...header, 'Kết quả kiểm tra']);
  });

  it('answers an XLSX upload as XLSX with the result column, and it imports again', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hữu Lũng');
    sheet.addRow([title[0]]);
    sheet.addRow(header);
    for (const row of [existing, fresh, wrongDate]) sheet.addRow(row);
    const upload = await dryRun(officer, new Uint8Array(await workbook.xlsx.writeBuffer()), {}, { fileName: 'xa.xlsx' });
    const file = await planFile(officer, upload.body.planId);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.from(file.bytes) as never);
    const back = read.worksheets[0]!;
    expect(back.name).toBe('Hữu Lũng');
    expect(back.getRow(1).getCell(1).value).toBe(title[0]);
    expect(back.getRow(2).getCell(7).value).toBe('Kết quả kiểm tra');
    expect([3, 4, 5].map((r) => String(back.getRow(r).getCell(7).value).split(':')[0])).toEqual(['Không đổi', 'Sẽ thêm', 'Lỗi']);
    const again = await dryRun(officer, file.bytes, {}, { fileName: 'xa_ket-qua.xlsx' });
    expect(outcomes(again.body.rows)).toEqual(outcomes(upload.body.rows));
  });

  it('writes every error of a row in one cell, one sentence after another', async () => {
    const twoErrors = ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Yên Vượng', 'https://www.facebook.com/mttq.twoerrors.file', 'MTTQ xã Yên Vượng', '31/02/2022'];
    const upload = await dryRun(officer, csvFile([header, [...twoErrors.slice(0, 2), 'Xã Không Có', ...twoErrors.slice(3)]]));
    const [first, second] = upload.body.rows[0]!.errors;
    expect(second).toBeDefined();
    const cell = csvRows((await planFile(officer, upload.body.planId)).bytes, ',')[1]!.at(-1)!;
    expect(cell).toBe(`Lỗi: ${first!.column}: ${first!.message.replace(/\.$/u, '')}; ${second!.column}: ${second!.message}`);
    expect(cell).not.toContain('.;');
  });

  it('is the uploader’s only: another user gets 404', async () => {
    const file = await planFile(colleague, planId);
    expect(file.status).toBe(404);
  });

  it('neutralises formulas in every cell it writes', async () => {
    const formula = ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Yên Vượng', 'https://www.facebook.com/mttq.formula.file', '=HYPERLINK("http://x")', '01/06/2022'];
    const upload = await dryRun(officer, csvFile([header, formula]));
    const rows = csvRows((await planFile(officer, upload.body.planId)).bytes, ',');
    expect(rows[1]![4]).toBe('\'=HYPERLINK("http://x")');
  });
});
