/**
 * Authored map data for both schemes (DESIGN.md §7): one centroid per province for the
 * geographic bubble map, and one square per province for the equal-area tile-grid map.
 *
 * The files live in data/ and are keyed by scheme first, because province codes are reused
 * across schemes with different meanings (legacy63 82 = Tiền Giang, reform34 82 = Đồng Tháp).
 * Both are validated on first use; a malformed file fails naming the file and the key.
 */
import { z } from 'zod';
import { SCHEME_IDS, type SchemeId } from '@mttq/core';
import centroidsJson from '../../../data/province-centroids.json' with { type: 'json' };
import tilesJson from '../../../data/province-tiles.json' with { type: 'json' };
import { RegistrySourceError } from './source-error';

export const PROVINCE_CENTROIDS_FILE = 'data/province-centroids.json';
export const PROVINCE_TILES_FILE = 'data/province-tiles.json';

export interface LatLng {
  lat: number;
  lng: number;
}

/** A tile of the grid map. Row 0 is the northernmost row, column 0 the westernmost column. */
export interface TilePosition {
  col: number;
  row: number;
}

export interface ProvinceCentroid extends LatLng {
  code: string;
}

export interface ProvinceTile extends TilePosition {
  code: string;
}

type ByScheme<T> = Readonly<Record<SchemeId, ReadonlyMap<string, Readonly<T>>>>;

const provinceCode = z.string().regex(/^\d{2}$/, 'expected a two-digit province code');

const latLngSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

const tileSchema = z.strictObject({
  col: z.number().int().nonnegative(),
  row: z.number().int().nonnegative(),
});

function bySchemeSchema<T extends z.ZodType>(entry: T) {
  const perScheme = z.record(provinceCode, entry);
  return z.object(
    Object.fromEntries(SCHEME_IDS.map((scheme) => [scheme, perScheme])) as Record<SchemeId, typeof perScheme>,
  );
}

function parseByScheme<T>(file: string, schema: z.ZodType<Record<SchemeId, Record<string, T>>>, raw: unknown): ByScheme<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistrySourceError(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const out = {} as Record<SchemeId, ReadonlyMap<string, Readonly<T>>>;
  for (const scheme of SCHEME_IDS) {
    // Codes are sorted so listings come out in code order whatever the file order is.
    const codes = Object.keys(parsed.data[scheme]).sort();
    out[scheme] = new Map(codes.map((code) => [code, Object.freeze(parsed.data[scheme][code] as T)]));
  }
  return Object.freeze(out);
}

/** Validates the contents of data/province-centroids.json; throws naming `file` and the key. */
export function parseProvinceCentroids(raw: unknown, file: string = PROVINCE_CENTROIDS_FILE): ByScheme<LatLng> {
  return parseByScheme(file, bySchemeSchema(latLngSchema), raw);
}

/**
 * Validates the contents of data/province-tiles.json; throws naming `file` and the key, also
 * when two provinces of one scheme are put on the same tile.
 */
export function parseProvinceTiles(raw: unknown, file: string = PROVINCE_TILES_FILE): ByScheme<TilePosition> {
  const tiles = parseByScheme(file, bySchemeSchema(tileSchema), raw);
  for (const scheme of SCHEME_IDS) {
    const taken = new Map<string, string>();
    for (const [code, { col, row }] of tiles[scheme]) {
      const other = taken.get(`${col},${row}`);
      if (other !== undefined) {
        throw new RegistrySourceError(file, `${scheme}.${code}: tile col ${col}, row ${row} is already taken by ${scheme}.${other}`);
      }
      taken.set(`${col},${row}`, code);
    }
  }
  return tiles;
}

let centroids: ByScheme<LatLng> | undefined;
let tiles: ByScheme<TilePosition> | undefined;

function allCentroids(): ByScheme<LatLng> {
  centroids ??= parseProvinceCentroids(centroidsJson);
  return centroids;
}

function allTiles(): ByScheme<TilePosition> {
  tiles ??= parseProvinceTiles(tilesJson);
  return tiles;
}

/** e.g. getProvinceCentroid('legacy63', '01') → { lat: 21.03, lng: 105.72 } (Hà Nội). */
export function getProvinceCentroid(scheme: SchemeId, code: string): LatLng | undefined {
  const point = allCentroids()[scheme].get(code);
  return point && { lat: point.lat, lng: point.lng };
}

/** e.g. getProvinceTile('legacy63', '01') → { col: 3, row: 3 } (Hà Nội). */
export function getProvinceTile(scheme: SchemeId, code: string): TilePosition | undefined {
  const tile = allTiles()[scheme].get(code);
  return tile && { col: tile.col, row: tile.row };
}

/** Every province of `scheme` with its centroid, in code order. */
export function listProvinceCentroids(scheme: SchemeId): ProvinceCentroid[] {
  return [...allCentroids()[scheme]].map(([code, { lat, lng }]) => ({ code, lat, lng }));
}

/** Every province of `scheme` with its tile, in code order. */
export function listProvinceTiles(scheme: SchemeId): ProvinceTile[] {
  return [...allTiles()[scheme]].map(([code, { col, row }]) => ({ code, col, row }));
}
