import type { OwnerFilter, SchemeId } from '@mttq/core';
import type { Services } from '../http/services';
import { listLivePageFigures } from '../metrics/metric-queries';

export interface FollowerFilters {
  scheme: SchemeId;
  asOf: string;
  owner: OwnerFilter;
}

/**
 * Per unit of the scheme, the followers of its own live pages at asOf (each page's latest
 * figure up to the last month complete at asOf), the same figures /metrics/summary adds up. Units without a live
 * page are absent.
 */
export function getUnitFollowers(services: Services, filters: FollowerFilters): Map<string, number> {
  const followers = new Map<string, number>();
  for (const row of listLivePageFigures(services, { ...filters, platform: null }, null)) followers.set(row.unitCode, (followers.get(row.unitCode) ?? 0) + (row.followers ?? 0));
  return followers;
}
