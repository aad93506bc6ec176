/**
 * The province screen's unit squares as pure functions: each commune (and, in legacy63, each
 * district) as one square with its status, grouped by district and ordered by name.
 */
import type { CoverageRow, SchemeId } from '@mttq/core';
import { fill } from '../../i18n/messages';

/** A square's status, strongest last: a verified page outranks an active one, which outranks any page. */
export const SQUARE_STATUSES = ['none', 'covered', 'active', 'verified'] as const;
export type SquareStatus = (typeof SQUARE_STATUSES)[number];

/** squareStatus({ covered: true, active: true, verified: false }) → 'active' */
export function squareStatus(unit: Pick<CoverageRow, 'covered' | 'active' | 'verified'>): SquareStatus {
  if (!unit.covered) return 'none';
  if (unit.verified) return 'verified';
  return unit.active ? 'active' : 'covered';
}

export interface UnitSquare {
  code: string;
  name: string;
  level: 'district' | 'commune';
  status: SquareStatus;
  covered: boolean;
  active: boolean;
  verified: boolean;
  /** live pages of the unit itself */
  pages: number;
  /** the district's name (legacy63 communes), for the details */
  districtName: string | null;
}

export interface SquareGroup {
  key: string;
  /** the district's name; null: the province's communes without districts (reform34) */
  title: string | null;
  /** the district's own square (legacy63) */
  district: UnitSquare | null;
  communes: UnitSquare[];
}

/** A unit's name without its kind, for ordering: 'Huyện Ba Vì' → 'Ba Vì', 'Phường Cẩm Thành' → 'Cẩm Thành'. */
export function bareName(name: string): string {
  return name.replace(/^(Quận|Huyện|Thị xã|Thành phố|Xã|Phường|Thị trấn|Đặc khu)\s+/u, '');
}

const toSquare = (row: Pick<CoverageRow, 'code' | 'name' | 'covered' | 'active' | 'verified' | 'pages'>, level: UnitSquare['level'], districtName: string | null): UnitSquare => ({
  code: row.code,
  name: row.name,
  level,
  status: squareStatus(row),
  covered: row.covered,
  active: row.active,
  verified: row.verified,
  pages: row.pages,
  districtName,
});

type Row = Pick<CoverageRow, 'code' | 'name' | 'covered' | 'active' | 'verified' | 'pages'>;

/**
 * The squares in order: reform34, one group of communes by name; legacy63, one group per district
 * (by name, its own square first), its communes by name, and last any commune whose district is
 * not known yet. `districtOf` maps a commune's code to its district's name.
 */
export function toSquareGroups(
  scheme: SchemeId,
  communes: readonly Row[],
  districts: readonly Row[] | null,
  districtOf: ReadonlyMap<string, string> | undefined,
  compare: (a: string, b: string) => number,
): SquareGroup[] {
  const byName = (a: { name: string; code: string }, b: { name: string; code: string }) => compare(bareName(a.name), bareName(b.name)) || compare(a.name, b.name) || (a.code < b.code ? -1 : 1);
  if (scheme === 'reform34' || !districts) {
    return [{ key: 'all', title: null, district: null, communes: [...communes].sort(byName).map((row) => toSquare(row, 'commune', null)) }];
  }
  const groups = [...districts].sort(byName).map((row): SquareGroup => ({ key: row.code, title: row.name, district: toSquare(row, 'district', null), communes: [] }));
  const byDistrictName = new Map(groups.map((group) => [group.title, group]));
  const unplaced: UnitSquare[] = [];
  for (const row of [...communes].sort(byName)) {
    const districtName = districtOf?.get(row.code) ?? null;
    const group = districtName === null ? undefined : byDistrictName.get(districtName);
    if (group) group.communes.push(toSquare(row, 'commune', districtName));
    else unplaced.push(toSquare(row, 'commune', districtName));
  }
  if (unplaced.length > 0) groups.push({ key: 'unplaced', title: null, district: null, communes: unplaced });
  return groups;
}

/** How many squares of each level have each status. */
export function countStatuses(groups: readonly SquareGroup[]): Record<SquareStatus, number> {
  const counts: Record<SquareStatus, number> = { none: 0, covered: 0, active: 0, verified: 0 };
  for (const group of groups) for (const square of [...(group.district ? [group.district] : []), ...group.communes]) counts[square.status] += 1;
  return counts;
}

/** Every square in reading order, as drawn. */
export function squaresInOrder(groups: readonly SquareGroup[]): UnitSquare[] {
  return groups.flatMap((group) => [...(group.district ? [group.district] : []), ...group.communes]);
}

/**
 * The square an arrow key moves to in a wrapped grid: left / right the previous / next in order;
 * up / down the one in the row above / below whose centre is nearest (positions as drawn), or null.
 */
export function nextSquare(positions: ReadonlyArray<{ code: string; x: number; y: number }>, from: string, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End'): string | null {
  const index = positions.findIndex((p) => p.code === from);
  if (index < 0) return positions[0]?.code ?? null;
  if (key === 'Home') return positions[0]?.code ?? null;
  if (key === 'End') return positions.at(-1)?.code ?? null;
  if (key === 'ArrowLeft') return positions[index - 1]?.code ?? null;
  if (key === 'ArrowRight') return positions[index + 1]?.code ?? null;
  const here = positions[index]!;
  const rows = [...new Set(positions.map((p) => p.y))].sort((a, b) => a - b);
  const row = rows.indexOf(here.y);
  const target = rows[key === 'ArrowDown' ? row + 1 : row - 1];
  if (target === undefined) return null;
  let best: { code: string; distance: number } | null = null;
  for (const p of positions) {
    if (p.y !== target) continue;
    const distance = Math.abs(p.x - here.x);
    if (!best || distance < best.distance) best = { code: p.code, distance };
  }
  return best?.code ?? null;
}

/** The words a square says (its accessible name and its details line): 'Xã A (Huyện B): có trang, hoạt động, chưa xác minh; 1 trang' */
export function squareText(
  square: Pick<UnitSquare, 'name' | 'districtName' | 'covered' | 'active' | 'verified' | 'pages'>,
  m: Record<'squareLabel' | 'inDistrict' | 'flags' | 'flagCovered' | 'flagNotCovered' | 'flagActive' | 'flagNotActive' | 'flagVerified' | 'flagNotVerified' | 'pages', string>,
  formatCount: (n: number) => string,
): string {
  return fill(m.squareLabel, {
    name: square.name,
    district: square.districtName ? fill(m.inDistrict, { district: square.districtName }) : '',
    flags: fill(m.flags, {
      covered: square.covered ? m.flagCovered : m.flagNotCovered,
      active: square.active ? m.flagActive : m.flagNotActive,
      verified: square.verified ? m.flagVerified : m.flagNotVerified,
    }),
    pages: fill(m.pages, { count: formatCount(square.pages) }),
  });
}
