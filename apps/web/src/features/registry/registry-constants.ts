/**
 * The registry's option lists. They mirror the zod enums in @mttq/core (pages.ts, pages-api.ts),
 * written out here because the browser's route chunks do not load zod; the `satisfies` checks keep
 * them in step with the core types, and registry-search.test.ts checks they are complete.
 */
import type { Owner, OwnerFilter, PageSort, PageStatusFilter, Platform } from '@mttq/core';

export const PLATFORMS = ['facebook', 'zalo', 'tiktok', 'youtube'] as const satisfies readonly Platform[];

export const OWNERS = ['front', 'youth_union', 'women_union', 'farmers_union', 'veterans_union', 'trade_union'] as const satisfies readonly Owner[];

export const OWNER_FILTERS = ['all', ...OWNERS] as const satisfies readonly OwnerFilter[];

export const PAGE_STATUS_FILTERS = ['all', 'live', 'active', 'inactive', 'verified', 'unverified', 'closed', 'rejected'] as const satisfies readonly PageStatusFilter[];

export const PAGE_SORTS = ['unit', 'name', 'launchedOn', '-launchedOn', '-followers'] as const satisfies readonly PageSort[];

/** Items per page the list offers; the API takes 1 to 200. */
export const PAGE_LIMITS = [25, 50, 100, 200] as const;
