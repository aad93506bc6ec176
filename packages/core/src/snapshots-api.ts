import { z } from 'zod';
import { coverageCountsSchema, coverageResponseSchema, ownerFilterSchema } from './coverage';
import { isoDateSchema } from './dates';
import { levelSchema, schemeIdSchema } from './schemes';
import { metricsSummaryResponseSchema, rankingResponseSchema, timelineResponseSchema } from './trends-api';

// --- Frozen snapshots: named, dated figures that never change after publishing ---------------

export const createSnapshotBodySchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty: name the occasion, e.g. "Hội nghị trực tuyến toàn quốc 12/08/2022"')
      .max(160, 'must be at most 160 characters'),
    scheme: schemeIdSchema,
    asOf: isoDateSchema.meta({ description: "YYYY-MM-DD inside the scheme's validity, not after today" }),
    owner: ownerFilterSchema.meta({ description: 'front (default), a member organisation, or all' }),
    confirmDuplicate: z
      .boolean()
      .optional()
      .meta({ description: 'true publishes even when a snapshot with the same name and asOf exists (otherwise 409 duplicate_snapshot)' }),
  })
  .meta({ id: 'CreateSnapshotBody' });
export type CreateSnapshotBody = z.infer<typeof createSnapshotBodySchema>;

export const snapshotParamsSchema = z.strictObject({
  id: z.string().regex(/^[1-9]\d{0,9}$/, 'must be a snapshot id (a positive whole number)'),
});

export const snapshotListQuerySchema = z.strictObject({ scheme: schemeIdSchema.optional() });
export type SnapshotListQuery = z.infer<typeof snapshotListQuerySchema>;

/** Everything the overview and the briefing show, as the read API answered it when the snapshot was published. */
export const snapshotFiguresSchema = z
  .object({
    coverage: coverageResponseSchema.meta({ description: 'GET /coverage at province level' }),
    timelines: z.partialRecord(levelSchema, timelineResponseSchema).meta({ description: 'GET /coverage/timeline per level, monthly up to asOf' }),
    rankings: rankingResponseSchema.meta({ description: 'GET /rankings of provinces by commune coverage' }),
    metrics: metricsSummaryResponseSchema.meta({ description: 'GET /metrics/summary nationwide' }),
  })
  .meta({ id: 'SnapshotFigures' });
export type SnapshotFigures = z.infer<typeof snapshotFiguresSchema>;

export const snapshotSummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scheme: schemeIdSchema,
    asOf: z.string(),
    owner: z.string(),
    demo: z.boolean().meta({ description: 'true when the figures were taken from demo data' }),
    createdAt: z.string().meta({ description: 'ISO instant of publishing' }),
    createdBy: z.string(),
    levels: z.partialRecord(levelSchema, coverageCountsSchema).meta({ description: 'the national headline per level, as frozen' }),
  })
  .meta({ id: 'SnapshotSummary' });
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const snapshotSchema = snapshotSummarySchema.extend({ figures: snapshotFiguresSchema }).meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotSummarySchema).meta({ description: 'newest first' }) });
export type SnapshotListResponse = z.infer<typeof snapshotListResponseSchema>;
