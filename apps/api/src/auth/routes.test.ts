import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { CLI_ACTOR, setAccountDisabled } from './accounts';
import { LOCKOUT_MINUTES, MAX_LOGIN_FAILURES } from './login';
import { CSRF_HEADER, SESSION_COOKIE } from './sessions';
import { createUser } from './users';

const PASSWORD = 'correct horse battery';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
/** Sign-in required for reads (PUBLIC_READ=0), as by default. */
let app: ReturnType<typeof createApp>;
/** PUBLIC_READ=1 over the same database. */
let publicApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  temp = makeTempDir('mttq-auth-');
  // The shared demo database has both registries (scopes need units) and no users.
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  app = createApp({ db });
  publicApp = createApp({ db, publicRead: true });
  await createUser(db, { username: 'central-staff', password: PASSWORD, role: 'central' });
  await createUser(db, { username: 'quang-ngai', password: PASSWORD, role: 'province', scope: { scheme: 'legacy63', code: '51' } });
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

let userCount = 0;
/** A fresh viewer, so lockouts and sign-outs in one test never touch another. */
async function newUser(role: 'admin' | 'central' | 'viewer' = 'viewer'): Promise<string> {
  const username = `user-${++userCount}`;
  await createUser(db, { username, password: PASSWORD, role });
  return username;
}

type App = ReturnType<typeof createApp>;

async function login(username: string, password: string, target: App = app, init: { url?: string; headers?: Record<string, string> } = {}) {
  return target.request(init.url ?? '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({ username, password }),
  });
}

/** The cookie header a browser would send back after this response. */
function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie set');
  return cookie.split(';')[0]!;
}

interface Browser {
  cookie: string;
  csrfToken: string;
  /** Headers of a signed-in browser's state-changing request. */
  headers: Record<string, string>;
}

async function signIn(username: string, target: App = app): Promise<Browser> {
  const response = await login(username, PASSWORD, target);
  expect(response.status).toBe(200);
  const cookie = sessionCookie(response);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, [CSRF_HEADER]: csrfToken } };
}

const get = async (path: string, cookie?: string, target: App = app) => target.request(path, { headers: cookie ? { cookie } : {} });
const logout = async (headers: Record<string, string>, target: App = app) => target.request('/api/v1/auth/logout', { method: 'POST', headers });

const WRONG = { error: { code: 'invalid_credentials', message: 'Wrong username or password.', details: [] } };
const EXPIRED = { error: { code: 'unauthorized', message: 'Your session has expired; sign in again.', details: [] } };
const SIGN_IN_FIRST = { error: { code: 'unauthorized', message: 'Sign in first: POST /api/v1/auth/login with your username and password.', details: [] } };

describe('POST /auth/login', () => {
  it('sets an HttpOnly, SameSite, Path=/ session cookie and answers the user, role, scope and CSRF token', async () => {
    const response = await login('quang-ngai', PASSWORD);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=(Lax|Strict)/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=28800/);
    expect(setCookie).not.toMatch(/Secure/);
    const body = (await response.json()) as { user: unknown; csrfToken: string; expiresAt: string };
    expect(body.user).toEqual({
      id: expect.any(Number),
      username: 'quang-ngai',
      role: 'province',
      scope: { scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi' },
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
    // The cookie holds the token; the database only its hash.
    const token = sessionCookie(response).split('=')[1]!;
    expect(db.prepare('SELECT count(*) FROM sessions WHERE token_hash = ?').pluck().get(token)).toBe(0);
  });

  it.each([
    ['an https URL', { url: 'https://dash.example.vn/api/v1/auth/login' }],
    ['a proxy saying x-forwarded-proto: https', { headers: { 'x-forwarded-proto': 'https' } }],
  ])('marks the cookie Secure when served over https (%s)', async (_, init) => {
    const response = await login('central-staff', PASSWORD, app, init);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/);
  });

  it('ignores the case of the username', async () => {
    const response = await login('CENTRAL-Staff', PASSWORD);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { username: string } }).user.username).toBe('central-staff');
  });

  it('stores passwords as scrypt hashes, never as written', () => {
    const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(hash).not.toContain(PASSWORD);
    }
  });

  it('answers a wrong password and an unknown username alike, without saying which', async () => {
    const username = await newUser();
    const wrongPassword = await login(username, 'not the password');
    const unknownUser = await login('nobody-by-this-name', PASSWORD);
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(WRONG);
    expect(await unknownUser.json()).toEqual(WRONG);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('replaces the session the browser already had', async () => {
    const username = await newUser();
    const first = await signIn(username);
    const second = await login(username, PASSWORD, app, { headers: { cookie: first.cookie } });
    expect(second.status).toBe(200);
    expect((await get('/api/v1/units?scheme=legacy63&limit=1', first.cookie)).status).toBe(401);
    expect((await get('/api/v1/units?scheme=legacy63&limit=1', sessionCookie(second))).status).toBe(200);
  });
});

describe('sign-in lockout', () => {
  const failTimes = (username: string) => db.prepare('SELECT failed_at FROM login_failures WHERE username = ? ORDER BY failed_at').pluck().all(username) as string[];
  /** Moves the user's failures back in time, oldest first: ages in minutes. */
  function ageFailures(username: string, minutesAgo: number[]) {
    const ids = db.prepare('SELECT id FROM login_failures WHERE username = ? ORDER BY failed_at, id').pluck().all(username) as number[];
    ids.forEach((id, i) => db.prepare('UPDATE login_failures SET failed_at = ? WHERE id = ?').run(new Date(Date.now() - minutesAgo[i]! * 60_000).toISOString(), id));
  }

  it(`answers 429 with Retry-After after ${MAX_LOGIN_FAILURES} failures in ${LOCKOUT_MINUTES} minutes, even for the right password`, async () => {
    const username = await newUser();
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) expect((await login(username, `wrong-${i}`)).status).toBe(401);
    for (const password of ['wrong-again', PASSWORD]) {
      const response = await login(username, password);
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(LOCKOUT_MINUTES * 60 - 10);
      expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_MINUTES * 60);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('too_many_attempts');
      expect(body.error.message).toMatch(/^Too many failed sign-ins for this username \(5 within 15 minutes\)\. Try again in 15 minutes/);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    // Refused attempts are not counted: the lock ends when the oldest failure is 15 minutes old.
    expect(failTimes(username)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it('waits until the oldest of the failures is 15 minutes old, then lets one more attempt through', async () => {
    const username = await newUser();
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) await login(username, 'wrong');
    ageFailures(username, [14, 10, 5, 1, 0]);
    const locked = await login(username, PASSWORD);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(58);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/Try again in (5\d seconds|1 minute),/);

    ageFailures(username, [16, 10, 5, 1, 0]);
    const signedIn = await login(username, PASSWORD);
    expect(signedIn.status).toBe(200);
    // Success clears the user's failures.
    expect(failTimes(username)).toEqual([]);
  });

  it('locks unknown usernames too, whatever their case', async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i += 1) expect((await login(i % 2 ? 'Ghost-User' : 'ghost-user', 'guess')).status).toBe(401);
    expect((await login('GHOST-USER', 'guess')).status).toBe(429);
  });

  it('lets no more than five guesses through when they arrive all at once', async () => {
    const username = await newUser();
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(username, `parallel-${i}`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_LOGIN_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - MAX_LOGIN_FAILURES);
  });
});

describe('GET /auth/me', () => {
  it('answers nulls when signed out, even when sign-in is required for reads', async () => {
    const response = await get('/api/v1/auth/me');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: null, csrfToken: null, expiresAt: null });
  });

  it('answers the signed-in user and the same CSRF token the sign-in gave', async () => {
    const browser = await signIn('quang-ngai');
    const response = await get('/api/v1/auth/me', browser.cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { id: expect.any(Number), username: 'quang-ngai', role: 'province', scope: { scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi' } },
      csrfToken: browser.csrfToken,
      expiresAt: expect.any(String),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it("never answers one user with another's identity (answers are not shared through the response cache)", async () => {
    const a = await signIn('central-staff', publicApp);
    const b = await signIn('quang-ngai', publicApp);
    const me = async (cookie?: string) => ((await (await get('/api/v1/auth/me', cookie, publicApp)).json()) as { user: { username: string } | null }).user?.username ?? null;
    expect(await me(a.cookie)).toBe('central-staff');
    expect(await me(b.cookie)).toBe('quang-ngai');
    expect(await me()).toBeNull();
    expect(await me(a.cookie)).toBe('central-staff');
  });

  it('rejects unknown query parameters', async () => {
    expect((await get('/api/v1/auth/me?user=admin')).status).toBe(400);
  });
});

describe('POST /auth/logout', () => {
  it('ends the session and clears the cookie: the next request is 401', async () => {
    const browser = await signIn(await newUser());
    expect((await get('/api/v1/units?scheme=legacy63&limit=1', browser.cookie)).status).toBe(200);
    const response = await logout(browser.headers);
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/Max-Age=0/);
    const after = await get('/api/v1/units?scheme=legacy63&limit=1', browser.cookie);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual(EXPIRED);
    expect(await (await get('/api/v1/auth/me', browser.cookie)).json()).toMatchObject({ user: null });
  });

  it('needs a session even when reads are public: writes always do', async () => {
    const response = await logout({}, publicApp);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(SIGN_IN_FIRST);
  });

  it.each([
    ['no', undefined],
    ['a wrong', 'not-the-token'],
  ])('refuses a state-changing request with a session but %s x-csrf-token header (403)', async (_, token) => {
    const browser = await signIn(await newUser());
    const response = await logout({ cookie: browser.cookie, ...(token ? { [CSRF_HEADER]: token } : {}) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'csrf',
      message: 'Missing or wrong x-csrf-token header: send the csrfToken you received when signing in.',
    });
    // The session is still there.
    expect((await get('/api/v1/auth/me', browser.cookie).then((r) => r.json()) as { user: unknown }).user).not.toBeNull();
  });
});

describe('sessions and accounts', () => {
  it('refuses a session whose time is up (expires_at in the past)', async () => {
    const username = await newUser();
    const browser = await signIn(username);
    db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE username = ?)').run('2020-01-01T00:00:00.000Z', username);
    const response = await get('/api/v1/coverage', browser.cookie);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(EXPIRED);
  });

  it('lets a disabled user neither sign in nor keep using an open session', async () => {
    const username = await newUser();
    const browser = await signIn(username);
    setAccountDisabled(db, CLI_ACTOR, username, true);
    const rightPassword = await login(username, PASSWORD);
    expect(rightPassword.status).toBe(403);
    expect(await rightPassword.json()).toEqual({ error: { code: 'account_disabled', message: 'This account is disabled. Ask an administrator to enable it.', details: [] } });
    expect(await (await login(username, 'wrong')).json()).toEqual(WRONG);
    expect((await get('/api/v1/units?scheme=legacy63&limit=1', browser.cookie)).status).toBe(401);

    setAccountDisabled(db, CLI_ACTOR, username, false);
    expect((await login(username, PASSWORD)).status).toBe(200);
  });
});

describe('who may read', () => {
  it('without PUBLIC_READ, answers GET /coverage 401 signed out and 200 signed in; health is always open', async () => {
    const signedOut = await get('/api/v1/coverage?asOf=2022-08-12');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual(SIGN_IN_FIRST);
    expect((await get('/api/health')).status).toBe(200);
    const browser = await signIn('central-staff');
    const signedIn = await get('/api/v1/coverage?asOf=2022-08-12', browser.cookie);
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { levels: { province: { covered: number } } }).levels.province.covered).toBe(63);
  });

  it('with PUBLIC_READ, answers GET /coverage signed out', async () => {
    expect((await get('/api/v1/coverage?asOf=2022-08-12', undefined, publicApp)).status).toBe(200);
  });
});

describe('the login body', () => {
  const post = async (body: string | undefined, contentType?: string) =>
    app.request('/api/v1/auth/login', { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

  it.each([
    ['malformed JSON', '{"username": "a", "password":', 'application/json', 400, 'bad_request', 'The request body is not valid JSON. Send {"username": "…", "password": "…"}.'],
    ['an empty JSON body', '', 'application/json', 400, 'bad_request', 'The request body is not valid JSON. Send {"username": "…", "password": "…"}.'],
    ['a form post', 'username=a&password=b', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json, e.g. {"username": "…", "password": "…"}.'],
    ['plain text', 'admin demo', 'text/plain', 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json, e.g. {"username": "…", "password": "…"}.'],
    ['a body without a content type', '{"username":"a","password":"b"}', undefined, 415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json, e.g. {"username": "…", "password": "…"}.'],
    ['no body', undefined, undefined, 400, 'bad_request', 'username: is required: your username, as text; password: is required: your password, as text'],
    ['a JSON array', '[]', 'application/json', 400, 'bad_request', '(body): must be a JSON object: {"username": "…", "password": "…"}'],
    ['a missing password', '{"username":"a"}', 'application/json', 400, 'bad_request', 'password: is required: your password, as text'],
    ['a number for a username', '{"username":5,"password":"b"}', 'application/json', 400, 'bad_request', 'username: is required: your username, as text'],
    ['an empty username', '{"username":"","password":"b"}', 'application/json', 400, 'bad_request', 'username: must not be empty'],
    ['an extra field', '{"username":"a","password":"b","remember":true}', 'application/json', 400, 'bad_request', 'remember: is not a field of this body; remove it or check its spelling'],
  ])('answers %s in the error envelope', async (_, body, contentType, status, code, message) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code, message });
  });

  it.each([
    ['username', 64, 401],
    ['username', 65, 400],
    ['password', 256, 401],
    ['password', 257, 400],
  ])('takes a %s of %i characters with %i', async (field, length, status) => {
    const body = { username: 'length-test', password: 'x', [field]: 'x'.repeat(length) };
    const response = await post(JSON.stringify(body), 'application/json');
    expect(response.status).toBe(status);
    if (status === 400) expect(((await response.json()) as { error: { details: { path: string }[] } }).error.details).toEqual([{ path: field, message: expect.stringMatching(/^has at most/) }]);
  });
});

describe('responses', () => {
  it.each([
    ['an API answer', () => get('/api/v1/auth/me')],
    ['a refused sign-in', () => login('nobody', 'x')],
    ['a 401', () => get('/api/v1/coverage')],
    ['health', () => get('/api/health')],
  ])('carry security headers (%s)', async (_, request) => {
    const response = await request();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('are documented in the OpenAPI document with the login body schema', async () => {
    const spec = (await (await get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { required?: boolean; content: Record<string, { schema: { $ref: string } }> } }>>;
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }>; securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(spec.paths['/auth/login']!)).toEqual(['post']);
    expect(Object.keys(spec.paths['/auth/logout']!)).toEqual(['post']);
    expect(Object.keys(spec.paths['/auth/me']!)).toEqual(['get']);
    const body = spec.paths['/auth/login']!.post!.requestBody!;
    expect(body.required).toBe(true);
    expect(body.content['application/json']!.schema.$ref).toBe('#/components/schemas/LoginRequest');
    expect(spec.components.schemas.LoginRequest).toMatchObject({ required: ['username', 'password'], additionalProperties: false });
    expect(spec.components.securitySchemes).toMatchObject({ session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } });
  });
});
