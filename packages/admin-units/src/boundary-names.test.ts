/**
 * The province maps' boundaries (geoBoundaries VNM ADM1, data/boundaries/) name provinces without
 * diacritics; data/boundaries/province-codes.json gives each of our legacy63 codes its feature's
 * name. These tests check that table against the registry and the source file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLegacy63 } from './legacy63';
import { foldDiacritics } from './name-matching';

const DATA = new URL('../../../data/', import.meta.url);
const readJson = <T>(path: string) => JSON.parse(readFileSync(new URL(path, DATA), 'utf8')) as T;

const codes = readJson<Record<string, string>>('boundaries/province-codes.json');
delete codes.$comment;
const source = readJson<{ objects: Record<string, { geometries: Array<{ properties: { shapeName: string; shapeISO: string } }> }> }>(
  'boundaries/source/VNM-ADM1_simplified.topojson',
);
const sourceNames = Object.values(source.objects)[0]!.geometries.map((g) => g.properties.shapeName);
const provinces = buildLegacy63().units.filter((u) => u.level === 'province');

/** 'Thành phố Hồ Chí Minh', 'TP. Ho Chi Minh' → 'hochiminh'; 'Tỉnh Bà Rịa - Vũng Tàu', 'Ba Ria - Vung Tau' → 'bariavungtau' */
const key = (name: string) =>
  foldDiacritics(name)
    .toLowerCase()
    .replace(/^(tinh|thanh pho|tp\.)\s*/u, '')
    .replace(/[^a-z]/g, '');

describe('the boundary features and our legacy63 codes', () => {
  it('has all 63 source features, each named once', () => {
    expect(sourceNames).toHaveLength(63);
    expect(new Set(sourceNames).size).toBe(63);
  });

  it('gives every legacy63 province exactly one source feature, and every feature a code', () => {
    expect(Object.keys(codes).sort()).toEqual(provinces.map((p) => p.code).sort());
    expect(Object.values(codes).sort()).toEqual([...sourceNames].sort());
  });

  it('pairs each code with the feature of the same name, without diacritics', () => {
    const mismatched = provinces.filter((p) => key(codes[p.code] ?? '') !== key(p.name)).map((p) => `${p.code} ${p.name} ≠ ${codes[p.code]}`);
    expect(mismatched).toEqual([]);
    expect(codes['01']).toBe('Ha Noi');
    expect(codes['46']).toBe('Thua Thien - Hue');
    expect(codes['48']).toBe('Da Nang');
    expect(codes['56']).toBe('Khanh Hoa');
    expect(codes['79']).toBe('TP. Ho Chi Minh');
  });
});
