/**
 * An uploaded file (CSV in any of the accepted encodings and separators, or XLSX) → its header
 * and data rows as trimmed NFC strings, with the import columns found by header. Everything a
 * person must fix in the file as a whole (empty, too many rows, missing columns) is a 422 here;
 * row-level problems are left to the plan.
 */
import { IMPORT_COLUMNS, importColumn, importColumnFor, MAX_IMPORT_ROWS, type ImportColumnKey, type ImportFormat } from '@mttq/core';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs';
import { ApiError, type FieldIssue } from '../http/errors';
import { decodeText, isLegacyExcel, isZip, type TextEncodingName } from './decode';

export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

export interface ImportTable {
  format: ImportFormat;
  encoding: TextEncodingName | null;
  separator: Separator | null;
  /** Row number of the header, as a spreadsheet counts (1 = first row). */
  headerRow: number;
  /** Column index of each recognised column, and its header as written. */
  columns: Map<ImportColumnKey, { index: number; header: string }>;
  /** Headers that name no import column. */
  ignored: string[];
  /** Data rows with at least one non-empty cell, in file order. */
  rows: Array<{ row: number; cells: string[] }>;
}

/** The header is searched for in the first rows: files may start with a title line. */
const HEADER_SEARCH_ROWS = 10;
/** A row is the header when at least this many of its cells name import columns. */
const MIN_HEADER_MATCHES = 2;

const unprocessable = (message: string, details: FieldIssue[] = []) => new ApiError(422, 'unprocessable', message, details);

/**
 * A cell as imported: NFC, no-break and zero-width spaces handled, trimmed, and the quote that
 * exports put before = + - @ (formula neutralisation) removed, so exports import back unchanged.
 * cleanCell("  '=SUM(A1)\u00a0") → '=SUM(A1)'
 */
export function cleanCell(value: string): string {
  const text = value.normalize('NFC').replace(/[\u200b\ufeff]/gu, '').replace(/\u00a0/gu, ' ').trim();
  return /^'[=+\-@]/u.test(text) ? text.slice(1) : text;
}

const matchesIn = (cells: readonly string[]) => cells.filter((cell) => importColumnFor(cell) !== undefined).length;

/** Splits one physical line on `separator` outside double quotes; enough to sniff a header. */
function splitLine(line: string, separator: Separator): string[] {
  const cells: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (const ch of line) {
    if (ch === '"') isQuoted = !isQuoted;
    else if (ch === separator && !isQuoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * The separator under which some early line reads as the most import headers; without such a
 * line, the separator that occurs most in the first line. sniffSeparator('Mã xã;URL\r\n…') → ';'
 */
export function sniffSeparator(text: string): Separator {
  const lines = text.split(/\r\n|\n|\r/u, HEADER_SEARCH_ROWS * 2).filter((line) => line.trim() !== '').slice(0, HEADER_SEARCH_ROWS);
  let best: { separator: Separator; matches: number; count: number } | null = null;
  for (const line of lines) {
    for (const separator of SEPARATORS) {
      const cells = splitLine(line, separator);
      const matches = matchesIn(cells);
      if (matches < MIN_HEADER_MATCHES) continue;
      if (!best || matches > best.matches || (matches === best.matches && cells.length > best.count)) best = { separator, matches, count: cells.length };
    }
  }
  if (best) return best.separator;
  const first = lines[0] ?? '';
  const counts = SEPARATORS.map((separator) => splitLine(first, separator).length);
  return SEPARATORS[counts.indexOf(Math.max(...counts))] ?? ',';
}

function readCsv(bytes: Uint8Array): { rows: Array<{ row: number; cells: string[] }>; encoding: TextEncodingName; separator: Separator } {
  const { text, encoding } = decodeText(bytes);
  const separator = sniffSeparator(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw unprocessable(`The file is not readable CSV: ${message}. Save it again as CSV (UTF-8) or XLSX.`);
  }
  return { rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) })), encoding, separator };
}

type XlsxValue = ExcelJS.CellValue | { text?: unknown; hyperlink?: unknown; richText?: unknown; result?: unknown; error?: unknown };

/** A spreadsheet cell as text; dates as YYYY-MM-DD (YYYY-MM in the month column), links as their address in the URL column. */
function xlsxText(value: unknown, key: ImportColumnKey | undefined): string {
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
    const v = value as Exclude<XlsxValue, null | undefined | string | number | boolean | Date>;
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('');
    if ('hyperlink' in v && typeof v.hyperlink === 'string') {
      const text = xlsxText(v.text, key);
      return key === 'url' || text === '' ? v.hyperlink.replace(/^mailto:/u, '') : text;
    }
    if ('result' in v) return xlsxText(v.result, key);
    if ('error' in v && typeof v.error === 'string') return v.error;
    if ('text' in v) return xlsxText(v.text, key);
  }
  return '';
}

/** An XLSX of at most MAX_IMPORT_BYTES unpacks to far less than this; more is a zip bomb. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/**
 * The total unpacked size the zip's central directory declares, or Infinity when it cannot be
 * read (or is a ZIP64, which no XLSX under the upload limit needs). Read before unzipping, so a
 * small upload cannot unpack into gigabytes.
 */
export function declaredUnzippedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return Number.POSITIVE_INFINITY;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return Number.POSITIVE_INFINITY;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

async function readXlsx(bytes: Uint8Array): Promise<Array<{ row: number; values: unknown[] }>> {
  if (declaredUnzippedSize(bytes) > MAX_UNZIPPED_BYTES) {
    throw unprocessable('The file looks like an Excel workbook but cannot be read (it is damaged, or unpacks to more than 200 MB). Save it again as .xlsx, or as CSV (UTF-8).');
  }
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unprocessable('The file looks like an Excel workbook but cannot be read. Open it in Excel and save it again as .xlsx, or as CSV (UTF-8).');
  }
  // The first sheet whose early rows hold a header; templates put instructions on a later sheet.
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: Array<{ row: number; values: unknown[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // row.values is 1-based: index 0 is always empty.
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push({ row: rowNumber, values });
    });
    return rows;
  });
  const hasHeader = (rows: Array<{ values: unknown[] }>) => rows.slice(0, HEADER_SEARCH_ROWS).some((r) => matchesIn(r.values.map((v) => cleanCell(xlsxText(v, undefined)))) >= MIN_HEADER_MATCHES);
  return sheets.find(hasHeader) ?? sheets[0] ?? [];
}

const describe = (key: ImportColumnKey) => {
  const column = importColumn(key);
  return `${column.vi} (${column.en})`;
};

/** The header row among the first rows: the one naming the most import columns. */
function findHeader(rows: Array<{ row: number; cells: string[] }>): number {
  let bestIndex = 0;
  let bestMatches = -1;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const matches = matchesIn(row.cells);
    if (matches > bestMatches) {
      bestIndex = index;
      bestMatches = matches;
    }
  });
  return bestIndex;
}

const UNIT_KEYS: readonly ImportColumnKey[] = ['provinceCode', 'province', 'districtCode', 'district', 'communeCode', 'commune'];

/**
 * Reads an upload into an ImportTable, or a 422 saying what is wrong with the file as a whole.
 * await readImportTable(csvBytes) → { format: 'csv', encoding: 'utf-8-bom', separator: ';', rows: [...] }
 */
export async function readImportTable(bytes: Uint8Array): Promise<ImportTable> {
  if (bytes.byteLength === 0) throw unprocessable('The file is empty. Download the template (GET /api/v1/imports/template), fill it in and upload it.');
  if (isLegacyExcel(bytes)) throw unprocessable('This is an old Excel .xls file. Open it in Excel and save it as .xlsx (Excel Workbook) or CSV (UTF-8), then upload that.');

  let format: ImportFormat;
  let encoding: TextEncodingName | null = null;
  let separator: Separator | null = null;
  let raw: Array<{ row: number; cells: string[] }>;
  let headerIndex: number;
  if (isZip(bytes)) {
    format = 'xlsx';
    const rows = await readXlsx(bytes);
    const asText = rows.map((r) => ({ row: r.row, cells: r.values.map((v) => cleanCell(xlsxText(v, undefined))) }));
    headerIndex = findHeader(asText);
    const header = asText[headerIndex]?.cells ?? [];
    const keys = header.map((cell) => importColumnFor(cell)?.key);
    raw = rows.map((r, i) => (i === headerIndex ? asText[i]! : { row: r.row, cells: r.values.map((v, col) => cleanCell(xlsxText(v, keys[col]))) }));
  } else {
    format = 'csv';
    const csv = readCsv(bytes);
    ({ encoding, separator } = csv);
    raw = csv.rows;
    headerIndex = findHeader(raw);
  }

  const headerRow = raw[headerIndex];
  if (!headerRow || raw.every((r) => r.cells.every((cell) => cell === ''))) {
    throw unprocessable('The file is empty. Download the template (GET /api/v1/imports/template), fill it in and upload it.');
  }
  const columns = new Map<ImportColumnKey, { index: number; header: string }>();
  const ignored: string[] = [];
  const duplicates: FieldIssue[] = [];
  headerRow.cells.forEach((header, index) => {
    if (header === '') return;
    const column = importColumnFor(header);
    if (!column) {
      ignored.push(header);
      return;
    }
    const taken = columns.get(column.key);
    if (taken) duplicates.push({ path: header, message: `names the same column as "${taken.header}" (${describe(column.key)}); keep one of them` });
    else columns.set(column.key, { index, header });
  });
  if (duplicates.length > 0) throw unprocessable(`Two columns have the same meaning: ${duplicates.map((d) => `"${d.path}" ${d.message}`).join('; ')}.`, duplicates);

  const missing: FieldIssue[] = [];
  if (!columns.has('url')) missing.push({ path: importColumn('url').vi, message: `is required: the column ${describe('url')} identifies each page` });
  if (!UNIT_KEYS.some((key) => columns.has(key))) {
    missing.push({ path: importColumn('communeCode').vi, message: `a unit column is required: ${UNIT_KEYS.map(describe).join(', ')}` });
  }
  if (missing.length > 0) {
    const found = [...columns.values()].map((c) => c.header);
    throw unprocessable(
      `Missing required columns: ${missing.map((m) => m.path).join(', ')}. ${missing.map((m) => `${m.path} ${m.message}`).join('; ')}. The header row ${headerRow.row} has ${found.length > 0 ? found.join(', ') : 'no known column'}; accepted headers are ${IMPORT_COLUMNS.map((c) => c.vi).join(', ')} (or their English names).`,
      missing,
    );
  }

  const rows = raw.slice(headerIndex + 1).filter((r) => r.cells.some((cell) => cell !== ''));
  if (rows.length === 0) throw unprocessable(`The file has a header (row ${headerRow.row}) but no data rows below it.`);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw unprocessable(`The file has ${rows.length.toLocaleString('en-US')} data rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} can be imported at once. Split it (for example by province) and import the parts one after another.`);
  }
  return { format, encoding, separator, headerRow: headerRow.row, columns, ignored, rows };
}
