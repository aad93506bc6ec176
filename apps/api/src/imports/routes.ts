/**
 * Bulk import in two steps, and file downloads.
 *   POST /imports/dry-run          multipart file (+ scheme) → every row's outcome and a planId
 *   POST /imports/{planId}/commit  applies exactly that plan in one transaction, or nothing;
 *                                  repeated after success, answers the same result again
 *   GET  /imports/{planId}         what became of the plan: pending, committed, expired, replaced
 *   GET  /imports/{planId}/file    the uploaded sheet with a result column per row (plan-file.ts)
 *   GET  /imports/{planId}/rows    the plan's rows page by page, all or by outcome (a dry run answers the first ones)
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
  IMPORT_COLUMN_KEYS,
  IMPORT_IGNORE,
  importColumnMappingSchema,
  importDryRunFormSchema,
  importDryRunResponseSchema,
  importPlanParamsSchema,
  importPlanRowsQuerySchema,
  importPlanRowsResponseSchema,
  importPlanStatusSchema,
  isRowInFilter,
  IMPORT_ANSWER_ROWS,
  importTemplateQuerySchema,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportColumnMapping,
  type ImportFormat,
} from '@mttq/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireRole } from '../auth/user';
import { ApiError, badRequest, type FieldIssue } from '../http/errors';
import { errorResponses, errorSchema } from '../http/openapi-responses';
import { logServerError } from '../http/request-log';
import { languageOf, msg } from '../messages';
import { createRouter, type AppEnv } from '../http/router';
import { resolveScheme } from '../http/scope';
import { onlyRoles } from '../writes/write-http';
import { rememberedMappings, rememberMapping } from './column-mappings';
import { commitImportPlan } from './commit';
import { buildCoverageExport, buildPagesExport, buildTemplate, type DownloadFile } from './files';
import { accessOf, buildImportPlan, renderRow, type ImportPlan, type RowOutcome } from './plan';
import { planGoneError, planStoreOf, toPlanStatus, unknownPlanError } from './plan-store';
import { buildPlanFile } from './plan-file';
import { keepUpload, rowResultsOf, uploadOf, type PlanUpload, type PlanWithUpload } from './plan-upload';
import { readImportTable, type ImportTable } from './read-table';
import { attachment, CONTENT_TYPES, toCsv, toXlsx } from './spreadsheet';

const IMPORTER_ROLES = ['admin', 'central', 'province'] as const;
const MEGABYTES = MAX_IMPORT_BYTES / (1024 * 1024);
const tooLarge = () => new ApiError(413, 'payload_too_large', msg('import_route_too_large', { megabytes: MEGABYTES, bytes: MAX_IMPORT_BYTES }));

/** The form's mapping field: JSON of column → key or "ignore", each problem naming its column. */
function parseMapping(text: string | undefined): ImportColumnMapping | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('mapping', msg('mapping_not_json'));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badRequest('mapping', msg('mapping_not_json'));
  const accepted = [...IMPORT_COLUMN_KEYS, IMPORT_IGNORE].join(', ');
  const issues: FieldIssue[] = Object.entries(json)
    .filter(([column, target]) => !importColumnMappingSchema.safeParse({ [column]: target }).success)
    .map(([column, target]) => ({ path: `mapping.${column}`, message: msg('mapping_bad_target', { column, target: String(target), accepted }) }));
  if (issues.length > 0) throw new ApiError(400, 'bad_request', issues[0]!.message, issues);
  return importColumnMappingSchema.parse(json);
}

/** The mapping's columns the file does not have, or columns it maps to one key twice: 400 naming them. */
function checkMapping(table: ImportTable): void {
  const headers = table.headers.map((h) => `${h.index} “${h.header}”`).join(', ');
  const issues: FieldIssue[] = [
    ...table.mapping.unmatched.map((column) => ({ path: `mapping.${column}`, message: msg('mapping_unknown_column', { column, headers }) })),
    ...table.mapping.conflicts.map((c) => ({ path: 'mapping', message: msg('mapping_duplicate', { column: c.key, headers: c.headers.map((h) => `“${h}”`).join(', ') }) })),
  ];
  if (issues.length > 0) throw new ApiError(400, 'bad_request', issues[0]!.message, issues);
}

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
  description: `multipart/form-data with the field file (CSV or XLSX) and optionally scheme, month (of the figures in rows without a month; default the last full month), mapping (JSON: column index or header → column key or "ignore"; default your mapping of your last committed file with the same headers, which file.mapping.source then says) and sheet (XLSX: its name; default the first with a recognisable header). file.headers says what every column was read as; file.mapping.needed that a column is unknown or two name the same one. Headers are recognised by meaning (case, diacritics, punctuation and word order aside; common synonyms such as Link fanpage, Phường/Xã/Thị trấn, Lượt thích); title rows above the header, a two-row header (merged group over sub-headers), totals, signature and date lines are found and listed in skippedRows; any subset of followers, posts, interactions and views may be given. Nothing is written. Every row gets an outcome (create, update, metrics, unchanged, error with column and message): the answer gives the first ${IMPORT_ANSWER_ROWS} rows, the totals and every problem grouped by kind, GET /imports/{planId}/rows the other rows; and the answer a planId to commit within ${IMPORT_PLAN_TTL_HOURS} hours (plans are kept in the database and survive a restart; each user keeps their ${IMPORT_PLANS_PER_USER} newest, a further dry run replacing the oldest). Units are matched by code, else by name (province / district / commune); rows outside your scope are errors. Limits: ${MEGABYTES} MB (413), ${MAX_IMPORT_ROWS} rows (422); an empty file is a 422, and so are missing required columns (naming them) unless the header has unknown columns, which may be the missing ones: then the answer is the mapping step (file.mapping.needed, canCommit false until a mapping gives the column). A generic header (Tên đơn vị, Đơn vị, Mã đơn vị, Địa chỉ) beside a more specific one of the same meaning (Phường/Xã/Thị trấn, Mã xã, Link fanpage) is read as ignored and listed so. Two equally specific columns of one meaning: the first is read, both are marked ambiguous and canCommit is false until a mapping settles them.`,
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
    200: { description: 'The plan: its totals, problems and first rows', content: { 'application/json': { schema: importDryRunResponseSchema } } },
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

const planFileRoute = createRoute({
  method: 'get',
  path: '/imports/{planId}/file',
  summary: 'A pending plan as the uploaded file itself, with a result column per row',
  description: 'For the uploader only (anyone else gets 404). The uploaded sheet in its own format (CSV: UTF-8 with BOM, the upload\'s separator; XLSX), its title rows and columns in their order, with one column added at the right, "Kết quả kiểm tra" ("Check result" with ?lang=en): per row "Lỗi: …", "Sẽ thêm", "Sẽ cập nhật: …", "Chỉ cập nhật số liệu", "Không đổi" or "Bỏ qua: …". Fix the rows and upload the file again: that column is ignored. 410 once the plan is no longer pending.',
  middleware: [onlyRoles(IMPORTER_ROLES)] as const,
  request: { params: importPlanParamsSchema, query: z.object({ lang: z.enum(['vi', 'en']).optional().meta({ description: 'the language of the result column; default Accept-Language, else Vietnamese' }) }) },
  responses: {
    200: {
      description: 'The file with results',
      content: {
        'text/csv': { schema: z.string().meta({ description: "UTF-8 with BOM, the upload's separator, CRLF" }) },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) },
      },
    },
    ...importErrors,
    404: { description: "Unknown plan, another user's, or one forgotten since", content: json },
    410: { description: 'The plan is no longer pending (committed, expired or replaced)', content: json },
  },
});

const planRowsRoute = createRoute({
  method: 'get',
  path: '/imports/{planId}/rows',
  summary: 'A pending plan’s rows, page by page, all or by outcome',
  description: `For the uploader only (anyone else gets 404). The dry run answers a file's first ${IMPORT_ANSWER_ROWS} rows; this reads every row of the plan in file order, all of them, those that change something or have an error (changes), or those with errors (error), from offset. 410 once the plan is no longer pending.`,
  middleware: [onlyRoles(IMPORTER_ROLES)] as const,
  request: { params: importPlanParamsSchema, query: importPlanRowsQuerySchema },
  responses: {
    200: { description: 'The rows', content: { 'application/json': { schema: importPlanRowsResponseSchema } } },
    ...importErrors,
    404: { description: "Unknown plan, another user's, or one forgotten since", content: json },
    410: { description: 'The plan is no longer pending (committed, expired or replaced)', content: json },
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

/** The uploader's pending plan with its upload and every row's outcome: 404 for anyone else, 410 once it is no longer pending. */
async function pendingPlanRows(c: Context<AppEnv>, planId: string): Promise<{ plan: ImportPlan; upload: PlanUpload; results: RowOutcome[] }> {
  const user = requireRole(c.get('user'), IMPORTER_ROLES);
  const store = planStoreOf(c.get('services'));
  if (!(await store.record(planId, user.id))) throw unknownPlanError(planId);
  const plan = await store.load(planId);
  const upload = plan ? uploadOf(plan) : null;
  const results = upload ? rowResultsOf(upload) : null;
  if (!plan || !upload || !results) throw new ApiError(410, 'plan_expired', msg('import_route_plan_file_gone', { planId }));
  return { plan, upload, results };
}

export const importRoutes = createRouter()
  .openapi(dryRunRoute, async (c) => {
    const services = c.get('services');
    const user = requireRole(c.get('user'), IMPORTER_ROLES);
    const form = c.req.valid('form');
    const file: unknown = form.file;
    if (!(file instanceof File)) throw badRequest('file', msg('import_route_file_missing'));
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    const mapping = parseMapping(form.mapping);
    const scheme = resolveScheme(services, form.scheme);
    const latest = services.today().slice(0, 7);
    if (form.month !== undefined && form.month > latest) throw badRequest('month', msg('import_route_future_month', { month: form.month, latest }));
    const table = await readImportTable(new Uint8Array(await file.arrayBuffer()), { parse: { mapping, sheet: form.sheet, remembered: rememberedMappings(services.db, user.id) } });
    if (form.sheet !== undefined && table.format === 'xlsx' && table.sheet !== form.sheet) {
      throw badRequest('sheet', msg('sheet_unknown', { sheet: form.sheet, sheets: table.sheets.map((s) => `“${s}”`).join(', ') }));
    }
    checkMapping(table);
    const { plan, results, response } = buildImportPlan(services, user, scheme, table, file.name, form.month, languageOf(c));
    const upload = keepUpload(table, results);
    const stored: PlanWithUpload = { ...plan, upload };
    planStoreOf(services).putAfterAnswer(stored, (error) => logServerError(c, 'import plan not stored', error, { planId: plan.id }));
    return c.json(
      {
        ...response,
        canCommit: response.canCommit && upload.ambiguous.length === 0 && upload.missing.length === 0,
        file: {
          name: file.name,
          format: table.format,
          encoding: table.encoding,
          separator: table.separator,
          headerRow: table.headerRow,
          sheets: table.sheets,
          sheet: table.sheet,
          headers: table.headers,
          mapping: { source: table.mapping.source, needed: table.mapping.needed },
        },
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
    const record = await store.record(planId, user.id);
    if (!record) throw unknownPlanError(planId);
    // Committed already (the answer was lost, or a second click): the same answer, nothing written.
    if (record.state === 'committed') return c.json(record.result!, 200);
    if (record.state !== 'pending') throw planGoneError(record);
    const plan = await store.load(planId);
    // It stopped being pending while the request waited; say what became of it.
    if (!plan) {
      const now = await store.record(planId, user.id);
      if (now?.state === 'committed') return c.json(now.result!, 200);
      throw now ? planGoneError(now) : unknownPlanError(planId);
    }
    if (plan.access !== accessOf(user)) throw new ApiError(403, 'forbidden', msg('import_route_role_changed'));
    const upload = uploadOf(plan);
    if (upload && upload.ambiguous.length > 0) {
      throw new ApiError(422, 'unprocessable', msg('mapping_ambiguous_commit', { headers: upload.ambiguous.map((h) => `“${h}”`).join(', ') }));
    }
    const [missing] = upload?.missing ?? [];
    if (missing) throw new ApiError(422, 'unprocessable', msg('mapping_missing_commit', { column: msg(missing === 'url' ? 'mapping_need_url' : 'mapping_need_unit') }));
    if (plan.errorRows.length > 0) {
      const listed = plan.errorRows.slice(0, 20).join(', ');
      throw new ApiError(
        422,
        'unprocessable',
        msg('import_route_plan_has_errors', { count: plan.errorRows.length, rows: `${listed}${plan.errorRows.length > 20 ? ', …' : ''}` }),
        plan.errorRows.slice(0, 20).map((row) => ({ path: `row.${row}`, message: msg('import_route_row_has_errors', { row: String(row) }) })),
      );
    }
    // The transaction reads the plan's state again and records it committed with its result
    // (a concurrent commit of the same plan answers that result); a 409 leaves it pending.
    const result = commitImportPlan(services, user, plan);
    // Committed with the user's mapping: their next file with the same headers is read the same way.
    if (upload?.mapping) rememberMapping(services.db, user.id, upload.mapping.signature, upload.mapping.applied, result.committedAt);
    return c.json(result, 200);
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
  .openapi(planFileRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const { plan, upload, results } = await pendingPlanRows(c, planId);
    const bytes = await buildPlanFile(upload, results, languageOf(c));
    const baseName = `${plan.fileName.replace(/\.(csv|xlsx)$/iu, '')}_ket-qua`;
    c.header('cache-control', 'private, no-store');
    // The typed route promises a string body; a file is what the documented content types say.
    return c.body(new Uint8Array(bytes), 200, { 'content-type': CONTENT_TYPES[upload.format], 'content-disposition': attachment(baseName, upload.format) }) as never;
  })
  .openapi(planRowsRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const { filter, offset, limit } = c.req.valid('query');
    const { results } = await pendingPlanRows(c, planId);
    const rows = results.filter((result) => isRowInFilter(result.outcome, filter));
    const lang = languageOf(c);
    c.header('cache-control', 'private, no-store');
    return c.json({ planId, filter, offset, total: rows.length, rows: rows.slice(offset, offset + limit).map((row) => renderRow(row, lang)) }, 200);
  })
  // After GET /imports/template, which the {planId} pattern would otherwise take.
  .openapi(planStatusRoute, async (c) => {
    const user = requireRole(c.get('user'), IMPORTER_ROLES);
    const { planId } = c.req.valid('param');
    const record = await planStoreOf(c.get('services')).record(planId, user.id);
    if (!record) throw unknownPlanError(planId);
    // The uploader's own answer, and it changes without a write: never kept by responseCache.
    c.header('cache-control', 'private, no-store');
    return c.json(toPlanStatus(record, languageOf(c)), 200);
  });
