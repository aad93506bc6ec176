// Request and response schemas of the write endpoints and the audit log, shared by api and web.
// The api validates every body with these; the web app can run the same checks in its forms.
import { z } from 'zod';
import { limitParam } from './query-limits';
import { isoDateSchema } from './dates';
import { ownerSchema, platformSchema } from './pages';
import { schemeIdSchema } from './schemes';

const unitCodeSchema = z.string().regex(/^\d{2}(\d|\d{3})?$/, 'must be a unit code of 2, 3 or 5 digits, e.g. 01, 001 or 00001');

/** Page names are stored as typed (markup and all) and shown as text; only surrounding spaces go. */
export const pageNameSchema = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters');

/** The raw URL as typed; the server checks it against the platform and normalises it. */
const rawUrlSchema = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(2048, 'must be at most 2048 characters')
  .meta({ description: 'the page address; normalised on the server (https, canonical host, no tracking parameters, no fragment)' });

const platformIdSchema = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .meta({ description: "the platform's own id of the page (e.g. a Facebook page id), when known" });

export const unitRefBodySchema = z.strictObject({
  scheme: schemeIdSchema,
  code: unitCodeSchema,
});

/** POST /pages */
export const createPageBodySchema = z
  .strictObject({
    platform: platformSchema,
    url: rawUrlSchema,
    name: pageNameSchema,
    owner: ownerSchema.default('front').meta({ description: 'front (default) or a member organisation' }),
    launchedOn: isoDateSchema.meta({ description: 'YYYY-MM-DD, not in the future' }),
    unit: unitRefBodySchema.meta({ description: 'the unit the page belongs to, in one scheme' }),
    platformId: platformIdSchema.optional(),
    confirmSecondFrontPage: z
      .boolean()
      .optional()
      .meta({ description: 'true to save a Front page for a unit that already has a live one (otherwise 409 second_front_page naming it)' }),
  })
  .meta({ id: 'CreatePageBody' });
export type CreatePageBody = z.infer<typeof createPageBodySchema>;

/** PATCH /pages/{id}: any of the fields; at least one. */
export const updatePageBodySchema = z
  .strictObject({
    platform: platformSchema.optional(),
    url: rawUrlSchema.optional(),
    name: pageNameSchema.optional(),
    owner: ownerSchema.optional(),
    launchedOn: isoDateSchema.optional(),
    platformId: platformIdSchema.nullable().optional().meta({ description: 'null clears it' }),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one of platform, url, name, owner, launchedOn, platformId')
  .meta({ id: 'UpdatePageBody' });
export type UpdatePageBody = z.infer<typeof updatePageBodySchema>;

/** PUT /pages/{id}/assignments/{scheme} */
export const assignmentParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a page id, a whole number such as 42'),
  scheme: schemeIdSchema,
});

export const assignPageBodySchema = z
  .strictObject({
    unitCode: unitCodeSchema.meta({ description: 'a unit of the scheme in the path' }),
  })
  .meta({ id: 'AssignPageBody' });
export type AssignPageBody = z.infer<typeof assignPageBodySchema>;

/**
 * The statuses a person records by hand. verified and rejected are central staff's; rejected
 * needs the reason in note. active / inactive come from metrics, not from this endpoint.
 */
export const RECORDABLE_STATUSES = ['reported', 'verified', 'rejected', 'closed', 'reopened'] as const;
export type RecordableStatus = (typeof RECORDABLE_STATUSES)[number];

/** POST /pages/{id}/events */
export const pageEventBodySchema = z
  .strictObject({
    status: z.enum(RECORDABLE_STATUSES),
    effectiveOn: isoDateSchema.meta({ description: "YYYY-MM-DD: not in the future, not before the page's launch" }),
    note: z
      .string({ error: 'must be text' })
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .nullable()
      .optional()
      .meta({ description: 'required for rejected: the reason the province will read' }),
  })
  .meta({ id: 'PageEventBody' });
export type PageEventBody = z.infer<typeof pageEventBodySchema>;

/** A month written YYYY-MM, e.g. 2024-05. */
const metricMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2024-05');

export const metricParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a page id, a whole number such as 42'),
  month: metricMonthSchema,
});

const COUNT_MESSAGE = 'must be a whole number, 0 or more';
const countSchema = z.number({ error: COUNT_MESSAGE }).int(COUNT_MESSAGE).min(0, COUNT_MESSAGE);

/** PUT /pages/{id}/metrics/{month}: the month's figures, replacing any stored ones. */
export const metricBodySchema = z
  .strictObject({
    followers: countSchema.meta({ description: 'at month end' }),
    posts: countSchema.meta({ description: 'posts in the month' }),
    interactions: countSchema.meta({ description: 'reactions, comments and shares in the month' }),
    views: countSchema.nullable().optional().meta({ description: 'views in the month, when the platform reports them' }),
    lastPostOn: isoDateSchema.nullable().optional().meta({ description: 'YYYY-MM-DD, the last post on or before month end' }),
  })
  .meta({ id: 'MetricBody' });
export type MetricBody = z.infer<typeof metricBodySchema>;

export const AUDIT_LIMIT = { default: 50, max: 200 } as const;

/** GET /audit */
export const auditQuerySchema = z.strictObject({
  entity: z.string().max(64, 'must be at most 64 characters').optional().meta({ description: 'page, page_assignment, page_status_event, metric_snapshot, …' }),
  entityId: z.string().max(200, 'must be at most 200 characters').optional().meta({ description: 'e.g. 42 for a page, 42/legacy63 for an assignment, 42/2024-05 for a month' }),
  username: z.string().max(64, 'must be at most 64 characters').optional().meta({ description: 'who wrote; case is ignored' }),
  from: isoDateSchema.optional().meta({ description: 'YYYY-MM-DD, first day (UTC) included' }),
  to: isoDateSchema.optional().meta({ description: 'YYYY-MM-DD, last day (UTC) included' }),
  limit: limitParam(AUDIT_LIMIT, 'entries per page'),
  cursor: z.string().max(200, 'is not a cursor from this endpoint; pass nextCursor unchanged').optional().meta({ description: 'nextCursor of the previous answer' }),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditSubjectSchema = z
  .object({
    page: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: 'the page the entry is about (a status event, assignment or month: its page)' }),
    unit: z
      .object({ scheme: schemeIdSchema, code: z.string(), name: z.string(), province: z.string().nullable().meta({ description: 'its province; null for a province' }) })
      .nullable()
      .meta({ description: "the unit: an assignment's or a report's own, else the page's unit in the scheme in force (or another scheme)" }),
    user: z.object({ id: z.number().int(), username: z.string() }).nullable().meta({ description: 'the account an account entry is about' }),
    label: z.string().nullable().meta({ description: "a snapshot's name, an import's file" }),
  })
  .meta({ id: 'AuditSubject', description: 'names of what the entry is about, so nobody reads bare ids' });
export type AuditSubject = z.infer<typeof auditSubjectSchema>;

export const auditLogEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().meta({ description: 'ISO timestamp (UTC) of the write' }),
    userId: z.number().int().nullable().meta({ description: 'null once the account is deleted' }),
    username: z.string(),
    action: z.string().meta({ description: 'create, update, …' }),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().meta({ description: 'the entity before the write; null when it did not exist' }),
    after: z.unknown().meta({ description: 'the entity after the write; null when it was removed' }),
    subject: auditSubjectSchema,
  })
  .meta({ id: 'AuditLogEntry' });
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditListResponseSchema = z
  .object({
    items: z.array(auditLogEntrySchema).meta({ description: 'newest first' }),
    nextCursor: z.string().nullable().meta({ description: 'pass as cursor for older entries; null on the last page' }),
  })
  .meta({ id: 'AuditList' });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
