/**
 * /api/v1/connectors: the state of automatic collection, credentials (admins), runs and their
 * per-page results (admins and central staff). Every answer depends on the reader's role or on
 * a run in progress: none is kept by the response cache.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  COLLECTABLE_PLATFORMS,
  connectorRunSchema,
  connectorStatusSchema,
  credentialCheckSchema,
  credentialCreateBodySchema,
  credentialParamsSchema,
  credentialSchema,
  noQuerySchema,
  PLATFORMS,
  runPagesQuerySchema,
  runPagesResponseSchema,
  runParamsSchema,
  startRunBodySchema,
  type ConnectorStatus,
  type CredentialCreateBody,
} from '@mttq/core';
import type { Context } from 'hono';
import { requireUser } from '../auth/user';
import { ApiError, notFound } from '../http/errors';
import { jsonResponse } from '../http/json-response';
import { errorSchema } from '../http/openapi-responses';
import { createRouter, type AppEnv } from '../http/router';
import { onlyRoles, requireJsonBody } from '../writes/write-http';
import { connectorRuntime, DISABLED_REASON } from './runtime';
import { countCredentials, deleteCredential, getCredential, getRun, insertCredential, listCredentials, listRunPages, listRuns } from './store';
import { TIKTOK_NOTE } from './tiktok';

const json = { 'application/json': { schema: errorSchema } };
const errors = {
  400: { description: 'Bad input: details name each field', content: json },
  401: { description: 'Not signed in', content: json },
  403: { description: 'Not an admin (credentials) or central staff (runs), or no x-csrf-token', content: json },
  404: { description: 'Unknown credential, run or page', content: json },
  409: { description: 'Collection is off (no CONNECTOR_KEY) or a run is already collecting', content: json },
} as const;
const body = <T>(schema: T, description: string) => ({ required: true, description, content: { 'application/json': { schema } } });
const answer = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const ADMIN = onlyRoles(['admin']);
const STAFF = onlyRoles(['admin', 'central']);

const PLATFORM_NOTES = {
  facebook: 'Followers, posts published in the month, interactions (page_post_engagements) and views (page_media_view) through the Graph API; insights only for Pages with 100 or more likes.',
  youtube: 'Subscribers, and the month’s new videos and views (lifetime counts minus last month’s) through the YouTube Data API; 1 quota unit per 50 channels.',
  zalo: 'Followers of each Official Account whose OA access token was added (Zalo OA API); no post or interaction counts.',
  tiktok: TIKTOK_NOTE,
} as const;

function status(c: Context<AppEnv>): ConnectorStatus {
  const services = c.get('services');
  const runtime = connectorRuntime(services.db);
  runtime.attachServices(services);
  const user = requireUser(c.get('user'));
  const counts = countCredentials(services.db);
  const runs = listRuns(services.db);
  const currentId = runtime.currentRunId();
  return {
    enabled: runtime.enabled,
    disabledReason: runtime.enabled ? null : DISABLED_REASON,
    collectDay: runtime.settings.collectDay,
    defaultMonth: runtime.defaultMonth(),
    platforms: PLATFORMS.map((platform) => ({
      platform,
      collectable: (COLLECTABLE_PLATFORMS as readonly string[]).includes(platform),
      credentials: counts.get(platform) ?? 0,
      note: PLATFORM_NOTES[platform],
    })),
    credentials: user.role === 'admin' ? listCredentials(services.db) : [],
    currentRun: currentId === null ? null : getRun(services.db, currentId),
    runs,
  };
}

const secretOf = (input: CredentialCreateBody): unknown => {
  switch (input.kind) {
    case 'system_user_token':
    case 'page_token':
      return { accessToken: input.accessToken };
    case 'api_key':
      return { apiKey: input.apiKey };
    case 'oa_token':
      return { appId: input.appId, secretKey: input.secretKey, accessToken: input.accessToken, refreshToken: input.refreshToken };
  }
};

const statusRoute = createRoute({
  method: 'get',
  path: '/connectors',
  summary: 'Automatic collection: on or off (and why), platforms, credentials (admins), the run in progress and the latest runs',
  middleware: [STAFF],
  request: { query: noQuerySchema },
  responses: { 200: answer(connectorStatusSchema, 'The state of the connectors'), ...errors },
});

const addCredentialRoute = createRoute({
  method: 'post',
  path: '/connectors/credentials',
  summary: 'Add a platform credential (admins); its secret is stored encrypted and never answered',
  middleware: [ADMIN, requireJsonBody],
  request: { body: body(credentialCreateBodySchema, 'The credential') },
  responses: { 201: answer(credentialSchema, 'The stored credential, without its secret'), ...errors },
});

const checkCredentialRoute = createRoute({
  method: 'post',
  path: '/connectors/credentials/{id}/check',
  summary: 'Check connection: one documented call to the platform with the credential (admins)',
  middleware: [ADMIN],
  request: { params: credentialParamsSchema },
  responses: { 200: answer(credentialCheckSchema, "The platform's answer, also kept with the credential"), ...errors },
});

const deleteCredentialRoute = createRoute({
  method: 'delete',
  path: '/connectors/credentials/{id}',
  summary: 'Remove a credential (admins)',
  middleware: [ADMIN],
  request: { params: credentialParamsSchema },
  responses: { 204: { description: 'Removed' }, ...errors },
});

const startRunRoute = createRoute({
  method: 'post',
  path: '/connectors/runs',
  summary: 'Collect now (central staff and admins): starts a run and answers it at once',
  description:
    'month: the month that ended last (the default) or the current month so far. Follow the run with GET /connectors/runs/{id}. 409 while another run is collecting or without CONNECTOR_KEY.',
  middleware: [STAFF, requireJsonBody],
  request: { body: body(startRunBodySchema, 'The month to collect') },
  responses: { 202: answer(connectorRunSchema, 'The run, started'), ...errors },
});

const runRoute = createRoute({
  method: 'get',
  path: '/connectors/runs/{id}',
  summary: 'One run with its progress (poll while status is running)',
  middleware: [STAFF],
  request: { params: runParamsSchema, query: noQuerySchema },
  responses: { 200: answer(connectorRunSchema, 'The run'), ...errors },
});

const runPagesRoute = createRoute({
  method: 'get',
  path: '/connectors/runs/{id}/pages',
  summary: "What became of each page in a run: failed first (with the platform's error), then skipped (with the reason), then collected",
  middleware: [STAFF],
  request: { params: runParamsSchema, query: runPagesQuerySchema },
  responses: { 200: answer(runPagesResponseSchema, 'Per-page results'), ...errors },
});

const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');

export const connectorRoutes = createRouter()
  .openapi(statusRoute, (c) => {
    noStore(c);
    return jsonResponse(c, status(c));
  })
  .openapi(addCredentialRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const runtime = connectorRuntime(services.db);
    if (!runtime.settings.key) throw new ApiError(409, 'connectors_off', DISABLED_REASON);
    const input = c.req.valid('json');
    const pageId = 'pageId' in input ? input.pageId : null;
    if (pageId !== null) {
      const page = services.db.prepare('SELECT platform FROM pages WHERE id = ?').get(pageId) as { platform: string } | undefined;
      if (!page) throw new ApiError(400, 'bad_request', `pageId: no page with id ${pageId}`, [{ path: 'pageId', message: `no page with id ${pageId}` }]);
      if (page.platform !== input.platform) {
        throw new ApiError(400, 'bad_request', `pageId: page ${pageId} is a ${page.platform} page, not ${input.platform}`, [{ path: 'pageId', message: `is a ${page.platform} page` }]);
      }
    }
    const id = services.db.transaction(() => {
      const newId = insertCredential(services.db, runtime.settings.key!, { platform: input.platform, kind: input.kind, label: input.label, pageId, secret: secretOf(input), createdBy: user.username });
      services.db
        .prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, 'create', 'connector_credential', ?, NULL, ?)")
        .run(new Date().toISOString(), user.id, user.username, String(newId), JSON.stringify({ platform: input.platform, kind: input.kind, label: input.label, pageId }));
      return newId;
    })();
    noStore(c);
    return c.json(getCredential(services.db, id)!, 201);
  })
  .openapi(checkCredentialRoute, async (c) => {
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    const credential = getCredential(services.db, id);
    if (!credential) throw notFound(`No credential with id ${id}.`);
    await connectorRuntime(services.db).check(id, credential.platform);
    noStore(c);
    return c.json(getCredential(services.db, id)!.lastCheck!, 200);
  })
  .openapi(deleteCredentialRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const id = Number(c.req.valid('param').id);
    const credential = getCredential(services.db, id);
    if (!credential) throw notFound(`No credential with id ${id}.`);
    services.db.transaction(() => {
      deleteCredential(services.db, id);
      services.db
        .prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, 'delete', 'connector_credential', ?, ?, NULL)")
        .run(new Date().toISOString(), user.id, user.username, String(id), JSON.stringify({ platform: credential.platform, kind: credential.kind, label: credential.label, pageId: credential.pageId }));
    })();
    return c.body(null, 204);
  })
  .openapi(startRunRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const runtime = connectorRuntime(services.db);
    runtime.attachServices(services);
    const run = runtime.start({ month: c.req.valid('json').month, trigger: 'manual', startedBy: user.username });
    noStore(c);
    return c.json(run, 202);
  })
  .openapi(runRoute, (c) => {
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    const run = getRun(services.db, id);
    if (!run) throw notFound(`No run with id ${id}. See the runs in GET /api/v1/connectors.`);
    noStore(c);
    return jsonResponse(c, run);
  })
  .openapi(runPagesRoute, (c) => {
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    if (!getRun(services.db, id)) throw notFound(`No run with id ${id}. See the runs in GET /api/v1/connectors.`);
    noStore(c);
    return jsonResponse(c, listRunPages(services.db, id, c.req.valid('query')));
  });
