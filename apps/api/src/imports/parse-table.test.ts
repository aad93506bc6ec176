/**
 * The readers behind the import, in process (no worker): the CSV scanner against csv-parse, the
 * XLSX reader against exceljs (which the import used before), and every limit with small values.
 * The same limits through the HTTP edge and the worker: upload-limits.test.ts.
 */
import { parse as csvParse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { ImportColumnKey } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { splitCsv } from './parse-csv';
import { parseImportTable, xlsxText } from './parse-table';
import { readXlsx, type XlsxValue } from './parse-xlsx';
import { toXlsx } from './spreadsheet';
import { csvFile } from './test-files';
import { DEFAULT_UPLOAD_LIMITS, UploadRefusal, type UploadLimits } from './upload-limits';
import { deflatedBomb, sheetLinks, sheetXml, xlsxFile } from './upload-test-files';

const limits = (overrides: Partial<UploadLimits> = {}): UploadLimits => ({ ...DEFAULT_UPLOAD_LIMITS, ...overrides });

/** The refusal a call throws (fails the test when it throws nothing or something else). */
function refusalOf(read: () => unknown): UploadRefusal {
  try {
    read();
  } catch (error) {
    if (error instanceof UploadRefusal) return error;
    throw error;
  }
  throw new Error('expected an UploadRefusal');
}

const CSV_PARSE_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

describe('splitCsv', () => {
  it('reads quoted cells with doubled quotes, separators and line breaks, and CRLF, LF or CR line ends', () => {
    expect(splitCsv('a,"b,c","say ""hi"""\r\n"two\r\nlines",x\ny\rz', ',', limits())).toEqual([['a', 'b,c', 'say "hi"'], ['two\r\nlines', 'x'], ['y'], ['z']]);
    expect(splitCsv('a;b;\r\n\r\n;', ';', limits())).toEqual([['a', 'b', ''], [''], ['', '']]);
    expect(splitCsv('a\tb "c"\t"d"e', '\t', limits())).toEqual([['a', 'b "c"', '"d"e']]);
    expect(splitCsv('', ',', limits())).toEqual([]);
  });

  it('reads any text as csv-parse with relax_quotes does (or refuses where it fails)', () => {
    const token = fc.constantFrom('a', 'b', 'ế', ',', ';', '"', '""', ' ', '\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.constantFrom(',', ';'), fc.boolean(), (tokens, separator, crlf) => {
        const text = tokens.join('').replace(/\n/gu, crlf ? '\r\n' : '\n');
        let expected: string[][] | 'error';
        try {
          expected = csvParse(text, { ...CSV_PARSE_OPTIONS, delimiter: separator }) as string[][];
        } catch {
          expected = 'error';
        }
        let actual: string[][] | 'error';
        try {
          actual = splitCsv(text, separator, limits());
        } catch (error) {
          if (!(error instanceof UploadRefusal)) throw error;
          actual = 'error';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a cell longer than the cell limit, naming its row and column, quoted or not', () => {
    const long = 'x'.repeat(101);
    for (const text of [`a,b\r\nc,${long}\r\n`, `a,b\r\nc,"${long.slice(0, 50)}""${long.slice(50)}"`]) {
      const refusal = refusalOf(() => splitCsv(text, ',', limits({ maxCellLength: 100 })));
      expect(refusal.status).toBe(422);
      expect(refusal.text).toEqual({ key: 'import_file_cell_length', params: { place: 'B2', max: 100 } });
      expect(refusal.message).toMatch(/^The cell B2 is longer than 100 characters, the limit for one cell\. Shorten it/);
    }
    expect(splitCsv(`a,${'x'.repeat(100)}`, ',', limits({ maxCellLength: 100 }))[0]![1]).toHaveLength(100);
  });

  it('refuses a file of only separators at the first cell past the cell limit', () => {
    const refusal = refusalOf(() => splitCsv(','.repeat(4_900_000), ',', limits()));
    expect(refusal.status).toBe(422);
    expect(refusal.message).toMatch(/^The file has more than 1,000,000 cells \(rows × columns, empty cells included\), the limit for one import\. Delete the empty rows and columns/);
    expect(splitCsv(','.repeat(9), ',', limits({ maxCells: 10 }))[0]).toHaveLength(10);
    expect(() => splitCsv(','.repeat(10), ',', limits({ maxCells: 10 }))).toThrow(UploadRefusal);
  });

  it('refuses a quote that is never closed, naming the cell it opens', () => {
    const refusal = refusalOf(() => splitCsv('a,b\r\nc,"d\r\ne', ',', limits()));
    expect(refusal.text).toEqual({ key: 'sheet_csv_quote', params: { cell: 'B2' } });
    expect(refusal.message).toMatch(/^The file is not readable CSV: the quote that opens the cell B2 is never closed\./);
  });
});

const firstSheet = () => true;

/** What the import read from an XLSX before: exceljs, the first sheet with rows, values 1-based. */
async function readWithExcelJS(bytes: Uint8Array): Promise<Array<{ row: number; values: unknown[] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const rows: Array<{ row: number; values: unknown[] }> = [];
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row, rowNumber) => rows.push({ row: rowNumber, values: Array.isArray(row.values) ? row.values.slice(1) : [] }));
  return rows;
}

/** How the import turned an exceljs value into text before (read-table.ts as it was). */
function excelJsText(value: unknown, key: ImportColumnKey | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return key === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  if (typeof value === 'object') {
    const v = value as { text?: unknown; hyperlink?: unknown; richText?: unknown; result?: unknown; error?: unknown };
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('');
    if ('hyperlink' in v && typeof v.hyperlink === 'string') {
      const text = excelJsText(v.text, key);
      return key === 'url' || text === '' ? v.hyperlink.replace(/^mailto:/u, '') : text;
    }
    if ('result' in v) return excelJsText(v.result, key);
    if ('error' in v && typeof v.error === 'string') return v.error;
    if ('text' in v) return excelJsText(v.text, key);
  }
  return '';
}

type TextOf = (value: unknown, key: ImportColumnKey | undefined) => string;
/** Rows as the import sees them under each column kind: plain, URL column, month column. */
const asTexts = (rows: Array<{ row: number; values: unknown[] }>, text: TextOf) =>
  rows.map((r) => ({ row: r.row, plain: Array.from(r.values, (v) => text(v, undefined)), url: Array.from(r.values, (v) => text(v, 'url')), month: Array.from(r.values, (v) => text(v, 'month')) }));
const ours: TextOf = (value, key) => xlsxText(value as XlsxValue, key);
/** The reader's rows against exceljs's, as the import sees them. */
async function expectAsExcelJS(bytes: Uint8Array) {
  expect(asTexts(readXlsx(bytes, limits(), firstSheet), ours)).toEqual(asTexts(await readWithExcelJS(bytes), excelJsText));
}

describe('readXlsx', () => {
  it('reads what exceljs read: text, rich text, numbers, dates, booleans, formulas, errors, links and merged cells', async () => {
    for (const date1904 of [false, true]) {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('Trang');
      sheet.addRow(['Danh sách trang — Lạng Sơn']);
      sheet.mergeCells('A1:D1');
      sheet.addRow([]);
      sheet.addRow(['Tỉnh', 'Đường dẫn trang', 'Ngày lập', 'Tháng', 'Lượt theo dõi', 'Ghi chú', 'Kiểm tra']);
      sheet.addRow(['Tỉnh Lạng Sơn', { text: 'Trang MTTQ', hyperlink: 'https://www.facebook.com/mttq.test' }, new Date(Date.UTC(2022, 2, 15)), new Date(Date.UTC(2025, 4, 1)), 1234, { richText: [{ text: 'đậm ', font: { bold: true } }, { text: 'thường' }] }, true]);
      sheet.addRow([null, { text: 'mailto:a@b.vn', hyperlink: 'mailto:a@b.vn' }, '15/03/2022', '05/2025', 0.1 + 0.2, 'a & <b> "c"', false]);
      sheet.addRow([null, 'https://zalo.me/x', { formula: 'DATE(2022,1,2)', result: new Date(Date.UTC(2022, 0, 2)) }, { formula: 'A4', result: 'Tỉnh Lạng Sơn' }, { formula: 'E4*2', result: 2468 }, { error: '#N/A' }, { formula: '1=1', result: true }]);
      sheet.mergeCells('A4:A6');
      sheet.getCell('C4').numFmt = 'dd/mm/yyyy';
      sheet.getCell('D4').numFmt = 'mm/yyyy';
      sheet.getCell('C6').numFmt = 'd-mmm-yy';
      sheet.getCell('E4').numFmt = '#,##0';
      sheet.addRow(['', ' ', '\u00a0', "'=SUM(A1)", '1.234', 1e21, -0]);
      workbook.addWorksheet('Hướng dẫn').addRow(['Điền mỗi trang một dòng']);
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      await expectAsExcelJS(bytes);
    }
  });

  it("reads the app's own templates as exceljs did, and takes the first sheet with a header", async () => {
    const bytes = await toXlsx(
      {
        name: 'Mẫu nhập',
        title: ['Mẫu nhập — Tỉnh Lạng Sơn (20)'],
        columns: [{ header: 'Mã xã', isText: true }, { header: 'Đường dẫn trang' }, { header: 'Lượt theo dõi' }],
        rows: [
          ['06385', 'https://www.facebook.com/a', 12],
          ['06388', '=HYPERLINK("x")', null],
        ],
      },
      [{ name: 'Hướng dẫn', title: ['Cách điền'], columns: [{ header: 'Cột' }], rows: [['Mã xã']] }],
    );
    await expectAsExcelJS(bytes);
    // A guide sheet first: the sheet whose early rows hold the header is the one read.
    const guideFirst = xlsxFile([
      { name: 'Hướng dẫn', xml: sheetXml([['Điền mỗi trang một dòng']]) },
      { name: 'Trang', xml: sheetXml([['Mã xã', 'URL'], ['06385', 'https://www.facebook.com/a']]) },
    ]);
    const table = parseImportTable(guideFirst, limits());
    expect(table.rows).toEqual([{ row: 2, cells: ['06385', 'https://www.facebook.com/a'] }]);
  });

  it('reads shared strings (Excel escapes and phonetic runs), styles and prefixed element names', () => {
    const sharedStrings = `<sst xmlns="x"><si><t>Mã xã</t></si><si><r><t>Đường </t></r><r><t>dẫn trang</t></r></si><si><t>dòng_x000D_hai</t><rPh><t>ふりがな</t></rPh></si></sst>`;
    const styles = `<styleSheet xmlns="x"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheet = `<x:worksheet xmlns:x="x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c r="A2" s="1"><x:v>44635</x:v></x:c><x:c r="B2" s="2"><x:v>44635</x:v></x:c><x:c r="C2" s="3"><x:v>44635</x:v></x:c><x:c r="E2" t="str"><x:f>"&amp;amp;"</x:f><x:v>&amp;amp;</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const rows = readXlsx(xlsxFile([{ name: 'Trang', xml: sheet }], { sharedStrings, styles }), limits(), firstSheet);
    expect(asTexts(rows, ours).map((r) => r.plain)).toEqual([
      ['Mã xã', 'Đường dẫn trang', 'dòng\rhai'],
      ['2022-03-15', '44635', '2022-03-15', '', '&'],
    ]);
  });

  it('refuses a sheet that really inflates past the limit though the zip declares a small size, without inflating the rest', () => {
    const head = '<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
    const bytes = xlsxFile([{ name: 'Trang', xml: { deflated: deflatedBomb(head, 64), declaredSize: 1000 } }]);
    expect(bytes.byteLength).toBeLessThan(100_000);
    const refusal = refusalOf(() => readXlsx(bytes, limits({ maxInflatedBytes: 1024 * 1024 }), firstSheet));
    expect(refusal.status).toBe(413);
    expect(refusal.message).toMatch(/^The XLSX file inflates to more than 1 MB when unpacked \(reached while unpacking xl\/worksheets\/sheet1\.xml\), the limit for one import/);
    expect(refusal.message).toContain('save the sheet as CSV (UTF-8)');
  });

  it('counts cells as rows × columns and merged ranges in full, refusing past the cell limit', () => {
    const wholeSheet = xlsxFile([{ name: 'Trang', xml: sheetXml([['Mã xã', 'URL']], '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>') }]);
    expect(refusalOf(() => readXlsx(wholeSheet, limits(), firstSheet)).message).toMatch(/^The file has more than 1,000,000 cells/);
    const farColumn = `<worksheet xmlns="x"><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    expect(refusalOf(() => readXlsx(xlsxFile([{ name: 'Trang', xml: farColumn }]), limits({ maxCells: 16_000 }), firstSheet)).message).toMatch(/more than 16,000 cells/);
    expect(readXlsx(xlsxFile([{ name: 'Trang', xml: farColumn }]), limits({ maxCells: 16_384 }), firstSheet)[0]!.values).toHaveLength(16_384);
    // A link on a far cell of a row widens the row: counted too.
    const farLink = xlsxFile([{ name: 'Trang', xml: sheetXml([['Mã xã', 'URL']], '<hyperlinks><hyperlink ref="XFD1" r:id="rId1"/></hyperlinks>') }], { parts: [sheetLinks(1, { rId1: 'https://www.facebook.com/far' })] });
    expect(refusalOf(() => readXlsx(farLink, limits({ maxCells: 16_000 }), firstSheet)).message).toMatch(/more than 16,000 cells/);
    expect(readXlsx(farLink, limits(), firstSheet)[0]!.values[16_383]).toEqual({ text: '', hyperlink: 'https://www.facebook.com/far' });
  });

  it('refuses a cell longer than the cell limit, naming row, column and sheet, inline or shared', () => {
    const long = 'x'.repeat(4_001);
    const inline = xlsxFile([{ name: 'Trang', xml: sheetXml([['Mã xã', 'URL'], ['06385', long]]) }]);
    expect(refusalOf(() => readXlsx(inline, limits(), firstSheet)).message).toMatch(/^The cell 'Trang'!B2 is longer than 4,000 characters, the limit for one cell\./);
    const shared = xlsxFile([{ name: 'Trang', xml: `<worksheet xmlns="x"><sheetData><row r="7"><c r="C7" t="s"><v>0</v></c></row></sheetData></worksheet>` }], { sharedStrings: `<sst xmlns="x"><si><t>${long}</t></si></sst>` });
    expect(refusalOf(() => readXlsx(shared, limits(), firstSheet)).message).toMatch(/^The cell 'Trang'!C7 is longer than 4,000 characters/);
  });

  it('refuses one shared text repeated in many cells past the total-text limit', () => {
    const cells = Array.from({ length: 100 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`).join('');
    const bytes = xlsxFile([{ name: 'Trang', xml: `<worksheet xmlns="x"><sheetData>${cells}</sheetData></worksheet>` }], { sharedStrings: `<sst xmlns="x"><si><t>${'y'.repeat(4_000)}</t></si></sst>` });
    const refusal = refusalOf(() => readXlsx(bytes, limits({ maxTextLength: 200_000 }), firstSheet));
    expect(refusal.status).toBe(413);
    expect(refusal.message).toMatch(/^The cells of the file hold more than 200,000 characters in all, the limit for one import\./);
    // A merged range repeats its text in each of its cells.
    const merged = xlsxFile([{ name: 'Trang', xml: sheetXml([['y'.repeat(1_000)]], '<mergeCells count="1"><mergeCell ref="A1:J100"/></mergeCells>') }]);
    expect(refusalOf(() => readXlsx(merged, limits({ maxTextLength: 200_000 }), firstSheet)).message).toMatch(/^The cells of the file hold more than 200,000 characters/);
    expect(readXlsx(merged, limits(), firstSheet)).toHaveLength(100);
  });

  it('answers a damaged workbook with 422', () => {
    for (const bytes of [Buffer.from('PK\u0003\u0004 not really a zip'), xlsxFile([{ name: 'Trang', xml: '<worksheet><sheetData><row>' }])]) {
      const refusal = refusalOf(() => parseImportTable(bytes, limits()));
      expect(refusal.status).toBe(422);
      expect(refusal.message).toContain('looks like an Excel workbook but cannot be read');
    }
  });
});

describe('parseImportTable', () => {
  it('reads a CSV of every encoding to the same rows, the header found below a title line', () => {
    const rows = [['Danh sách'], ['Mã xã', 'URL', 'Tên trang'], ['06385', 'https://www.facebook.com/a', ' Mặt trận\u00a0'], [], ['06388', '"quoted"', "'=SUM(A1)"]];
    for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1258'] as const) {
      const table = parseImportTable(csvFile(rows, { encoding, separator: ';' }), limits());
      expect({ encoding: table.encoding, separator: table.separator, headerRow: table.headerRow }).toEqual({ encoding, separator: ';', headerRow: 2 });
      expect(table.rows).toEqual([
        { row: 3, cells: ['06385', 'https://www.facebook.com/a', 'Mặt trận'] },
        { row: 5, cells: ['06388', '"quoted"', '=SUM(A1)'] },
      ]);
    }
  });
});
