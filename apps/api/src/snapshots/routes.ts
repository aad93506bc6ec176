import { createRoute } from '@hono/zod-openapi';
import { createSnapshotBodySchema, snapshotListQuerySchema, snapshotListResponseSchema, snapshotParamsSchema, snapshotSchema } from '@mttq/core';
import { jsonResponse } from '../http/json-response';
import { errorResponses, errorSchema } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { onlyRoles } from '../writes/write-http';
import { deleteSnapshot, getSnapshot, listSnapshots, publishSnapshot } from './snapshots';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const errorJson = json(errorSchema);

const writeErrorResponses = {
  400: { description: 'Bad input: details name each field and what to change', content: errorJson },
  401: { description: 'Not signed in', content: errorJson },
  403: { description: 'Missing x-csrf-token, or a role that may not do this', content: errorJson },
  404: { description: 'Unknown snapshot', content: errorJson },
} as const;

// The role is checked before the body is read or validated: a viewer gets 403, never a 400 or
// 413 about a body it may not send (snapshots.ts checks it again).
const PUBLISHERS = onlyRoles(['admin', 'central']);
const DELETERS = onlyRoles(['admin']);

const listRoute = createRoute({
  method: 'get',
  path: '/snapshots',
  summary: 'Published snapshots, newest first',
  request: { query: snapshotListQuerySchema },
  responses: { 200: { description: 'Snapshots without their figures', content: json(snapshotListResponseSchema) }, ...errorResponses },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/snapshots',
  summary: 'Publish a named, dated snapshot whose figures never change (admin, central staff)',
  description: 'Stores the answers of /coverage (province level), /coverage/timeline (each level, monthly up to asOf), /rankings and /metrics/summary at (scheme, asOf).',
  middleware: [PUBLISHERS] as const,
  request: { body: { content: json(createSnapshotBodySchema), required: true } },
  responses: {
    201: { description: 'The snapshot with its frozen figures', content: json(snapshotSchema) },
    ...writeErrorResponses,
    409: { description: 'duplicate_snapshot: the same name and asOf is already published; confirmDuplicate: true publishes anyway', content: errorJson },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/snapshots/{id}',
  summary: 'One snapshot with its frozen figures',
  request: { params: snapshotParamsSchema },
  responses: { 200: { description: 'As published', content: json(snapshotSchema) }, ...errorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/snapshots/{id}',
  summary: 'Delete a snapshot (admin only; audited)',
  middleware: [DELETERS] as const,
  request: { params: snapshotParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
});

export const snapshotRoutes = createRouter()
  .openapi(listRoute, (c) => jsonResponse(c, listSnapshots(c.get('services'), c.req.valid('query'))))
  .openapi(publishRoute, (c) => c.json(publishSnapshot(c.get('services'), c.get('user'), c.req.valid('json')), 201))
  .openapi(getRoute, (c) => jsonResponse(c, getSnapshot(c.get('services'), Number(c.req.valid('param').id))))
  .openapi(deleteRoute, (c) => {
    deleteSnapshot(c.get('services'), c.get('user'), Number(c.req.valid('param').id));
    return c.body(null, 204);
  });
