/**
 * What a stored plan keeps of its upload (inside the gzipped plan, plan-codec.ts): the sheet
 * read, as text, and each row's result, to write the plan back as the user's own file
 * (plan-file.ts); and the column mapping it was made with, to remember it when it is committed
 * (column-mappings.ts).
 */
import type { ImportColumnMapping, ImportFormat, ImportSkippedRow } from '@mttq/core';
import type { ImportPlan, RowOutcome } from './plan';
import type { ImportTable, Separator } from './parse-table';

/** The shape of PlanUpload's results; a plan stored by an earlier version (a day old at most) has other ones. */
const UPLOAD_VERSION = 2;

export interface PlanUpload {
  version?: typeof UPLOAD_VERSION;
  format: ImportFormat;
  separator: Separator | null;
  /** XLSX: the sheet read. */
  sheet: string | null;
  headerRow: number;
  /** The result column of a plan file uploaded again: dropped when the file is written anew. */
  resultIndex: number | null;
  /** Every row of the sheet as text, in file order. */
  rows: Array<{ row: number; cells: string[] }>;
  /** Every row's outcome with its messages (rendered in the language each reader asks for). */
  results: RowOutcome[];
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
export function keepUpload(table: ImportTable, results: RowOutcome[]): PlanUpload {
  return {
    version: UPLOAD_VERSION,
    format: table.format,
    separator: table.separator,
    sheet: table.sheet,
    headerRow: table.headerRow,
    resultIndex: table.resultIndex,
    rows: table.sheetRows,
    results,
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

/** Every row's outcome as kept with the plan; null for a plan stored by an earlier version (run the dry run again). */
export function rowResultsOf(upload: PlanUpload): RowOutcome[] | null {
  return upload.version === UPLOAD_VERSION ? upload.results : null;
}
