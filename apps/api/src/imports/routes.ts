/**
 * Bulk import in two steps, and file downloads.
 *   POST /imports/dry-run          multipart file (+ scheme) → every row's outcome and a planId
 *   POST /imports/{planId}/commit  applies exactly that plan in one transaction, or nothing;
 *                                  repeated after success, answers the same result again
 *   GET  /imports/{planId}         what became of the plan: pending, committed, expired, replaced
 *   GET  /imports/template         a province's units and pages as a file to fill in
 *   GET  /exports/pages            the page registry as CSV / XLSX
 *   GET  /exports/coverage         a coverage table as CSV / XLSX
 * Plans are kept in the database for 24 hours, the 3 newest per user (plan-store.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  exportCoverageQuerySchema,
  IMPORT_PLAN_TOMBSTONE_DAYS,
  IMPORT_PLAN_TTL_HOURS,
  IMPORT_PLANS_PER_USER,
  exportPagesQuerySchema,
  importCommitResponseSchema,
  importDryRunFormSchema,
  importDryRunResponseSchema,
  importPlanParamsSchema,
  importPlanStatusSchema,
  importTemplateQuerySchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportFormat,
} from '@mttq/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireRole } from '../auth/user';
import { ApiError, badRequest } from '../http/errors';
import { errorResponses, errorSchema } from '../http/openapi-responses';
import { createRouter, type AppEnv } from '../http/router';
import { resolveScheme } from '../http/scope';
import { onlyRoles } from '../writes/write-http';
import { commitImportPlan } from './commit';
import { buildCoverageExport, buildPagesExport, buildTemplate, type DownloadFile } from './files';
import { accessOf, buildImportPlan } from './plan';
import { planGoneError, planStoreOf, toPlanStatus, unknownPlanError } from './plan-store';
import { readImportTable } from './read-table';
import { attachment, CONTENT_TYPES, toCsv, toXlsx } from './spreadsheet';

const IMPORTER_ROLES = ['admin', 'central', 'province'] as const;
const MEGABYTES = MAX_IMPORT_BYTES / (1024 * 1024);
const tooLarge = () => new ApiError(413, 'payload_too_large', `The file is larger than ${MEGABYTES} MB (${MAX_IMPORT_BYTES.toLocaleString('en-US')} bytes). Split it, for example by province, and import the parts one after another.`);

const json = { 'application/json': { schema: errorSchema } };
const importErrors = {
  400: { description: 'Bad form field or parameter: details name it', content: json },
  401: { description: 'Not signed in', content: json },
  403: { description: 'Not an importer (admin, central staff, province officer), or missing x-csrf-token header', content: json },
} as const;

const dryRunRoute = createRoute({
  method: 'post',
  path: '/imports/dry-run',
  summary: 'Read an import file and say what committing it would do, row by row',
  description: `multipart/form-data with the field file (CSV or XLSX) and optionally scheme and month (of the figures in rows without a month; default the last full month). Headers are recognised by meaning (case, diacritics, punctuation and word order aside; common synonyms such as Link fanpage, Phường/Xã/Thị trấn, Lượt thích); title rows above the header, a two-row header (merged group over sub-headers), totals, signature and date lines are found and listed in skippedRows; any subset of followers, posts, interactions and views may be given. Nothing is written. Every row gets an outcome (create, update, metrics, unchanged, error with column and message) and the answer a planId to commit within ${IMPORT_PLAN_TTL_HOURS} hours (plans are kept in the database and survive a restart; each user keeps their ${IMPORT_PLANS_PER_USER} newest, a further dry run replacing the oldest). Units are matched by code, else by name (province / district / commune); rows outside your scope are errors. Limits: ${MEGABYTES} MB (413), ${MAX_IMPORT_ROWS} rows (422); an empty file or missing required columns is a 422 naming them.`,
  middleware: [
    onlyRoles(IMPORTER_ROLES),
    // Room for the multipart envelope around a file at the limit; the file itself is checked below.
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + 64 * 1024,
      onError: () => {
        throw tooLarge();
      },
    }),
  ] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: importDryRunFormSchema } } } },
  responses: {
    200: { description: 'The plan: every row and the totals', content: { 'application/json': { schema: importDryRunResponseSchema } } },
    ...importErrors,
    413: { description: `File larger than ${MEGABYTES} MB`, content: json },
    422: { description: 'Empty or unreadable file, missing required columns, or too many rows', content: json },
  },
});

const commitRoute = createRoute({
  method: 'post',
  path: '/imports/{planId}/commit',
  summary: 'Apply a dry run’s plan in one transaction',
  description: `Applies exactly the plan of the dry run, all in one transaction, or nothing. Only the user who ran the dry run may commit it. Idempotent: repeating the commit of a committed plan (e.g. after a dropped connection) answers 200 with the first commit's result and writes nothing; GET /imports/{planId} tells the outcome too. 422 while the plan has rows with errors; 409 when a page the plan touches changed since the dry run (run it again); 410 for a plan that expired (${IMPORT_PLAN_TTL_HOURS} hours after its dry run) or was replaced by the uploader's newer dry runs (each user keeps ${IMPORT_PLANS_PER_USER}), the message saying which; 404 for an unknown plan, another user's, or one that ended more than ${IMPORT_PLAN_TOMBSTONE_DAYS} days ago.`,
  middleware: [onlyRoles(IMPORTER_ROLES)] as const,
  request: { params: importPlanParamsSchema },
  responses: {
    200: { description: 'What was written (by this commit, or by the first commit of this plan)', content: { 'application/json': { schema: importCommitResponseSchema } } },
    ...importErrors,
    404: { description: "Unknown plan, another user's, or one forgotten since", content: json },
    410: { description: 'The plan expired (code plan_expired) or was replaced by a newer dry run (plan_replaced); the message says when', content: json },
    409: { description: 'The data changed since the dry run', content: json },
    422: { description: 'The plan has rows with errors', content: json },
  },
});

const planStatusRoute = createRoute({
  method: 'get',
  path: '/imports/{planId}',
  summary: 'What became of a dry run’s plan: pending, committed (with its result), expired or replaced',
  description: `For the uploader only (anyone else gets 404, as for an unknown plan). Ask it when a commit's answer was lost (a dropped connection, a 5xx): committed plans carry the commit's result. Known for ${IMPORT_PLAN_TOMBSTONE_DAYS} days after the plan ended.`,
  middleware: [onlyRoles(IMPORTER_ROLES)] as const,
  request: { params: importPlanParamsSchema },
  responses: {
    200: { description: "The plan's state", content: { 'application/json': { schema: importPlanStatusSchema } } },
    ...importErrors,
    404: { description: "Unknown plan, another user's, or one forgotten since", content: json },
  },
});

const fileContent = {
  'text/csv': { schema: z.string().meta({ description: 'UTF-8 with BOM, comma-separated, CRLF; a title line (scheme, as-of date) above the header' }) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) },
};

const templateRoute = createRoute({
  method: 'get',
  path: '/imports/template',
  summary: 'The import template of a province, filled with its units, pages and last month’s figures',
  request: { query: importTemplateQuerySchema },
  responses: { 200: { description: 'The template', content: fileContent }, ...errorResponses },
});

const pagesExportRoute = createRoute({
  method: 'get',
  path: '/exports/pages',
  summary: 'The page registry under a parent at a date, as CSV or XLSX',
  request: { query: exportPagesQuerySchema },
  responses: { 200: { description: 'The registry', content: fileContent }, ...errorResponses },
});

const coverageExportRoute = createRoute({
  method: 'get',
  path: '/exports/coverage',
  summary: 'A coverage table (as GET /coverage) as CSV or XLSX',
  request: { query: exportCoverageQuerySchema },
  responses: { 200: { description: 'The coverage table', content: fileContent }, ...errorResponses },
});

async function download(c: Context<AppEnv>, file: DownloadFile, format: ImportFormat) {
  const bytes = format === 'csv' ? toCsv(file.sheet) : await toXlsx(file.sheet, file.extra);
  // The typed route promises a string body; a file is what the documented content types say.
  return c.body(new Uint8Array(bytes), 200, { 'content-type': CONTENT_TYPES[format], 'content-disposition': attachment(file.baseName, format) }) as never;
}

export const importRoutes = createRouter()
  .openapi(dryRunRoute, async (c) => {
    const services = c.get('services');
    const user = requireRole(c.get('user'), IMPORTER_ROLES);
    const form = c.req.valid('form');
    const file: unknown = form.file;
    if (!(file instanceof File)) throw badRequest('file', 'attach the CSV or XLSX file as the form field "file" (multipart/form-data)');
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    const table = await readImportTable(new Uint8Array(await file.arrayBuffer()));
    const scheme = resolveScheme(services, form.scheme);
    if (form.month !== undefined && form.month > services.today().slice(0, 7)) throw badRequest('month', `${form.month} is in the future; choose a month up to ${services.today().slice(0, 7)}`);
    const { plan, response } = buildImportPlan(services, user, scheme, table, file.name, form.month);
    await planStoreOf(services).put(plan);
    return c.json(
      {
        ...response,
        file: { name: file.name, format: table.format, encoding: table.encoding, separator: table.separator, headerRow: table.headerRow },
        columns: [...table.columns].map(([key, { header }]) => ({ key, header })),
        ignoredColumns: table.ignored,
      },
      200,
    );
  })
  .openapi(commitRoute, async (c) => {
    const services = c.get('services');
    const user = requireRole(c.get('user'), IMPORTER_ROLES);
    const { planId } = c.req.valid('param');
    const store = planStoreOf(services);
    // Another user's plan is not theirs to see: the same 404 as an unknown one.
    const record = store.record(planId, user.id);
    if (!record) throw unknownPlanError(planId);
    // Committed already (the answer was lost, or a second click): the same answer, nothing written.
    if (record.state === 'committed') return c.json(record.result!, 200);
    if (record.state !== 'pending') throw planGoneError(record);
    const plan = await store.load(planId);
    // It stopped being pending while the request waited; say what became of it.
    if (!plan) {
      const now = store.record(planId, user.id);
      if (now?.state === 'committed') return c.json(now.result!, 200);
      throw now ? planGoneError(now) : unknownPlanError(planId);
    }
    if (plan.access !== accessOf(user)) {
      throw new ApiError(403, 'forbidden', 'Your role or scope changed since the dry run; run the dry run again.');
    }
    if (plan.errorRows.length > 0) {
      const listed = plan.errorRows.slice(0, 20).join(', ');
      throw new ApiError(
        422,
        'unprocessable',
        `The plan has ${plan.errorRows.length} row(s) with errors (rows ${listed}${plan.errorRows.length > 20 ? ', …' : ''}); nothing was imported. Fix them in the file and run the dry run again.`,
        plan.errorRows.slice(0, 20).map((row) => ({ path: `row ${row}`, message: 'has errors; see the dry run' })),
      );
    }
    // The transaction reads the plan's state again and records it committed with its result
    // (a concurrent commit of the same plan answers that result); a 409 leaves it pending.
    return c.json(commitImportPlan(services, user, plan), 200);
  })
  .openapi(templateRoute, async (c) => {
    const query = c.req.valid('query');
    return download(c, buildTemplate(c.get('services'), query), query.format);
  })
  .openapi(pagesExportRoute, async (c) => {
    const query = c.req.valid('query');
    return download(c, buildPagesExport(c.get('services'), query), query.format);
  })
  .openapi(coverageExportRoute, async (c) => {
    const query = c.req.valid('query');
    return download(c, buildCoverageExport(c.get('services'), query), query.format);
  })
  // After GET /imports/template, which the {planId} pattern would otherwise take.
  .openapi(planStatusRoute, (c) => {
    const user = requireRole(c.get('user'), IMPORTER_ROLES);
    const { planId } = c.req.valid('param');
    const record = planStoreOf(c.get('services')).record(planId, user.id);
    if (!record) throw unknownPlanError(planId);
    // The uploader's own answer, and it changes without a write: never kept by responseCache.
    c.header('cache-control', 'private, no-store');
    return c.json(toPlanStatus(record), 200);
  });
