/**
 * Builds the maps' boundary file, data/boundaries/vietnam-provinces.topo.json, from the
 * geoBoundaries source in data/boundaries/source/ (see data/boundaries/README.md). Pure: the
 * command line (build-boundaries.ts) reads the inputs and writes the output; the web app's tests
 * build it again and compare.
 *
 * What it does to the source:
 * 1. keys each of the 63 features by our legacy63 GSO code (data/boundaries/province-codes.json);
 * 2. leaves out islands (polygons that share no border) under `minIslandKm2`, except those of the
 *    Hoàng Sa and Trường Sa archipelagos, and holes of the same size; fills the atolls' lagoons;
 * 3. simplifies every arc once (Douglas–Peucker), so a border shared by two provinces stays
 *    shared and the provinces still meet; an island ring keeps at least three corners;
 * 4. quantizes to a grid of `quantization` positions a side (about 330 m);
 * 5. dissolves the 63 provinces into the 34 of reform34 through data/province-crosswalk.json with
 *    topojson-client's mergeArcs: the arcs between two merged provinces are dropped, so their
 *    border vanishes and no sliver is left;
 * 6. adds each province's label point (the point deepest inside its largest polygon) and an
 *    `archipelagos` object: the islands of Hoàng Sa (part of Đà Nẵng) and Trường Sa (part of
 *    Khánh Hòa), arcs shared with those provinces' features.
 */
import { mergeArcs } from 'topojson-client';
import type { GeoJsonProperties } from 'geojson';
import type { Arc, GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';

export type LngLat = [number, number];

export interface BoundaryBuildOptions {
  /** Douglas–Peucker tolerance, in degrees of latitude (0.01° ≈ 1.1 km, half a pixel on a 1080p slide). */
  tolerance: number;
  /** The same for the archipelagos' islands: reefs drawn as dots at national scale keep three or four corners. */
  archipelagoTolerance: number;
  /** Islands and holes smaller than this (km²) are left out, except in the archipelagos. */
  minIslandKm2: number;
  /** Quantization: positions per side of the bounding box. */
  quantization: number;
}

export const DEFAULT_BOUNDARY_OPTIONS: BoundaryBuildOptions = { tolerance: 0.01, archipelagoTolerance: 0.03, minIslandKm2: 3, quantization: 5_000 };

/**
 * The two archipelagos, by the legacy63 province whose multipolygon holds them in the source and
 * the part of it they are: Hoàng Sa, Đà Nẵng's islands east of 110.5°E; Trường Sa, Khánh Hòa's
 * islands east of 110°E and south of 12.3°N (the province's coast is west of 109.5°E).
 */
export const ARCHIPELAGO_SOURCES = [
  { id: 'hoang-sa', legacy63: '48', contains: (lng: number, lat: number) => lng > 110.5 && lat > 14 },
  { id: 'truong-sa', legacy63: '56', contains: (lng: number, lat: number) => lng > 110 && lat < 12.3 },
] as const;

export type ArchipelagoId = (typeof ARCHIPELAGO_SOURCES)[number]['id'];

/** A source TopoJSON as geoBoundaries ships it: one GeometryCollection, shapeName per feature. */
export type SourceTopology = Topology<{ [name: string]: GeometryCollection<{ shapeName: string }> }>;

export interface BoundaryProperties {
  /** [lng, lat] where the province's name goes: deep inside its largest polygon. */
  label: LngLat;
}

export interface ArchipelagoProperties extends BoundaryProperties {
  legacy63: string;
  reform34: string;
}

export type ProvinceGeometry = (Polygon<BoundaryProperties> | MultiPolygon<BoundaryProperties>) & { id: string };

/** The built file: both schemes' provinces keyed by GSO code (`id`), and the archipelagos. */
export type BoundaryTopology = Topology<{
  legacy63: GeometryCollection<BoundaryProperties>;
  reform34: GeometryCollection<BoundaryProperties>;
  archipelagos: GeometryCollection<ArchipelagoProperties>;
}> & { source: string };

export const BOUNDARY_SOURCE_NOTE =
  'geoBoundaries VNM ADM1 (boundary year 2016; Department of Survey and Mapping via Open Development Mekong), CC BY-SA 4.0, https://www.geoboundaries.org; simplified, keyed by GSO codes, 34 provinces dissolved from the 63 (Resolution 202/2025/QH15). See data/boundaries/README.md.';

const KM_PER_DEGREE = 111.2;

/** Absolute positions of every arc of a delta-encoded, quantized topology. */
function decodeArcs(topology: Topology): LngLat[][] {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx!;
      y += dy!;
      return topology.transform ? ([x * sx + tx, y * sy + ty] as LngLat) : ([dx, dy] as LngLat);
    });
  });
}

/** A ring's positions from its arc indices (a negative index ~i is arc i reversed). */
function ringPositions(ring: readonly number[], arcs: readonly LngLat[][]): LngLat[] {
  const out: LngLat[] = [];
  for (const index of ring) {
    const arc = index < 0 ? [...arcs[~index]!].reverse() : arcs[index]!;
    out.push(...(out.length > 0 ? arc.slice(1) : arc));
  }
  return out;
}

/** Area of a ring in km² (planar, longitude scaled at the ring's latitude); sign by orientation. */
export function ringAreaKm2(ring: readonly LngLat[]): number {
  const lat0 = ring.reduce((sum, [, lat]) => sum + lat, 0) / Math.max(1, ring.length);
  const kx = KM_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    area += ring[j]![0] * kx * ring[i]![1] * KM_PER_DEGREE - ring[i]![0] * kx * ring[j]![1] * KM_PER_DEGREE;
  }
  return area / 2;
}

/** Squared distance from p to segment ab, longitude scaled by cos(16°) (the country's middle). */
const COS_MID = Math.cos((16 * Math.PI) / 180);
function segmentDistance2(p: LngLat, a: LngLat, b: LngLat): number {
  const [px, py, ax, ay, bx, by] = [p[0] * COS_MID, p[1], a[0] * COS_MID, a[1], b[0] * COS_MID, b[1]];
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Douglas–Peucker between first and last: the indices kept, first and last included. */
function douglasPeucker(points: readonly LngLat[], from: number, to: number, tolerance2: number, keep: Set<number>): void {
  let farthest = -1;
  let max = tolerance2;
  for (let i = from + 1; i < to; i++) {
    const d = segmentDistance2(points[i]!, points[from]!, points[to]!);
    if (d > max) {
      max = d;
      farthest = i;
    }
  }
  if (farthest < 0) return;
  keep.add(farthest);
  douglasPeucker(points, from, farthest, tolerance2, keep);
  douglasPeucker(points, farthest, to, tolerance2, keep);
}

const samePoint = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];

/**
 * An arc simplified with Douglas–Peucker, its ends kept (they are where borders meet). A closed
 * arc (an island's ring) is split at its point farthest from the start and keeps at least three
 * corners, so even a reef stays a (tiny) polygon.
 */
export function simplifyArc(points: readonly LngLat[], tolerance: number): LngLat[] {
  const last = points.length - 1;
  if (last < 2) return [...points];
  const tolerance2 = tolerance * tolerance;
  const keep = new Set([0, last]);
  if (samePoint(points[0]!, points[last]!)) {
    let split = 1;
    for (let i = 1; i < last; i++) if (segmentDistance2(points[i]!, points[0]!, points[0]!) > segmentDistance2(points[split]!, points[0]!, points[0]!)) split = i;
    keep.add(split);
    douglasPeucker(points, 0, split, tolerance2, keep);
    douglasPeucker(points, split, last, tolerance2, keep);
    if (keep.size < 4) {
      // a third corner: the point farthest from the chord start–split
      let third = -1;
      let max = -1;
      for (let i = 1; i < last; i++) {
        if (keep.has(i)) continue;
        const d = segmentDistance2(points[i]!, points[0]!, points[split]!);
        if (d > max) {
          max = d;
          third = i;
        }
      }
      if (third >= 0) keep.add(third);
    }
  } else {
    douglasPeucker(points, 0, last, tolerance2, keep);
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]!);
}

/** Even-odd point-in-polygon over all rings of one polygon (outer ring and holes). */
export function pointInPolygon([x, y]: LngLat, rings: readonly (readonly LngLat[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance (in scaled degrees) from a point to the nearest edge of any ring. */
function edgeDistance(p: LngLat, rings: readonly (readonly LngLat[])[]): number {
  let min = Infinity;
  for (const ring of rings) for (let i = 1; i < ring.length; i++) min = Math.min(min, segmentDistance2(p, ring[i - 1]!, ring[i]!));
  return Math.sqrt(min);
}

/**
 * The point of a polygon farthest from its edges (a pole of inaccessibility, found by a coarse
 * grid refined three times): where a label sits best. Falls back to the first vertex.
 */
export function labelPoint(rings: readonly (readonly LngLat[])[]): LngLat {
  const outer = rings[0] ?? [];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of outer) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  let best: { point: LngLat; distance: number } | null = null;
  let [cx, cy, halfW, halfH] = [(minX + maxX) / 2, (minY + maxY) / 2, (maxX - minX) / 2, (maxY - minY) / 2];
  for (let round = 0; round < 4; round++) {
    const steps = round === 0 ? 32 : 10;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const point: LngLat = [cx - halfW + (2 * halfW * i) / steps, cy - halfH + (2 * halfH * j) / steps];
        if (!pointInPolygon(point, rings)) continue;
        const distance = edgeDistance(point, rings);
        if (!best || distance > best.distance) best = { point, distance };
      }
    }
    if (!best) break;
    [cx, cy] = best.point;
    halfW = (halfW * 2) / (round === 0 ? 32 : 10) * 1.5;
    halfH = (halfH * 2) / (round === 0 ? 32 : 10) * 1.5;
  }
  const point = best?.point ?? outer[0] ?? [0, 0];
  return [Math.round(point[0] * 1000) / 1000, Math.round(point[1] * 1000) / 1000];
}

type PolygonArcs = number[][];

const polygonsOf = (geometry: { type: string; arcs?: unknown }): PolygonArcs[] =>
  geometry.type === 'Polygon' ? [geometry.arcs as PolygonArcs] : geometry.type === 'MultiPolygon' ? (geometry.arcs as PolygonArcs[]) : [];

/** A geometry of rings as a Polygon when it has one, else a MultiPolygon. */
function polygonGeometry<P extends GeoJsonProperties>(polygons: PolygonArcs[], id: string, properties: P): (Polygon<P> | MultiPolygon<P>) & { id: string } {
  return polygons.length === 1 ? { type: 'Polygon', id, arcs: polygons[0]!, properties } : { type: 'MultiPolygon', id, arcs: polygons, properties };
}

/** The largest polygon of a geometry, as rings of positions. */
function largestPolygon(polygons: PolygonArcs[], arcs: readonly LngLat[][]): LngLat[][] {
  let best: LngLat[][] = [];
  let bestArea = -1;
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => ringPositions(ring, arcs));
    const area = Math.abs(ringAreaKm2(rings[0] ?? []));
    if (area > bestArea) {
      best = rings;
      bestArea = area;
    }
  }
  return best;
}

/**
 * The boundary file from the source topology, the code → shapeName table and the reform34 →
 * legacy63 crosswalk. Throws when a name or code is missing, doubled or unknown.
 */
export function buildBoundaries(
  source: SourceTopology,
  shapeNames: Readonly<Record<string, string>>,
  crosswalk: Readonly<Record<string, readonly string[]>>,
  options: BoundaryBuildOptions = DEFAULT_BOUNDARY_OPTIONS,
): BoundaryTopology {
  const collection = Object.values(source.objects)[0];
  if (!collection || collection.type !== 'GeometryCollection') throw new Error('the source has no GeometryCollection');
  const codeOfName = new Map(Object.entries(shapeNames).map(([code, name]) => [name, code]));
  if (codeOfName.size !== Object.keys(shapeNames).length) throw new Error('two codes have the same shapeName');

  // 1. the source's features by code
  const sourceArcs = decodeArcs(source);
  const provinces = new Map<string, PolygonArcs[]>();
  for (const geometry of collection.geometries) {
    const name = (geometry.properties as { shapeName?: string } | undefined)?.shapeName ?? '';
    const code = codeOfName.get(name);
    if (code === undefined) throw new Error(`no code for the source feature "${name}"`);
    if (provinces.has(code)) throw new Error(`two source features for code ${code}`);
    provinces.set(code, polygonsOf(geometry as { type: string; arcs?: unknown }));
  }
  const missing = Object.keys(shapeNames).filter((code) => !provinces.has(code));
  if (missing.length > 0) throw new Error(`no source feature for ${missing.join(', ')}`);

  // 2. islands and holes: arcs used once only, small, not in an archipelago, are left out
  const uses = new Map<number, number>();
  for (const polygons of provinces.values()) for (const ring of polygons.flat()) for (const i of ring) uses.set(i < 0 ? ~i : i, (uses.get(i < 0 ? ~i : i) ?? 0) + 1);
  const isLoose = (ring: number[]) => ring.every((i) => uses.get(i < 0 ? ~i : i) === 1);
  const archipelagoOf = (code: string, ring: LngLat[]) => ARCHIPELAGO_SOURCES.find((a) => a.legacy63 === code && ring.every(([lng, lat]) => a.contains(lng, lat)))?.id;
  const islands = new Map<ArchipelagoId, PolygonArcs[]>(ARCHIPELAGO_SOURCES.map((a) => [a.id, []]));
  for (const [code, polygons] of provinces) {
    const kept: PolygonArcs[] = [];
    for (const polygon of polygons) {
      const outer = ringPositions(polygon[0]!, sourceArcs);
      const archipelago = archipelagoOf(code, outer);
      if (!archipelago && isLoose(polygon[0]!) && Math.abs(ringAreaKm2(outer)) < options.minIslandKm2) continue;
      // an atoll's lagoon is filled: at national scale it is smaller than a pixel
      const holes = archipelago ? [] : polygon.slice(1).filter((ring) => !isLoose(ring) || Math.abs(ringAreaKm2(ringPositions(ring, sourceArcs))) >= options.minIslandKm2);
      const trimmed = [polygon[0]!, ...holes];
      kept.push(trimmed);
      if (archipelago) islands.get(archipelago)!.push(trimmed);
    }
    provinces.set(code, kept);
  }

  // 3. simplify each arc still used, once; 4. quantize and delta-encode, renumbering the arcs
  const used = [...new Set([...provinces.values()].flatMap((polygons) => polygons.flat(2).map((i) => (i < 0 ? ~i : i))))].sort((a, b) => a - b);
  const archipelagoArcs = new Set([...islands.values()].flat(3).map((i) => (i < 0 ? ~i : i)));
  const simplified = new Map(used.map((i) => [i, simplifyArc(sourceArcs[i]!, archipelagoArcs.has(i) ? options.archipelagoTolerance : options.tolerance)]));
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const arc of simplified.values()) for (const [x, y] of arc) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const q = options.quantization - 1;
  const [kx, ky] = [q / (maxX - minX), q / (maxY - minY)];
  const index = new Map(used.map((old, i) => [old, i]));
  const arcs: Arc[] = used.map((old) => {
    const points = simplified.get(old)!.map(([x, y]) => [Math.round((x - minX) * kx), Math.round((y - minY) * ky)] as LngLat);
    const deduped = points.filter((p, i) => i === 0 || !samePoint(p, points[i - 1]!));
    let out = deduped.length >= 2 ? deduped : [points[0]!, points.at(-1)!];
    if (samePoint(out[0]!, out.at(-1)!) && out.length < 4) {
      // a reef smaller than the grid: a diamond of one grid step around it
      const [x, y] = out[0]!;
      out = [[x, y + 1], [x + 1, y], [x, y - 1], [x - 1, y], [x, y + 1]];
    }
    return out.map(([x, y], i) => (i === 0 ? [x, y] : [x - out[i - 1]![0], y - out[i - 1]![1]]));
  });
  const renumber = (polygons: PolygonArcs[]) => polygons.map((polygon) => polygon.map((ring) => ring.map((i) => (i < 0 ? ~index.get(~i)! : index.get(i)!))));

  const topology: BoundaryTopology = {
    type: 'Topology',
    source: BOUNDARY_SOURCE_NOTE,
    transform: { scale: [1 / kx, 1 / ky], translate: [minX, minY] },
    arcs,
    objects: {
      legacy63: { type: 'GeometryCollection', geometries: [] },
      reform34: { type: 'GeometryCollection', geometries: [] },
      archipelagos: { type: 'GeometryCollection', geometries: [] },
    },
  };
  const builtArcs = decodeArcs(topology);
  const withLabel = (polygons: PolygonArcs[]) => ({ label: labelPoint(largestPolygon(polygons, builtArcs)) });

  const legacyCodes = [...provinces.keys()].sort();
  const legacy = new Map(legacyCodes.map((code) => [code, polygonGeometry<BoundaryProperties>(renumber(provinces.get(code)!), code, { label: [0, 0] })]));
  for (const geometry of legacy.values()) geometry.properties = withLabel(polygonsOf(geometry));
  topology.objects.legacy63.geometries = [...legacy.values()];

  // 5. reform34: the merged provinces, through the crosswalk
  const reformOf = new Map<string, string>();
  for (const [reform, olds] of Object.entries(crosswalk)) {
    if (reform.startsWith('$')) continue;
    for (const old of olds) {
      if (!legacy.has(old)) throw new Error(`the crosswalk names legacy63 ${old}, which has no boundary`);
      if (reformOf.has(old)) throw new Error(`legacy63 ${old} is in two reform34 provinces`);
      reformOf.set(old, reform);
    }
  }
  const unmerged = legacyCodes.filter((code) => !reformOf.has(code));
  if (unmerged.length > 0) throw new Error(`the crosswalk leaves out legacy63 ${unmerged.join(', ')}`);
  const reformCodes = Object.keys(crosswalk).filter((code) => !code.startsWith('$')).sort();
  topology.objects.reform34.geometries = reformCodes.map((reform) => {
    const parts = crosswalk[reform]!.map((old) => legacy.get(old)!);
    const merged = mergeArcs(topology, parts) as MultiPolygon;
    const polygons = merged.arcs as PolygonArcs[];
    return polygonGeometry(polygons, reform, withLabel(polygons));
  });

  // 6. the archipelagos
  topology.objects.archipelagos.geometries = ARCHIPELAGO_SOURCES.map((archipelago) => {
    const polygons = renumber(islands.get(archipelago.id)!);
    const reform34 = reformOf.get(archipelago.legacy63)!;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons) for (const [x, y] of ringPositions(polygon[0]!, builtArcs)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    const label: LngLat = [Math.round(((x0 + x1) / 2) * 1000) / 1000, Math.round(((y0 + y1) / 2) * 1000) / 1000];
    return { type: 'MultiPolygon', id: archipelago.id, arcs: polygons, properties: { legacy63: archipelago.legacy63, reform34, label } };
  });
  return topology;
}
