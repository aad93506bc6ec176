/**
 * The map's pure logic: measures, classes and colours, the join of /coverage rows to the authored
 * tile grid and centroids (data/), bubble sizes, and arrow-key moves between provinces.
 */
import { hasLevel } from '@mttq/core/rules';
import type { CoverageCounts, CoverageRow, SchemeId } from '@mttq/core';
import centroidsFile from '../../../../../data/province-centroids.json';
import tilesFile from '../../../../../data/province-tiles.json';
import { PROVINCE_LABELS } from './province-labels';

/** Both files are keyed by scheme first: province codes are reused across schemes (DESIGN.md §2). */
const TILES: Record<SchemeId, Record<string, { col: number; row: number }>> = tilesFile;
const CENTROIDS: Record<SchemeId, Record<string, { lat: number; lng: number }>> = centroidsFile;

/**
 * What colours the provinces: the share of a province's communes with a page (coverage), with an
 * active page, with a verified page — as /rankings' metrics of the same names — the share of its
 * districts with a page (legacy63 only), or the number of its communes still without a page
 * (withoutPage: total − covered, informative when every share is near 100%).
 */
export const MEASURES = ['coverage', 'districtCoverage', 'active', 'verified', 'withoutPage'] as const;
export type Measure = (typeof MEASURES)[number];
export const DEFAULT_MEASURE: Measure = 'coverage';

/** What a measure's figure is: a share 0…1, or a count of units. */
export type MeasureUnit = 'share' | 'count';

/** measureUnit('withoutPage') → 'count'; every other measure is a share. */
export function measureUnit(measure: Measure): MeasureUnit {
  return measure === 'withoutPage' ? 'count' : 'share';
}

/** The measures a scheme can show: measuresOf('reform34') has no districtCoverage. */
export function measuresOf(scheme: SchemeId): Measure[] {
  return MEASURES.filter((measure) => measure !== 'districtCoverage' || hasLevel(scheme, 'district'));
}

/**
 * The map modes: the provinces within their boundaries (the default), the equal-area tile grid
 * (CRS.Simple) and bubbles at the centroids over the boundaries.
 */
export const MAP_MODES = ['provinces', 'grid', 'bubbles'] as const;
export type MapMode = (typeof MAP_MODES)[number];
export const DEFAULT_MODE: MapMode = 'provinces';

/**
 * Lower bounds of the classes in whole percent, as on the presentation's tile map, so the same
 * province gets the same colour on every screen: 0–25, 25–50, 50–75, 75–90, 90–100.
 */
export const CLASS_BREAKS = [0, 25, 50, 75, 90] as const;

/**
 * ColorBrewer's sequential Blues (colour-blind safe), one per class, with the label colour that
 * keeps WCAG AA contrast on it (checked in map-data.test.ts).
 */
export const CLASS_COLORS = ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5', '#08306b'] as const;
export const DARK_TEXT = '#1b1f24';
export const LIGHT_TEXT = '#ffffff';
export const CLASS_TEXT = [DARK_TEXT, DARK_TEXT, DARK_TEXT, LIGHT_TEXT, LIGHT_TEXT] as const;

/** No data (nothing to divide by) is white with a hatch, never a class colour (DESIGN.md §5). */
export const NO_DATA_FILL = '#ffffff';
export const NO_DATA_PATTERN_ID = 'map-no-data-hatch';

/** The colour of a class: classColor(null) → the hatch pattern of "no data". */
export function classColor(index: number | null): string {
  return index === null ? `url(#${NO_DATA_PATTERN_ID})` : (CLASS_COLORS[index] ?? NO_DATA_FILL);
}

/** The label colour on a class: dark on the light classes, white on the dark ones. */
export function classTextColor(index: number | null): string {
  return index === null ? DARK_TEXT : (CLASS_TEXT[index] ?? DARK_TEXT);
}

/** A measure of one province: units that count / all units; share null when there are none. */
export interface MeasureValue {
  numerator: number;
  denominator: number;
  share: number | null;
}

/**
 * The counts a measure divides: measureValue(row.descendants, 'active') → communes with an active
 * page / communes; 'withoutPage' → communes without a page (total − covered) / communes.
 */
export function measureValue(descendants: CoverageRow['descendants'] | undefined, measure: Measure): MeasureValue | null {
  const counts: CoverageCounts | undefined = measure === 'districtCoverage' ? descendants?.district : descendants?.commune;
  if (!counts) return null;
  const numerator =
    measure === 'active' ? counts.active : measure === 'verified' ? counts.verified : measure === 'withoutPage' ? counts.total - counts.covered : counts.covered;
  return { numerator, denominator: counts.total, share: counts.total > 0 ? numerator / counts.total : null };
}

/**
 * The class of numerator / denominator, compared in integers so 1/4 is exactly in the 25–50% class:
 * classOf(1, 4) → 1, classOf(0, 9) → 0, classOf(9, 9) → 4, classOf(0, 0) → null (no data).
 */
export function classOf(numerator: number, denominator: number): number | null {
  return colorOf({ numerator, denominator, share: denominator > 0 ? numerator / denominator : null }, FIXED_CLASSES);
}

/**
 * One colour class: figures from `from` (inclusive) to `to` (exclusive; null: up to the largest),
 * in the measure's unit, drawn in CLASS_COLORS[color]. Share bounds are whole tenths of a percent.
 */
export interface MapClass {
  from: number;
  to: number | null;
  color: number;
}

/** The classes a map is coloured by, lowest first. */
export interface MapClasses {
  /**
   * fixed: CLASS_BREAKS, the same on every screen; adaptive: cut over the figures shown (map-classes.ts);
   * constant: every figure shown is the same, so one class.
   */
  kind: 'fixed' | 'adaptive' | 'constant';
  unit: MeasureUnit;
  classes: MapClass[];
  /** the smallest and the largest figure shown (share or count); null when none is */
  range: { min: number; max: number } | null;
}

/** The fixed share classes of CLASS_BREAKS, one colour each. */
export const FIXED_CLASSES: MapClasses = {
  kind: 'fixed',
  unit: 'share',
  classes: CLASS_BREAKS.map((from, i) => ({ from: from / 100, to: i + 1 < CLASS_BREAKS.length ? CLASS_BREAKS[i + 1]! / 100 : null, color: i })),
  range: null,
};

/** The figure a value is classed by: its share, or its count for a count measure. */
export function figureOf(value: MeasureValue, unit: MeasureUnit): number | null {
  return unit === 'count' ? (value.denominator > 0 ? value.numerator : null) : value.share;
}

/**
 * The colour (index into CLASS_COLORS) of a value in its classes: the last class it reaches; null
 * for no data. Shares are compared in integers (numerator × 1000 against tenths of a percent ×
 * denominator), so 1/4 is exactly in a class from 25%.
 */
export function colorOf(value: MeasureValue, classes: MapClasses): number | null {
  if (!(value.denominator > 0)) return null;
  let color: number | null = null;
  for (const c of classes.classes) {
    const reaches = classes.unit === 'count' ? value.numerator >= c.from : value.numerator * 1000 >= Math.round(c.from * 1000) * value.denominator;
    if (reaches || color === null) color = c.color;
  }
  return color;
}

/** One province as the maps, legend and table draw it. */
export interface MapProvince {
  code: string;
  /** The unit's name from /coverage; the code while the answer has no row for it. */
  name: string;
  /** Two to four letters for the tile, e.g. 'HN', 'HCM'. */
  label: string;
  tile: { col: number; row: number } | null;
  centroid: { lat: number; lng: number } | null;
  /** The row's descendants (per lower level: total / covered / active / verified), for the tooltip. */
  descendants: CoverageRow['descendants'];
  value: MeasureValue | null;
  /** What `value` is classed by: its share, or its count (withoutPage). */
  unit: MeasureUnit;
  /** The colour of its class, an index into CLASS_COLORS; null: no data. */
  classIndex: number | null;
  /** Communes of the province, for the bubble size. */
  communes: number;
}

/**
 * Joins the /coverage rows (province level) to the scheme's tiles and centroids by code, in code
 * order, coloured by `classes` (the fixed share classes unless given). A province of the layout
 * without a row is kept, with no data: "no data" is never shown as "not covered".
 * toMapProvinces('legacy63', rows, 'coverage')[0] → { code: '01', label: 'HN', … }
 */
export function toMapProvinces(
  scheme: SchemeId,
  rows: readonly Pick<CoverageRow, 'code' | 'name' | 'descendants'>[],
  measure: Measure,
  classes: MapClasses = FIXED_CLASSES,
): MapProvince[] {
  const tiles = TILES[scheme];
  const centroids = CENTROIDS[scheme];
  const labels = PROVINCE_LABELS[scheme];
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const codes = [...new Set([...Object.keys(tiles), ...byCode.keys()])].sort();
  return codes.map((code) => {
    const row = byCode.get(code);
    const value = measureValue(row?.descendants, measure);
    return {
      code,
      name: row?.name ?? code,
      label: labels[code] ?? code,
      tile: tiles[code] ?? null,
      centroid: centroids[code] ?? null,
      descendants: row?.descendants ?? {},
      value,
      unit: measureUnit(measure),
      classIndex: value ? colorOf(value, classes) : null,
      communes: row?.descendants.commune?.total ?? 0,
    };
  });
}

/** How many provinces fall in each colour (index into CLASS_COLORS), and how many have no data. */
export function countByClass(provinces: readonly Pick<MapProvince, 'classIndex'>[]): { classes: number[]; noData: number } {
  const classes = CLASS_BREAKS.map(() => 0);
  let noData = 0;
  for (const { classIndex } of provinces) {
    if (classIndex === null) noData += 1;
    else classes[classIndex] = (classes[classIndex] ?? 0) + 1;
  }
  return { classes, noData };
}

/**
 * The grid's tiles are wider than tall, so a province's short name fits on two lines; still
 * equal-area (every tile the same size). In tile heights.
 */
export const GRID_TILE_WIDTH = 2.4;
/** Margin around the grid, in tile heights, so the focus outline of an edge tile is not cut off. */
export const GRID_MARGIN = 0.15;

/**
 * The archipelagos' province in each scheme: Hoàng Sa belongs to Đà Nẵng, Trường Sa to Khánh Hòa
 * (the same codes in both schemes; checked against the boundary file in boundaries.test.ts).
 */
export const ARCHIPELAGO_PROVINCES = {
  'hoang-sa': { legacy63: '48', reform34: '48' },
  'truong-sa': { legacy63: '56', reform34: '56' },
} as const satisfies Record<string, Record<SchemeId, string>>;
export type ArchipelagoKey = keyof typeof ARCHIPELAGO_PROVINCES;

/**
 * Where the grid marks the archipelagos: in a column east of the grid, beside their province's
 * tile, two tiles tall. gridArchipelagos('legacy63')[0] → { id: 'hoang-sa', code: '48', col: 7, row: 10 }
 */
export function gridArchipelagos(scheme: SchemeId): Array<{ id: ArchipelagoKey; code: string; col: number; row: number }> {
  const { cols } = gridSize(scheme);
  return (Object.keys(ARCHIPELAGO_PROVINCES) as ArchipelagoKey[]).flatMap((id) => {
    const code = ARCHIPELAGO_PROVINCES[id][scheme];
    const tile = TILES[scheme][code];
    return tile ? [{ id, code, col: cols, row: tile.row }] : [];
  });
}

/** The grid frame's CSS aspect ratio with the archipelago column and the margins: gridAspect('reform34') → '14.7 / 16.3' */
export function gridAspect(scheme: SchemeId): string {
  const { cols, rows } = gridSize(scheme);
  const width = (cols + 1) * GRID_TILE_WIDTH + 2 * GRID_MARGIN;
  return `${Math.round(width * 100) / 100} / ${Math.round((rows + 2 * GRID_MARGIN) * 100) / 100}`;
}

/** The grid's size in tiles: gridSize('legacy63') → { cols: 7, rows: 20 }. */
export function gridSize(scheme: SchemeId): { cols: number; rows: number } {
  const cells = Object.values(TILES[scheme]);
  return { cols: Math.max(...cells.map((c) => c.col)) + 1, rows: Math.max(...cells.map((c) => c.row)) + 1 };
}

/** Every centroid of a scheme, for the bubble map's initial view. */
export function centroidsOf(scheme: SchemeId): Array<{ lat: number; lng: number }> {
  return Object.values(CENTROIDS[scheme]);
}

export const BUBBLE_MAX_RADIUS = 22;
export const BUBBLE_MIN_RADIUS = 4;

/**
 * A bubble's radius in pixels: its area is proportional to the province's communes, the largest
 * province getting BUBBLE_MAX_RADIUS; never below BUBBLE_MIN_RADIUS so it can be pointed at.
 * bubbleRadius(145, 580) → 11
 */
export function bubbleRadius(communes: number, maxCommunes: number): number {
  if (!(maxCommunes > 0) || !(communes > 0)) return BUBBLE_MIN_RADIUS;
  return Math.max(BUBBLE_MIN_RADIUS, BUBBLE_MAX_RADIUS * Math.sqrt(communes / maxCommunes));
}

/** Round commune counts for the bubble-size key, the three largest not above the maximum: (579) → [100, 200, 500]. */
export function bubbleKeySizes(maxCommunes: number): number[] {
  const sizes = [10, 25, 50, 100, 200, 500, 1000, 2000].filter((size) => size <= maxCommunes);
  return sizes.slice(-3);
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/** A province's position for keyboard moves: x grows eastwards, y southwards. */
export interface KeyPoint {
  code: string;
  x: number;
  y: number;
}

/**
 * The province an arrow key moves to: the nearest one in that direction, preferring those straight
 * ahead (sideways distance counts double); null at the edge.
 * nextInDirection(points, '01', 'right') → the tile right of Hà Nội
 */
export function nextInDirection(points: readonly KeyPoint[], from: string, direction: Direction): string | null {
  const origin = points.find((p) => p.code === from);
  if (!origin) return points[0]?.code ?? null;
  let best: { code: string; score: number } | null = null;
  for (const p of points) {
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const ahead = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const aside = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 1e-9) continue;
    const score = ahead + 2 * aside;
    if (!best || score < best.score || (score === best.score && p.code < best.code)) best = { code: p.code, score };
  }
  return best?.code ?? null;
}

/** Reading order (north to south, then west to east): where Tab enters the map, and Home / End. */
export function inReadingOrder(points: readonly KeyPoint[]): KeyPoint[] {
  return [...points].sort((a, b) => a.y - b.y || a.x - b.x || (a.code < b.code ? -1 : 1));
}
