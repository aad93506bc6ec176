/**
 * Tables → downloadable files: CSV as UTF-8 with a BOM (so Excel shows diacritics) and CRLF, or
 * XLSX. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) is
 * neutralised with a leading quote; imports strip that quote again (read-table.ts cleanCell).
 */
import { neutraliseCell } from '@mttq/core/rules';
import { loadExcelJS } from './load-exceljs';

export type SheetCell = string | number | null;

export interface SheetColumn {
  header: string;
  /** Character width in XLSX. */
  width?: number;
  /** Codes are text in XLSX, so Excel keeps their leading zeros. */
  isText?: boolean;
}

export interface Sheet {
  /** Sheet name in XLSX (at most 31 characters). */
  name: string;
  /** Lines above the header: what the figures are, their scheme and as-of date. */
  title: string[];
  columns: SheetColumn[];
  rows: SheetCell[][];
}

const csvField = (cell: SheetCell) => {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseCell(cell);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
};

/** The sheet as CSV bytes: BOM, title lines, header, rows; comma-separated, CRLF. */
export function toCsv(sheet: Sheet): Uint8Array {
  const lines = [...sheet.title.map((line) => csvField(line)), sheet.columns.map((c) => csvField(c.header)).join(','), ...sheet.rows.map((row) => row.map(csvField).join(','))];
  return new Uint8Array(Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'));
}

/** The sheet as an XLSX workbook: title rows, a bold frozen header with a filter, the rows. */
export async function toXlsx(sheet: Sheet, extra: Sheet[] = []): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'MTTQ community-page dashboard';
  for (const s of [sheet, ...extra]) {
    const worksheet = workbook.addWorksheet(s.name.slice(0, 31));
    worksheet.columns = s.columns.map((c) => ({ width: c.width ?? Math.min(40, Math.max(10, c.header.length + 2)), style: c.isText ? { numFmt: '@' } : {} }));
    for (const line of s.title) worksheet.addRow([neutraliseCell(line)]).font = { bold: true };
    const header = worksheet.addRow(s.columns.map((c) => neutraliseCell(c.header)));
    header.font = { bold: true };
    for (const row of s.rows) worksheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell)));
    const headerRow = s.title.length + 1;
    worksheet.views = [{ state: 'frozen', ySplit: headerRow }];
    if (s.columns.length > 0) worksheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: s.columns.length } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** An attachment header with an ASCII file name: attachment('pages_legacy63_2025-06-30', 'csv'). */
export function attachment(baseName: string, format: 'csv' | 'xlsx'): string {
  const safe = baseName.replace(/[^A-Za-z0-9._-]+/gu, '-');
  return `attachment; filename="${safe}.${format}"`;
}
