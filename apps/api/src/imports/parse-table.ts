/**
 * An uploaded file (CSV in any of the accepted encodings and separators, or XLSX) → its header
 * and data rows as trimmed NFC strings, with the import columns found by header. Everything a
 * person must fix in the file as a whole (empty, too many rows, missing columns, past a reading
 * limit) is an UploadRefusal here; row-level problems are left to the plan.
 *
 * Synchronous and CPU-bound: the server runs it in a worker thread (parse-pool.ts, through
 * read-table.ts readImportTable), never on the main thread.
 */
import {
  foldDiacritics,
  foldHeader,
  headerMeaning,
  IMPORT_COLUMNS,
  IMPORT_RESULT_HEADERS,
  importColumn,
  importColumnFor,
  MAX_IMPORT_ROWS,
  type ImportColumnKey,
  type ImportColumnMapping,
  type ImportFormat,
  type ImportHeader,
} from '@mttq/core';
import { msg, type Message } from '../messages';
import { decodeText, isLegacyExcel, isZip, type TextEncodingName } from './decode';
import { splitCsv } from './parse-csv';
import { readXlsxSheet, type XlsxValue } from './parse-xlsx';
import { DEFAULT_UPLOAD_LIMITS, unprocessable, type UploadLimits } from './upload-limits';

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
  /** Every column of the header with what it was read as. */
  headers: ImportHeader[];
  /** The user's mapping that was applied, and whether one is still needed. */
  mapping: TableMapping;
  /** XLSX: every sheet's name in workbook order, and the one read (null for CSV). */
  sheets: string[];
  sheet: string | null;
  /** Every row of the sheet read, as text, in file order: what the plan file writes back. */
  sheetRows: Array<{ row: number; cells: string[] }>;
  /** The result column of a plan file uploaded again (never read), or null. */
  resultIndex: number | null;
}

export interface TableMapping {
  /** form: the request's mapping; remembered: the user's choice for a file with the same headers. */
  source: 'form' | 'remembered' | null;
  /** The mapping applied, by column index; null when headers were read by meaning only. */
  applied: ImportColumnMapping | null;
  /** A column is unknown or ambiguous. */
  needed: boolean;
  /** The header's signature: the same headers, the same signature (headerSignature). */
  signature: string;
  /** Entries of the request's mapping that name no column of the header, as given. */
  unmatched: string[];
  /** Required columns the header lacks while it has unknown columns the user may map to them. */
  missing: Array<'url' | 'unit'>;
  /** Import columns the request's mapping gives to more than one column, with those headers. */
  conflicts: Array<{ key: ImportColumnKey; headers: string[] }>;
}

/** What the reader is told besides the file. */
export interface ParseOptions {
  /** The request's mapping (its JSON already validated). */
  mapping?: ImportColumnMapping;
  /** The user's remembered mappings by header signature; used when the request has none. */
  remembered?: Readonly<Record<string, ImportColumnMapping>>;
  /** XLSX: the sheet to read. */
  sheet?: string;
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

const RESULT_HEADERS: ReadonlySet<string> = new Set(IMPORT_RESULT_HEADERS.map(foldHeader));

/**
 * Row-number columns officers put first ("STT", "Số thứ tự"): known to hold nothing to import, so
 * they are read as ignored and never send a file to the mapping step.
 */
const ROW_NUMBER_HEADERS: ReadonlySet<string> = new Set(['STT', 'TT', 'Số TT', 'Số thứ tự', 'Thứ tự', 'No', 'No.'].map(foldHeader));

/**
 * The headers of a file as one string, to recognise a file with the same headers: each folded,
 * empty ones and the plan file's result column left out. headerSignature(['Mã xã', 'URL']) → 'ma xa|url'
 */
export function headerSignature(cells: readonly string[]): string {
  return cells
    .map(foldHeader)
    .filter((folded) => folded !== '' && !RESULT_HEADERS.has(folded))
    .join('|');
}

/**
 * Headers that name a column only loosely: "Tên đơn vị" is the commune in a file that says no
 * more, but beside "Phường/Xã/Thị trấn" it is something else (the Front committee's name, say).
 * When another column holds the same import column (by a more specific header, or by the user's
 * mapping), a generic one is read as ignored instead of making the two ambiguous; it is listed so,
 * and the column step can still give it a meaning. "Đơn vị" alone names no column at all.
 */
const GENERIC_HEADERS: ReadonlyMap<string, ImportColumnKey> = new Map(
  (
    [
      ['commune', ['Tên đơn vị', 'Đơn vị', 'Tên ĐVHC', 'ĐVHC', 'Đơn vị hành chính', 'Tên đơn vị hành chính']],
      ['communeCode', ['Mã đơn vị', 'Mã ĐVHC', 'Mã đơn vị hành chính']],
      ['url', ['Địa chỉ']],
    ] as const
  ).flatMap(([key, headers]) => headers.map((header) => [headerMeaning(header), key] as const)),
);

type Assigned = Omit<ImportHeader, 'samples'>;

/**
 * Generic headers (GENERIC_HEADERS) read as ignored where another column holds their import
 * column: rankGenericHeaders(['Tên đơn vị' → commune, 'Phường/Xã/Thị trấn' → commune]) leaves
 * 'Phường/Xã/Thị trấn' the commune and 'Tên đơn vị' ignored. Two specific ones stay a tie.
 */
function rankGenericHeaders(headers: Assigned[]): void {
  const generic = (h: Assigned) => (h.reading === 'meaning' || h.reading === 'unknown' ? GENERIC_HEADERS.get(headerMeaning(h.header)) : undefined);
  const heldBySpecific = new Set<ImportColumnKey>();
  for (const h of headers) if (h.key && (h.reading === 'mapping' || generic(h) === undefined)) heldBySpecific.add(h.key);
  for (const h of headers) {
    const key = generic(h);
    if (key && heldBySpecific.has(key)) Object.assign(h, { key: null, reading: 'ignored' });
  }
}

/**
 * What each header cell is read as: the mapping's word first (by column index or header), else
 * its meaning. A generic header gives way to a specific one of the same meaning (it is read as
 * ignored: rankGenericHeaders). Of two equally specific columns with the same meaning the first
 * is read (both marked ambiguous); a column the mapping gives a key takes it from any column that
 * has it by meaning.
 */
function assignColumns(cells: readonly string[], format: ImportFormat, mapping: ImportColumnMapping | null): { headers: Assigned[]; unmatched: string[]; conflicts: TableMapping['conflicts'] } {
  const byIndex = new Map<number, ImportColumnMapping[string]>();
  const unmatched: string[] = [];
  for (const [ref, target] of Object.entries(mapping ?? {})) {
    const index = /^\d+$/u.test(ref) ? Number(ref) : cells.findIndex((cell) => cell !== '' && foldHeader(cell) === foldHeader(ref));
    if (index >= 0 && index < cells.length && cells[index] !== '') byIndex.set(index, target);
    else unmatched.push(ref);
  }
  const headers: Assigned[] = [];
  cells.forEach((text, index) => {
    // A header merged across columns repeats in each of them: the first one counts.
    if (text === '' || (format === 'xlsx' && text === cells[index - 1])) return;
    const target = byIndex.get(index);
    if (RESULT_HEADERS.has(foldHeader(text))) headers.push({ index, header: text, key: null, reading: 'result' });
    else if (target === 'ignore') headers.push({ index, header: text, key: null, reading: 'ignored' });
    else if (target) headers.push({ index, header: text, key: target, reading: 'mapping' });
    else if (ROW_NUMBER_HEADERS.has(foldHeader(text))) headers.push({ index, header: text, key: null, reading: 'ignored' });
    else {
      const column = text.length <= MAX_HEADER_LENGTH ? importColumnFor(text) : undefined;
      headers.push({ index, header: text, key: column?.key ?? null, reading: column ? 'meaning' : 'unknown' });
    }
  });
  rankGenericHeaders(headers);
  const conflicts: TableMapping['conflicts'] = [];
  for (const column of IMPORT_COLUMNS) {
    const claims = headers.filter((h) => h.key === column.key);
    if (claims.length < 2) continue;
    const mapped = claims.filter((h) => h.reading === 'mapping');
    if (mapped.length > 1) conflicts.push({ key: column.key, headers: mapped.map((h) => h.header) });
    const reader = mapped[0] ?? claims[0]!;
    for (const claim of claims) {
      if (claim === reader) {
        if (mapped.length === 0) claim.reading = 'ambiguous';
        continue;
      }
      claim.reading = 'ambiguous';
      claim.key = null;
    }
  }
  return { headers, unmatched, conflicts };
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
export function parseImportTable(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, options: ParseOptions = {}): ImportTable {
  if (bytes.byteLength === 0) throw unprocessable(msg('sheet_empty'));
  if (isLegacyExcel(bytes)) throw unprocessable(msg('sheet_legacy_xls'));

  let format: ImportFormat;
  let encoding: TextEncodingName | null = null;
  let separator: Separator | null = null;
  let raw: Array<{ row: number; cells: string[] }>;
  let header: FoundHeader;
  let sheets: string[] = [];
  let sheet: string | null = null;
  let assigned: ReturnType<typeof assignColumns>;
  let mapping: ImportColumnMapping | null = null;
  let source: TableMapping['source'] = null;
  /** The request's mapping, else the remembered one for these headers. */
  const chooseMapping = (cells: readonly string[]) => {
    const remembered = options.remembered?.[headerSignature(cells)];
    if (options.mapping) [mapping, source] = [options.mapping, 'form'];
    else if (remembered) [mapping, source] = [remembered, 'remembered'];
    const result = assignColumns(cells, format, mapping);
    // A remembered mapping is of a file with the same headers: nothing in it can fail to match.
    return source === 'remembered' ? { ...result, unmatched: [] } : result;
  };
  if (isZip(bytes)) {
    format = 'xlsx';
    // The sheet asked for, else the first whose early rows hold a header; templates put instructions on a later sheet.
    const read = readXlsxSheet(
      bytes,
      limits,
      (rows) => matchesIn(findHeader(rows.slice(0, HEADER_SEARCH_ROWS + 1).map((r) => ({ row: r.row, cells: headerCells(r.values) }))).cells) >= MIN_HEADER_MATCHES,
      options.sheet,
    );
    ({ sheets, sheet } = read);
    const asText = read.rows.map((r) => ({ row: r.row, cells: headerCells(r.values) }));
    header = findHeader(asText);
    assigned = chooseMapping(header.cells);
    const keys: Array<ImportColumnKey | undefined> = [];
    for (const h of assigned.headers) if (h.key) keys[h.index] = h.key;
    const below = header.index + header.depth;
    raw = read.rows.map((r, i) => (i < below ? asText[i]! : { row: r.row, cells: r.values.map((v, col) => cleanCell(xlsxText(v, keys[col]))) }));
  } else {
    format = 'csv';
    const csv = readCsv(bytes, limits);
    ({ encoding, separator } = csv);
    raw = csv.rows;
    header = findHeader(raw);
    assigned = chooseMapping(header.cells);
  }

  const headerRow = raw[header.index];
  if (!headerRow || raw.every((r) => r.cells.every((cell) => cell === ''))) {
    throw unprocessable(msg('sheet_empty'));
  }
  const columns = new Map<ImportColumnKey, { index: number; header: string }>();
  const ignored: string[] = [];
  for (const { index, header: text, key } of assigned.headers) {
    if (key) columns.set(key, { index, header: text });
    else ignored.push(text);
  }
  const resultIndex = assigned.headers.find((h) => h.reading === 'result')?.index ?? null;

  const missing: Array<{ kind: 'url' | 'unit'; path: string; need: Message }> = [];
  if (!columns.has('url')) missing.push({ kind: 'url', path: importColumn('url').vi, need: msg('mapping_need_url') });
  if (!UNIT_KEYS.some((key) => columns.has(key))) missing.push({ kind: 'unit', path: importColumn('communeCode').vi, need: msg('mapping_need_unit') });
  // A header with known columns and unknown ones goes to the mapping step: an unknown one may be the missing one.
  const isMappable = columns.size > 0 && assigned.headers.some((h) => h.reading === 'unknown');
  if (missing.length > 0 && !isMappable) {
    const found = [...columns.values()].map((c) => `“${c.header}”`);
    const unknown = assigned.headers.filter((h) => h.reading === 'unknown').map((h) => `“${h.header}”`);
    const [first, second] = missing;
    throw unprocessable(
      msg('mapping_missing_columns', {
        missing: second ? msg('mapping_and', { first: first!.need, rest: second.need }) : first!.need,
        headerRows: header.depth === 2 ? `${headerRow.row}–${headerRow.row + 1}` : `${headerRow.row}`,
        found: found.length > 0 ? found.join(', ') : msg('mapping_found_none'),
        unknown: unknown.length > 0 ? msg('mapping_unknown_list', { list: unknown.join(', ') }) : '',
        accepted: IMPORT_COLUMNS.map((c) => c.vi).join(', '),
      }),
      missing.map((m) => ({ path: m.path, message: msg('mapping_missing_detail', { column: m.need }) })),
    );
  }

  const rows: ImportTable['rows'] = [];
  const skipped: SkippedRow[] = [];
  let isBelowSignature = false;
  for (const original of raw.slice(header.index + header.depth)) {
    // The result column of a plan file uploaded again says what the last dry run found: not data.
    const r = resultIndex === null ? original : { row: original.row, cells: original.cells.map((cell, i) => (i === resultIndex ? '' : cell)) };
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
  if (rows.length === 0) throw unprocessable(msg('sheet_no_rows', { row: String(headerRow.row) }));
  if (rows.length > MAX_IMPORT_ROWS) throw unprocessable(msg('sheet_too_many_rows', { rows: rows.length, max: MAX_IMPORT_ROWS }));
  const headers = assigned.headers.map((h) => ({ ...h, samples: samplesOf(rows, h.index) }));
  const needed = headers.some((h) => h.reading === 'unknown' || h.reading === 'ambiguous');
  const tableMapping: TableMapping = {
    source,
    applied: mapping,
    needed,
    signature: headerSignature(header.cells),
    unmatched: assigned.unmatched,
    conflicts: assigned.conflicts,
    missing: missing.map((m) => m.kind),
  };
  return { format, encoding, separator, headerRow: headerRow.row, columns, ignored, rows, skipped, headers, mapping: tableMapping, sheets, sheet, sheetRows: raw, resultIndex };
}

/** The first values of a column below the header, for the mapping step: samplesOf(rows, 2) → ['1.245', '980', '12'] */
function samplesOf(rows: ReadonlyArray<{ cells: string[] }>, index: number, count = 3): string[] {
  const samples: string[] = [];
  for (const { cells } of rows) {
    const cell = cells[index] ?? '';
    if (cell !== '') samples.push(cell);
    if (samples.length === count) break;
  }
  return samples;
}
