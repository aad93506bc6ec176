import type { OwnerFilter, SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { bindLivePageMetrics, livePageMetrics } from '../metrics/metric-queries';
import { assignmentsAt } from '../db/assignment-source';

export interface FollowerFilters {
  scheme: SchemeId;
  asOf: string;
  owner: OwnerFilter;
}

interface DbUnitFollowers {
  unit_code: string;
  followers: number;
}

/**
 * Per unit of the scheme, the followers of its own live pages at asOf (each page's latest
 * figure up to the last month complete at asOf), the same figures /metrics/summary adds up. Units without a live
 * page are absent.
 */
export function getUnitFollowers(db: Db, filters: FollowerFilters): Map<string, number> {
  const rows = db
    .prepare(`SELECT unit_code, sum(coalesce(followers, 0)) AS followers FROM (${livePageMetrics(assignmentsAt(filters.scheme, filters.asOf), filters.owner)}) GROUP BY unit_code`)
    .all(bindLivePageMetrics({ ...filters, platform: null }, null)) as DbUnitFollowers[];
  return new Map(rows.map((r) => [r.unit_code, r.followers]));
}
