// Request and response schemas of central staff's and provinces' work queues: pages waiting for
// verification, units with more than one live Front page, pages waiting for their reform34
// successor, and reviews of many pages at once.
import { z } from 'zod';
import { limitParam, offsetParam } from './query-limits';
import { isoDateSchema } from './dates';
import { ownerSchema, platformSchema } from './pages';
import { levelSchema, schemeIdSchema } from './schemes';

const provinceCodeSchema = z.string().regex(/^\d{2}$/, 'must be a province code of 2 digits, e.g. 51');
const namedUnitSchema = z.object({ code: z.string(), name: z.string() });

export const VERIFICATION_QUEUE_LIMIT = { default: 50, max: 500 } as const;

/** GET /reporting/verification-queue */
export const verificationQueueQuerySchema = z.strictObject({
  scheme: schemeIdSchema.optional().meta({ description: 'the scheme whose units and provinces are shown; default the scheme in force' }),
  province: provinceCodeSchema.optional(),
  platform: platformSchema.optional(),
  owner: ownerSchema.optional(),
  limit: limitParam(VERIFICATION_QUEUE_LIMIT, 'items per page'),
  offset: offsetParam('items to skip'),
});
export type VerificationQueueQuery = z.infer<typeof verificationQueueQuerySchema>;

export const verificationQueueItemSchema = z.object({
  pageId: z.number().int(),
  name: z.string(),
  url: z.string(),
  platform: platformSchema,
  owner: ownerSchema,
  unit: namedUnitSchema.extend({ level: levelSchema }).nullable().meta({ description: 'the page’s unit in the scheme; null when it has none there' }),
  province: namedUnitSchema.nullable(),
  waitingSince: isoDateSchema.meta({ description: 'the day it was last reported (or reopened) and not reviewed since' }),
  launchedOn: isoDateSchema,
});

export const verificationQueueResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    total: z.number().int().meta({ description: 'pages waiting under the filters' }),
    provinces: z.array(namedUnitSchema.extend({ count: z.number().int() })).meta({ description: 'pages waiting per province (platform and owner filters applied), most first' }),
    items: z.array(verificationQueueItemSchema).meta({ description: 'oldest first' }),
  })
  .meta({ id: 'VerificationQueue' });
export type VerificationQueueResponse = z.infer<typeof verificationQueueResponseSchema>;

/** POST /pages/reviews */
export const pageReviewsBodySchema = z
  .strictObject({
    pageIds: z.array(z.number().int().positive()).min(1, 'choose at least one page').max(500, 'at most 500 pages at once'),
    status: z.enum(['verified', 'rejected']),
    effectiveOn: isoDateSchema.meta({ description: 'YYYY-MM-DD, not in the future' }),
    note: z.string({ error: 'must be text' }).trim().max(2000, 'must be at most 2000 characters').optional().meta({ description: 'required for rejected: the reason every province reads' }),
  })
  .refine((body) => body.status !== 'rejected' || (body.note ?? '') !== '', { path: ['note'], message: 'give the reason for the rejection; the provinces read it' })
  .meta({ id: 'PageReviewsBody' });
export type PageReviewsBody = z.infer<typeof pageReviewsBodySchema>;

export const pageReviewsResponseSchema = z
  .object({
    done: z.number().int().meta({ description: 'pages reviewed' }),
    results: z.array(z.object({ pageId: z.number().int(), ok: z.boolean(), message: z.string().nullable().meta({ description: 'why this page was not reviewed' }) })),
  })
  .meta({ id: 'PageReviews' });
export type PageReviewsResponse = z.infer<typeof pageReviewsResponseSchema>;

/** GET /reporting/duplicate-front-pages */
export const duplicateFrontPagesQuerySchema = z.strictObject({
  scheme: schemeIdSchema.optional(),
  province: provinceCodeSchema.optional(),
});

export const duplicateFrontPagesResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: isoDateSchema,
    items: z.array(
      z.object({
        unit: namedUnitSchema.extend({ level: levelSchema }),
        province: namedUnitSchema,
        pages: z.array(z.object({ id: z.number().int(), name: z.string(), url: z.string(), platform: platformSchema, launchedOn: isoDateSchema })),
      }),
    ),
  })
  .meta({ id: 'DuplicateFrontPages' });
export type DuplicateFrontPagesResponse = z.infer<typeof duplicateFrontPagesResponseSchema>;

/** GET /reporting/successor-queue */
export const successorQueueQuerySchema = z.strictObject({
  province: provinceCodeSchema.optional().meta({ description: 'a legacy63 province code' }),
});

export const successorQueueResponseSchema = z
  .object({
    items: z.array(
      z.object({
        pageId: z.number().int(),
        name: z.string(),
        url: z.string(),
        legacyUnit: namedUnitSchema,
        candidates: z.array(namedUnitSchema).meta({ description: 'the reform34 communes the old commune was split into' }),
      }),
    ),
  })
  .meta({ id: 'SuccessorQueue' });
export type SuccessorQueueResponse = z.infer<typeof successorQueueResponseSchema>;
