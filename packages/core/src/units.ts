import { z } from 'zod';
import { REGIONS, type Region } from './regions';
import type { Level, SchemeId } from './schemes';

export { REGIONS, type Region } from './regions';

export const regionSchema = z.enum(REGIONS);

export const REGION_NAMES_VI: Record<Region, string> = {
  'northern-midlands-mountains': 'Trung du và miền núi phía Bắc',
  'red-river-delta': 'Đồng bằng sông Hồng',
  'north-central-coast': 'Bắc Trung Bộ và duyên hải miền Trung',
  'central-highlands': 'Tây Nguyên',
  southeast: 'Đông Nam Bộ',
  'mekong-delta': 'Đồng bằng sông Cửu Long',
};

/**
 * Kinds of unit, by level. Province: centrally-governed city or province. District: urban
 * district, rural district, town, provincial city. Commune: rural commune, ward, township,
 * special zone (reform34 only).
 */
export const UNIT_KINDS = {
  province: ['thanh-pho-trung-uong', 'tinh'],
  district: ['quan', 'huyen', 'thi-xa', 'thanh-pho'],
  commune: ['xa', 'phuong', 'thi-tran', 'dac-khu'],
} as const satisfies Record<Level, readonly string[]>;
export type UnitKind = (typeof UNIT_KINDS)[Level][number];

export const UNIT_KIND_NAMES_VI: Record<Level, Record<string, string>> = {
  province: { 'thanh-pho-trung-uong': 'Thành phố', tinh: 'Tỉnh' },
  district: { quan: 'Quận', huyen: 'Huyện', 'thi-xa': 'Thị xã', 'thanh-pho': 'Thành phố' },
  commune: { xa: 'Xã', phuong: 'Phường', 'thi-tran': 'Thị trấn', 'dac-khu': 'Đặc khu' },
};

/** One administrative unit of one scheme. Codes are GSO codes kept as strings ("01", "00004"). */
export interface Unit {
  scheme: SchemeId;
  code: string;
  level: Level;
  /** Full official name with its kind prefix, e.g. "Tỉnh Hà Giang", "Phường Phúc Xá". */
  name: string;
  /** Name without the kind prefix, e.g. "Hà Giang". */
  shortName: string;
  kind: UnitKind;
  /** Code of the parent unit in the same scheme; null for provinces. */
  parentCode: string | null;
  provinceCode: string;
  region: Region;
}

/** How a crosswalk edge between schemes was established. */
export const CROSSWALK_BASES = ['code', 'name', 'manual'] as const;
export type CrosswalkBasis = (typeof CROSSWALK_BASES)[number];

/** legacy63 unit → reform34 unit. */
export interface CrosswalkEdge {
  level: 'province' | 'commune';
  fromCode: string;
  toCode: string;
  basis: CrosswalkBasis;
  /** True when the old unit was divided between several new units. */
  isSplit: boolean;
}
