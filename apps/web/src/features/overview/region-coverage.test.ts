import type { CoverageRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import crosswalk from '../../../../../data/province-crosswalk.json';
import { REGIONS } from '@mttq/core/rules';
import { PROVINCE_REGION, toRegionCoverage } from './region-coverage';

const counts = (total: number, covered: number) => ({ total, covered, active: 0, verified: 0 });
const row = (code: string, district: [number, number] | null, commune: [number, number]): CoverageRow => ({
  code,
  name: `Tỉnh ${code}`,
  kind: 'tinh',
  covered: true,
  active: true,
  verified: false,
  pages: 1,
  descendants: { ...(district ? { district: counts(...district) } : {}), commune: counts(...commune) },
});

describe('PROVINCE_REGION', () => {
  it('puts each of the 63 legacy63 provinces in one of the six regions', () => {
    expect(PROVINCE_REGION.size).toBe(63);
    expect(new Set(PROVINCE_REGION.values())).toEqual(new Set(REGIONS));
  });

  it('has a region for each of the 34 reform34 provinces (each keeps an old code)', () => {
    const codes = Object.keys(crosswalk).filter((key) => !key.startsWith('$'));
    expect(codes).toHaveLength(34);
    expect(codes.filter((code) => !PROVINCE_REGION.has(code))).toEqual([]);
  });
});

describe('toRegionCoverage', () => {
  it('adds up districts and communes by region, north to south', () => {
    // 01 Hà Nội and 31 Hải Phòng: Red River Delta; 02 Hà Giang: Northern Midlands and Mountains
    const regions = toRegionCoverage({ scheme: 'legacy63', rows: [row('01', [30, 30], [579, 300]), row('02', [11, 5], [193, 20]), row('31', [15, 10], [217, 100])] });
    expect(regions).toEqual([
      { region: 'northern-midlands-mountains', provinces: 1, district: counts(11, 5), commune: counts(193, 20), districtShare: 5 / 11, communeShare: 20 / 193 },
      { region: 'red-river-delta', provinces: 2, district: counts(45, 40), commune: counts(796, 400), districtShare: 40 / 45, communeShare: 400 / 796 },
    ]);
  });

  it('has no district figures in reform34', () => {
    const [region] = toRegionCoverage({ scheme: 'reform34', rows: [row('01', null, [126, 126])] });
    expect(region).toMatchObject({ region: 'red-river-delta', district: null, districtShare: null, communeShare: 1 });
  });

  it('keeps a province of no region in its own group, last, rather than dropping it', () => {
    const regions = toRegionCoverage({ scheme: 'reform34', rows: [row('99', null, [10, 0]), row('01', null, [126, 126])] });
    expect(regions.map((r) => r.region)).toEqual(['red-river-delta', 'unassigned']);
    expect(regions[1]?.communeShare).toBe(0);
  });
});
