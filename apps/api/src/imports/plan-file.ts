/**
 * A dry run's plan as the user's own file (GET /imports/{planId}/file): the sheet they uploaded,
 * same format, title rows, columns and order, with one result column at the right saying per
 * row what the commit would do or what is wrong ("Lỗi: …", "Sẽ thêm", "Không đổi", "Bỏ qua: …").
 * Officers fix the rows in Excel and upload the file again: the result column is then ignored
 * (parse-table.ts). Every cell written is neutralised against formulas.
 */
import { neutraliseCell } from '@mttq/core/rules';
import { msg, render, type Lang } from '../messages';
import type { RowOutcome } from './plan';
import type { PlanUpload } from './plan-upload';
import { toXlsx, type Sheet } from './spreadsheet';

/** The result cell of a data row, in `lang`. */
function resultText(result: RowOutcome, lang: Lang): string {
  switch (result.outcome) {
    case 'error': {
      const errors = result.errors.map((e) => render(msg('import_route_result_error_item', { column: e.column, message: e.message }), lang));
      // Each message is a sentence: its full stop gives way to the semicolon between them ("…thêm tỉnh, thành; Lượt…", not ".;").
      const joined = errors.map((text, i) => (i < errors.length - 1 ? text.replace(/\.$/u, '') : text)).join('; ');
      return render(msg('import_route_result_error', { errors: joined }), lang);
    }
    case 'create':
      return render(msg('import_route_result_create'), lang);
    case 'update':
      return render(msg('import_route_result_update', { changes: result.changes.map((c) => render(c, lang)).join('; ') }), lang);
    case 'metrics':
      return render(msg('import_route_result_metrics'), lang);
    case 'unchanged':
      return render(msg('import_route_result_unchanged'), lang);
  }
}

const SKIPPED_KEYS = {
  totals: 'import_route_result_skipped_totals',
  signature: 'import_route_result_skipped_signature',
  header: 'import_route_result_skipped_header',
} as const;

/** Every row of the sheet, 1 to the last, gaps (blank rows an XLSX does not store) as empty rows; the old result column dropped. */
function sheetRows(upload: PlanUpload): string[][] {
  const last = upload.rows.at(-1)?.row ?? 0;
  const rows: string[][] = Array.from({ length: last }, () => []);
  for (const { row, cells } of upload.rows) rows[row - 1] = upload.resultIndex === null ? cells : cells.filter((_, i) => i !== upload.resultIndex);
  return rows;
}

/** The plan's sheet with the result column: rows as written, the result at column `width`. */
function withResults(upload: PlanUpload, outcomes: readonly RowOutcome[], lang: Lang): { rows: string[][]; width: number } {
  const rows = sheetRows(upload);
  const header = rows[upload.headerRow - 1] ?? [];
  let width = header.length;
  while (width > 0 && header[width - 1] === '') width -= 1;
  const results = new Map<number, string>();
  for (const result of outcomes) results.set(result.row, resultText(result, lang));
  for (const skipped of upload.skipped) results.set(skipped.row, render(msg(SKIPPED_KEYS[skipped.reason], { text: skipped.text }), lang));
  results.set(upload.headerRow, render(msg('import_route_result_header'), lang));
  return {
    width,
    rows: rows.map((cells, i) => {
      const result = results.get(i + 1);
      if (result === undefined) return cells;
      return [...Array.from({ length: width }, (_, column) => cells[column] ?? ''), result, ...cells.slice(width)];
    }),
  };
}

const csvField = (cell: string, separator: string) => {
  const text = neutraliseCell(cell);
  return text.includes(separator) || /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
};

/** The plan file's bytes: CSV (UTF-8 with BOM, the upload's separator, CRLF) or XLSX, as the upload was. */
export async function buildPlanFile(upload: PlanUpload, outcomes: readonly RowOutcome[], lang: Lang): Promise<Uint8Array> {
  const { rows, width } = withResults(upload, outcomes, lang);
  if (upload.format === 'csv') {
    const separator = upload.separator ?? ',';
    const lines = rows.map((cells) => cells.map((cell) => csvField(cell, separator)).join(separator));
    return new Uint8Array(Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'));
  }
  const header = rows[upload.headerRow - 1] ?? [];
  const sheet: Sheet = {
    name: upload.sheet ?? 'Sheet1',
    // Title rows above the header: a line each, their first written cell (a merged title repeats it).
    title: rows.slice(0, upload.headerRow - 1).map((cells) => cells.find((cell) => cell !== '') ?? ''),
    columns: header.map((text, column) => ({ header: text, width: column === width ? 60 : undefined })),
    rows: rows.slice(upload.headerRow),
  };
  return toXlsx(sheet);
}
