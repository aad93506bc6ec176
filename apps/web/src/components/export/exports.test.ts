import { describe, expect, it } from 'vitest';
import { sourceLine } from './export-info';
import { exportFileName, slugify } from './file-names';
import { csvField, toCsvText, toXlsxBuffer, type ExportTable } from './table-files';
import { wrapText } from './text-wrap';

const table: ExportTable = {
  title: 'Độ phủ xã theo tỉnh, thành',
  source: sourceLine({ asOf: '2022-08-12', scheme: 'legacy63', demo: true }, 'vi'),
  columns: ['Tỉnh, thành', 'Xã có trang', 'Tỷ lệ (%)'],
  rows: [
    ['Thành phố Hà Nội', 562, 97.1],
    ['=1+1', 0, null],
    ['Tỉnh "Hà" Giang\nmới', 26, 13.5],
  ],
};

describe('slugify and file names', () => {
  it.each([
    ['Độ phủ xã', 'do-phu-xa'],
    ['Tên biểu đồ', 'ten-bieu-do'],
    ['Diễn biến độ phủ — 63/63 tỉnh, thành', 'dien-bien-do-phu-63-63-tinh-thanh'],
    ['ĐẮK LẮK', 'dak-lak'],
    ['Coverage over time (%)', 'coverage-over-time'],
    ['…', 'bang-so-lieu'],
  ])('writes %j as the ASCII slug %j', (title, slug) => expect(slugify(title)).toBe(slug));

  it('keeps slugs to 60 characters without a trailing hyphen', () => {
    const slug = slugify('Tỷ lệ đơn vị có trang cộng đồng, lũy kế đến cuối mỗi tháng, theo từng cấp hành chính');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/-$/);
  });

  it('names the file by the title and the as-of date', () => {
    expect(exportFileName('Tên biểu đồ', '2022-08-12', 'svg')).toBe('ten-bieu-do_2022-08-12.svg');
    expect(exportFileName('Độ phủ xã', '2025-07-31', 'xlsx')).toBe('do-phu-xa_2025-07-31.xlsx');
  });
});

describe('sourceLine', () => {
  it('states the as-of date, the scheme, the source and demo data', () => {
    expect(sourceLine({ asOf: '2022-08-12', scheme: 'legacy63', demo: true }, 'vi')).toBe(
      'Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành — có cấp huyện · Nguồn: Bảng theo dõi Trang cộng đồng MTTQ · Dữ liệu minh họa',
    );
    expect(sourceLine({ asOf: '2025-07-31', scheme: 'reform34', demo: false }, 'en')).toBe(
      'Figures as of 31 Jul 2025 · 34 provinces — from 1 Jul 2025 · Source: Fatherland Front community-page dashboard',
    );
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rx', '"cr\rx"'],
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-5', "'-5"],
    [12.5, '12.5'],
    [null, ''],
    [Number.NaN, ''],
  ] as const)('quotes %j per RFC 4180 as %j', (cell, field) => expect(csvField(cell)).toBe(field));

  it('starts with a BOM, then the title, the as-of line and the header; CRLF line ends', () => {
    const text = toCsvText(table);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('"Độ phủ xã theo tỉnh, thành"');
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022');
    expect(lines[2]).toBe('"Tỉnh, thành",Xã có trang,Tỷ lệ (%)');
    expect(lines[3]).toBe('Thành phố Hà Nội,562,97.1');
    expect(lines[4]).toBe("'=1+1,0,");
    expect(lines[5]).toBe('"Tỉnh ""Hà"" Giang\nmới",26,13.5');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('XLSX', () => {
  it('reads back with the title row, the as-of row, the header, numbers as numbers and formulas neutralised', async () => {
    const buffer = await toXlsxBuffer(table);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Độ phủ xã theo tỉnh, thành');
    expect(sheet.getCell('A1').value).toBe('Độ phủ xã theo tỉnh, thành');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(String(sheet.getCell('A2').value)).toContain('Số liệu đến ngày 12/08/2022');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['Tỉnh, thành', 'Xã có trang', 'Tỷ lệ (%)']);
    expect(sheet.getCell('B4').value).toBe(562);
    expect(sheet.getCell('C4').value).toBe(97.1);
    expect(sheet.getCell('A5').value).toBe("'=1+1");
    expect(sheet.getCell('C5').value).toBeNull();
    expect(sheet.getCell('A6').value).toBe('Tỉnh "Hà" Giang\nmới');
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells.some((value) => typeof value === 'object' && value !== null && 'formula' in value)).toBe(false);
  });

  it('makes a sheet name Excel accepts', async () => {
    const buffer = await toXlsxBuffer({ ...table, title: 'Tỷ lệ [theo] tháng: 2021/09 – 2025/06, cả nước và từng tỉnh' });
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const name = workbook.worksheets[0]!.name;
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[[\]:*?/\\]/);
  });
});

describe('wrapText', () => {
  const measure = (text: string) => text.length * 6;
  it('breaks between words so no line is wider than the space', () => {
    expect(wrapText('Số liệu đến ngày 12/08/2022', 60, measure)).toEqual(['Số liệu', 'đến ngày', '12/08/2022']);
    expect(wrapText('short', 600, measure)).toEqual(['short']);
    expect(wrapText('', 60, measure)).toEqual([]);
  });
  it('keeps a word wider than the line whole', () => {
    expect(wrapText('a verylongwordindeed b', 30, measure)).toEqual(['a', 'verylongwordindeed', 'b']);
  });
});
