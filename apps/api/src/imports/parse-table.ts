/**
 * An uploaded file (CSV in any of the accepted encodings and separators, or XLSX) → its header
 * and data rows as trimmed NFC strings, with the import columns found by header. Everything a
 * person must fix in the file as a whole (empty, too many rows, missing columns, past a reading
 * limit) is an UploadRefusal here; row-level problems are left to the plan.
 *
 * Synchronous and CPU-bound: the server runs it in a worker thread (parse-pool.ts, through
 * read-table.ts readImportTable), never on the main thread.
 */
import { foldDiacritics, IMPORT_COLUMNS, importColumn, importColumnFor, MAX_IMPORT_ROWS, type ImportColumnKey, type ImportFormat } from '@mttq/core';
import { decodeText, isLegacyExcel, isZip, type TextEncodingName } from './decode';
import { splitCsv } from './parse-csv';
import { readXlsx, type XlsxValue } from './parse-xlsx';
import { DEFAULT_UPLOAD_LIMITS, unprocessable, type RefusalData, type UploadLimits } from './upload-limits';

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
  /** Rows below the header that are spreadsheet furniture, not pages: totals, signatures, repeated headers. */
  skipped: SkippedRow[];
}

export type SkipReason = 'totals' | 'signature' | 'header';
export interface SkippedRow {
  row: number;
  reason: SkipReason;
  /** The cell that gave it away, as written. */
  text: string;
}

/** The header is searched for in the first rows: files may start with a title line. */
const HEADER_SEARCH_ROWS = 10;
/** A row is the header when at least this many of its cells name import columns. */
const MIN_HEADER_MATCHES = 2;
/** The separator is sniffed in the file's first characters; no header line is longer. */
const SNIFF_CHARACTERS = 64 * 1024;
/** No header is longer than this; longer cells are not compared with the header names. */
const MAX_HEADER_LENGTH = 200;

/**
 * A cell as imported: NFC, no-break and zero-width spaces handled, trimmed, and the quote that
 * exports put before = + - @ (formula neutralisation) removed, so exports import back unchanged.
 * cleanCell("  '=SUM(A1)\u00a0") → '=SUM(A1)'
 */
export function cleanCell(value: string): string {
  const text = value.normalize('NFC').replace(/[\u200b\ufeff]/gu, '').replace(/\u00a0/gu, ' ').trim();
  return /^'[=+\-@]/u.test(text) ? text.slice(1) : text;
}

const isRecognised = (cell: string) => cell.length <= MAX_HEADER_LENGTH && importColumnFor(cell) !== undefined;
const matchesIn = (cells: readonly string[]) => cells.filter(isRecognised).length;

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
  const lines = text
    .slice(0, SNIFF_CHARACTERS)
    .split(/\r\n|\n|\r/u, HEADER_SEARCH_ROWS * 2)
    .filter((line) => line.trim() !== '')
    .slice(0, HEADER_SEARCH_ROWS);
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

function readCsv(bytes: Uint8Array, limits: UploadLimits): { rows: Array<{ row: number; cells: string[] }>; encoding: TextEncodingName; separator: Separator } {
  const { text, encoding } = decodeText(bytes);
  const separator = sniffSeparator(text);
  const records = splitCsv(text, separator, limits);
  return { rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) })), encoding, separator };
}

/** A spreadsheet cell as text; dates as YYYY-MM-DD (YYYY-MM in the month column), links as their address in the URL column. */
export function xlsxText(value: XlsxValue | undefined, key: ImportColumnKey | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return key === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  if ('hyperlink' in value) {
    const text = xlsxText(value.text, key);
    return key === 'url' || text === '' ? value.hyperlink.replace(/^mailto:/u, '') : text;
  }
  return value.error;
}

const headerCells = (values: readonly XlsxValue[]) => values.map((v) => cleanCell(xlsxText(v, undefined)));

const describe = (key: ImportColumnKey) => {
  const column = importColumn(key);
  return `${column.vi} (${column.en})`;
};

/**
 * A two-row header (a merged group header over sub-headers) as one row: each column's sub-header,
 * or the group and sub-header together when only that names a column, or the group alone.
 * combineHeaders(['Đơn vị', 'Đơn vị', 'Số liệu'], ['Huyện', 'Xã', 'Lượt thích']) → ['Huyện', 'Xã', 'Lượt thích']
 */
export function combineHeaders(top: readonly string[], sub: readonly string[]): string[] {
  return Array.from({ length: Math.max(top.length, sub.length) }, (_, column) => {
    const group = top[column] ?? '';
    const own = sub[column] ?? '';
    if (own === '' || own === group) return group;
    if (group === '' || isRecognised(own)) return own;
    const joined = `${group} ${own}`;
    return isRecognised(joined) ? joined : own;
  });
}

interface FoundHeader {
  /** Index in the rows of the header's first row. */
  index: number;
  /** 1, or 2 for a group header over sub-headers. */
  depth: 1 | 2;
  cells: string[];
}

/**
 * The header among the first rows: the row (or pair of adjacent rows, read as group and
 * sub-headers) naming the most import columns; title rows above it name none.
 */
function findHeader(rows: ReadonlyArray<{ row: number; cells: string[] }>): FoundHeader {
  let best: FoundHeader & { matches: number } = { index: 0, depth: 1, cells: rows[0]?.cells ?? [], matches: -1 };
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    const single = matchesIn(row.cells);
    if (single > best.matches) best = { index, depth: 1, cells: row.cells, matches: single };
    const next = rows[index + 1];
    if (!next || next.row !== row.row + 1) return;
    const cells = combineHeaders(row.cells, next.cells);
    const matches = matchesIn(cells);
    if (matches > best.matches && matches > single && matches > matchesIn(next.cells)) best = { index, depth: 2, cells, matches };
  });
  return best;
}

/** "Tổng cộng", "Cộng", "Tổng số", "Tổng" (alone, before a colon or a place): a totals row. */
const TOTALS = /^(?:tong cong|tong so|tong|cong)(?:$|\s*[:.(-]|\s+(?:toan|huyen|xa|tinh|quan|phuong|thi|thanh|cac|chung)\b)/u;
/** The lines under a table: who drew it up, the head's signature, "…, ngày … tháng … năm …". */
const SIGNATURE = /^(?:nguoi lap|nguoi ky|thu truong|ky ten|ky ghi ro|xac nhan cua|tm\.? |t\/m |noi nhan)|ngay\s*\S{0,4}\s*thang\s*\S{0,4}\s*nam\b/u;

/**
 * Why a row under the header is no page, or null: the header repeated on a new printed page, or,
 * in a row without a URL, a totals row or a signature or date line (and with it every row below).
 */
function furniture(cells: readonly string[], header: readonly string[], columns: ReadonlyMap<ImportColumnKey, { index: number }>): { reason: SkipReason; text: string } | null {
  const urlIndex = columns.get('url')?.index ?? -1;
  const urlCell = cells[urlIndex] ?? '';
  if (urlCell !== '') {
    const isHeader = urlCell === header[urlIndex] && cells.every((cell, i) => cell === (header[i] ?? ''));
    return isHeader ? { reason: 'header', text: cells.find((c) => c !== '')! } : null;
  }
  for (const cell of cells) {
    if (cell === '' || cell.length > MAX_HEADER_LENGTH) continue;
    const folded = foldDiacritics(cell).replace(/[^a-z0-9/:.( -]+/gu, ' ').trim();
    if (SIGNATURE.test(folded)) return { reason: 'signature', text: cell };
    if (TOTALS.test(folded)) return { reason: 'totals', text: cell };
  }
  return null;
}

const UNIT_KEYS: readonly ImportColumnKey[] = ['provinceCode', 'province', 'districtCode', 'district', 'communeCode', 'commune'];

/**
 * Reads an upload into an ImportTable, or throws an UploadRefusal saying what is wrong with the
 * file as a whole. parseImportTable(csvBytes) → { format: 'csv', encoding: 'utf-8-bom', separator: ';', rows: [...] }
 */
export function parseImportTable(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): ImportTable {
  if (bytes.byteLength === 0) throw unprocessable('The file is empty. Download the template (GET /api/v1/imports/template), fill it in and upload it.');
  if (isLegacyExcel(bytes)) throw unprocessable('This is an old Excel .xls file. Open it in Excel and save it as .xlsx (Excel Workbook) or CSV (UTF-8), then upload that.');

  let format: ImportFormat;
  let encoding: TextEncodingName | null = null;
  let separator: Separator | null = null;
  let raw: Array<{ row: number; cells: string[] }>;
  let header: FoundHeader;
  if (isZip(bytes)) {
    format = 'xlsx';
    // The first sheet whose early rows hold a header; templates put instructions on a later sheet.
    const rows = readXlsx(bytes, limits, (sheet) => matchesIn(findHeader(sheet.slice(0, HEADER_SEARCH_ROWS + 1).map((r) => ({ row: r.row, cells: headerCells(r.values) }))).cells) >= MIN_HEADER_MATCHES);
    const asText = rows.map((r) => ({ row: r.row, cells: headerCells(r.values) }));
    header = findHeader(asText);
    const keys = header.cells.map((cell) => importColumnFor(cell)?.key);
    const below = header.index + header.depth;
    raw = rows.map((r, i) => (i < below ? asText[i]! : { row: r.row, cells: r.values.map((v, col) => cleanCell(xlsxText(v, keys[col]))) }));
  } else {
    format = 'csv';
    const csv = readCsv(bytes, limits);
    ({ encoding, separator } = csv);
    raw = csv.rows;
    header = findHeader(raw);
  }

  const headerRow = raw[header.index];
  if (!headerRow || raw.every((r) => r.cells.every((cell) => cell === ''))) {
    throw unprocessable('The file is empty. Download the template (GET /api/v1/imports/template), fill it in and upload it.');
  }
  const columns = new Map<ImportColumnKey, { index: number; header: string }>();
  const ignored: string[] = [];
  const duplicates: RefusalData['details'] = [];
  header.cells.forEach((text, index) => {
    // A header merged across columns repeats in each of them: the first one counts.
    if (text === '' || (format === 'xlsx' && text === header.cells[index - 1])) return;
    const column = text.length <= MAX_HEADER_LENGTH ? importColumnFor(text) : undefined;
    if (!column) {
      ignored.push(text);
      return;
    }
    const taken = columns.get(column.key);
    if (taken) duplicates.push({ path: text, message: `names the same column as "${taken.header}" (${describe(column.key)}); keep one of them` });
    else columns.set(column.key, { index, header: text });
  });
  if (duplicates.length > 0) {
    throw unprocessable(
      `Two columns have the same meaning: ${duplicates.map((d) => `"${d.path}" ${d.message}`).join('; ')}. Hai cột cùng một nghĩa: ${duplicates.map((d) => `"${d.path}"`).join(', ')}; giữ lại một cột.`,
      duplicates,
    );
  }

  const missing: RefusalData['details'] = [];
  if (!columns.has('url')) missing.push({ path: importColumn('url').vi, message: `is required: the column ${describe('url')} identifies each page` });
  if (!UNIT_KEYS.some((key) => columns.has(key))) {
    missing.push({ path: importColumn('communeCode').vi, message: `a unit column is required: ${UNIT_KEYS.map(describe).join(', ')}` });
  }
  if (missing.length > 0) {
    const found = [...columns.values()].map((c) => c.header);
    const headerRows = header.depth === 2 ? `${headerRow.row}–${headerRow.row + 1}` : `${headerRow.row}`;
    const needed = missing.map((m) => (m.path === importColumn('url').vi ? 'đường dẫn trang (ví dụ "Link fanpage")' : 'đơn vị (ví dụ "Tên xã", "Phường/Xã/Thị trấn" hoặc "Mã xã")')).join(' và ');
    throw unprocessable(
      `Missing required columns: ${missing.map((m) => m.path).join(', ')}. ${missing.map((m) => `${m.path} ${m.message}`).join('; ')}. The header row ${headerRow.row} has ${found.length > 0 ? found.join(', ') : 'no known column'}; accepted headers are ${IMPORT_COLUMNS.map((c) => c.vi).join(', ')} (or their English names). ` +
        `Thiếu cột bắt buộc: cần cột ${needed}. Dòng tiêu đề ${headerRows} có ${found.length > 0 ? found.map((f) => `"${f}"`).join(', ') : 'không cột nào nhận ra được'}${ignored.length > 0 ? `; không nhận ra: ${ignored.map((f) => `"${f}"`).join(', ')}` : ''}.`,
      missing,
    );
  }

  const rows: ImportTable['rows'] = [];
  const skipped: SkippedRow[] = [];
  let isBelowSignature = false;
  for (const r of raw.slice(header.index + header.depth)) {
    if (r.cells.every((cell) => cell === '')) continue;
    if (isBelowSignature) {
      skipped.push({ row: r.row, reason: 'signature', text: r.cells.find((c) => c !== '')! });
      continue;
    }
    const found = furniture(r.cells, header.cells, columns);
    if (!found) rows.push(r);
    else {
      skipped.push({ row: r.row, ...found });
      isBelowSignature ||= found.reason === 'signature';
    }
  }
  if (rows.length === 0) throw unprocessable(`The file has a header (row ${headerRow.row}) but no data rows below it.`);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw unprocessable(`The file has ${rows.length.toLocaleString('en-US')} data rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} can be imported at once. Split it (for example by province) and import the parts one after another.`);
  }
  return { format, encoding, separator, headerRow: headerRow.row, columns, ignored, rows, skipped };
}
