/**
 * Work queues:
 *   GET  /reporting/verification-queue   live pages no one has verified, oldest waiting first (central staff)
 *   POST /pages/reviews                  verify or reject many pages with one note (central staff)
 *   GET  /reporting/duplicate-front-pages units with more than one live Front page
 *   GET  /reporting/successor-queue      pages of split communes waiting for their reform34 commune
 */
import { createRoute } from '@hono/zod-openapi';
import {
  defaultAsOf,
  duplicateFrontPagesQuerySchema,
  duplicateFrontPagesResponseSchema,
  pageReviewsBodySchema,
  pageReviewsResponseSchema,
  successorQueueQuerySchema,
  successorQueueResponseSchema,
  verificationQueueQuerySchema,
  verificationQueueResponseSchema,
  type Level,
  type Owner,
  type Platform,
  type SchemeId,
  type VerificationQueueResponse,
} from '@mttq/core';
import { scopeProvinces } from '../auth/scope-image';
import { requireRole } from '../auth/user';
import { PAGE_IS_LIVE, PAGE_IS_VERIFIED } from '../db/page-rules';
import { statement } from '../db/statements';
import { ApiError, errorBody } from '../http/errors';
import { languageOf } from '../messages';
import { jsonResponse } from '../http/json-response';
import { errorResponses } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import { recordPageEvent } from '../writes/page-writes';
import { runWrite } from '../writes/run-write';
import { onlyRoles, requireJsonBody, writeErrorResponses } from '../writes/write-http';
import { listDuplicateFrontPages } from '../writes/front-pages';
import { listSuccessorQueue } from '../writes/reform-assignments';

const REVIEWERS = ['admin', 'central'] as const;
const json = <T>(schema: T) => ({ 'application/json': { schema } });

interface DbQueueRow {
  page_id: number;
  name: string;
  url: string;
  platform: Platform;
  owner: Owner;
  launched_on: string;
  waiting_since: string;
  unit_code: string | null;
  unit_name: string | null;
  unit_level: Level | null;
  province_code: string | null;
  province_name: string | null;
}

/** Live pages never verified, with the day they were last reported or reopened (else launched). */
const WAITING = /* sql */ `
  FROM pages p
  LEFT JOIN page_assignments a ON a.page_id = p.id AND a.scheme = @scheme
  LEFT JOIN units u ON u.scheme = @scheme AND u.code = a.unit_code
  LEFT JOIN units pu ON pu.scheme = @scheme AND pu.code = u.province_code
  WHERE ${PAGE_IS_LIVE} AND NOT ${PAGE_IS_VERIFIED}
    AND (@platform IS NULL OR p.platform = @platform)
    AND (@owner IS NULL OR p.owner = @owner)`;
const WAITING_SINCE = /* sql */ `coalesce((SELECT max(e.effective_on) FROM page_status_events e
  WHERE e.page_id = p.id AND e.status IN ('reported', 'reopened') AND e.effective_on <= @asOf), p.launched_on)`;

const verificationQueueRoute = createRoute({
  method: 'get',
  path: '/reporting/verification-queue',
  summary: 'Pages waiting for verification, oldest first, with counts per province (central staff)',
  description:
    'Live pages (open today) that central staff have not verified, each with the day it was last reported or reopened ("waiting since"), its unit and province in the scheme; filters province, platform, owner; offset paging.',
  middleware: [onlyRoles(REVIEWERS)] as const,
  request: { query: verificationQueueQuerySchema },
  responses: { 200: { description: 'The queue', content: json(verificationQueueResponseSchema) }, ...errorResponses },
});

const reviewsRoute = createRoute({
  method: 'post',
  path: '/pages/reviews',
  summary: 'Verify or reject many pages with one note (central staff)',
  description:
    'Records the same verified or rejected event on each page, in one transaction, with one audit row per page. A page that cannot take it (unknown, closed, already verified) is listed with the reason and the others are reviewed.',
  middleware: [onlyRoles(REVIEWERS), requireJsonBody] as const,
  request: { body: { required: true, content: json(pageReviewsBodySchema) } },
  responses: { 200: { description: 'What happened to each page', content: json(pageReviewsResponseSchema) }, ...writeErrorResponses },
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/reporting/duplicate-front-pages',
  summary: 'Units with more than one live Front committee page',
  request: { query: duplicateFrontPagesQuerySchema },
  responses: { 200: { description: 'Units and their live Front pages, oldest first', content: json(duplicateFrontPagesResponseSchema) }, ...errorResponses },
});

const successorQueueRoute = createRoute({
  method: 'get',
  path: '/reporting/successor-queue',
  summary: 'Pages of split communes waiting for their province to choose the new commune',
  description:
    'Pages of a legacy63 commune that was split in the 2025 reform, live on 2025-07-01, with no reform34 unit yet, and the communes to choose from. A province officer sees those of their provinces. Choose with PUT /pages/{id}/assignments/reform34.',
  middleware: [onlyRoles(['admin', 'central', 'province'])] as const,
  request: { query: successorQueueQuerySchema },
  responses: { 200: { description: 'The pages and their candidates', content: json(successorQueueResponseSchema) }, ...errorResponses },
});

/** Every page waiting under the platform and owner filters, oldest first; cached until the next write. */
function getCachedWaitingPages(services: Services, scheme: SchemeId, platform: Platform | null, owner: Owner | null): DbQueueRow[] {
  const params = { scheme, asOf: services.today(), platform, owner };
  return services.cache.get(`verification-queue:${JSON.stringify(params)}`, () =>
    statement(
      services.db,
      `SELECT p.id AS page_id, p.name, p.url, p.platform, p.owner, p.launched_on, ${WAITING_SINCE} AS waiting_since,
              u.code AS unit_code, u.name AS unit_name, u.level AS unit_level, pu.code AS province_code, pu.name AS province_name
       ${WAITING}
       ORDER BY waiting_since, p.id`,
    ).all(params) as DbQueueRow[],
  );
}

function getVerificationQueue(services: Services, query: ReturnType<typeof verificationQueueQuerySchema.parse>): VerificationQueueResponse {
  const scheme = resolveScheme(services, query.scheme);
  const waiting = getCachedWaitingPages(services, scheme, query.platform ?? null, query.owner ?? null);
  const counts = new Map<string, { code: string; name: string; count: number }>();
  for (const row of waiting) {
    if (row.province_code === null) continue;
    const entry = counts.get(row.province_code) ?? counts.set(row.province_code, { code: row.province_code, name: row.province_name!, count: 0 }).get(row.province_code)!;
    entry.count += 1;
  }
  const provinces = [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const filtered = query.province === undefined ? waiting : waiting.filter((row) => row.province_code === query.province);
  return {
    scheme,
    total: filtered.length,
    provinces,
    items: filtered.slice(query.offset, query.offset + query.limit).map((row) => ({
      pageId: row.page_id,
      name: row.name,
      url: row.url,
      platform: row.platform,
      owner: row.owner,
      unit: row.unit_code ? { code: row.unit_code, name: row.unit_name!, level: row.unit_level! } : null,
      province: row.province_code ? { code: row.province_code, name: row.province_name! } : null,
      waitingSince: row.waiting_since,
      launchedOn: row.launched_on,
    })),
  };
}

export const workQueueRoutes = createRouter()
  .openapi(verificationQueueRoute, (c) => {
    // For central staff only: never kept in the shared answer cache, which runs before the role check.
    c.header('cache-control', 'private, no-store');
    return jsonResponse(c, getVerificationQueue(c.get('services'), c.req.valid('query')));
  })
  .openapi(reviewsRoute, (c) => {
    const services = c.get('services');
    const user = requireRole(c.get('user'), REVIEWERS);
    const body = c.req.valid('json');
    const lang = languageOf(c);
    const pageIds = [...new Set(body.pageIds)];
    const answer = runWrite(services, user, () => {
      const results: { pageId: number; ok: boolean; message: string | null }[] = [];
      const audit = [];
      for (const pageId of pageIds) {
        // Each page is checked before anything of it is written, so a refusal leaves it untouched.
        try {
          const outcome = recordPageEvent(services, user, pageId, { status: body.status, effectiveOn: body.effectiveOn, note: body.note ?? null });
          audit.push(...outcome.audit);
          results.push({ pageId, ok: true, message: null });
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500) throw error;
          results.push({ pageId, ok: false, message: errorBody(error.code, error.text, error.details, lang).error.message });
        }
      }
      return { result: { done: results.filter((r) => r.ok).length, results }, audit };
    });
    return c.json(answer, 200);
  })
  .openapi(duplicatesRoute, (c) => {
    const services = c.get('services');
    const query = c.req.valid('query');
    const scheme = resolveScheme(services, query.scheme);
    const asOf = defaultAsOf(scheme, services.today());
    const pages = services.cache.get(`duplicate-front-pages:${scheme}:${asOf}`, () => listDuplicateFrontPages(services.db, scheme, asOf));
    const units = new Map(services.units(scheme).map((u) => [u.code, u]));
    const byUnit = new Map<string, typeof pages>();
    for (const page of pages) (byUnit.get(page.unit_code) ?? byUnit.set(page.unit_code, []).get(page.unit_code)!).push(page);
    const items = [...byUnit]
      .map(([code, unitPages]) => ({ unit: units.get(code)!, pages: unitPages }))
      .filter(({ unit }) => query.province === undefined || unit.provinceCode === query.province)
      .map(({ unit, pages: unitPages }) => ({
        unit: { code: unit.code, name: unit.name, level: unit.level },
        province: { code: unit.provinceCode, name: units.get(unit.provinceCode)?.name ?? unit.provinceCode },
        pages: unitPages.map((p) => ({ id: p.id, name: p.name, url: p.url, platform: p.platform, launchedOn: p.launched_on })),
      }));
    return jsonResponse(c, { scheme, asOf, items });
  })
  .openapi(successorQueueRoute, (c) => {
    const services = c.get('services');
    const user = requireRole(c.get('user'), ['admin', 'central', 'province']);
    c.header('cache-control', 'private, no-store');
    const { province } = c.req.valid('query');
    const own = user.role === 'province' ? new Set(scopeProvinces(services, user.scopes, 'legacy63')) : null;
    const items = services.cache
      .get('successor-queue', () => listSuccessorQueue(services.db))
      .filter((row) => (province === undefined || row.legacy_province === province) && (own === null || own.has(row.legacy_province)))
      .map((row) => ({
        pageId: row.page_id,
        name: row.name,
        url: row.url,
        legacyUnit: { code: row.legacy_code, name: row.legacy_name },
        candidates: (JSON.parse(row.candidates) as [string, string][]).map(([code, name]) => ({ code, name })),
      }));
    return jsonResponse(c, { items });
  });
