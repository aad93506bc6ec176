import { neutraliseCell } from '@mttq/core/rules';

/** A raw table value: numbers stay numbers in XLSX; null is an empty cell. */
export type ExportCell = string | number | null;

/** A table as it goes into a CSV or XLSX file. */
export interface ExportTable {
  /** What the figures are: the first line of the file. */
  title: string;
  /** The as-of date, scheme and source (see sourceLine): the second line. */
  source: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly ExportCell[]>;
}

/** One CSV field per RFC 4180: formula-looking text quoted with ', then "…" around commas, quotes and line breaks. */
export function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseCell(cell);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * The table as CSV text: a byte-order mark (Excel then reads UTF-8 and shows the diacritics), the
 * title line, the source line, the header and the rows; comma-separated, CRLF, like the API's
 * exports (apps/api/src/imports/spreadsheet.ts).
 */
export function toCsvText(table: ExportTable): string {
  const lines = [csvField(table.title), csvField(table.source), table.columns.map(csvField).join(','), ...table.rows.map((row) => row.map(csvField).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  svg: 'image/svg+xml;charset=utf-8',
  png: 'image/png',
} as const;

/** Characters Excel refuses in a sheet name; names are at most 31 characters. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/gu;

/**
 * exceljs is large (~250 KB gzip): loaded on the first XLSX download, never with a route. In the
 * browser the package's prebuilt bundle answers; in node its CommonJS entry (both as `default`).
 */
async function loadExcelJS() {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof mod }).default ?? mod;
}

/**
 * The table as an XLSX workbook: a bold title row, the source row, a bold frozen header row, then
 * the rows with numbers as numbers. Text is neutralised like CSV, so no cell runs as a formula.
 */
export async function toXlsxBuffer(table: ExportTable): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MTTQ community-page dashboard';
  const sheetName = table.title.replace(SHEET_NAME_FORBIDDEN, ' ').trim().slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = table.columns.map((header, i) => {
    const longest = Math.max(header.length, ...table.rows.slice(0, 200).map((row) => String(row[i] ?? '').length));
    return { width: Math.min(50, Math.max(10, longest + 2)) };
  });
  sheet.addRow([neutraliseCell(table.title)]).font = { bold: true, size: 13 };
  sheet.addRow([neutraliseCell(table.source)]).font = { italic: true };
  sheet.addRow(table.columns.map(neutraliseCell)).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : typeof cell === 'number' && !Number.isFinite(cell) ? null : cell)));
  }
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
