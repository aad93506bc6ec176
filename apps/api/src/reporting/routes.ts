import { createRoute } from '@hono/zod-openapi';
import {
  completenessResponseSchema,
  createReportingPeriodBodySchema,
  noQuerySchema,
  periodCompletenessResponseSchema,
  provinceReportSchema,
  reportingCompletenessQuerySchema,
  reportingPeriodListQuerySchema,
  reportingPeriodListResponseSchema,
  reportingPeriodParamsSchema,
  reportingPeriodSchema,
  submitReportBodySchema,
  updateReportingPeriodBodySchema,
} from '@mttq/core';
import { jsonResponse } from '../http/json-response';
import { errorResponses, errorSchema } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { onlyRoles } from '../writes/write-http';
import {
  getPeriodCompleteness,
  getReportingCompleteness,
  listReportingPeriods,
  openReportingPeriod,
  submitProvinceReport,
  updateReportingPeriod,
} from './periods';

const errorJson = { 'application/json': { schema: errorSchema } };

/** The error answers every reporting write documents. */
const writeErrorResponses = {
  400: { description: 'Bad input: details name each field and what to change', content: errorJson },
  401: { description: 'Not signed in', content: errorJson },
  403: { description: 'Missing x-csrf-token, a role that may not do this, or a province outside your scope', content: errorJson },
  404: { description: 'Unknown reporting period', content: errorJson },
} as const;

// The role is checked before the body is read or validated, so a viewer gets 403, never a 400
// about a body it may not send (periods.ts checks it again, with the scope).
const PERIOD_WRITERS = onlyRoles(['admin', 'central']);
const REPORT_WRITERS = onlyRoles(['admin', 'central', 'province']);

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const jsonBody = <T>(schema: T) => ({ content: json(schema), required: true });

const listPeriodsRoute = createRoute({
  method: 'get',
  path: '/reporting/periods',
  summary: "A scheme's monthly reporting periods, newest first, with their completeness",
  request: { query: reportingPeriodListQuerySchema },
  responses: {
    200: { description: 'Periods, newest month first', content: json(reportingPeriodListResponseSchema) },
    ...errorResponses,
  },
});

const openPeriodRoute = createRoute({
  method: 'post',
  path: '/reporting/periods',
  summary: 'Open a monthly reporting period (admin, central staff)',
  description: 'One period per scheme and month. The deadline is a Vietnamese calendar day, not before the first day of the month.',
  middleware: [PERIOD_WRITERS] as const,
  request: { body: jsonBody(createReportingPeriodBodySchema) },
  responses: {
    201: { description: 'The period, with no reports yet', content: json(reportingPeriodSchema) },
    ...writeErrorResponses,
    409: { description: 'A period for this scheme and month is already open', content: errorJson },
  },
});

const updatePeriodRoute = createRoute({
  method: 'patch',
  path: '/reporting/periods/{id}',
  summary: "Change a reporting period's deadline (admin, central staff)",
  description: 'Reports already submitted are re-judged against the new deadline.',
  middleware: [PERIOD_WRITERS] as const,
  request: { params: reportingPeriodParamsSchema, body: jsonBody(updateReportingPeriodBodySchema) },
  responses: {
    200: { description: 'The period with its new deadline', content: json(reportingPeriodSchema) },
    ...writeErrorResponses,
  },
});

const submitReportRoute = createRoute({
  method: 'post',
  path: '/reporting/periods/{id}/reports',
  summary: "Submit a province's report for a period",
  description:
    "The province confirms its units' status and metrics for the month. A province officer submits for the province of their scope; admins and central staff may record a submission on a province's behalf. Submitting again updates the report's time, submitter and note.",
  middleware: [REPORT_WRITERS] as const,
  request: { params: reportingPeriodParamsSchema, body: jsonBody(submitReportBodySchema) },
  responses: {
    201: { description: "The province's first report for the period", content: json(provinceReportSchema) },
    200: { description: 'A re-submission: the existing report, updated', content: json(provinceReportSchema) },
    ...writeErrorResponses,
  },
});

const periodCompletenessRoute = createRoute({
  method: 'get',
  path: '/reporting/periods/{id}/completeness',
  summary: 'Which provinces reported for a period, and on time',
  description: 'Completeness = provinces that submitted / all provinces of the scheme; on time = submitted on or before the deadline day in Vietnam time (UTC+7).',
  request: { params: reportingPeriodParamsSchema, query: noQuerySchema },
  responses: {
    200: { description: 'Counts, rates and one row per province', content: json(periodCompletenessResponseSchema) },
    ...errorResponses,
  },
});

const completenessRoute = createRoute({
  method: 'get',
  path: '/reporting/completeness',
  summary: 'Reporting completeness and timeliness over a range of months',
  request: { query: reportingCompletenessQuerySchema },
  responses: {
    200: { description: 'A nationwide series per period and counts per province', content: json(completenessResponseSchema) },
    ...errorResponses,
  },
});

export const reportingRoutes = createRouter()
  .openapi(listPeriodsRoute, (c) => jsonResponse(c, listReportingPeriods(c.get('services'), c.req.valid('query'))))
  .openapi(openPeriodRoute, (c) => c.json(openReportingPeriod(c.get('services'), c.get('user'), c.req.valid('json')), 201))
  .openapi(updatePeriodRoute, (c) =>
    c.json(updateReportingPeriod(c.get('services'), c.get('user'), Number(c.req.valid('param').id), c.req.valid('json')), 200),
  )
  .openapi(submitReportRoute, (c) => {
    const report = submitProvinceReport(c.get('services'), c.get('user'), Number(c.req.valid('param').id), c.req.valid('json'));
    return report.isResubmission ? c.json(report, 200) : c.json(report, 201);
  })
  .openapi(periodCompletenessRoute, (c) => jsonResponse(c, getPeriodCompleteness(c.get('services'), Number(c.req.valid('param').id))))
  .openapi(completenessRoute, (c) => jsonResponse(c, getReportingCompleteness(c.get('services'), c.req.valid('query'))));
