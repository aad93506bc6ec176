import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { CLI_ACTOR, resetAccountPassword, setAccountDisabled } from './accounts';
import { HASH_CONCURRENCY, hashGate, MAX_HASH_QUEUE } from './hash-gate';
import { CSRF_HEADER, SESSION_COOKIE } from './sessions';
import { serveApp, send } from './test-http';
import { delayAfter, SIGN_IN_LIMITS, unlockSignIn } from './throttle';
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
  await createUser(db, { username: 'quang-ngai', password: PASSWORD, role: 'province', scopes: [{ scheme: 'legacy63', code: '51' }] });
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

let addressCount = 0;
/** A client address no other sign-in of this file uses: 10.77.x.y */
const nextAddress = () => `10.77.${(++addressCount >> 8) & 255}.${addressCount & 255}`;
/** What @hono/node-server hands the app for a request from `address` (getConnInfo reads it). */
const addressEnv = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

/** POST /auth/login from `from` (default: an address of its own, so limits of one test never touch another). */
async function login(username: string, password: string, target: App = app, init: { url?: string; headers?: Record<string, string>; from?: string } = {}) {
  return target.request(
    init.url ?? '/api/v1/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: JSON.stringify({ username, password }) },
    addressEnv(init.from ?? nextAddress()),
  );
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

const WRONG = { error: { code: 'invalid_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu.', key: 'invalid_credentials', params: {}, details: [] } };
const EXPIRED = { error: { code: 'unauthorized', message: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.', key: 'auth_session_expired', params: {}, details: [] } };
const SIGN_IN_FIRST = {
  error: {
    code: 'unauthorized',
    message: 'Cần đăng nhập trước: gửi POST /api/v1/auth/login với tên đăng nhập và mật khẩu của bạn.',
    key: 'auth_sign_in_first',
    params: {},
    details: [],
  },
};

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
      scopes: [{ scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }], provinces: { legacy63: ['51'], reform34: ['51'] },
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

describe('sign-in throttling', () => {
  const ATTACKER = '198.51.100.66';
  const failures = (username: string, client?: string) =>
    (client === undefined
      ? db.prepare('SELECT count(*) FROM login_failures WHERE username = ?').pluck().get(username)
      : db.prepare('SELECT count(*) FROM login_failures WHERE username = ? AND client = ?').pluck().get(username, client)) as number;
  /** Moves every failure of (username, client) `seconds` back in time. */
  const ageFailures = (username: string, client: string, seconds: number) =>
    db
      .prepare("UPDATE login_failures SET failed_at = strftime('%Y-%m-%dT%H:%M:%fZ', failed_at, ?) WHERE username = ? AND client = ?")
      .run(`-${seconds} seconds`, username, client);
  /** Records `count` failures of (username, client), the latest `ageSeconds` ago. */
  function addFailures(username: string, client: string, count: number, ageSeconds = 0) {
    const insert = db.prepare('INSERT INTO login_failures (username, client, failed_at) VALUES (?, ?, ?)');
    for (let i = 0; i < count; i += 1) insert.run(username, client, new Date(Date.now() - (ageSeconds + count - 1 - i) * 1000).toISOString());
  }
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it(`after ${SIGN_IN_LIMITS.freeFailuresPerAccount} failures of a username from one address, makes the next attempt from there wait 1 s (429, Retry-After), even with the right password`, async () => {
    const username = await newUser();
    const from = nextAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailuresPerAccount; i += 1) expect((await login(username, `wrong-${i}`, app, { from })).status).toBe(401);
    // Hashing may be slow on a busy machine: let the latest failure be this instant.
    db.prepare("UPDATE login_failures SET failed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = (SELECT max(id) FROM login_failures WHERE username = ?)").run(username);
    const refused = await login(username, PASSWORD, app, { from });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await errorOf(refused)).toEqual({
      code: 'too_many_attempts',
      message:
        'Tên đăng nhập này đã đăng nhập sai quá nhiều lần từ địa chỉ của bạn (5 lần đầu không bị chờ, sau đó mỗi lần thử phải chờ lâu hơn, tối đa 15 phút). Hãy thử lại sau 1 giây, hoặc nhờ quản trị viên mở khóa tài khoản.',
      key: 'auth_account_failures',
      params: { free: 5, maxMinutes: 15, wait: { key: 'wait_one_second', params: {} } },
      details: [],
    });
    // Refused attempts are not counted; once the wait is over the right password signs in and
    // forgets this address's failures.
    expect(failures(username, from)).toBe(SIGN_IN_LIMITS.freeFailuresPerAccount);
    ageFailures(username, from, 2);
    expect((await login(username, PASSWORD, app, { from })).status).toBe(200);
    expect(failures(username, from)).toBe(0);
  });

  it.each([
    [5, 1],
    [6, 2],
    [7, 4],
    [10, 32],
    [14, 512],
    [15, 900],
    [60, 900],
  ])('after %i failures the next attempt waits %i s after the latest (growing, at most 15 minutes)', async (count, seconds) => {
    const username = await newUser();
    const from = nextAddress();
    addFailures(username, from, count);
    const refused = await login(username, PASSWORD, app, { from });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(seconds - 1);
    expect(retryAfter).toBeLessThanOrEqual(seconds);
    expect(delayAfter(count, SIGN_IN_LIMITS.freeFailuresPerAccount, SIGN_IN_LIMITS.maxDelaySeconds)).toBe(seconds);
    // The same wait, already over: the attempt goes through.
    ageFailures(username, from, seconds + 1);
    expect((await login(username, PASSWORD, app, { from })).status).toBe(200);
  });

  it('forgets failures after 24 hours', async () => {
    const username = await newUser();
    const from = nextAddress();
    addFailures(username, from, 40, 24 * 3600 + 60);
    expect((await login(username, PASSWORD, app, { from })).status).toBe(200);
    expect(failures(username)).toBe(0);
  });

  it("never holds a user back at their own address, however many wrong passwords another address sends for the username (even the admin's)", async () => {
    const username = await newUser('admin');
    const own = nextAddress();
    addFailures(username, ATTACKER, 200);
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => login(username, `guess-${i}`, app, { from: ATTACKER })));
    expect(guesses.map((r) => r.status)).toEqual(Array(8).fill(429));
    const signedIn = await login(username, PASSWORD, app, { from: own });
    expect(signedIn.status).toBe(200);
    // The attacker's failures stay: their waits go on.
    expect(failures(username, ATTACKER)).toBe(200);
    expect((await login(username, PASSWORD, app, { from: ATTACKER })).status).toBe(429);
  });

  it('counts unknown usernames alike, whatever their case', async () => {
    const from = nextAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailuresPerAccount; i += 1) expect((await login(i % 2 ? 'Ghost-User' : 'ghost-user', 'guess', app, { from })).status).toBe(401);
    const refused = await login('GHOST-USER', 'guess', app, { from });
    expect(refused.status).toBe(429);
    expect(await errorOf(refused)).toMatchObject({ key: 'auth_account_failures', params: { free: SIGN_IN_LIMITS.freeFailuresPerAccount } });
  });

  it('lets no more than five guesses of one address through when they arrive all at once', async () => {
    // No cap on parallel attempts here: the database reservation alone holds the line.
    const unlimited = createApp({ db, signIn: { limits: { inFlightPerAddress: 100 } } });
    const username = await newUser();
    const from = nextAddress();
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(username, `parallel-${i}`, unlimited, { from }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.freeFailuresPerAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - SIGN_IN_LIMITS.freeFailuresPerAccount);
  });

  it('slows down one address trying many usernames (per-address cap), and only that address', async () => {
    const strict = createApp({ db, signIn: { limits: { freeFailuresPerAddress: 4 } } });
    const from = nextAddress();
    for (let i = 0; i < 4; i += 1) expect((await login(`spray-${i}-${from}`, 'guess', strict, { from })).status).toBe(401);
    // Four more names, recorded just now: 8 failures of the address, so the next attempt waits 16 s.
    for (let i = 4; i < 8; i += 1) addFailures(`spray-${i}-${from}`, from, 1);
    const username = await newUser();
    const refused = await login(username, PASSWORD, strict, { from });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(15);
    expect((await errorOf(refused)).message).toMatch(
      /^Địa chỉ của bạn đã đăng nhập sai quá nhiều lần \(4 lần đầu không bị chờ, sau đó mỗi lần thử phải chờ lâu hơn, tối đa 15 phút\)\. Hãy thử lại sau 1[56] giây, hoặc nhờ quản trị viên mở khóa tài khoản\.$/,
    );
    expect((await login(username, PASSWORD, strict, { from: nextAddress() })).status).toBe(200);
  });

  it('answers 429 before any hashing once an address is over its attempts, counts no failure, and gives a successful attempt back', async () => {
    const tight = createApp({ db, signIn: { limits: { burst: 3, refillSeconds: 60 } } });
    const username = await newUser();
    const from = nextAddress();
    expect((await login(username, PASSWORD, tight, { from })).status).toBe(200);
    expect((await login(username, PASSWORD, tight, { from })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await login(username, `wrong-${i}`, tight, { from })).status).toBe(401);
    const hashedBefore = hashGate.stats.started;
    const failedBefore = failures(username);
    const refused = await Promise.all([login(username, PASSWORD, tight, { from }), login('anyone', 'x', tight, { from })]);
    for (const response of refused) {
      expect(response.status).toBe(429);
      // One attempt comes back 60 s after it was taken (less what the attempts above took).
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(20);
      expect((await errorOf(response)).message).toMatch(/^Quá nhiều lần đăng nhập từ địa chỉ của bạn \(nhiều nhất 3 lần liền nhau, sau đó mỗi 60 giây một lần\)\. Hãy thử lại sau (1 phút|\d\d giây)\.$/);
    }
    // Not even the body is read: a malformed one is refused the same way.
    const malformed = await tight.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }, addressEnv(from));
    expect(malformed.status).toBe(429);
    expect(hashGate.stats.started).toBe(hashedBefore);
    expect(failures(username)).toBe(failedBefore);
    // Another address is not affected.
    expect((await login(username, PASSWORD, tight, { from: nextAddress() })).status).toBe(200);
  });

  it(`hashes at most ${HASH_CONCURRENCY} password${HASH_CONCURRENCY === 1 ? '' : 's'} at once, however many sign-ins arrive`, async () => {
    const username = await newUser();
    hashGate.resetPeak();
    let peakSeen = 0;
    const watch = setInterval(() => (peakSeen = Math.max(peakSeen, hashGate.stats.active)), 5);
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => login(i === 0 ? username : 'nobody', i === 0 ? PASSWORD : 'x').then((r) => r.status)));
    clearInterval(watch);
    expect(statuses).toEqual([200, ...Array(9).fill(401)]);
    expect(hashGate.stats.peakActive).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(peakSeen).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(hashGate.stats).toMatchObject({ active: 0, queued: 0 });
  });

  it(`answers 503 with Retry-After, counting nothing, while ${MAX_HASH_QUEUE} sign-ins already wait to be hashed`, async () => {
    const username = await newUser();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    // Occupy every slot and the whole line with work that waits for release().
    const held = Array.from({ length: HASH_CONCURRENCY + MAX_HASH_QUEUE }, () => hashGate.run(() => blocked));
    try {
      expect(hashGate.isFull()).toBe(true);
      const busy = await login(username, PASSWORD);
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await errorOf(busy)).toMatchObject({ code: 'busy', message: expect.stringMatching(/^Máy chủ đang kiểm tra rất nhiều lượt đăng nhập\. Hãy thử lại sau \d+ giây\.$/), key: 'auth_busy_sign_ins' });
      expect(failures(username)).toBe(0);
    } finally {
      release();
      await Promise.all(held);
    }
    expect((await login(username, PASSWORD)).status).toBe(200);
  });

  it('is lifted for every address by npm run users -- unlock (audited) and by reset-password', async () => {
    const username = await newUser();
    const [a, b] = [nextAddress(), nextAddress()];
    addFailures(username, a, 30);
    addFailures(username, b, 9);
    expect((await login(username, PASSWORD, app, { from: a })).status).toBe(429);
    expect(unlockSignIn(db, CLI_ACTOR, username.toUpperCase())).toEqual({ username, failures: 39, addresses: 2 });
    expect(failures(username)).toBe(0);
    expect(db.prepare("SELECT action, username FROM audit_log WHERE entity = 'user' ORDER BY id DESC LIMIT 1").get()).toEqual({ action: 'unlock', username: 'cli' });
    expect((await login(username, PASSWORD, app, { from: a })).status).toBe(200);
    expect(unlockSignIn(db, CLI_ACTOR, username)).toEqual({ username, failures: 0, addresses: 0 });
    expect(() => unlockSignIn(db, CLI_ACTOR, 'no-such-user')).toThrow('No user named "no-such-user".');

    addFailures(username, a, 30);
    await resetAccountPassword(db, CLI_ACTOR, username, PASSWORD);
    expect(failures(username)).toBe(0);
    expect((await login(username, PASSWORD, app, { from: a })).status).toBe(200);
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
      user: { id: expect.any(Number), username: 'quang-ngai', role: 'province', scopes: [{ scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }], provinces: { legacy63: ['51'], reform34: ['51'] } },
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
      message: 'Thiếu hoặc sai tiêu đề x-csrf-token: hãy gửi mã csrfToken nhận được khi đăng nhập.',
      key: 'auth_csrf_missing',
      params: { header: 'x-csrf-token' },
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
    expect(await rightPassword.json()).toEqual({ error: { code: 'account_disabled', message: 'Tài khoản này đã bị khóa. Hãy nhờ quản trị viên mở khóa.', key: 'account_disabled', params: {}, details: [] } });
    expect(await (await login(username, 'wrong')).json()).toEqual(WRONG);
    expect((await get('/api/v1/units?scheme=legacy63&limit=1', browser.cookie)).status).toBe(401);

    setAccountDisabled(db, CLI_ACTOR, username, false);
    expect((await login(username, PASSWORD)).status).toBe(200);
  });
});

describe('who may read', () => {
  it('without PUBLIC_READ, answers GET /coverage 401 signed out and 200 signed in; health is always open', async () => {
    const signedOut = await get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual(SIGN_IN_FIRST);
    expect((await get('/api/health')).status).toBe(200);
    const browser = await signIn('central-staff');
    const signedIn = await get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12', browser.cookie);
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { levels: { province: { covered: number } } }).levels.province.covered).toBe(63);
  });

  it('with PUBLIC_READ, answers GET /coverage signed out', async () => {
    expect((await get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12', undefined, publicApp)).status).toBe(200);
  });
});

describe('the login body', () => {
  const post = async (body: string | undefined, contentType?: string) =>
    app.request('/api/v1/auth/login', { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

  it.each([
    ['malformed JSON', '{"username": "a", "password":', 'application/json', 400, 'bad_request', 'Nội dung yêu cầu không phải JSON hợp lệ. Hãy gửi {"username": "…", "password": "…"}.'],
    ['an empty JSON body', '', 'application/json', 400, 'bad_request', 'Nội dung yêu cầu không phải JSON hợp lệ. Hãy gửi {"username": "…", "password": "…"}.'],
    ['a form post', 'username=a&password=b', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type', 'Hãy gửi nội dung dạng JSON với Content-Type: application/json, ví dụ {"username": "…", "password": "…"}.'],
    ['plain text', 'admin demo', 'text/plain', 415, 'unsupported_media_type', 'Hãy gửi nội dung dạng JSON với Content-Type: application/json, ví dụ {"username": "…", "password": "…"}.'],
    ['a body without a content type', '{"username":"a","password":"b"}', undefined, 415, 'unsupported_media_type', 'Hãy gửi nội dung dạng JSON với Content-Type: application/json, ví dụ {"username": "…", "password": "…"}.'],
    ['no body', undefined, undefined, 400, 'bad_request', 'username: bắt buộc: tên đăng nhập của bạn, dạng văn bản; password: bắt buộc: mật khẩu của bạn, dạng văn bản'],
    ['a JSON array', '[]', 'application/json', 400, 'bad_request', '(body): phải là một đối tượng JSON: {"username": "…", "password": "…"}'],
    ['a missing password', '{"username":"a"}', 'application/json', 400, 'bad_request', 'password: bắt buộc: mật khẩu của bạn, dạng văn bản'],
    ['a number for a username', '{"username":5,"password":"b"}', 'application/json', 400, 'bad_request', 'username: bắt buộc: tên đăng nhập của bạn, dạng văn bản'],
    ['an empty username', '{"username":"","password":"b"}', 'application/json', 400, 'bad_request', 'username: không được để trống'],
    ['an extra field', '{"username":"a","password":"b","remember":true}', 'application/json', 400, 'bad_request', 'remember: không phải trường của nội dung này; hãy bỏ đi hoặc kiểm tra chính tả'],
  ])('answers %s in the error envelope', async (_, body, contentType, status, code, message) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code, message });
  });

  it('answers in English when asked, with the same keys: each field named and what to fix', async () => {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      body: '{"password":"b","remember":true}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toEqual({
      code: 'bad_request',
      message: 'username: is required: your username, as text; remember: is not a field of this body; remove it or check its spelling',
      key: 'list_semicolon',
      params: expect.any(Object),
      details: [
        { path: 'username', message: 'is required: your username, as text', key: 'auth_login_username_required', params: {} },
        { path: 'remember', message: 'is not a field of this body; remove it or check its spelling', key: 'field_unknown_body_field', params: {} },
      ],
    });
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
    if (status === 400) {
      const max = length - 1;
      expect(((await response.json()) as { error: { details: unknown[] } }).error.details).toEqual([{ path: field, message: `chỉ được có nhiều nhất ${max} ký tự`, key: 'field_max_chars', params: { max } }]);
    }
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

describe('over a real socket', () => {
  let served: Awaited<ReturnType<typeof serveApp>>;
  beforeAll(async () => {
    served = await serveApp(app);
  });
  afterAll(() => served.close());

  const loginFrom = (from: string, username: string, password: string) =>
    send(`${served.origin}/api/v1/auth/login`, { method: 'POST', from, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  it("counts the socket's address: the user signs in from 127.0.0.2 while 127.0.0.3 hammers wrong passwords for the same username", async () => {
    const username = await newUser('admin');
    const attacker: number[] = [];
    for (let i = 0; i < 8; i += 1) attacker.push((await loginFrom('127.0.0.3', username, `guess-${i}`)).status);
    expect(attacker.slice(0, SIGN_IN_LIMITS.freeFailuresPerAccount)).toEqual(Array(SIGN_IN_LIMITS.freeFailuresPerAccount).fill(401));
    const failuresOf = (client: string) => db.prepare('SELECT count(*) FROM login_failures WHERE username = ? AND client = ?').pluck().get(username, client) as number;
    expect(failuresOf('127.0.0.3')).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.freeFailuresPerAccount);
    // However slow the hashing above was, the attacker has now failed 20 times in a row: a long wait.
    const insert = db.prepare("INSERT INTO login_failures (username, client, failed_at) VALUES (?, '127.0.0.3', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    while (failuresOf('127.0.0.3') < 20) insert.run(username);
    expect((await loginFrom('127.0.0.3', username, PASSWORD)).status).toBe(429);
    const user = await loginFrom('127.0.0.2', username, PASSWORD);
    expect(user.status).toBe(200);
    expect(user.json().user.username).toBe(username);
    // A proxy header changes nothing without TRUST_PROXY: the attacker cannot pose as the user.
    const spoofed = await send(`${served.origin}/api/v1/auth/login`, {
      method: 'POST',
      from: '127.0.0.3',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.2' },
      body: JSON.stringify({ username, password: 'guess' }),
    });
    expect(spoofed.status).toBe(429);
  });

  it('with TRUST_PROXY=1 counts the last x-forwarded-for address instead', async () => {
    const proxied = await serveApp(createApp({ db, signIn: { trustProxy: true } }));
    try {
      const username = await newUser();
      const viaProxy = (client: string, password: string) =>
        send(`${proxied.origin}/api/v1/auth/login`, {
          method: 'POST',
          from: '127.0.0.9',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.1, ${client}` },
          body: JSON.stringify({ username, password }),
        });
      for (let i = 0; i < SIGN_IN_LIMITS.freeFailuresPerAccount; i += 1) expect((await viaProxy('192.0.2.50', 'wrong')).status).toBe(401);
      // The failures count against the forwarded address, not the proxy's (the wait that follows
      // is timed: the throttling tests above check it with their own clock).
      expect(db.prepare('SELECT DISTINCT client FROM login_failures WHERE username = ?').pluck().all(username)).toEqual(['192.0.2.50']);
      expect((await viaProxy('192.0.2.51', PASSWORD)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it.each([
    ['with Content-Length', Buffer.from(JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) }))],
    ['chunked', Array.from({ length: 64 }, () => Buffer.alloc(16 * 1024, 'x'))],
  ])('answers a 1 MB sign-in body (%s) 413 at once, naming the limit, without reading it', async (_, body) => {
    const hashedBefore = hashGate.stats.started;
    const answer = await send(`${served.origin}/api/v1/auth/login`, { method: 'POST', from: '127.0.0.4', headers: { 'content-type': 'application/json' }, body });
    console.log(`1 MB sign-in body (${_}): ${answer.status} in ${answer.ms.toFixed(0)} ms`);
    expect(answer.status).toBe(413);
    expect(answer.json().error).toMatchObject({ code: 'payload_too_large', key: 'write_body_too_large', details: [] });
    expect(hashGate.stats.started).toBe(hashedBefore);
  });

  it('still reads a body just under the limit', async () => {
    const answer = await send(`${served.origin}/api/v1/auth/login`, {
      method: 'POST',
      from: '127.0.0.4',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'a', password: 'b', padding: 'x'.repeat(60 * 1024) }),
    });
    expect(answer.status).toBe(400);
    expect(answer.json().error.details).toEqual([{ path: 'padding', message: 'không phải trường của nội dung này; hãy bỏ đi hoặc kiểm tra chính tả', key: 'field_unknown_body_field', params: {} }]);
  });
});
