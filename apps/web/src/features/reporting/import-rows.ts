/** Reading a dry run's answer: which rows to show, what it says in a line, and the mapping step's choices. */
import { IMPORT_IGNORE, isRowInFilter, type ImportColumnKey, type ImportDryRunResponse, type ImportHeader, type ImportRowFilter, type ImportRowResult } from '@mttq/core';

/** Beyond this many rows the table opens on the rows that change something. */
export const MANY_ROWS = 200;

/** all: every row; changes: rows that write something or have an error; error: rows with errors. */
export function filterImportRows(rows: readonly ImportRowResult[], filter: ImportRowFilter): ImportRowResult[] {
  return rows.filter((r) => isRowInFilter(r.outcome, filter));
}

/** Did the dry run answer every row (a small file), or must the others be read page by page? */
export const hasEveryRow = (response: Pick<ImportDryRunResponse, 'rows' | 'totals'>) => response.rows.length >= response.totals.rows;

/**
 * The filter a dry run opens with: errors first when there are any, else the changes of a big
 * file (a re-uploaded template has hundreds of unchanged rows), else everything.
 */
export function defaultRowFilter(response: Pick<ImportDryRunResponse, 'totals'>): ImportRowFilter {
  if (response.totals.error > 0) return 'error';
  return response.totals.rows > MANY_ROWS ? 'changes' : 'all';
}

/** Does committing the plan write anything? */
export function hasChanges(response: Pick<ImportDryRunResponse, 'totals'>): boolean {
  const { create, update, metrics } = response.totals;
  return create + update + metrics > 0;
}

/** What the user says a column holds in the mapping step. */
export type ColumnChoice = ImportColumnKey | typeof IMPORT_IGNORE;

/** The mapping step's starting choices: each column as it was read, unread ones left out. */
export function initialChoices(headers: readonly ImportHeader[]): Record<number, ColumnChoice> {
  const choices: Record<number, ColumnChoice> = {};
  for (const h of headers) if (h.reading !== 'result') choices[h.index] = h.key ?? IMPORT_IGNORE;
  return choices;
}

/** Import columns chosen for more than one column: repeatedChoices({ 0: 'url', 2: 'url', 3: 'ignore' }) → ['url'] */
export function repeatedChoices(choices: Readonly<Record<number, ColumnChoice>>): ImportColumnKey[] {
  const seen = new Set<ColumnChoice>();
  const repeated = new Set<ImportColumnKey>();
  for (const choice of Object.values(choices)) {
    if (choice !== IMPORT_IGNORE && seen.has(choice)) repeated.add(choice);
    seen.add(choice);
  }
  return [...repeated];
}

/** Two columns of one meaning that no mapping has settled: the plan cannot be committed until the mapping step settles them. */
export const hasAmbiguousColumns = (response: Pick<ImportDryRunResponse, 'file'>) => response.file.headers.some((h) => h.reading === 'ambiguous');
