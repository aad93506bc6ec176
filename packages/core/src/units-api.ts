// Request and response schemas of the units endpoints, shared by api and web.
import { z } from 'zod';
import { limitParam } from './query-limits';
import { pageSummarySchema } from './pages-api';
import { queryParams } from './coverage';
import { pageStatusSchema } from './pages';
import { levelSchema, schemeIdSchema, type SchemeId } from './schemes';
import { CROSSWALK_BASES, regionSchema } from './units';

/** Each scheme's name for people, Vietnamese and English side by side. */
export const SCHEME_NAMES: Record<SchemeId, { vi: string; en: string }> = {
  legacy63: { vi: 'Cơ cấu 63 tỉnh, thành (trước 1/7/2025)', en: '63 provinces with districts (until 30 Jun 2025)' },
  reform34: { vi: 'Cơ cấu 34 tỉnh, thành (từ 1/7/2025)', en: '34 provinces without districts (from 1 Jul 2025)' },
};

const levelCountsSchema = z.partialRecord(levelSchema, z.number().int());

// ---------------------------------------------------------------------------------------------
// GET /schemes
// ---------------------------------------------------------------------------------------------

export const schemeSummarySchema = z
  .object({
    id: schemeIdSchema,
    nameVi: z.string(),
    nameEn: z.string(),
    validFrom: z.string().meta({ description: 'first day in force, YYYY-MM-DD' }),
    validTo: z.string().nullable().meta({ description: 'last day in force, YYYY-MM-DD; null while current' }),
    levels: z.array(levelSchema).meta({ description: 'top level first' }),
    counts: levelCountsSchema.meta({ description: 'units per level, as stored in the database' }),
  })
  .meta({ id: 'SchemeSummary' });
export type SchemeSummary = z.infer<typeof schemeSummarySchema>;

export const schemesResponseSchema = z
  .object({
    defaultScheme: schemeIdSchema.meta({ description: 'the scheme the read endpoints use when none is given' }),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    schemes: z.array(schemeSummarySchema).meta({ description: 'legacy63 first' }),
  })
  .meta({ id: 'Schemes' });
export type SchemesResponse = z.infer<typeof schemesResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /units
// ---------------------------------------------------------------------------------------------

export const UNIT_LIMIT = { default: 50, max: 500 } as const;

export const unitListQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  parent: queryParams.parent,
  level: queryParams.level.meta({
    description: 'without q: the level to list under parent (default: the level right below it, or provinces); with q: only this level',
  }),
  q: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .optional()
    .meta({ description: 'a Vietnamese unit name, with or without diacritics, kind words or abbreviations (TP.HCM, P1); blank means browse' }),
  limit: limitParam(UNIT_LIMIT, 'items to return'),
});
export type UnitListQuery = z.infer<typeof unitListQuerySchema>;

/** Why a search result matched, strongest first; mirrors MatchReason in @mttq/admin-units. */
export const MATCH_REASONS = ['exact', 'same-name-key', 'alias', 'no-diacritics', 'prefix', 'fuzzy'] as const;
export const matchReasonSchema = z.enum(MATCH_REASONS);
export type MatchReasonName = z.infer<typeof matchReasonSchema>;

export const unitItemSchema = z
  .object({
    code: z.string(),
    name: z.string().meta({ description: 'full official name with its kind, e.g. Tỉnh Hà Giang' }),
    shortName: z.string().meta({ description: 'name without the kind, e.g. Hà Giang' }),
    level: levelSchema,
    kind: z.string(),
    parentCode: z.string().nullable().meta({ description: 'null for provinces' }),
    provinceCode: z.string(),
    region: regionSchema,
  })
  .meta({ id: 'UnitItem' });
export type UnitItem = z.infer<typeof unitItemSchema>;

export const unitListItemSchema = unitItemSchema
  .extend({
    reason: matchReasonSchema.optional().meta({ description: 'only with q: how the name matched' }),
    score: z.number().optional().meta({ description: 'only with q: 0..1, higher is better; comparable within one answer' }),
  })
  .meta({ id: 'UnitListItem' });
export type UnitListItem = z.infer<typeof unitListItemSchema>;

export const unitListResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    parent: z.string().nullable(),
    level: levelSchema.nullable().meta({ description: 'the level listed; with q, null when every level was searched' }),
    q: z.string().nullable(),
    total: z.number().int().meta({ description: 'units listed or matched before limit' }),
    items: z.array(unitListItemSchema).meta({ description: 'without q sorted by code; with q best match first' }),
  })
  .meta({ id: 'UnitList' });
export type UnitListResponse = z.infer<typeof unitListResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /units/{scheme}/{code}
// ---------------------------------------------------------------------------------------------

export const unitParamsSchema = z.object({
  scheme: schemeIdSchema,
  // The same code format as the parent parameter.
  code: queryParams.parent.unwrap(),
});

export const unitDetailQuerySchema = z.strictObject({
  asOf: queryParams.asOf,
});
export type UnitDetailQuery = z.infer<typeof unitDetailQuerySchema>;

export const unitPageSchema = pageSummarySchema
  .extend({
    status: pageStatusSchema.meta({ description: "the latest status event on or before asOf; 'reported' when there is none yet" }),
    statusSince: z.string().nullable().meta({ description: 'effective date of that event; null when there is none yet' }),
    isLive: z.boolean().meta({ description: 'neither closed nor rejected by asOf' }),
  })
  .meta({ id: 'UnitPage' });
export type UnitPage = z.infer<typeof unitPageSchema>;

export const crosswalkLinkSchema = z
  .object({
    scheme: schemeIdSchema,
    code: z.string(),
    name: z.string(),
    level: levelSchema.meta({ description: 'province for a province or a legacy63 district (linked through its province)' }),
    basis: z.enum(CROSSWALK_BASES).meta({ description: 'how the edge was established: code, name (approximate) or manual' }),
    isSplit: z.boolean().meta({ description: 'the old unit was divided between several new units' }),
  })
  .meta({ id: 'CrosswalkLink' });
export type CrosswalkLink = z.infer<typeof crosswalkLinkSchema>;

export const CROSSWALK_STATUSES = ['matched', 'unmatched', 'none'] as const;

export const unitDetailResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string().meta({ description: "the date page statuses are read at; default today clamped into the scheme's validity" }),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    unit: unitItemSchema,
    ancestors: z.array(unitItemSchema).meta({ description: 'province first, then district' }),
    children: levelCountsSchema.meta({ description: 'units per lower level of the scheme inside this unit' }),
    pages: z.array(unitPageSchema).meta({ description: 'pages assigned to this unit and launched on or before asOf, by launch date' }),
    nowPartOf: z
      .array(crosswalkLinkSchema)
      .optional()
      .meta({ description: 'legacy63 units only: the reform34 units it became part of' }),
    formerly: z
      .array(crosswalkLinkSchema)
      .optional()
      .meta({ description: 'reform34 units only: the legacy63 units it was made from' }),
    crosswalkStatus: z.enum(CROSSWALK_STATUSES).meta({
      description:
        'matched: has links; unmatched: a legacy63 commune the crosswalk could not place, for a person to decide; none: no links (e.g. a reform34 commune with no legacy63 predecessor)',
    }),
  })
  .meta({ id: 'UnitDetail' });
export type UnitDetailResponse = z.infer<typeof unitDetailResponseSchema>;
