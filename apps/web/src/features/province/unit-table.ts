/**
 * The province screen's unit table as pure functions: its URL state (sort, status, q under the
 * same names the API uses elsewhere), the rows built from a /coverage answer, and the filter and
 * sort applied to them. The component only draws what these return.
 */
import type { CoverageCounts, CoverageResponse } from '@mttq/core';
import { foldDiacritics } from '@mttq/core/rules';

/** A unit's status at asOf, from weakest to strongest; what the status filter offers. */
export const UNIT_STATUS_FILTERS = ['uncovered', 'covered', 'active', 'verified'] as const;
export type UnitStatusFilter = (typeof UNIT_STATUS_FILTERS)[number];

/** Columns the table can be sorted by; which of them a table shows depends on its level. */
export const UNIT_SORT_KEYS = ['name', 'district', 'status', 'pages', 'share'] as const;
export type UnitSortKey = (typeof UNIT_SORT_KEYS)[number];

export interface UnitSort {
  key: UnitSortKey;
  isDescending: boolean;
}

/** The table's view state; null sort: the API's order (by code). */
export interface UnitTableState {
  sort: UnitSort | null;
  status: UnitStatusFilter | null;
  /** the name filter as typed */
  q: string;
}

export const DEFAULT_UNIT_TABLE: UnitTableState = { sort: null, status: null, q: '' };

/** The URL keys this module owns; everything else in the URL is left as it is. */
const KEYS = { sort: 'sort', status: 'status', q: 'q' } as const;
const MAX_Q = 100;

/**
 * URL → table state; bad values fall back to the defaults.
 * parseUnitTableState('?sort=-pages&status=verified&q=ba%20dinh') → { sort: { key: 'pages', isDescending: true }, status: 'verified', q: 'ba dinh' }
 */
export function parseUnitTableState(input: string | URLSearchParams): UnitTableState {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const rawSort = params.get(KEYS.sort) ?? '';
  const isDescending = rawSort.startsWith('-');
  const key = isDescending ? rawSort.slice(1) : rawSort;
  const sort = (UNIT_SORT_KEYS as readonly string[]).includes(key) ? { key: key as UnitSortKey, isDescending } : null;
  const rawStatus = params.get(KEYS.status);
  const status = (UNIT_STATUS_FILTERS as readonly string[]).includes(rawStatus ?? '') ? (rawStatus as UnitStatusFilter) : null;
  const q = (params.get(KEYS.q) ?? '').slice(0, MAX_Q);
  return { sort, status, q };
}

/**
 * Table state → URL: a copy of `params` with this module's keys set, or removed at their default.
 * Other keys (scheme, asOf, level) stay as they are.
 */
export function serializeUnitTableState(state: UnitTableState, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  if (state.sort) next.set(KEYS.sort, `${state.sort.isDescending ? '-' : ''}${state.sort.key}`);
  else next.delete(KEYS.sort);
  if (state.status) next.set(KEYS.status, state.status);
  else next.delete(KEYS.status);
  if (state.q.trim()) next.set(KEYS.q, state.q);
  else next.delete(KEYS.q);
  return next;
}

/**
 * A column header click: a new column sorts ascending, the sorted one flips direction.
 * nextSort({ key: 'name', isDescending: false }, 'name') → { key: 'name', isDescending: true }
 */
export function nextSort(current: UnitSort | null, key: UnitSortKey): UnitSort {
  if (current?.key === key) return { key, isDescending: !current.isDescending };
  return { key, isDescending: false };
}


/** One unit of the table: its own status and, for a district, its communes' counts. */
export interface UnitTableRow {
  code: string;
  name: string;
  /** the commune's district (legacy63 commune level); null otherwise or while unknown */
  districtName: string | null;
  isCovered: boolean;
  isActive: boolean;
  isVerified: boolean;
  /** live pages of the Front committee at asOf */
  pages: number;
  /** the district's communes; null for a commune */
  communes: CoverageCounts | null;
  /** communes covered / communes; null for a commune or a district without communes */
  share: number | null;
}

/**
 * The /coverage answer's rows as table rows, in the API's order (by code). `districtNames` maps a
 * commune code to its district's name when the table shows communes of a legacy63 province.
 */
export function toUnitTableRows(coverage: Pick<CoverageResponse, 'rows'>, districtNames?: ReadonlyMap<string, string>): UnitTableRow[] {
  return coverage.rows.map((row) => {
    const communes = row.descendants.commune ?? null;
    return {
      code: row.code,
      name: row.name,
      districtName: districtNames?.get(row.code) ?? null,
      isCovered: row.covered,
      isActive: row.active,
      isVerified: row.verified,
      pages: row.pages,
      communes,
      share: communes && communes.total > 0 ? communes.covered / communes.total : null,
    };
  });
}

/** 0 no page, 1 a page, +1 active, +1 verified: the order of the status column. */
export function statusRank(row: Pick<UnitTableRow, 'isCovered' | 'isActive' | 'isVerified'>): number {
  if (!row.isCovered) return 0;
  return 1 + (row.isActive ? 1 : 0) + (row.isVerified ? 1 : 0);
}

/** Does the row pass the status filter? 'covered' is any page; 'active' and 'verified' need that flag. */
export function matchesStatus(row: Pick<UnitTableRow, 'isCovered' | 'isActive' | 'isVerified'>, status: UnitStatusFilter | null): boolean {
  switch (status) {
    case null:
      return true;
    case 'uncovered':
      return !row.isCovered;
    case 'covered':
      return row.isCovered;
    case 'active':
      return row.isActive;
    case 'verified':
      return row.isVerified;
  }
}

type Compare = (a: string, b: string) => number;

/** Nulls last in either direction; ties by code so the order is stable across renders. */
function compareRows(key: UnitSortKey, compareText: Compare): (a: UnitTableRow, b: UnitTableRow) => number {
  switch (key) {
    case 'name':
      return (a, b) => compareText(a.name, b.name);
    case 'district':
      return (a, b) => compareText(a.districtName ?? '', b.districtName ?? '') || compareText(a.name, b.name);
    case 'status':
      return (a, b) => statusRank(a) - statusRank(b);
    case 'pages':
      return (a, b) => a.pages - b.pages;
    case 'share':
      return (a, b) => (a.share ?? -1) - (b.share ?? -1);
  }
}

/**
 * The rows to show: filtered by status and by name (diacritics and case ignored), then sorted.
 * A sort on a column the table does not show (`columns`) is ignored. `compareText` should be
 * viCollator.compare so Đ sorts after D.
 */
export function applyUnitTable(rows: readonly UnitTableRow[], state: UnitTableState, columns: readonly UnitSortKey[], compareText: Compare): UnitTableRow[] {
  const needle = foldDiacritics(state.q);
  const shown = rows.filter((row) => matchesStatus(row, state.status) && (needle === '' || foldDiacritics(row.name).includes(needle)));
  const sort = state.sort && columns.includes(state.sort.key) ? state.sort : null;
  if (!sort) return shown;
  const compare = compareRows(sort.key, compareText);
  const direction = sort.isDescending ? -1 : 1;
  const byCode = (a: UnitTableRow, b: UnitTableRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return shown.sort((a, b) => direction * compare(a, b) || byCode(a, b));
}

/**
 * A share 0…1 as a percent with one decimal, the number the downloads carry: sharePercent(0.97064) → 97.1,
 * sharePercent(null) → null.
 */
export function sharePercent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** Headings of the downloaded unit table, in the reader's language. */
export interface UnitExportHeadings {
  code: string;
  name: string;
  district: string;
  status: string;
  pages: string;
  communesCovered: string;
  communesTotal: string;
  sharePercent: string;
}

/**
 * The unit table as a download: every row given (the filtered and sorted ones, not just those in
 * view), raw values — counts as numbers, the share as a percent number — with the code first.
 * The district column only when the table shows it; the commune counts only at district level.
 */
export function toUnitExportTable(
  rows: readonly UnitTableRow[],
  options: { level: 'district' | 'commune'; hasDistrictColumn: boolean },
  headings: UnitExportHeadings,
  statusText: (row: UnitTableRow) => string,
): { columns: string[]; rows: Array<Array<string | number | null>> } {
  const isDistrict = options.level === 'district';
  const columns = [
    headings.code,
    headings.name,
    ...(options.hasDistrictColumn ? [headings.district] : []),
    headings.status,
    headings.pages,
    ...(isDistrict ? [headings.communesCovered, headings.communesTotal, headings.sharePercent] : []),
  ];
  return {
    columns,
    rows: rows.map((row) => [
      row.code,
      row.name,
      ...(options.hasDistrictColumn ? [row.districtName] : []),
      statusText(row),
      row.pages,
      ...(isDistrict ? [row.communes?.covered ?? null, row.communes?.total ?? null, sharePercent(row.share)] : []),
    ]),
  };
}
