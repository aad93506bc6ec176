/**
 * The province maps' geometry, pure so it is tested: the Mercator projection of the national
 * frame (the mainland with the Hoàng Sa and Trường Sa archipelagos where they are), SVG path data
 * of the provinces, and a coarse raster saying which province covers each cell, for placing
 * labels. Positions are [lng, lat]; pixels are [x, y] from the top left.
 */
import type { SchemeId } from '@mttq/core';

export type LngLat = readonly [number, number];
export type Point = readonly [number, number];
/** Rings of positions: the outer ring first, then holes. */
export type PolygonRings = ReadonlyArray<ReadonlyArray<LngLat>>;

export const ARCHIPELAGO_IDS = ['hoang-sa', 'truong-sa'] as const;
export type ArchipelagoId = (typeof ARCHIPELAGO_IDS)[number];

export interface ProvinceShape {
  code: string;
  polygons: readonly PolygonRings[];
  /** Where its name goes: the point deepest inside its largest polygon. */
  label: LngLat;
}

export interface ArchipelagoShape {
  id: ArchipelagoId;
  /** The province it belongs to, in each scheme: Hoàng Sa → Đà Nẵng (48), Trường Sa → Khánh Hòa (56). */
  province: Readonly<Record<SchemeId, string>>;
  polygons: readonly PolygonRings[];
  label: LngLat;
}

export interface BoundaryShapes {
  scheme: SchemeId;
  provinces: readonly ProvinceShape[];
  archipelagos: readonly ArchipelagoShape[];
}

/** The national frame, in degrees: Lai Châu in the north-west to Trường Sa in the south-east. */
export const NATIONAL_EXTENT = { west: 102.05, east: 117.1, south: 6.75, north: 23.45 } as const;

const RAD = Math.PI / 180;
/** Mercator's y of a latitude, in degrees of longitude at the equator. */
export const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / RAD;

/** Width / height of the national frame as drawn: nationalAspect() ≈ 0.87. */
export function nationalAspect(extent = NATIONAL_EXTENT): number {
  return (extent.east - extent.west) / (mercatorY(extent.north) - mercatorY(extent.south));
}

export interface Projection {
  project: (position: LngLat) => Point;
  /** Pixels per degree of longitude. */
  scale: number;
}

/**
 * Fits the extent into width × height less `padding` on every side, centred:
 * fitProjection(NATIONAL_EXTENT, 870, 1000, 0).project([102.05, 23.45]) → [≈0, 0]
 */
export function fitProjection(width: number, height: number, padding = 0, extent = NATIONAL_EXTENT): Projection {
  const spanX = extent.east - extent.west;
  const top = mercatorY(extent.north);
  const spanY = top - mercatorY(extent.south);
  const scale = Math.max(1e-9, Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY));
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    scale,
    project: ([lng, lat]) => [offsetX + (lng - extent.west) * scale, offsetY + (top - mercatorY(lat)) * scale],
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** SVG path data of polygons, pixels to 0.1: 'M10,20L30,20L20,35Z…'; rings that project to one pixel are kept (islands). */
export function polygonsPath(polygons: readonly PolygonRings[], project: Projection['project']): string {
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let previous = '';
      let count = 0;
      ring.forEach((position, i) => {
        if (i === ring.length - 1 && ring.length > 1) return; // closed by Z
        const [x, y] = project(position);
        const xy = `${round1(x)},${round1(y)}`;
        if (xy === previous) return;
        d += `${count === 0 ? 'M' : 'L'}${xy}`;
        previous = xy;
        count += 1;
      });
      if (count > 0) d += 'Z';
    }
  }
  return d;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The pixel box of polygons' outer rings. */
export function polygonsBox(polygons: readonly PolygonRings[], project: Projection['project']): Box {
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const polygon of polygons) {
    for (const position of polygon[0] ?? []) {
      const [x, y] = project(position);
      box.left = Math.min(box.left, x);
      box.top = Math.min(box.top, y);
      box.right = Math.max(box.right, x);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return box;
}

export interface DrawnProvince {
  code: string;
  d: string;
  /** Its label point in pixels. */
  anchor: Point;
  box: Box;
}

export interface DrawnArchipelago {
  id: ArchipelagoId;
  province: Readonly<Record<SchemeId, string>>;
  d: string;
  box: Box;
}

/** Which province covers each cell of a coarse grid over the drawing: the labels' map of the land. */
export interface LandRaster {
  cell: number;
  cols: number;
  rows: number;
  /** Index into the drawing's provinces + 1 per cell; 0 is the sea. */
  cells: Uint16Array;
}

export interface MapDrawing {
  scheme: SchemeId;
  width: number;
  height: number;
  scale: number;
  provinces: DrawnProvince[];
  archipelagos: DrawnArchipelago[];
  raster: LandRaster;
}

/**
 * Fills `cells` with `value` where the polygons cover a cell's centre (even-odd scanlines over
 * every ring, so holes stay empty).
 */
function rasterize(raster: LandRaster, polygons: readonly PolygonRings[], project: Projection['project'], value: number): void {
  const edges: Array<[number, number, number, number]> = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = ring.map(project);
      for (let i = 1; i < points.length; i++) edges.push([points[i - 1]![0], points[i - 1]![1], points[i]![0], points[i]![1]]);
    }
  }
  for (let row = 0; row < raster.rows; row++) {
    const y = (row + 0.5) * raster.cell;
    const crossings: number[] = [];
    for (const [x0, y0, x1, y1] of edges) {
      if (y0 > y !== y1 > y) crossings.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const from = Math.max(0, Math.ceil(crossings[i]! / raster.cell - 0.5));
      const to = Math.min(raster.cols - 1, Math.floor(crossings[i + 1]! / raster.cell - 0.5));
      for (let col = from; col <= to; col++) raster.cells[row * raster.cols + col] = value;
    }
  }
}

/** The province (index + 1) under a pixel, 0 for the sea or outside. */
export function provinceAt(raster: LandRaster, [x, y]: Point): number {
  const col = Math.floor(x / raster.cell);
  const row = Math.floor(y / raster.cell);
  if (col < 0 || row < 0 || col >= raster.cols || row >= raster.rows) return 0;
  return raster.cells[row * raster.cols + col] ?? 0;
}

/**
 * The shapes drawn into width × height pixels: each province's path, label point and box, each
 * archipelago's islands and box, and the land raster (cells of `cell` pixels) without the
 * archipelagos.
 */
export function drawMap(shapes: BoundaryShapes, width: number, height: number, options: { padding?: number; cell?: number } = {}): MapDrawing {
  const { project, scale } = fitProjection(width, height, options.padding ?? 0);
  const cell = options.cell ?? 4;
  const raster: LandRaster = { cell, cols: Math.ceil(width / cell), rows: Math.ceil(height / cell), cells: new Uint16Array(Math.ceil(width / cell) * Math.ceil(height / cell)) };
  // the raster is the mainland and its near islands: labels may go out to the archipelagos' sea
  const offshore = new Set(shapes.archipelagos.flatMap((a) => a.polygons.map((polygon) => String(polygon[0]?.[0]))));
  const provinces = shapes.provinces.map((province, i) => {
    rasterize(raster, province.polygons.filter((polygon) => !offshore.has(String(polygon[0]?.[0]))), project, i + 1);
    return { code: province.code, d: polygonsPath(province.polygons, project), anchor: project(province.label), box: polygonsBox(province.polygons, project) };
  });
  const archipelagos = shapes.archipelagos.map((a) => ({ id: a.id, province: a.province, d: polygonsPath(a.polygons, project), box: polygonsBox(a.polygons, project) }));
  return { scheme: shapes.scheme, width, height, scale, provinces, archipelagos, raster };
}
