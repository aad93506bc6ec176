// Request and response schemas of the pages endpoints, shared by api and web.
import { z } from 'zod';
import { limitParam } from './query-limits';
import { queryParams } from './coverage';
import { ASSIGNMENT_BASES, METRIC_SOURCES, OWNERS, pageStatusSchema, platformSchema, ownerSchema } from './pages';
import { levelSchema, schemeIdSchema } from './schemes';

/**
 * A page's status at asOf, for filtering the registry. Only pages launched on or before asOf
 * are listed at all. live: neither closed nor rejected by asOf; active: live and posted in
 * asOf's month or the month before; inactive: live, not active; verified / unverified: live
 * and verified by asOf or not; closed / rejected: such an event by asOf (a rejected page that
 * was then taken down is both).
 */
export const PAGE_STATUS_FILTERS = ['all', 'live', 'active', 'inactive', 'verified', 'unverified', 'closed', 'rejected'] as const;
export type PageStatusFilter = (typeof PAGE_STATUS_FILTERS)[number];

/**
 * Sort orders of the registry; a leading '-' means descending. Ties are broken by page id.
 * unit: in tree order, a province, then each district followed by its communes, by code.
 */
export const PAGE_SORTS = ['unit', 'name', 'launchedOn', '-launchedOn', '-followers'] as const;
export type PageSort = (typeof PAGE_SORTS)[number];

export const PAGE_LIMIT = { default: 50, max: 200 } as const;

export const pageListQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  parent: queryParams.parent,
  status: z.enum(PAGE_STATUS_FILTERS).default('all').meta({ description: 'status at asOf; default all (every page launched by asOf)' }),
  platform: queryParams.platform,
  owner: z
    .enum([...OWNERS, 'all'])
    .default('all')
    .meta({ description: 'all (default), front, or a member organisation' }),
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .meta({ description: 'part of the page name or URL, or the name or alias of its unit, district or province (TP.HCM, hagiang); case, diacritics, spaces and dots are ignored' }),
  sort: z.enum(PAGE_SORTS).default('unit').meta({ description: "unit (default: by unit code in tree order, a province, then each district followed by its communes), name, launchedOn, -launchedOn, -followers; '-' = descending" }),
  limit: limitParam(PAGE_LIMIT, 'items per page'),
  cursor: z
    .string()
    .max(1000, 'is not a cursor from this endpoint; pass nextCursor from the previous answer unchanged')
    .optional()
    .meta({ description: 'nextCursor of the previous answer, unchanged; omit for the first page' }),
});
export type PageListQuery = z.infer<typeof pageListQuerySchema>;

export const pageUnitRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: levelSchema,
});

export const pageStatusAtSchema = z
  .object({
    isLive: z.boolean(),
    isActive: z.boolean(),
    isVerified: z.boolean(),
    latest: pageStatusSchema.meta({ description: "the latest status event on or before asOf; 'reported' when there is none yet" }),
  })
  .meta({ id: 'PageStatusAt', description: 'isLive ≥ isActive, isLive ≥ isVerified' });

/** What every list of pages shows of a page. */
export const pageSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  platform: platformSchema,
  url: z.string(),
  owner: ownerSchema,
  launchedOn: z.string(),
});

export const pageListItemSchema = pageSummarySchema
  .extend({
    unit: pageUnitRefSchema.meta({ description: 'the unit of the scheme the page is assigned to' }),
    province: z.object({ code: z.string(), name: z.string() }).meta({ description: "the unit's province (the unit itself for a province page)" }),
    status: pageStatusAtSchema,
    followers: z.number().int().nullable().meta({ description: "followers in the latest snapshot at or before asOf's month; null without one" }),
  })
  .meta({ id: 'PageListItem' });
export type PageListItem = z.infer<typeof pageListItemSchema>;

export const pageListResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string(),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    total: z.number().int().meta({ description: 'pages matching the filters, over all pages of the answer' }),
    items: z.array(pageListItemSchema),
    nextCursor: z.string().nullable().meta({ description: 'pass as cursor to get the next items; null on the last page' }),
    search: z
      .object({
        places: z.array(pageUnitRefSchema).meta({ description: 'the units q names (by name or alias); pages inside them match too' }),
        provinces: z.number().int().meta({ description: 'how many provinces the matching pages are in' }),
      })
      .nullable()
      .meta({ description: 'null without q' }),
  })
  .meta({ id: 'PageList' });
export type PageListResponse = z.infer<typeof pageListResponseSchema>;

export const pageParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a page id, a whole number such as 42'),
});

export const pageStatusEventSchema = z
  .object({
    status: pageStatusSchema,
    effectiveOn: z.string(),
    recordedBy: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'PageStatusEvent' });
export type PageStatusEvent = z.infer<typeof pageStatusEventSchema>;

export const pageAssignmentSchema = z
  .object({
    scheme: schemeIdSchema,
    code: z.string(),
    name: z.string(),
    level: levelSchema,
    basis: z.enum(ASSIGNMENT_BASES).meta({ description: 'direct, crosswalk (carried across the 2025 reform) or manual' }),
  })
  .meta({ id: 'PageAssignment' });
export type PageAssignment = z.infer<typeof pageAssignmentSchema>;

export const pageMonthMetricsSchema = z
  .object({
    month: z.string().meta({ description: 'YYYY-MM' }),
    followers: z.number().int().meta({ description: 'at month end' }),
    posts: z.number().int(),
    interactions: z.number().int(),
    views: z.number().int().nullable(),
    lastPostOn: z.string().nullable(),
    source: z.enum(METRIC_SOURCES),
  })
  .meta({ id: 'PageMonthMetrics' });
export type PageMonthMetrics = z.infer<typeof pageMonthMetricsSchema>;

export const pageDetailSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    platform: platformSchema,
    url: z.string(),
    platformId: z.string().nullable(),
    owner: ownerSchema,
    launchedOn: z.string(),
    demo: z.boolean().meta({ description: 'true when this page is demo data' }),
    history: z.array(pageStatusEventSchema).meta({ description: 'every status event, by effectiveOn then the order recorded' }),
    assignments: z.array(pageAssignmentSchema).meta({ description: 'one per scheme the page belongs to, legacy63 first' }),
    metrics: z.array(pageMonthMetricsSchema).meta({ description: 'one per reported month, by month' }),
  })
  .meta({ id: 'PageDetail' });
export type PageDetail = z.infer<typeof pageDetailSchema>;
