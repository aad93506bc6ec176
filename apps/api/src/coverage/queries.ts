import type { OwnerFilter, Platform, SchemeId } from '@mttq/core';

/** Everything a coverage figure depends on. */
export interface CoverageFilters {
  scheme: SchemeId;
  asOf: string;
  owner: OwnerFilter;
  platform: Platform | null;
}
