/** The "my units" table: which units to show for a status filter and a name search. */
import type { CoverageRow } from '@mttq/core';
import { foldDiacritics } from '@mttq/core/rules';

export const UNIT_STATUS_FILTERS = ['all', 'uncovered', 'covered', 'unverified', 'inactive'] as const;
export type UnitStatusFilter = (typeof UNIT_STATUS_FILTERS)[number];

/** 'uncovered' → 'uncovered'; anything unknown → 'all' */
export function parseUnitStatusFilter(value: string | null): UnitStatusFilter {
  return UNIT_STATUS_FILTERS.includes(value as UnitStatusFilter) ? (value as UnitStatusFilter) : 'all';
}


const MATCHES: Record<UnitStatusFilter, (row: CoverageRow) => boolean> = {
  all: () => true,
  uncovered: (row) => !row.covered,
  covered: (row) => row.covered,
  unverified: (row) => row.covered && !row.verified,
  inactive: (row) => row.covered && !row.active,
};

/**
 * The rows of a status, whose name or code contains the search (tone marks ignored), in the
 * API's order (by code). filterUnitRows(rows, 'uncovered', 'xuan giang') → [Xã Xuân Giang]
 */
export function filterUnitRows(rows: readonly CoverageRow[], status: UnitStatusFilter, q: string): CoverageRow[] {
  const needle = foldDiacritics(q);
  return rows.filter((row) => MATCHES[status](row) && (needle === '' || foldDiacritics(row.name).includes(needle) || row.code.startsWith(needle)));
}
