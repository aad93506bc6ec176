/** Reading a dry run's answer: which rows to show, and what it says in a line. */
import type { ImportDryRunResponse, ImportRowResult } from '@mttq/core';

export const ROW_FILTERS = ['all', 'changes', 'error'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** Beyond this many rows the table opens on the rows that change something. */
export const MANY_ROWS = 200;

/** all: every row; changes: rows that write something or have an error; error: rows with errors. */
export function filterImportRows(rows: readonly ImportRowResult[], filter: RowFilter): ImportRowResult[] {
  if (filter === 'error') return rows.filter((r) => r.outcome === 'error');
  if (filter === 'changes') return rows.filter((r) => r.outcome !== 'unchanged');
  return [...rows];
}

/**
 * The filter a dry run opens with: errors first when there are any, else the changes of a big
 * file (a re-uploaded template has hundreds of unchanged rows), else everything.
 */
export function defaultRowFilter(response: Pick<ImportDryRunResponse, 'totals'>): RowFilter {
  if (response.totals.error > 0) return 'error';
  return response.totals.rows > MANY_ROWS ? 'changes' : 'all';
}

/** Row numbers (as the spreadsheet shows them) that have errors: [3, 7] */
export function errorRowNumbers(rows: readonly ImportRowResult[]): number[] {
  return rows.filter((r) => r.errors.length > 0).map((r) => r.row);
}

/** Does committing the plan write anything? */
export function hasChanges(response: Pick<ImportDryRunResponse, 'totals'>): boolean {
  const { create, update, metrics } = response.totals;
  return create + update + metrics > 0;
}
