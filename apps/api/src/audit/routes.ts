import { createRoute } from '@hono/zod-openapi';
import { auditListResponseSchema, auditQuerySchema, type AuditListResponse, type AuditQuery } from '@mttq/core';
import { badRequest, dateParam } from '../http/errors';
import { msg } from '../messages';

import { errorSchema } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import type { Services } from '../http/services';
import { onlyRoles } from '../writes/write-http';
import { defaultSchemeOf } from '../http/scope';
import { auditSubjects } from './audit-names';
import { listAuditRows, toAuditLogEntry } from './audit-queries';

const BAD_CURSOR = msg('audit_bad_cursor');

/** The opaque cursor: base64url of 'audit:<last id>'. serializeAuditCursor(1234) → 'YXVkaXQ6MTIzNA' */
export function serializeAuditCursor(id: number): string {
  return Buffer.from(`audit:${id}`).toString('base64url');
}

/** The id a cursor stands for, or a 400 naming `cursor`; inverse of serializeAuditCursor. */
export function parseAuditCursor(cursor: string): number {
  const match = /^[A-Za-z0-9_-]+$/.test(cursor) ? /^audit:([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!match) throw badRequest('cursor', BAD_CURSOR);
  return Number(match[1]);
}

/** GET /audit: one page of audit entries matching the filters, newest first. */
export function listAudit(services: Services, query: AuditQuery): AuditListResponse {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw badRequest('to', msg('audit_to_before_from', { to: dateParam(query.to), from: dateParam(query.from) }));
  }
  const beforeId = query.cursor === undefined ? null : parseAuditCursor(query.cursor);
  const filters = {
    entity: query.entity ?? null,
    entityId: query.entityId ?? null,
    username: query.username ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
  // One row more than asked tells whether there are older entries.
  const rows = listAuditRows(services.db, filters, beforeId, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const subjects = auditSubjects(services.db, items, defaultSchemeOf(services));
  return { items: items.map((row, i) => toAuditLogEntry(row, subjects[i]!)), nextCursor: rows.length > query.limit && last ? serializeAuditCursor(last.id) : null };
}

const json = { 'application/json': { schema: errorSchema } };

const auditRoute = createRoute({
  method: 'get',
  path: '/audit',
  summary: 'The audit log: every write with who, when, and the entity before and after',
  description: 'Admins and central staff only. Newest first; pass nextCursor back as cursor, with the same filters, for older entries.',
  middleware: [onlyRoles(['admin', 'central'])],
  request: { query: auditQuerySchema },
  responses: {
    200: { description: 'One page of entries', content: { 'application/json': { schema: auditListResponseSchema } } },
    400: { description: 'Bad filter or cursor: details name the parameter', content: json },
    401: { description: 'Not signed in', content: json },
    403: { description: 'Not an admin or central staff', content: json },
  },
});

export const auditRoutes = createRouter().openapi(auditRoute, (c) => {
  // Per-user access: no shared cache or proxy may keep this answer.
  c.header('cache-control', 'private, no-store');
  return c.json(listAudit(c.get('services'), c.req.valid('query')), 200);
});
