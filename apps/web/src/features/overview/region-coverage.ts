import { hasLevel, REGIONS } from '@mttq/core/rules';
import type { CoverageCounts, CoverageResponse, Region } from '@mttq/core';
import regionsFile from '../../../../../data/province-regions.json';


/** A province whose code is in no region of data/province-regions.json (none today). */
export type RegionKey = Region | 'unassigned';

/**
 * Province code → region, loaded once from data/province-regions.json. The file lists legacy63
 * codes; a reform34 province keeps the code of one of the provinces merged into it and takes its
 * region (the same rule the API's registry applies), so one lookup serves both schemes.
 */
export const PROVINCE_REGION: ReadonlyMap<string, Region> = new Map(
  REGIONS.flatMap((region) => (regionsFile[region] as readonly string[]).map((code) => [code, region] as const)),
);

/** One region's coverage: its provinces and their descendants added up. */
export interface RegionCoverage {
  region: RegionKey;
  provinces: number;
  /** districts below the region's provinces; null in a scheme without districts */
  district: CoverageCounts | null;
  commune: CoverageCounts;
  /** commune.covered / commune.total; null without communes */
  communeShare: number | null;
  districtShare: number | null;
}

const empty = (): CoverageCounts => ({ total: 0, covered: 0, active: 0, verified: 0 });

const add = (sum: CoverageCounts, counts: CoverageCounts | undefined) => {
  if (!counts) return;
  sum.total += counts.total;
  sum.covered += counts.covered;
  sum.active += counts.active;
  sum.verified += counts.verified;
};

/**
 * Province rows of /coverage (level=province) added up by region, in REGIONS; a region
 * without provinces in the answer is left out, provinces of no region come last.
 * toRegionCoverage({ scheme: 'legacy63', rows: [Hà Nội (01), Hà Giang (02)] })
 *   → [{ region: 'northern-midlands-mountains', provinces: 1 … }, { region: 'red-river-delta', provinces: 1 … }]
 */
export function toRegionCoverage(response: Pick<CoverageResponse, 'scheme' | 'rows'>, lookup: ReadonlyMap<string, Region> = PROVINCE_REGION): RegionCoverage[] {
  const hasDistricts = hasLevel(response.scheme, 'district');
  const sums = new Map<RegionKey, { provinces: number; district: CoverageCounts; commune: CoverageCounts }>();
  for (const row of response.rows) {
    const region: RegionKey = lookup.get(row.code) ?? 'unassigned';
    let sum = sums.get(region);
    if (!sum) {
      sum = { provinces: 0, district: empty(), commune: empty() };
      sums.set(region, sum);
    }
    sum.provinces += 1;
    add(sum.district, row.descendants.district);
    add(sum.commune, row.descendants.commune);
  }
  const order: RegionKey[] = [...REGIONS, 'unassigned'];
  return order.flatMap((region) => {
    const sum = sums.get(region);
    if (!sum) return [];
    const share = (c: CoverageCounts) => (c.total > 0 ? c.covered / c.total : null);
    return [
      {
        region,
        provinces: sum.provinces,
        district: hasDistricts ? sum.district : null,
        commune: sum.commune,
        communeShare: share(sum.commune),
        districtShare: hasDistricts ? share(sum.district) : null,
      },
    ];
  });
}
