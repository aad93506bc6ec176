// Request and response schemas of the reporting endpoints, and the rules of completeness and
// timeliness, shared by api and web.
import { z } from 'zod';
import { queryParams } from './coverage';
import { isoDateSchema, lastDayOfMonth, toIsoDate } from './dates';
import { schemeIdSchema, SCHEMES, type SchemeId } from './schemes';

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** Deadlines are Vietnamese calendar days: a report is on time until 23:59:59 UTC+7 of the deadline. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

/** The calendar day in Vietnam of an instant: vietnamDate('2022-08-15T17:00:00.000Z') → '2022-08-16' */
export function vietnamDate(instant: string): string {
  return toIsoDate(new Date(Date.parse(instant) + VIETNAM_UTC_OFFSET_HOURS * 3_600_000));
}

/**
 * Was a report submitted at `submittedAt` (an ISO instant) on or before the `deadline` day,
 * in Vietnam time? The reference rule the API's SQL (date(submitted_at, '+7 hours')) mirrors.
 * isSubmittedOnTime('2022-08-15T16:59:59.999Z', '2022-08-15') → true
 */
export function isSubmittedOnTime(submittedAt: string, deadline: string): boolean {
  return vietnamDate(submittedAt) <= deadline;
}

/**
 * Why a deadline does not fit its month, or null when it does: a deadline may not fall before
 * the first day of the month reported on. deadlineProblem('2022-08', '2022-07-31') → 'must be …'
 */
export function deadlineProblem(month: string, deadline: string): string | null {
  return deadline < `${month}-01` ? `must not be before the first day of the month reported on (${month}-01); ${deadline} is` : null;
}

/**
 * Why a month cannot be reported on in a scheme, or null when it can: the month must overlap the
 * scheme's validity. monthProblem('legacy63', '2025-07') → '2025-07 is outside legacy63, …'
 */
export function monthProblem(scheme: SchemeId, month: string): string | null {
  const { validFrom, validTo } = SCHEMES[scheme];
  const isInside = lastDayOfMonth(month) >= validFrom && (validTo === null || `${month}-01` <= validTo);
  return isInside ? null : `${month} is outside ${scheme}, which is valid from ${validFrom}${validTo ? ` to ${validTo}` : ''}; pick a month of that range or the other scheme`;
}

/** Provinces of a scheme and how many reported, for one period or summed over several. */
export interface ReportingCounts {
  total: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
}

/** Counts from total, submitted and on time: toReportingCounts(63, 3, 2) → { total: 63, submitted: 3, onTime: 2, late: 1, missing: 60 } */
export function toReportingCounts(total: number, submitted: number, onTime: number): ReportingCounts {
  return { total, submitted, onTime, late: submitted - onTime, missing: total - submitted };
}

/** Completeness and timeliness as fractions of all provinces: { submitted: 3, onTime: 2, total: 63 } → { rate: 3/63, onTimeRate: 2/63 } */
export function reportingRates(counts: ReportingCounts): { rate: number; onTimeRate: number } {
  if (counts.total === 0) return { rate: 0, onTimeRate: 0 };
  return { rate: counts.submitted / counts.total, onTimeRate: counts.onTime / counts.total };
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** A calendar month written YYYY-MM. */
// abort: the object-level rules below only see well-formed months.
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month written YYYY-MM, e.g. 2022-08', abort: true });

export const NOTE_MAX_LENGTH = 2000;

export const reportingPeriodParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a reporting period id, a whole number such as 3'),
});

/** POST /reporting/periods */
export const createReportingPeriodBodySchema = z
  .strictObject({
    scheme: schemeIdSchema.meta({ description: 'legacy63 (months up to 2025-06) or reform34 (months from 2025-07)' }),
    month: monthSchema.meta({ description: 'the month reported on, YYYY-MM; one period per scheme and month' }),
    deadline: isoDateSchema.meta({ description: 'last day to submit, YYYY-MM-DD in Vietnam time; not before the first day of the month' }),
  })
  .superRefine((body, ctx) => {
    const month = monthProblem(body.scheme, body.month);
    if (month) ctx.addIssue({ code: 'custom', path: ['month'], message: month });
    // A deadline like 2022-02-30 already has its own issue.
    const deadline = isoDateSchema.safeParse(body.deadline).success ? deadlineProblem(body.month, body.deadline) : null;
    if (deadline) ctx.addIssue({ code: 'custom', path: ['deadline'], message: deadline });
  });
export type CreateReportingPeriodBody = z.infer<typeof createReportingPeriodBodySchema>;

/** PATCH /reporting/periods/{id} */
export const updateReportingPeriodBodySchema = z.strictObject({
  deadline: isoDateSchema.meta({ description: 'the new last day to submit, YYYY-MM-DD; not before the first day of the month' }),
});
export type UpdateReportingPeriodBody = z.infer<typeof updateReportingPeriodBodySchema>;

/** POST /reporting/periods/{id}/reports */
export const submitReportBodySchema = z.strictObject({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'must be a province code of 2 digits, e.g. 01')
    .meta({ description: "a province of the period's scheme; a province officer may submit only for the province of their scope" }),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`)
    .optional()
    .meta({ description: 'anything central staff should know; omitted on a re-submission keeps the previous note, "" clears it' }),
});
export type SubmitReportBody = z.infer<typeof submitReportBodySchema>;

export const reportingPeriodListQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
});
export type ReportingPeriodListQuery = z.infer<typeof reportingPeriodListQuerySchema>;

export const reportingCompletenessQuerySchema = z
  .strictObject({
    scheme: queryParams.scheme,
    from: monthSchema.optional().meta({ description: 'first month, YYYY-MM; default the earliest period' }),
    to: monthSchema.optional().meta({ description: 'last month, YYYY-MM; default the latest period' }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${query.from})` });
    }
  });
export type ReportingCompletenessQuery = z.infer<typeof reportingCompletenessQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

export const reportingCountsSchema = z
  .object({
    total: z.number().int().meta({ description: 'provinces of the scheme' }),
    submitted: z.number().int(),
    onTime: z.number().int().meta({ description: 'submitted on or before the deadline day, Vietnam time (UTC+7)' }),
    late: z.number().int().meta({ description: 'submitted after the deadline day' }),
    missing: z.number().int().meta({ description: 'not submitted (yet)' }),
  })
  .meta({ id: 'ReportingCounts', description: 'total = submitted + missing; submitted = onTime + late' });

const rateFields = {
  rate: z.number().meta({ description: 'completeness: submitted / total, a fraction (0.5 = 50%)' }),
  onTimeRate: z.number().meta({ description: 'timeliness: onTime / total, a fraction' }),
};

const periodFields = {
  id: z.number().int(),
  scheme: schemeIdSchema,
  month: z.string().meta({ description: 'YYYY-MM' }),
  deadline: z.string().meta({ description: 'YYYY-MM-DD, Vietnam time' }),
  isPastDeadline: z.boolean().meta({ description: 'the deadline day is before today' }),
};

export const reportingPeriodSchema = z
  .object({
    ...periodFields,
    openedAt: z.string().meta({ description: 'ISO instant the period was opened' }),
    openedBy: z.string().nullable().meta({ description: 'username; null when the account was deleted' }),
    provinces: reportingCountsSchema,
    ...rateFields,
  })
  .meta({ id: 'ReportingPeriod' });
export type ReportingPeriod = z.infer<typeof reportingPeriodSchema>;

export const reportingPeriodListResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string().meta({ description: 'today: the counts include every report submitted so far' }),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    periods: z.array(reportingPeriodSchema).meta({ description: 'newest month first' }),
  })
  .meta({ id: 'ReportingPeriodList' });
export type ReportingPeriodListResponse = z.infer<typeof reportingPeriodListResponseSchema>;

export const provinceReportRowSchema = z
  .object({
    provinceCode: z.string(),
    name: z.string(),
    submittedAt: z.string().nullable().meta({ description: 'ISO instant of the latest submission; null when missing' }),
    submittedBy: z.string().nullable().meta({ description: 'username of the latest submitter' }),
    isOnTime: z.boolean().nullable().meta({ description: 'submittedAt, in Vietnam time, is on or before the deadline day; null when missing' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'ProvinceReportRow' });
export type ProvinceReportRow = z.infer<typeof provinceReportRowSchema>;

export const periodCompletenessResponseSchema = z
  .object({
    period: z.number().int().meta({ description: 'the period id' }),
    scheme: schemeIdSchema,
    month: z.string(),
    deadline: z.string(),
    isPastDeadline: z.boolean(),
    asOf: z.string().meta({ description: 'today: the counts include every report submitted so far' }),
    demo: z.boolean(),
    provinces: reportingCountsSchema,
    ...rateFields,
    rows: z.array(provinceReportRowSchema).meta({ description: 'every province of the scheme, sorted by code' }),
  })
  .meta({ id: 'PeriodCompleteness' });
export type PeriodCompletenessResponse = z.infer<typeof periodCompletenessResponseSchema>;

export const provinceReportSchema = z
  .object({
    period: z.number().int(),
    scheme: schemeIdSchema,
    month: z.string(),
    deadline: z.string(),
    provinceCode: z.string(),
    name: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string().nullable(),
    isOnTime: z.boolean(),
    note: z.string().nullable(),
    isResubmission: z.boolean().meta({ description: 'the province had already submitted for this period; its report was updated' }),
  })
  .meta({ id: 'ProvinceReport' });
export type ProvinceReport = z.infer<typeof provinceReportSchema>;

export const completenessSeriesPointSchema = z
  .object({
    ...periodFields,
    provinces: reportingCountsSchema,
    ...rateFields,
  })
  .meta({ id: 'CompletenessSeriesPoint' });
export type CompletenessSeriesPoint = z.infer<typeof completenessSeriesPointSchema>;

export const provinceCompletenessRowSchema = z
  .object({
    provinceCode: z.string(),
    name: z.string(),
    periods: z.number().int().meta({ description: 'periods in the range' }),
    submitted: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    rate: z.number().meta({ description: 'submitted / periods; 0 when there are none' }),
    onTimeRate: z.number().meta({ description: 'onTime / periods; 0 when there are none' }),
  })
  .meta({ id: 'ProvinceCompletenessRow' });
export type ProvinceCompletenessRow = z.infer<typeof provinceCompletenessRowSchema>;

export const completenessResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    from: z.string().nullable().meta({ description: 'as asked; null when not given' }),
    to: z.string().nullable().meta({ description: 'as asked; null when not given' }),
    asOf: z.string(),
    demo: z.boolean(),
    periods: z.number().int().meta({ description: 'periods in the range' }),
    series: z.array(completenessSeriesPointSchema).meta({ description: 'one point per period, oldest month first' }),
    rows: z.array(provinceCompletenessRowSchema).meta({ description: 'every province of the scheme, sorted by code' }),
  })
  .meta({ id: 'ReportingCompleteness' });
export type CompletenessResponse = z.infer<typeof completenessResponseSchema>;
