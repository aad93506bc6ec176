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
import { ApiError, badRequest, notFound } from '../http/errors';
import { languageOf, msg, render } from '../messages';
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
  facebook: msg('connector_note_facebook'),
  youtube: msg('connector_note_youtube'),
  zalo: msg('connector_note_zalo'),
  tiktok: TIKTOK_NOTE,
} as const;

function status(c: Context<AppEnv>): ConnectorStatus {
  const services = c.get('services');
  const runtime = connectorRuntime(services.db);
  runtime.attachServices(services);
  const user = requireUser(c.get('user'));
  const counts = countCredentials(services.db);
  const lang = languageOf(c);
  const runs = listRuns(services.db, lang);
  const currentId = runtime.currentRunId();
  return {
    enabled: runtime.enabled,
    disabledReason: runtime.enabled ? null : render(DISABLED_REASON, lang),
    collectDay: runtime.settings.collectDay,
    defaultMonth: runtime.defaultMonth(),
    platforms: PLATFORMS.map((platform) => ({
      platform,
      collectable: (COLLECTABLE_PLATFORMS as readonly string[]).includes(platform),
      credentials: counts.get(platform) ?? 0,
      note: render(PLATFORM_NOTES[platform], lang),
    })),
    credentials: user.role === 'admin' ? listCredentials(services.db, lang) : [],
    currentRun: currentId === null ? null : getRun(services.db, currentId, lang),
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
      if (!page) throw badRequest('pageId', msg('connector_no_page', { id: String(pageId) }));
      if (page.platform !== input.platform) {
        throw badRequest('pageId', msg('connector_page_other_platform', { id: String(pageId), platform: page.platform, wanted: input.platform }));
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
    return c.json(getCredential(services.db, id, languageOf(c))!, 201);
  })
  .openapi(checkCredentialRoute, async (c) => {
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    const lang = languageOf(c);
    const credential = getCredential(services.db, id, lang);
    if (!credential) throw notFound(msg('connector_credential_not_found', { id: String(id) }));
    await connectorRuntime(services.db).check(id, credential.platform);
    noStore(c);
    return c.json(getCredential(services.db, id, lang)!.lastCheck!, 200);
  })
  .openapi(deleteCredentialRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const id = Number(c.req.valid('param').id);
    const credential = getCredential(services.db, id, languageOf(c));
    if (!credential) throw notFound(msg('connector_credential_not_found', { id: String(id) }));
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
    const run = getRun(services.db, id, languageOf(c));
    if (!run) throw notFound(msg('connector_run_not_found', { id: String(id) }));
    noStore(c);
    return jsonResponse(c, run);
  })
  .openapi(runPagesRoute, (c) => {
    const services = c.get('services');
    const id = Number(c.req.valid('param').id);
    const lang = languageOf(c);
    if (!getRun(services.db, id, lang)) throw notFound(msg('connector_run_not_found', { id: String(id) }));
    noStore(c);
    return jsonResponse(c, listRunPages(services.db, id, c.req.valid('query'), lang));
  });
