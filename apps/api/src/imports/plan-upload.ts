/**
 * What a stored plan keeps of its upload (inside the gzipped plan, plan-codec.ts): the sheet
 * read, as text, and each row's result, to write the plan back as the user's own file
 * (plan-file.ts); and the column mapping it was made with, to remember it when it is committed
 * (column-mappings.ts).
 */
import type { ImportColumnMapping, ImportDryRunResponse, ImportFormat, ImportOutcome, ImportSkippedRow } from '@mttq/core';
import type { MessageParams } from '../messages';
import type { ImportPlan } from './plan';
import type { ImportTable, Separator } from './parse-table';

interface StoredMessage {
  key: string;
  params: MessageParams;
}

export interface RowResultRecord {
  row: number;
  outcome: ImportOutcome;
  errors: Array<{ column: string } & StoredMessage>;
  changes: StoredMessage[];
}

export interface PlanUpload {
  format: ImportFormat;
  separator: Separator | null;
  /** XLSX: the sheet read. */
  sheet: string | null;
  headerRow: number;
  /** The result column of a plan file uploaded again: dropped when the file is written anew. */
  resultIndex: number | null;
  /** Every row of the sheet as text, in file order. */
  rows: Array<{ row: number; cells: string[] }>;
  results: RowResultRecord[];
  skipped: ImportSkippedRow[];
  /** Headers of columns that name the same import column, unsettled by a mapping: the plan cannot be committed. */
  ambiguous: string[];
  /** Required columns the file lacks (it went to the mapping step instead of being refused): the plan cannot be committed. */
  missing: Array<'url' | 'unit'>;
  /** The mapping the plan was made with, and the headers it is for; null when read by meaning only. */
  mapping: { signature: string; applied: ImportColumnMapping } | null;
}

/** A plan with its upload, as stored. */
export type PlanWithUpload = ImportPlan & { upload: PlanUpload };

/** What to keep of an upload and its dry run. */
export function keepUpload(table: ImportTable, response: Pick<ImportDryRunResponse, 'rows'>): PlanUpload {
  return {
    format: table.format,
    separator: table.separator,
    sheet: table.sheet,
    headerRow: table.headerRow,
    resultIndex: table.resultIndex,
    rows: table.sheetRows,
    results: response.rows.map((r) => ({
      row: r.row,
      outcome: r.outcome,
      errors: r.errors.map((e) => ({ column: e.column, key: e.key, params: e.params })),
      changes: r.changeMessages,
    })),
    skipped: table.skipped,
    ambiguous: table.headers.filter((h) => h.reading === 'ambiguous').map((h) => h.header),
    missing: table.mapping.missing,
    mapping: table.mapping.applied ? { signature: table.mapping.signature, applied: table.mapping.applied } : null,
  };
}

/** The upload kept with a plan, if the plan was stored with one. */
export function uploadOf(plan: ImportPlan): PlanUpload | null {
  return (plan as Partial<PlanWithUpload>).upload ?? null;
}
