/** The "my units" table: which units to show for a status filter and a name search. */
import type { CoverageRow } from '@mttq/core';

export const UNIT_STATUS_FILTERS = ['all', 'uncovered', 'covered', 'unverified', 'inactive'] as const;
export type UnitStatusFilter = (typeof UNIT_STATUS_FILTERS)[number];

/** 'uncovered' → 'uncovered'; anything unknown → 'all' */
export function parseUnitStatusFilter(value: string | null): UnitStatusFilter {
  return UNIT_STATUS_FILTERS.includes(value as UnitStatusFilter) ? (value as UnitStatusFilter) : 'all';
}

/**
 * A name folded for searching: no tone marks, đ → d, lower case, single spaces.
 * foldName('Phường  Phúc Xá') → 'phuong phuc xa'
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
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
  const needle = foldName(q);
  return rows.filter((row) => MATCHES[status](row) && (needle === '' || foldName(row.name).includes(needle) || row.code.startsWith(needle)));
}
