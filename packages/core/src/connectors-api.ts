import { z } from 'zod';
import { pageDetailSchema } from './pages-api';
import { METRIC_SOURCES, platformSchema } from './pages';

/**
 * Connectors: monthly figures collected from the platforms' APIs (apps/api/src/connectors), the
 * credentials they use (stored encrypted, never answered), the runs, and where each monthly
 * figure of a page came from.
 */

/** Platforms whose figures can be collected without the account owner's sign-in. */
export const COLLECTABLE_PLATFORMS = ['facebook', 'youtube', 'zalo'] as const;
export type CollectablePlatform = (typeof COLLECTABLE_PLATFORMS)[number];

export const CREDENTIAL_KINDS = ['system_user_token', 'page_token', 'api_key', 'oa_token'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Why a page was skipped or failed, or why a metric was left out. */
export const CONNECTOR_REASONS = [
  'no_credential',
  'not_supported',
  'token_expired',
  'credential_invalid',
  'page_not_found',
  'rate_limited',
  'quota_exceeded',
  'network',
  'platform_error',
  'insights_unavailable',
  'metric_deprecated',
  'no_baseline',
  'hidden_by_owner',
  'not_offered',
] as const;
export const connectorReasonSchema = z.enum(CONNECTOR_REASONS);
export type ConnectorReason = z.infer<typeof connectorReasonSchema>;

export const COLLECTED_METRICS = ['followers', 'posts', 'interactions', 'views'] as const;
export type CollectedMetric = (typeof COLLECTED_METRICS)[number];

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2026-10');
const label = z.string().trim().min(1, 'must not be empty').max(120, 'must have at most 120 characters');
const secret = (what: string) => z.string().trim().min(8, `must be the ${what} as the platform gave it (8 characters or more)`).max(4096);
const pageIdField = z.number().int().positive().meta({ description: 'the page (GET /pages) this credential belongs to' });

export const credentialCreateBodySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      platform: z.literal('facebook'),
      kind: z.literal('system_user_token'),
      label,
      accessToken: secret('system user access token'),
    }),
    z.strictObject({
      platform: z.literal('facebook'),
      kind: z.literal('page_token'),
      label,
      pageId: pageIdField,
      accessToken: secret('Page access token'),
    }),
    z.strictObject({ platform: z.literal('youtube'), kind: z.literal('api_key'), label, apiKey: secret('API key') }),
    z.strictObject({
      platform: z.literal('zalo'),
      kind: z.literal('oa_token'),
      label,
      pageId: pageIdField,
      appId: z.string().trim().min(1).max(64),
      secretKey: secret('application secret key'),
      accessToken: secret('OA access token'),
      refreshToken: secret('OA refresh token'),
    }),
  ])
  .meta({
    id: 'ConnectorCredentialInput',
    description:
      'facebook: a system user token (every page the business manages) or a Page token (one page); youtube: an API key; zalo: one Official Account token pair with its application id and secret key (for the refresh flow).',
  });
export type CredentialCreateBody = z.infer<typeof credentialCreateBodySchema>;

export const credentialCheckSchema = z
  .object({
    at: z.string(),
    ok: z.boolean(),
    message: z.string().meta({ description: "what the platform answered, e.g. the Official Account's name, or its error" }),
  })
  .meta({ id: 'ConnectorCredentialCheck' });
export type CredentialCheck = z.infer<typeof credentialCheckSchema>;

export const credentialSchema = z
  .object({
    id: z.number().int(),
    platform: platformSchema,
    kind: z.enum(CREDENTIAL_KINDS),
    label: z.string(),
    pageId: z.number().int().nullable(),
    pageName: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    lastCheck: credentialCheckSchema.nullable(),
  })
  .meta({ id: 'ConnectorCredential', description: 'A stored credential; its secret is never answered.' });
export type ConnectorCredential = z.infer<typeof credentialSchema>;

export const credentialParamsSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'must be a credential id such as 3') });

const counts = {
  total: z.number().int().meta({ description: 'pages in the run' }),
  done: z.number().int(),
  collected: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
};

export const RUN_STATUSES = ['running', 'finished', 'interrupted', 'failed'] as const;
export const RUN_TRIGGERS = ['schedule', 'manual'] as const;

export const connectorRunSchema = z
  .object({
    id: z.number().int(),
    month: z.string(),
    trigger: z.enum(RUN_TRIGGERS),
    startedBy: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(RUN_STATUSES),
    ...counts,
    platforms: z.array(z.object({ platform: platformSchema, ...counts })),
    quota: z.object({
      youtubeUnits: z.number().int().meta({ description: 'YouTube Data API units spent (1 per channels.list call)' }),
      youtubeDailyUnits: z.number().int().meta({ description: 'the default daily quota of a Google Cloud project' }),
    }),
    message: z.string().nullable(),
  })
  .meta({ id: 'ConnectorRun' });
export type ConnectorRun = z.infer<typeof connectorRunSchema>;

export const connectorPlatformSchema = z.object({
  platform: platformSchema,
  collectable: z.boolean(),
  credentials: z.number().int(),
  note: z.string().meta({ description: 'what is collected, or why nothing is' }),
});

export const connectorStatusSchema = z
  .object({
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'why collection is off (no CONNECTOR_KEY), in plain words' }),
    collectDay: z.number().int().nullable().meta({ description: 'day of the month the previous month is collected; null: no schedule' }),
    defaultMonth: z.string().meta({ description: 'the month "collect now" collects when none is given: the last month that ended' }),
    platforms: z.array(connectorPlatformSchema),
    credentials: z.array(credentialSchema).meta({ description: 'admins only; empty for central staff' }),
    currentRun: connectorRunSchema.nullable(),
    runs: z.array(connectorRunSchema).meta({ description: 'the 24 latest runs, newest first' }),
  })
  .meta({ id: 'ConnectorStatus' });
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

export const startRunBodySchema = z
  .strictObject({ month: monthSchema.optional().meta({ description: 'the month ended last (default) or the current month' }) })
  .meta({ id: 'ConnectorRunInput' });

export const runParamsSchema = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'must be a run id such as 12') });

export const runPagesQuerySchema = z.strictObject({
  outcome: z.enum(['collected', 'skipped', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const collectedFiguresSchema = z.object({
  followers: z.number().int().nullable(),
  posts: z.number().int().nullable(),
  interactions: z.number().int().nullable(),
  views: z.number().int().nullable(),
});
export type CollectedFigures = z.infer<typeof collectedFiguresSchema>;

export const skippedMetricSchema = z.object({ metric: z.enum(COLLECTED_METRICS), reason: connectorReasonSchema, message: z.string() });
export type SkippedMetric = z.infer<typeof skippedMetricSchema>;

export const runPageSchema = z
  .object({
    pageId: z.number().int(),
    pageName: z.string(),
    platform: platformSchema,
    outcome: z.enum(['collected', 'skipped', 'failed']),
    reason: connectorReasonSchema.nullable(),
    message: z.string().nullable().meta({ description: "the platform's error, or why the page was skipped" }),
    attempts: z.number().int(),
    at: z.string(),
  })
  .meta({ id: 'ConnectorRunPage' });
export type ConnectorRunPage = z.infer<typeof runPageSchema>;

export const runPagesResponseSchema = z.object({ total: z.number().int(), items: z.array(runPageSchema) }).meta({ id: 'ConnectorRunPages' });
export type ConnectorRunPages = z.infer<typeof runPagesResponseSchema>;

/** One month of a page: the collected figure (shown when there is one), the reported one, and how they differ. */
export const monthlySourceSchema = z
  .object({
    month: z.string(),
    shown: z.enum(['collected', 'reported']),
    collected: collectedFiguresSchema
      .extend({
        platform: platformSchema,
        collectedAt: z.string(),
        runId: z.number().int().nullable(),
        skipped: z.array(skippedMetricSchema),
      })
      .nullable(),
    reported: collectedFiguresSchema
      .extend({
        source: z.enum(METRIC_SOURCES),
        recordedBy: z.string().nullable().meta({ description: 'who entered or imported it (username or role, as for status events); null when unknown (demo data)' }),
        recordedAt: z.string().nullable(),
      })
      .nullable(),
    difference: collectedFiguresSchema.nullable().meta({ description: 'collected minus reported, per figure both have; null unless both exist' }),
  })
  .meta({ id: 'PageMonthlySource' });
export type MonthlySource = z.infer<typeof monthlySourceSchema>;

export const pageDetailWithSourcesSchema = pageDetailSchema
  .extend({
    monthlySources: z.array(monthlySourceSchema).meta({ description: 'every month with a collected or reported figure, by month' }),
  })
  .meta({ id: 'PageDetailWithSources' });
export type PageDetailWithSources = z.infer<typeof pageDetailWithSourcesSchema>;
