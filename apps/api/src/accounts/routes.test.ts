import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { createUser } from '../auth/users';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';
import { send, serveApp, type Answer, type Served } from '../auth/test-http';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';

/** Accounts managed over real HTTP: who may do what, temporary passwords, disabling, bulk creation, own sessions. */
const PASSWORD = 'correct horse battery';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let server: Served;
/** A reform34 commune of Quảng Ngãi (reform34:51). */
let quangNgaiCommune: string;

beforeAll(async () => {
  temp = makeTempDir('mttq-accounts-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  // Generous sign-in limits: this file signs in often from one address.
  server = await serveApp(createApp({ db, signIn: { limits: { burst: 1000, refillSeconds: 0.01, freeFailuresPerAddress: 1000 } } }));
  await createUser(db, { username: 'admin-1', password: PASSWORD, role: 'admin' });
  await createUser(db, { username: 'central-1', password: PASSWORD, role: 'central' });
  await createUser(db, { username: 'viewer-1', password: PASSWORD, role: 'viewer' });
  await createUser(db, { username: 'qn-officer', password: PASSWORD, role: 'province', scopes: [{ scheme: 'reform34', code: '51' }] });
  await createUser(db, { username: 'hn-officer', password: PASSWORD, role: 'province', scopes: [{ scheme: 'reform34', code: '01' }] });
  quangNgaiCommune = db.prepare("SELECT code FROM units WHERE scheme = 'reform34' AND level = 'commune' AND province_code = '51' ORDER BY code LIMIT 1").pluck().get() as string;
});
afterAll(async () => {
  await server.close();
  db.close();
  temp.cleanup();
});

interface Browser {
  cookie: string;
  csrf: string;
}

async function signIn(username: string, password = PASSWORD): Promise<Browser & { answer: Answer }> {
  const answer = await send(`${server.origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': `test-browser-${username}` },
    body: JSON.stringify({ username, password }),
  });
  const cookie = String(answer.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  return { cookie, csrf: answer.status === 200 ? answer.json().csrfToken : '', answer };
}

async function as(username: string): Promise<Browser> {
  const browser = await signIn(username);
  expect(browser.answer.status).toBe(200);
  return browser;
}

function call(browser: Browser, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { cookie: browser.cookie, [CSRF_HEADER]: browser.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send(`${server.origin}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const messageOf = (answer: Answer) => answer.json().error.message as string;
let count = 0;
const nextName = (prefix: string) => `${prefix}-${++count}`;
const idOf = (username: string) => db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
const auditCount = () => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('who may manage which account', () => {
  it('lets central staff create a province officer, answering a temporary password once, audited', async () => {
    const central = await as('central-1');
    const username = nextName('officer');
    const answer = await call(central, 'POST', '/accounts', { username, role: 'province', scopes: ['reform34:51'] });
    expect(answer.status).toBe(201);
    const body = answer.json();
    expect(body.account).toMatchObject({ username, role: 'province', isDisabled: false, mustChangePassword: true, scopes: [{ scheme: 'reform34', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }] });
    expect(body.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const audit = db.prepare("SELECT username, action, after_json FROM audit_log WHERE entity = 'user' AND entity_id = ?").get(String(body.account.id)) as { username: string; action: string; after_json: string };
    expect(audit).toMatchObject({ username: 'central-1', action: 'create' });
    expect(audit.after_json).not.toContain(body.temporaryPassword);
  });

  it('refuses a role above one’s own, naming why', async () => {
    const central = await as('central-1');
    const answer = await call(central, 'POST', '/accounts', { username: nextName('boss'), role: 'admin' });
    expect(answer.status).toBe(403);
    expect(messageOf(answer)).toBe('Bạn đang đăng nhập với vai trò cán bộ Trung ương: bạn không thể tạo vai trò cao hơn vai trò của mình (quản trị viên). Hãy nhờ quản trị viên.');
    expect(answer.json().error).toMatchObject({ key: 'account_role_above_own', params: { own: 'central', role: 'admin' } });
    const inEnglish = await call(central, 'POST', '/accounts?lang=en', { username: nextName('boss'), role: 'admin' });
    expect(messageOf(inEnglish)).toBe('You are signed in as central: you cannot create a role above your own (admin). Ask an administrator.');
    const officer = await as('qn-officer');
    const up = await call(officer, 'POST', '/accounts', { username: nextName('up'), role: 'central' });
    expect(up.status).toBe(403);
    expect(messageOf(up)).toContain('bạn không thể tạo vai trò cao hơn vai trò của mình (cán bộ Trung ương)');
  });

  it('lets a province officer create officers inside their scope and refuses one outside, naming the scope', async () => {
    const officer = await as('qn-officer');
    const inside = await call(officer, 'POST', '/accounts', { username: nextName('commune'), role: 'province', scopes: [`reform34:${quangNgaiCommune}`] });
    expect(inside.status).toBe(201);
    const outside = await call(officer, 'POST', '/accounts', { username: nextName('hanoi'), role: 'province', scopes: ['reform34:01'] });
    expect(outside.status).toBe(403);
    expect(messageOf(outside)).toBe('Phạm vi của bạn là reform34:51 (Tỉnh Quảng Ngãi); reform34:01 nằm ngoài phạm vi đó. Hãy nhờ cán bộ trung ương thực hiện thay đổi này.');
    const viewer = await call(officer, 'POST', '/accounts', { username: nextName('viewer'), role: 'viewer' });
    expect(viewer.status).toBe(403);
    expect(messageOf(viewer)).toContain('chỉ quản lý cán bộ cấp tỉnh trong phạm vi của mình');
  });

  it('lists to a province officer only the officers inside their scope', async () => {
    const officer = await as('qn-officer');
    const answer = await call(officer, 'GET', '/accounts');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toContain('no-store');
    const names: string[] = answer.json().items.map((a: { username: string }) => a.username);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('hn-officer');
    expect(names).not.toContain('qn-officer');
    expect(names).not.toContain('central-1');
    const central = await as('central-1');
    const all: string[] = (await call(central, 'GET', '/accounts')).json().items.map((a: { username: string }) => a.username);
    expect(all).toEqual(expect.arrayContaining(['hn-officer', 'qn-officer', 'viewer-1']));
    expect(all).not.toContain('admin-1');
  });

  it('refuses a province officer every action on an account outside their scope, and central staff on an admin', async () => {
    const officer = await as('qn-officer');
    const hanoi = idOf('hn-officer');
    for (const [method, path, body] of [
      ['POST', `/accounts/${hanoi}/disable`],
      ['POST', `/accounts/${hanoi}/reset-password`],
      ['PATCH', `/accounts/${hanoi}`, { scopes: ['reform34:51'] }],
    ] as const) {
      const answer = await call(officer, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(messageOf(answer)).toContain('reform34:01 nằm ngoài phạm vi đó');
    }
    const central = await as('central-1');
    const admin = await call(central, 'POST', `/accounts/${idOf('admin-1')}/reset-password`);
    expect(admin.status).toBe(403);
    expect(messageOf(admin)).toBe('Tài khoản này có vai trò quản trị viên, cao hơn vai trò của bạn (cán bộ Trung ương): bạn không quản lý được.');
  });

  it('refuses viewers, and writes without the CSRF token', async () => {
    const viewer = await as('viewer-1');
    expect((await call(viewer, 'GET', '/accounts')).status).toBe(403);
    expect((await call(viewer, 'POST', '/accounts', { username: nextName('v'), role: 'viewer' })).status).toBe(403);
    const admin = await as('admin-1');
    const noCsrf = await call({ ...admin, csrf: '' }, 'POST', '/accounts', { username: nextName('x'), role: 'viewer' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
  });

  it('changes role and scope within one’s own, and names the field of a bad body', async () => {
    const admin = await as('admin-1');
    const created = (await call(admin, 'POST', '/accounts', { username: nextName('mover'), role: 'province', scopes: ['reform34:51'] })).json();
    const moved = await call(admin, 'PATCH', `/accounts/${created.account.id}`, { scopes: ['reform34:01', 'legacy63:51'] });
    expect(moved.status).toBe(200);
    expect(moved.json().scopes.map((s: { scheme: string; code: string }) => `${s.scheme}:${s.code}`)).toEqual(['legacy63:51', 'reform34:01']);
    const promoted = await call(admin, 'PATCH', `/accounts/${created.account.id}`, { role: 'central' });
    expect(promoted.json()).toMatchObject({ role: 'central', scopes: [] });
    const bad = await call(admin, 'PATCH', `/accounts/${created.account.id}`, { role: 'province' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.details[0].path).toBe('scopes');
    const noUnit = await call(admin, 'POST', '/accounts', { username: nextName('x'), role: 'province', scopes: ['reform34:99'] });
    expect(noUnit.status).toBe(400);
    expect(noUnit.json().error.details[0]).toMatchObject({ path: 'scopes.0', message: expect.stringContaining('Không có đơn vị reform34:99'), key: 'account_scope_no_unit' });
  });
});

describe('temporary passwords', () => {
  it('allows nothing but setting a new password, then everything the role allows', async () => {
    const admin = await as('admin-1');
    const username = nextName('newcomer');
    const { temporaryPassword } = (await call(admin, 'POST', '/accounts', { username, role: 'province', scopes: ['reform34:51'] })).json();
    const first = await signIn(username, temporaryPassword);
    expect(first.answer.status).toBe(200);
    expect(first.answer.json().passwordChangeRequired).toBe(true);
    expect((await call(first, 'GET', '/auth/me')).json().passwordChangeRequired).toBe(true);
    for (const [method, path, body] of [
      ['GET', '/units?scheme=reform34'],
      ['GET', '/auth/sessions'],
      ['POST', '/pages', { platform: 'facebook', url: 'https://www.facebook.com/temp.qn', name: 'x', launchedOn: '2025-09-01', unit: { scheme: 'reform34', code: quangNgaiCommune } }],
    ] as const) {
      const refused = await call(first, method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.json().error.code).toBe('password_change_required');
    }
    const wrong = await call(first, 'POST', '/auth/password', { currentPassword: 'not-it', newPassword: 'my own password 1' });
    expect(wrong.status).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    const same = await call(first, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: temporaryPassword });
    expect(same.json().error.details[0].path).toBe('newPassword');
    // Signing in as someone else from this browser is still possible.
    const other = await send(`${server.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ username: 'viewer-1', password: PASSWORD }),
    });
    expect(other.status).toBe(200);
    expect((await call(first, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: 'my own password 1' })).status).toBe(401);
    const again = await signIn(username, temporaryPassword);
    expect((await call(again, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: 'my own password 1' })).status).toBe(204);
    Object.assign(first, again);
    expect((await call(first, 'GET', '/units?scheme=reform34')).status).toBe(200);
    expect((await call(first, 'GET', '/auth/me')).json().passwordChangeRequired).toBeUndefined();
    expect((await signIn(username, temporaryPassword)).answer.status).toBe(401);
    expect((await signIn(username, 'my own password 1')).answer.status).toBe(200);
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id").pluck().all(String(idOf(username)))).toEqual(['create', 'change_password']);
  });

  it('a reset ends the sessions and gives a new temporary password', async () => {
    const central = await as('central-1');
    const username = nextName('forgetful');
    const { account, temporaryPassword } = (await call(central, 'POST', '/accounts', { username, role: 'viewer' })).json();
    const user = await signIn(username, temporaryPassword);
    await call(user, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: 'forgotten password' });
    const reset = await call(central, 'POST', `/accounts/${account.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.json().account.mustChangePassword).toBe(true);
    expect((await call(user, 'GET', '/auth/me')).json().user).toBeNull();
    expect((await signIn(username, 'forgotten password')).answer.status).toBe(401);
    expect((await signIn(username, reset.json().temporaryPassword)).answer.json().passwordChangeRequired).toBe(true);
  });
});

describe('disabling', () => {
  it('ends a disabled user’s sessions at once and keeps them from signing in until enabled', async () => {
    const central = await as('central-1');
    const username = nextName('leaver');
    const { account, temporaryPassword } = (await call(central, 'POST', '/accounts', { username, role: 'viewer' })).json();
    const user = await signIn(username, temporaryPassword);
    await call(user, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD });
    expect((await call(user, 'GET', '/units?scheme=reform34')).status).toBe(200);
    const disabled = await call(central, 'POST', `/accounts/${account.id}/disable`);
    expect(disabled.json().isDisabled).toBe(true);
    expect((await call(user, 'GET', '/units?scheme=reform34')).status).toBe(401);
    expect(db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(account.id)).toBe(0);
    const refused = await signIn(username);
    expect(refused.answer.status).toBe(403);
    expect(refused.answer.json().error.code).toBe('account_disabled');
    expect((await call(central, 'POST', `/accounts/${account.id}/enable`)).json().isDisabled).toBe(false);
    expect((await signIn(username)).answer.status).toBe(200);
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id").pluck().all(String(account.id))).toEqual([
      'create',
      'change_password',
      'disable',
      'enable',
    ]);
  });

  it('refuses managing one’s own account here', async () => {
    const central = await as('central-1');
    const answer = await call(central, 'POST', `/accounts/${idOf('central-1')}/disable`);
    expect(answer.status).toBe(403);
    expect(messageOf(answer)).toContain('Đây là tài khoản của chính bạn');
  });
});

/** POST /accounts/bulk with a CSV file. */
function upload(browser: Browser, csv: string, dryRun: boolean): Promise<Answer> {
  const boundary = 'accounts-boundary';
  const body = [
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="accounts.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\n${dryRun}\r\n`,
    `--${boundary}--\r\n`,
  ].join('');
  return send(`${server.origin}/api/v1/accounts/bulk`, {
    method: 'POST',
    headers: { cookie: browser.cookie, [CSRF_HEADER]: browser.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.from(body),
  });
}

describe('creating many accounts from a file', () => {
  const good = (a: string, b: string) => `Tên đăng nhập;Vai trò;Phạm vi\n${a};province;reform34:51\n${b};province;reform34:${'{commune}'}\n`;

  it('a dry run writes nothing and reports every bad row, with its column and why', async () => {
    const officer = await as('qn-officer');
    const before = { users: db.prepare('SELECT count(*) FROM users').pluck().get(), audit: auditCount() };
    const csv = [
      'Tên đăng nhập;Vai trò;Phạm vi',
      'bulk-ok;province;reform34:51',
      'bad name;province;reform34:51',
      'bulk-hanoi;province;reform34:01',
      'bulk-boss;central;',
      'bulk-ok;province;reform34:51',
      'qn-officer;province;reform34:51',
      'bulk-nounit;province;',
      'bulk-typo;provnce;reform34:51',
    ].join('\n');
    const answer = await upload(officer, csv, true);
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ dryRun: true, created: 0, invalid: 7 });
    const errorsOf = (row: number) => body.rows.find((r: { row: number }) => r.row === row).errors.map((e: { column: string; message: string }) => `${e.column}: ${e.message}`).join(' | ');
    expect(body.rows[0]).toMatchObject({ row: 2, username: 'bulk-ok', errors: [], temporaryPassword: null });
    expect(errorsOf(3)).toContain('Tên đăng nhập (username): phải có từ 1 đến 64 chữ cái');
    expect(errorsOf(4)).toContain('Phạm vi (scope): Phạm vi của bạn là reform34:51 (Tỉnh Quảng Ngãi); reform34:01 nằm ngoài phạm vi đó');
    expect(errorsOf(5)).toContain('bạn không thể tạo vai trò cao hơn vai trò của mình (cán bộ Trung ương)');
    expect(errorsOf(6)).toContain('đã có ở dòng 2');
    expect(errorsOf(7)).toContain('“qn-officer” đã có');
    expect(errorsOf(8)).toContain('cần ít nhất một đơn vị');
    expect(errorsOf(9)).toContain('“provnce” không phải vai trò');
    expect(body.rows.find((r: { row: number }) => r.row === 9).errors).toEqual([
      { column: 'Vai trò (role)', message: '“provnce” không phải vai trò: hãy dùng admin, central, province hoặc viewer', key: 'account_row_role_unknown', params: { value: 'provnce' } },
    ]);
    expect({ users: db.prepare('SELECT count(*) FROM users').pluck().get(), audit: auditCount() }).toEqual(before);
    // The same file committed creates nothing and lists the bad rows.
    const commit = await upload(officer, csv, false);
    expect(commit.status).toBe(422);
    expect(commit.json().error.details).toHaveLength(7);
    expect({ users: db.prepare('SELECT count(*) FROM users').pluck().get(), audit: auditCount() }).toEqual(before);
  });

  it('a commit of a clean file creates every account with its own temporary password', async () => {
    const officer = await as('qn-officer');
    const [a, b] = [nextName('bulk'), nextName('bulk')];
    const answer = await upload(officer, good(a, b).replace('{commune}', quangNgaiCommune), false);
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ dryRun: false, created: 2, invalid: 0 });
    const [first, second] = body.rows as Array<{ username: string; temporaryPassword: string }>;
    expect(first!.temporaryPassword).not.toBe(second!.temporaryPassword);
    const signedIn = await signIn(b, second!.temporaryPassword);
    expect(signedIn.answer.json()).toMatchObject({ passwordChangeRequired: true, user: { username: b, scopes: [{ scheme: 'reform34', code: quangNgaiCommune }] } });
  });
});

describe('own sessions', () => {
  it('lists the user’s sessions and ends one; a password change ends the others', async () => {
    const central = await as('central-1');
    const username = nextName('traveller');
    const { temporaryPassword } = (await call(central, 'POST', '/accounts', { username, role: 'viewer' })).json();
    const setup = await signIn(username, temporaryPassword);
    await call(setup, 'POST', '/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD });
    const laptop = await as(username);
    const phone = await as(username);
    const listed = await call(laptop, 'GET', '/auth/sessions');
    const items = listed.json().items as Array<{ id: string; isCurrent: boolean; userAgent: string }>;
    expect(items).toHaveLength(3);
    expect(items.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(items[0]!.userAgent).toBe(`test-browser-${username}`);
    const others = items.filter((s) => !s.isCurrent);
    expect((await call(laptop, 'DELETE', `/auth/sessions/${others[0]!.id}`)).status).toBe(204);
    expect((await call(laptop, 'DELETE', `/auth/sessions/${others[0]!.id}`)).status).toBe(404);
    expect((await call(laptop, 'GET', '/auth/sessions')).json().items).toHaveLength(2);
    // Someone else's session id is not theirs to end.
    const stranger = await as('viewer-1');
    expect((await call(stranger, 'DELETE', `/auth/sessions/${others[1]!.id}`)).status).toBe(404);
    expect((await call(laptop, 'POST', '/auth/password', { currentPassword: PASSWORD, newPassword: 'a new password' })).status).toBe(204);
    expect((await call(phone, 'GET', '/auth/me')).json().user).toBeNull();
    expect((await call(laptop, 'GET', '/auth/sessions')).json().items).toHaveLength(1);
  });
});

it('documents every account route in the OpenAPI document', async () => {
  const spec = (await send(`${server.origin}/api/openapi.json`, { headers: { cookie: `${SESSION_COOKIE}=none` } })).json();
  for (const path of ['/accounts', '/accounts/bulk', '/accounts/{id}', '/accounts/{id}/disable', '/accounts/{id}/enable', '/accounts/{id}/reset-password', '/auth/password', '/auth/sessions', '/auth/sessions/{id}']) {
    expect(spec.paths[path], path).toBeDefined();
  }
});
