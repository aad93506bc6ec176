/**
 * Accounts managed in the web app (auth/accounts.ts and the users CLI stay for the first admin
 * and recovery):
 *   GET   /accounts                         the accounts you may manage
 *   POST  /accounts                         create one, with a temporary password answered once
 *   POST  /accounts/bulk                    many from a CSV / XLSX file: dry run, then create
 *   PATCH /accounts/{id}                    change role and scope units
 *   POST  /accounts/{id}/disable | enable   a disabled account's sessions end at once
 *   POST  /accounts/{id}/reset-password     a new temporary password, answered once
 * Who may manage whom: policy.ts. Every change is audited.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  accountBulkFormSchema,
  accountBulkResultSchema,
  accountListSchema,
  accountParamsSchema,
  accountSchema,
  accountWithPasswordSchema,
  createAccountBodySchema,
  MAX_ACCOUNT_FILE_BYTES,
  noQuerySchema,
  updateAccountBodySchema,
} from '@mttq/core';
import { requireUser } from '../auth/user';
import { ApiError, badRequest } from '../http/errors';
import { languageOf, msg } from '../messages';
import { errorSchema } from '../http/openapi-responses';
import { createRouter, type AppEnv } from '../http/router';
import { onlyRoles, requireJsonBody, writeErrorResponses } from '../writes/write-http';
import {
  checkScopesFitRole,
  createAccountWithTemporaryPassword,
  getAccount,
  listAccounts,
  parseScopeTexts,
  resetToTemporaryPassword,
  setDisabled,
  toAccountJson,
  updateAccount,
} from './account-writes';
import { checkAccountFile, createCheckedAccounts, toBulkRow } from './bulk';
import { assertMayGiveRole, assertMayManage, assertScopesInside, mayManage } from './policy';

const MANAGERS = onlyRoles(['admin', 'central', 'province']);
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const errors = {
  ...writeErrorResponses,
  403: {
    description: 'Missing x-csrf-token header, or outside your rights: the message names why ("Your scope is …; … is outside it", "you cannot create a role above your own")',
    content: json(errorSchema),
  },
  404: { description: 'Unknown account', content: json(errorSchema) },
  409: { description: 'The username is taken', content: json(errorSchema) },
};
const accountAnswer = (description: string) => ({ description, content: json(accountSchema) });
const withPassword = (description: string) => ({ description, content: json(accountWithPasswordSchema) });

const listRoute = createRoute({
  method: 'get',
  path: '/accounts',
  summary: 'The accounts you may manage',
  description: 'Admins: every other account; central staff: every other account but admins; a province officer: the province officers whose every scope unit lies inside their own scope.',
  middleware: [MANAGERS],
  request: { query: noQuerySchema },
  responses: { 200: { description: 'The accounts, by username', content: json(accountListSchema) }, 400: errors[400], 401: errors[401], 403: errors[403] },
});

const createAccountRoute = createRoute({
  method: 'post',
  path: '/accounts',
  summary: 'Create an account with a temporary password',
  description:
    'Nobody creates a role above their own; a province officer creates province officers inside their scope. The temporary password is answered this once; the user must replace it when signing in.',
  middleware: [MANAGERS, requireJsonBody],
  request: { body: { required: true, content: json(createAccountBodySchema) } },
  responses: { 201: withPassword('Created'), ...errors },
});

const bulkRoute = createRoute({
  method: 'post',
  path: '/accounts/bulk',
  summary: 'Create many accounts from a CSV or XLSX file (dry run first)',
  description: `multipart/form-data with file and dryRun. Columns: Tên đăng nhập (username), Vai trò (role: admin, central, province, viewer), Phạm vi (scope: units such as reform34:51, several separated by commas). At most ${MAX_ACCOUNT_FILE_BYTES / 1024} KB. A dry run checks every row and writes nothing; dryRun=false creates every account in one go, each with its temporary password, or none (422 listing the bad rows).`,
  middleware: [MANAGERS],
  request: { body: { required: true, content: { 'multipart/form-data': { schema: accountBulkFormSchema } } } },
  responses: {
    200: { description: 'Every row with its errors (dry run), or every created account with its temporary password', content: json(accountBulkResultSchema) },
    ...errors,
    422: { description: 'The file cannot be read, has no header, or (not a dry run) a row has an error: nothing was created', content: json(errorSchema) },
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/accounts/{id}',
  summary: "Change an account's role and scope units",
  description: 'Within your own role and scope. A province officer has at least one scope unit; the other roles none (changing to another role drops them).',
  middleware: [MANAGERS, requireJsonBody],
  request: { params: accountParamsSchema, body: { required: true, content: json(updateAccountBodySchema) } },
  responses: { 200: accountAnswer('The account after the change'), ...errors },
});

const actionRoute = <A extends ReturnType<typeof accountAnswer> | ReturnType<typeof withPassword>>(action: 'disable' | 'enable' | 'reset-password', summary: string, answer: A) =>
  createRoute({
    method: 'post',
    path: `/accounts/{id}/${action}`,
    summary,
    middleware: [MANAGERS],
    request: { params: accountParamsSchema },
    responses: { 200: answer, ...errors },
  });

const disableRoute = actionRoute('disable', 'Disable an account: it cannot sign in and its sessions end at once', accountAnswer('The account, disabled'));
const enableRoute = actionRoute('enable', 'Enable a disabled account', accountAnswer('The account, enabled'));
const resetRoute = actionRoute(
  'reset-password',
  'Give an account a new temporary password (answered once); its sessions end and it must set its own password at the next sign-in',
  withPassword('The account and its temporary password'),
);

/** The account of the path, after checking the signed-in user may manage it. */
function managedAccount(c: Context<AppEnv>, id: string) {
  const services = c.get('services');
  const manager = requireUser(c.get('user'));
  const account = getAccount(services.db, Number(id));
  assertMayManage(services, manager, account);
  return { services, manager, account };
}

export const accountRoutes = createRouter()
  .openapi(listRoute, (c) => {
    const services = c.get('services');
    const manager = requireUser(c.get('user'));
    c.header('cache-control', 'private, no-store');
    const items = listAccounts(services.db).filter((account) => mayManage(services, manager, account));
    return c.json({ items: items.map((account) => toAccountJson(services, account)) }, 200);
  })
  .openapi(createAccountRoute, async (c) => {
    const services = c.get('services');
    const manager = requireUser(c.get('user'));
    const body = c.req.valid('json');
    assertMayGiveRole(manager, body.role);
    const scopes = parseScopeTexts(services.db, body.scopes, 'scopes');
    checkScopesFitRole(body.role, scopes);
    assertScopesInside(services, manager, scopes);
    const { id, password } = await createAccountWithTemporaryPassword(services.db, manager, { username: body.username, role: body.role, scopes });
    return c.json({ account: toAccountJson(services, getAccount(services.db, id)), temporaryPassword: password }, 201);
  })
  .openapi(bulkRoute, async (c) => {
    const services = c.get('services');
    const manager = requireUser(c.get('user'));
    const form = c.req.valid('form');
    const file: unknown = form.file;
    if (!(file instanceof File)) throw badRequest('file', msg('account_file_missing'));
    if (file.size > MAX_ACCOUNT_FILE_BYTES) {
      throw new ApiError(413, 'payload_too_large', msg('account_file_too_large', { kb: MAX_ACCOUNT_FILE_BYTES / 1024 }));
    }
    const rows = checkAccountFile(services, manager, new Uint8Array(await file.arrayBuffer()));
    const invalid = rows.filter((r) => r.errors.length > 0).length;
    if (form.dryRun === 'true') return c.json({ dryRun: true, created: 0, invalid, rows: rows.map((row) => toBulkRow(row, languageOf(c))) }, 200);
    const created = await createCheckedAccounts(services.db, manager, rows);
    return c.json({ dryRun: false, created: created.length, invalid: 0, rows: created }, 200);
  })
  .openapi(updateRoute, (c) => {
    const { services, manager, account } = managedAccount(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const role = body.role ?? account.role;
    assertMayGiveRole(manager, role);
    const scopes = body.scopes ? parseScopeTexts(services.db, body.scopes, 'scopes') : role === 'province' ? account.scopes : [];
    checkScopesFitRole(role, scopes);
    assertScopesInside(services, manager, scopes);
    updateAccount(services.db, manager, account, { role, scopes });
    return c.json(toAccountJson(services, getAccount(services.db, account.id)), 200);
  })
  .openapi(disableRoute, (c) => {
    const { services, manager, account } = managedAccount(c, c.req.valid('param').id);
    setDisabled(services.db, manager, account, true);
    return c.json(toAccountJson(services, getAccount(services.db, account.id)), 200);
  })
  .openapi(enableRoute, (c) => {
    const { services, manager, account } = managedAccount(c, c.req.valid('param').id);
    setDisabled(services.db, manager, account, false);
    return c.json(toAccountJson(services, getAccount(services.db, account.id)), 200);
  })
  .openapi(resetRoute, async (c) => {
    const { services, manager, account } = managedAccount(c, c.req.valid('param').id);
    const password = await resetToTemporaryPassword(services.db, manager, account);
    return c.json({ account: toAccountJson(services, getAccount(services.db, account.id)), temporaryPassword: password }, 200);
  });
