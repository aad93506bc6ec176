import { SCHEME_IDS } from '@mttq/core/rules';
import type { CoverageRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import tilesFile from '../../../../../data/province-tiles.json';
import {
  bubbleKeySizes,
  bubbleRadius,
  CLASS_BREAKS,
  CLASS_COLORS,
  CLASS_TEXT,
  classColor,
  classOf,
  countByClass,
  gridSize,
  inReadingOrder,
  measuresOf,
  measureUnit,
  measureValue,
  nextInDirection,
  toMapProvinces,
  type KeyPoint,
} from './map-data';
import { parseMapSearch, withMapSearch } from './map-search';
import { PROVINCE_LABELS } from './province-labels';

/** WCAG relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

const row = (code: string, commune: Partial<CoverageRow['descendants']['commune']> | null, district?: CoverageRow['descendants']['district']) => ({
  code,
  name: `Tỉnh ${code}`,
  descendants: {
    ...(commune ? { commune: { total: 10, covered: 0, active: 0, verified: 0, ...commune } } : {}),
    ...(district ? { district } : {}),
  },
});

describe('measures', () => {
  it('offers district coverage only in the scheme that has districts', () => {
    expect(measuresOf('legacy63')).toEqual(['coverage', 'districtCoverage', 'active', 'verified', 'withoutPage']);
    expect(measuresOf('reform34')).toEqual(['coverage', 'active', 'verified', 'withoutPage']);
  });

  it.each([
    ['coverage', 5, 10],
    ['active', 4, 10],
    ['verified', 3, 10],
    ['districtCoverage', 2, 4],
    ['withoutPage', 5, 10],
  ] as const)('divides the right counts for %s', (measure, numerator, denominator) => {
    const { descendants } = row('01', { covered: 5, active: 4, verified: 3 }, { total: 4, covered: 2, active: 2, verified: 1 });
    expect(measureValue(descendants, measure)).toEqual({ numerator, denominator, share: numerator / denominator });
  });

  it('counts the communes still without a page: the total minus those with a page', () => {
    const { descendants } = row('01', { total: 95, covered: 83, active: 80, verified: 70 });
    expect(measureValue(descendants, 'withoutPage')).toEqual({ numerator: 12, denominator: 95, share: 12 / 95 });
    expect(measureValue(row('02', { total: 40, covered: 40 }).descendants, 'withoutPage')).toMatchObject({ numerator: 0 });
    expect(measureUnit('withoutPage')).toBe('count');
    expect(measureUnit('verified')).toBe('share');
  });

  it('has no value for a level the row lacks, and no share for zero units', () => {
    expect(measureValue(row('01', {}).descendants, 'districtCoverage')).toBeNull();
    expect(measureValue(row('01', { total: 0 }).descendants, 'coverage')).toEqual({ numerator: 0, denominator: 0, share: null });
  });
});

describe('classes', () => {
  it.each([
    [0, 10, 0],
    [24, 100, 0],
    [1, 4, 1],
    [49, 100, 1],
    [1, 2, 2],
    [3, 4, 3],
    [899, 1000, 3],
    [9, 10, 4],
    [10, 10, 4],
    [0, 0, null],
  ])('%i of %i is in class %s (lower bounds belong to their class)', (numerator, denominator, expected) => {
    expect(classOf(numerator, denominator)).toBe(expected);
  });

  it('has one colour per class and a hatch, not a class colour, for no data', () => {
    expect(CLASS_COLORS).toHaveLength(CLASS_BREAKS.length);
    expect(classColor(null)).toMatch(/^url\(#/);
    expect(new Set(CLASS_COLORS).size).toBe(CLASS_COLORS.length);
  });

  it.each(CLASS_COLORS.map((color, i) => [color, CLASS_TEXT[i]!]))('labels on %s (%s) meet WCAG AA contrast', (fill, text) => {
    expect(contrast(fill, text)).toBeGreaterThanOrEqual(4.5);
  });

  it('gets lighter to darker, so a larger share always looks darker', () => {
    const lums = CLASS_COLORS.map(luminance);
    expect([...lums].sort((a, b) => b - a)).toEqual(lums);
  });
});

describe('toMapProvinces', () => {
  it('puts every legacy63 and reform34 province on a tile and a centroid, with a unique label', () => {
    for (const scheme of SCHEME_IDS) {
      const provinces = toMapProvinces(scheme, [], 'coverage');
      expect(provinces).toHaveLength(scheme === 'legacy63' ? 63 : 34);
      expect(provinces.every((p) => p.tile && p.centroid)).toBe(true);
      const labels = provinces.map((p) => p.label);
      expect(new Set(labels).size).toBe(labels.length);
      expect(Object.keys(PROVINCE_LABELS[scheme]).sort()).toEqual(Object.keys(tilesFile[scheme]).sort());
    }
  });

  it('keeps codes apart across schemes: 82 is Tiền Giang in legacy63 and Đồng Tháp in reform34', () => {
    expect(toMapProvinces('legacy63', [], 'coverage').find((p) => p.code === '82')?.label).toBe('TG');
    expect(toMapProvinces('reform34', [], 'coverage').find((p) => p.code === '82')?.label).toBe('ĐT');
  });

  it('joins rows by code and shows a province without a row as no data, not as 0%', () => {
    const provinces = toMapProvinces('reform34', [row('01', { covered: 10 }), row('04', { covered: 0 })], 'coverage');
    expect(provinces.find((p) => p.code === '01')).toMatchObject({ name: 'Tỉnh 01', classIndex: 4, communes: 10 });
    expect(provinces.find((p) => p.code === '04')).toMatchObject({ classIndex: 0, value: { numerator: 0, denominator: 10, share: 0 } });
    expect(provinces.find((p) => p.code === '08')).toMatchObject({ name: '08', classIndex: null, value: null });
    expect(countByClass(provinces)).toEqual({ classes: [1, 0, 0, 0, 1], noData: 32 });
  });

  it('keeps a row the layout does not know, for the table, without a tile', () => {
    const provinces = toMapProvinces('reform34', [row('99', { covered: 1 })], 'coverage');
    expect(provinces.at(-1)).toMatchObject({ code: '99', tile: null, centroid: null, label: '99' });
  });
});

describe('grid and bubbles', () => {
  it('knows the grid size of each scheme', () => {
    expect(gridSize('legacy63')).toEqual({ cols: 7, rows: 20 });
    expect(gridSize('reform34')).toEqual({ cols: 5, rows: 16 });
  });

  it('sizes bubbles by area: a quarter of the communes gives half the radius', () => {
    expect(bubbleRadius(580, 580)).toBe(22);
    expect(bubbleRadius(145, 580)).toBe(11);
    expect(bubbleRadius(1, 580)).toBe(4);
    expect(bubbleRadius(0, 0)).toBe(4);
  });

  it.each([
    [579, [100, 200, 500]],
    [168, [25, 50, 100]],
    [30, [10, 25]],
  ])('picks round sizes for the bubble key up to %i communes', (max, sizes) => {
    expect(bubbleKeySizes(max)).toEqual(sizes);
  });
});

describe('keyboard moves', () => {
  // a 3×2 grid with a hole:  A B C
  //                          D . F
  const points: KeyPoint[] = [
    { code: 'A', x: 0, y: 0 },
    { code: 'B', x: 1, y: 0 },
    { code: 'C', x: 2, y: 0 },
    { code: 'D', x: 0, y: 1 },
    { code: 'F', x: 2, y: 1 },
  ];

  it.each([
    ['A', 'right', 'B'],
    ['B', 'right', 'C'],
    ['C', 'right', null],
    ['A', 'down', 'D'],
    ['D', 'up', 'A'],
    ['D', 'right', 'F'],
    ['B', 'down', 'D'],
    ['F', 'left', 'D'],
    ['A', 'up', null],
  ] as const)('from %s, %s goes to %s', (from, direction, to) => {
    expect(nextInDirection(points, from, direction)).toBe(to);
  });

  it('moves between real neighbours on the legacy63 grid: right of Hà Nội is Bắc Ninh', () => {
    const grid = toMapProvinces('legacy63', [], 'coverage').map((p) => ({ code: p.code, x: p.tile!.col, y: p.tile!.row }));
    expect(nextInDirection(grid, '01', 'right')).toBe('27');
    expect(nextInDirection(grid, '01', 'left')).toBe('17');
    expect(inReadingOrder(grid)[0]?.code).toBe('12');
    expect(inReadingOrder(grid).at(-1)?.code).toBe('95');
  });
});

describe('map URL state', () => {
  it('reads measure and mode, falling back to the defaults', () => {
    expect(parseMapSearch('?measure=active&mode=bubbles', 'legacy63')).toEqual({ measure: 'active', mode: 'bubbles' });
    expect(parseMapSearch('?mode=grid', 'legacy63')).toEqual({ measure: 'coverage', mode: 'grid' });
    expect(parseMapSearch('', 'legacy63')).toEqual({ measure: 'coverage', mode: 'provinces' });
    expect(parseMapSearch('?measure=likes&mode=3d', 'legacy63')).toEqual({ measure: 'coverage', mode: 'provinces' });
  });

  it('drops district coverage in reform34, which has no districts', () => {
    expect(parseMapSearch('?measure=districtCoverage', 'legacy63').measure).toBe('districtCoverage');
    expect(parseMapSearch('?measure=districtCoverage', 'reform34').measure).toBe('coverage');
  });

  it('writes only what differs from the defaults and keeps the dashboard keys', () => {
    expect(withMapSearch('scheme=legacy63&asOf=2022-08-12&measure=active', { measure: 'coverage', mode: 'bubbles' }).toString()).toBe(
      'scheme=legacy63&asOf=2022-08-12&mode=bubbles',
    );
    expect(withMapSearch('scheme=reform34', { measure: 'verified', mode: 'provinces' }).toString()).toBe('scheme=reform34&measure=verified');
    expect(withMapSearch('scheme=reform34', { measure: 'verified', mode: 'grid' }).toString()).toBe('scheme=reform34&measure=verified&mode=grid');
  });

  it.each([
    { measure: 'coverage', mode: 'grid' },
    { measure: 'districtCoverage', mode: 'bubbles' },
    { measure: 'verified', mode: 'grid' },
    { measure: 'active', mode: 'provinces' },
  ] as const)('round-trips %o', (state) => {
    expect(parseMapSearch(withMapSearch('scheme=legacy63', state), 'legacy63')).toEqual(state);
  });
});
