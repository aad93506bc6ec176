import type { CoverageRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { adaptiveBreaks, classesFor, toMapView } from './map-classes';
import { countByClass, FIXED_CLASSES } from './map-data';
import { classesNote, classRanges } from './map-text';
import { formatPercent } from '../../i18n/format';
import { mapMessages } from './messages';

/** Shares as every screen writes them (i18n/format.ts). */
const pct = (share: number, locale: 'vi' | 'en' = 'vi') => formatPercent(share, locale);

/** 34 provinces all at 90% or above, as reform34 today: 26 between 90,5% and 99,5%, 8 at 100%. */
const NEAR_FULL = [...Array.from({ length: 26 }, (_, i) => 0.905 + (i * 0.09) / 25), ...Array.from({ length: 8 }, () => 1)];

const row = (code: string, total: number, covered: number): Pick<CoverageRow, 'code' | 'name' | 'descendants'> => ({
  code,
  name: `Tỉnh ${code}`,
  descendants: { commune: { total, covered, active: covered, verified: covered } },
});

describe('classes over the figures shown', () => {
  it('keeps the fixed classes while the shares spread over three of them or more', () => {
    const classes = classesFor('share', [0.05, 0.3, 0.6, 0.97]);
    expect(classes.kind).toBe('fixed');
    expect(classes.classes).toEqual(FIXED_CLASSES.classes);
  });

  it('cuts 34 shares all at 90% or above into at least 3 classes, each holding a province, and says over which range', () => {
    const classes = classesFor('share', NEAR_FULL);
    expect(classes.kind).toBe('adaptive');
    expect(classes.classes.length).toBeGreaterThanOrEqual(3);
    for (const [i, c] of classes.classes.entries()) {
      const inside = NEAR_FULL.filter((share) => share >= c.from - 1e-12 && (c.to === null || share < c.to - 1e-12));
      expect(inside.length, `class ${i}`).toBeGreaterThan(0);
    }
    const ranges = classRanges(mapMessages.vi, 'vi', classes);
    expect(ranges[0]).toBe(`Từ ${pct(0.9)} đến dưới ${pct(0.93)}`);
    expect(ranges.at(-1)).toBe('100%');
    expect(classesNote(classes, mapMessages.vi, 'vi')).toBe(`Các nhóm chia theo khoảng số liệu đang hiển thị: ${pct(0.905)} – 100%`);
    expect(classesNote(classes, mapMessages.en, 'en')).toBe(`Classes follow the range of the figures shown: ${pct(0.905, 'en')} – 100%`);
  });

  it('gives a constant set one class and says so', () => {
    const classes = classesFor('share', Array.from({ length: 34 }, () => 1));
    expect(classes).toMatchObject({ kind: 'constant', range: { min: 1, max: 1 } });
    expect(classes.classes).toHaveLength(1);
    expect(classRanges(mapMessages.vi, 'vi', classes)).toEqual(['100%']);
    expect(classesNote(classes, mapMessages.vi, 'vi')).toBe('Mọi tỉnh, thành có cùng số liệu (100%), nên chỉ có một nhóm.');
    expect(classesNote(classesFor('count', [0, 0, 0]), mapMessages.vi, 'vi')).toBe('Mọi tỉnh, thành có cùng số liệu (0), nên chỉ có một nhóm.');
  });

  it('rounds breaks down to a readable step: tenths of a percent, whole percents or tens of units', () => {
    expect(adaptiveBreaks([912, 950, 981, 1000, 1000])).toEqual([910, 950, 980, 1000]);
    expect(adaptiveBreaks([0, 12, 57, 140, 300])).toEqual([0, 10, 50, 140, 300]);
    expect(adaptiveBreaks([996, 997, 999])).toEqual([996, 997, 999]);
    expect(adaptiveBreaks([])).toEqual([]);
  });

  it('writes count classes as closed ranges of whole units', () => {
    const classes = classesFor('count', [0, 0, 2, 5, 9, 14, 30]);
    expect(classes.kind).toBe('adaptive');
    expect(classRanges(mapMessages.vi, 'vi', classes)).toEqual(['Từ 0 đến 4', 'Từ 5 đến 13', 'Từ 14 đến 29', '30']);
  });
});

describe('the map view', () => {
  it('colours "units still without a page" by count, so provinces at nearly 100% differ', () => {
    const rows = [row('01', 100, 100), row('04', 100, 99), row('08', 200, 190), row('11', 300, 240), row('12', 80, 80)];
    const coverage = toMapView('reform34', rows, 'coverage');
    const without = toMapView('reform34', rows, 'withoutPage');
    expect(without.classes).toMatchObject({ kind: 'adaptive', unit: 'count', range: { min: 0, max: 60 } });
    const colors = new Map(without.provinces.map((p) => [p.code, p.classIndex]));
    // more communes without a page, a darker class; a province without a row stays no data
    expect(colors.get('01')).toBe(colors.get('12'));
    expect(colors.get('11')!).toBeGreaterThan(colors.get('08')!);
    expect(colors.get('08')!).toBeGreaterThan(colors.get('01')!);
    expect(colors.get('22')).toBeNull();
    expect(without.provinces.find((p) => p.code === '11')).toMatchObject({ unit: 'count', value: { numerator: 60, denominator: 300 } });
    expect(new Set(coverage.provinces.map((p) => p.classIndex).filter((c) => c !== null)).size).toBeGreaterThanOrEqual(3);
    expect(countByClass(without.provinces).noData).toBe(29);
  });
});
