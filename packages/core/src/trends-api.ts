// Request and response schemas of the trends endpoints, shared by api and web.
import { z } from 'zod';
import { coverageBoundSchema, figureBasisSchema, queryParams } from './coverage';
import { isoDateSchema } from './dates';
import { platformSchema } from './pages';
import { levelSchema, schemeIdSchema } from './schemes';
import { MAX_TIMELINE_POINTS, TIMELINE_INTERVALS } from './trends';

export * from './trends';

// --- GET /coverage/timeline ------------------------------------------------------------------

export const timelineQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  level: queryParams.level,
  parent: queryParams.parent,
  from: isoDateSchema.optional().meta({
    description: "YYYY-MM-DD, inside the scheme's validity; default the scheme's first day, or the first page launch if later",
  }),
  to: isoDateSchema.optional().meta({ description: "YYYY-MM-DD, inside the scheme's validity; default today, clamped into it" }),
  interval: z
    .enum(TIMELINE_INTERVALS)
    .default('month')
    .meta({ description: `month (a point at each month end, default) or week (at each Sunday); at most ${MAX_TIMELINE_POINTS} points` }),
  owner: queryParams.owner,
  platform: queryParams.platform,
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const timelinePointSchema = z
  .object({
    date: z.string().meta({ description: 'the as-of date of this point: a period end, or `to` for the last, unfinished period' }),
    total: z.number().int(),
    covered: z.number().int(),
    active: z.number().int(),
    verified: z.number().int(),
    basis: figureBasisSchema,
    lower: coverageBoundSchema.optional().meta({ description: 'back-cast commune points: the lower bound' }),
    upper: coverageBoundSchema.optional().meta({ description: 'back-cast commune points: the upper bound' }),
  })
  .meta({ id: 'TimelinePoint', description: 'Equal to /coverage levels[level] (and bounds) with asOf = date' });
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const timelineMarkerSchema = z.object({ date: z.string(), label: z.string() }).meta({ id: 'TimelineMarker' });
export type TimelineMarker = z.infer<typeof timelineMarkerSchema>;

export const timelineResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    level: levelSchema,
    parent: z.string().nullable(),
    interval: z.enum(TIMELINE_INTERVALS),
    from: z.string(),
    to: z.string(),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    points: z.array(timelinePointSchema).meta({ description: 'oldest first' }),
    markers: z.array(timelineMarkerSchema).meta({ description: 'events dated from `from` to `to`' }),
  })
  .meta({ id: 'CoverageTimeline' });
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;

// --- GET /rankings ---------------------------------------------------------------------------

export const RANKING_METRICS = ['coverage', 'active', 'verified', 'followerGrowth'] as const;
export const rankingMetricSchema = z.enum(RANKING_METRICS);
export type RankingMetric = z.infer<typeof rankingMetricSchema>;

export const rankingQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  level: queryParams.level,
  parent: queryParams.parent,
  metric: rankingMetricSchema.default('coverage').meta({
    description:
      'coverage, active, verified: share of the communes below a unit (a commune: 1 or 0); followerGrowth: followers of live pages in the month of asOf against the month before',
  }),
  owner: queryParams.owner,
});
export type RankingQuery = z.infer<typeof rankingQuerySchema>;

export const rankingRowSchema = z
  .object({
    rank: z.number().int().nullable().meta({ description: 'competition ranking (1, 2, 2, 4); null when there is nothing to divide by' }),
    code: z.string(),
    name: z.string(),
    value: z.number().nullable().meta({ description: 'numerator / denominator, a fraction (0.125 = 12.5%)' }),
    numerator: z.number().meta({ description: 'covered, active or verified communes; or followers gained' }),
    denominator: z.number().meta({ description: 'communes; or followers in the month before' }),
    previousRank: z.number().int().nullable().meta({ description: 'rank on the same metric at the end of the previous month; null outside the scheme' }),
    rankChange: z.number().int().nullable().meta({ description: 'previousRank − rank: positive means moved up' }),
  })
  .meta({ id: 'RankingRow' });
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string(),
    previousAsOf: z.string().nullable().meta({ description: 'the date previousRank refers to; null when there is no data then' }),
    demo: z.boolean(),
    basis: figureBasisSchema,
    level: levelSchema,
    parent: z.string().nullable(),
    metric: rankingMetricSchema,
    rows: z.array(rankingRowSchema).meta({ description: 'by rank; ties by code (communes: by name)' }),
  })
  .meta({ id: 'Rankings' });
export type RankingResponse = z.infer<typeof rankingResponseSchema>;

// --- GET /metrics/summary --------------------------------------------------------------------

export const metricsSummaryQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  parent: queryParams.parent,
  owner: queryParams.owner,
  platform: platformSchema.optional(),
});
export type MetricsSummaryQuery = z.infer<typeof metricsSummaryQuerySchema>;

const sumAndMedian = z.object({ sum: z.number().int(), median: z.number().nullable() });

export const metricsFiguresSchema = z
  .object({
    asOf: z.string().meta({ description: 'pages live on this date count' }),
    month: z.string().meta({ description: 'YYYY-MM whose snapshots are used' }),
    pages: z.number().int().meta({ description: 'live pages in scope' }),
    reportingPages: z.number().int().meta({ description: 'live pages with a snapshot for the month (posts and interactions come from these)' }),
    followers: sumAndMedian.meta({ description: "each live page's latest followers up to the month" }),
    posts: sumAndMedian,
    interactions: sumAndMedian,
    activePages: z.number().int().meta({ description: 'live pages that posted in the month or the month before' }),
    activeShare: z.number().nullable().meta({ description: 'activePages / pages, a fraction; null without pages' }),
  })
  .meta({ id: 'MetricsFigures' });
export type MetricsFigures = z.infer<typeof metricsFiguresSchema>;

const changeSchema = z
  .object({
    absolute: z.number().nullable(),
    percent: z.number().nullable().meta({ description: '100 × absolute / previous; null when previous is 0' }),
  })
  .meta({ id: 'Change' });

export const metricsChangeSchema = z
  .object({
    pages: changeSchema,
    followers: changeSchema,
    posts: changeSchema,
    interactions: changeSchema,
    activePages: changeSchema,
    activeShare: changeSchema,
  })
  .meta({ id: 'MetricsChange', description: 'current against previous; followers, posts and interactions compare sums; activeShare.absolute is in share points (0.05 = 5 points)' });
export type MetricsChange = z.infer<typeof metricsChangeSchema>;

export const metricsSummaryResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string(),
    month: z.string(),
    demo: z.boolean(),
    basis: figureBasisSchema,
    parent: z.string().nullable(),
    current: metricsFiguresSchema,
    // A union rather than .nullable(), so the shared components themselves stay non-null in OpenAPI.
    previous: z
      .union([metricsFiguresSchema, z.null()])
      .meta({ description: 'the same at the end of the previous month; null when that lies outside the scheme' }),
    change: z.union([metricsChangeSchema, z.null()]).meta({ description: 'null without previous figures' }),
  })
  .meta({ id: 'MetricsSummary' });
export type MetricsSummaryResponse = z.infer<typeof metricsSummaryResponseSchema>;
