import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './test/temp-db';

const LAUNCH = fileURLToPath(new URL('../launch.mjs', import.meta.url));
const BUNDLE_STAMP = fileURLToPath(new URL('../dist/.source-hash', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Started {
  url: string;
  stdout: string;
  stop(): Promise<number | null>;
}

/** Runs `npm start`'s server process (the bundled server, no web build) and resolves once it prints its URL. */
function startMain(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [LAUNCH], { env: { ...process.env, PORT: '0', PUBLIC_READ: '1', ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('press Ctrl+C')) {
        resolve({
          url: match[1]!,
          stdout,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(Object.assign(new Error(`exited with ${code}`), { code, stderr, stdout })));
  });
}

/** Runs the server process expecting it to fail; returns its exit code and output. */
function failMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return startMain(env).then(
    async (started) => {
      await started.stop();
      throw new Error('expected the server not to start');
    },
    (error: { code: number | null; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

const USERS_CLI = fileURLToPath(new URL('./cli/users.ts', import.meta.url));

/** Runs `npm run users -- …args` as a real process; `input` goes to its stdin. */
function runUsers(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [TSX, USERS_CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The rows of one query, read with a separate read-only connection. */
function readRows(path: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/** Every row of every table, for "nothing changed" comparisons. */
function snapshotDatabase(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  const counts = Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  db.close();
  return counts;
}

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('mttq-main-');
});
afterAll(() => temp.cleanup());

describe('npm start', () => {
  it('creates the database, loads both schemes, seeds demo data and reports the counts, then figures ready, at /api/health', async () => {
    const server = await startMain({ DATABASE_PATH: temp.path('demo.db') });
    try {
      expect(server.stdout).toContain('demo data: seeded just now');
      expect(server.stdout).toContain('\n  sign in: admin / demo (also central, viewer, province-01 … province-96, commune-21025, province-legacy63-01 … province-legacy63-96)\n');
      const response = await fetch(new URL('/api/health', server.url));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        schemes: {
          legacy63: { province: 63, district: 705, commune: 10_599 },
          reform34: { province: 34, commune: 3_321 },
        },
        figures: expect.stringMatching(/^(loading|ready)$/),
      });
      // the figure worker loads the page histories in the background, then says so
      const figures = async () => ((await (await fetch(new URL('/api/health', server.url))).json()) as { figures: string }).figures;
      await expect.poll(figures, { timeout: 30_000, interval: 100 }).toBe('ready');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const counts = snapshotDatabase(temp.path('demo.db'));
    expect(counts.pages).toBeGreaterThan(10_000);
  });

  it('changes nothing when started again on the same database', async () => {
    const before = snapshotDatabase(temp.path('demo.db'));
    const server = await startMain({ DATABASE_PATH: temp.path('demo.db') });
    expect(server.stdout).toContain('demo data: kept as found');
    expect(server.stdout).not.toContain('administrative units loaded');
    await server.stop();
    expect(snapshotDatabase(temp.path('demo.db'))).toEqual(before);
  });

  it('creates demo accounts with the demo data, and a province officer signs in for their province', async () => {
    const users = readRows(
      temp.path('demo.db'),
      "SELECT u.username, u.role, group_concat(s.scheme || ':' || s.code) AS scopes, u.is_demo FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id GROUP BY u.id ORDER BY u.id",
    );
    expect(users).toHaveLength(101);
    expect(users.slice(0, 3).map((u) => u.username)).toEqual(['admin', 'central', 'viewer']);
    expect(users.find((u) => u.username === 'province-51')).toEqual({ username: 'province-51', role: 'province', scopes: 'reform34:51', is_demo: 1 });
    expect(users.find((u) => u.username === 'province-legacy63-51')).toEqual({ username: 'province-legacy63-51', role: 'province', scopes: 'legacy63:51', is_demo: 1 });
    expect(users.every((u) => u.is_demo === 1)).toBe(true);

    const server = await startMain({ DATABASE_PATH: temp.path('demo.db'), PUBLIC_READ: '0' });
    try {
      expect(server.stdout).toContain('\n  reading: sign-in required');
      expect((await fetch(new URL('/api/v1/coverage', server.url))).status).toBe(401);
      const login = await fetch(new URL('/api/v1/auth/login', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'province-51', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      const me = (await (await fetch(new URL('/api/v1/auth/me', server.url), { headers: { cookie } })).json()) as { user: unknown };
      expect(me.user).toMatchObject({ username: 'province-51', role: 'province', scopes: [{ scheme: 'reform34', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }] });
      expect((await fetch(new URL('/api/v1/coverage', server.url), { headers: { cookie } })).status).toBe(200);
      // An upload is read by the bundle's own parse worker (apps/api/dist/parse-worker-entry.mjs).
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const form = new FormData();
      form.set('file', new File(['Mã xã;Đường dẫn trang;Lượt theo dõi\r\n21025;https://www.facebook.com/bundle.check.page;1.245\r\n'], 'kiem-tra.csv', { type: 'text/csv' }));
      const dryRun = await fetch(new URL('/api/v1/imports/dry-run', server.url), { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
      expect(dryRun.status).toBe(200);
      const plan = (await dryRun.json()) as { file: { separator: string }; rows: { row: number }[] };
      expect(plan.file.separator).toBe(';');
      expect(plan.rows.map((row) => row.row)).toEqual([2]);
    } finally {
      await server.stop();
    }
  });

  it('runs the server from a bundle made when its sources changed, and reuses it while they stay the same', async () => {
    rmSync(BUNDLE_STAMP, { force: true });
    const first = await startMain({ DATABASE_PATH: temp.path('demo.db') });
    await first.stop();
    expect(first.stdout).toMatch(/^ {2}server: bundled in \d+ ms \(its sources changed\)\n/);
    const again = await startMain({ DATABASE_PATH: temp.path('demo.db') });
    try {
      expect(again.stdout).not.toContain('server: bundled');
      expect((await fetch(new URL('/api/health', again.url))).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('makes the bundle without starting with --bundle-only (npm run build, for deployments whose code is read-only)', async () => {
    rmSync(BUNDLE_STAMP, { force: true });
    const child = spawn(process.execPath, [LAUNCH, '--bundle-only'], { env: { ...process.env, DATABASE_PATH: temp.path('never.db') }, stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}server: bundled in \d+ ms/);
    expect(stdout).not.toContain('running at');
    expect(existsSync(BUNDLE_STAMP)).toBe(true);
    expect(existsSync(temp.path('never.db'))).toBe(false);
  });

  it('never seeds with DEMO=0', async () => {
    const server = await startMain({ DATABASE_PATH: temp.path('real.db'), DEMO: '0' });
    expect(server.stdout).toContain('demo data: off (DEMO=0)');
    expect(server.stdout).toContain('\n  no accounts yet: create the first admin with npm run users -- create <name> --role admin\n');
    await server.stop();
    expect(snapshotDatabase(temp.path('real.db'))).toMatchObject({ pages: 0, units: 14_722, users: 0 });
  });

  it('lets the first admin, created with the users CLI, sign in to a real database', async () => {
    const created = await runUsers(['create', 'first-admin', '--role', 'admin', '--password-stdin'], { DATABASE_PATH: temp.path('real.db') }, 'a long password\n');
    expect(created).toMatchObject({ code: 0, stdout: 'Created "first-admin": admin. They can sign in now.\n' });
    const server = await startMain({ DATABASE_PATH: temp.path('real.db'), DEMO: '0', PUBLIC_READ: '0' });
    try {
      expect(server.stdout).toContain('\n  sign in: 1 account (npm run users -- list)\n');
      const signedOut = await fetch(new URL('/api/v1/coverage', server.url));
      expect(signedOut.status).toBe(401);
      expect(signedOut.headers.get('x-content-type-options')).toBe('nosniff');
      expect(signedOut.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect((await fetch(new URL('/api/health', server.url))).status).toBe(200);
      const login = await fetch(new URL('/api/v1/auth/login', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'first-admin', password: 'a long password' }),
      });
      expect(login.status).toBe(200);
      const setCookie = login.headers.getSetCookie()[0]!;
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; SameSite=Lax/);
      const cookie = setCookie.split(';')[0]!;
      expect((await fetch(new URL('/api/v1/coverage', server.url), { headers: { cookie } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('answers unknown API paths with the JSON error envelope', async () => {
    const server = await startMain({ DATABASE_PATH: temp.path('real.db'), DEMO: '0' });
    try {
      const response = await fetch(new URL('/api/v1/nothing-here', server.url));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: 'Không có địa chỉ GET /api/v1/nothing-here.', key: 'no_route', params: { method: 'GET', path: '/api/v1/nothing-here' }, details: [] },
      });
    } finally {
      await server.stop();
    }
  });

  it('exits with code 1 and a plain message, no stack trace, when DATABASE_PATH is not a database', async () => {
    writeFileSync(temp.path('corrupt.db'), 'not sqlite at all\n'.repeat(200));
    const { code, stderr } = await failMain({ DATABASE_PATH: temp.path('corrupt.db') });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Cannot start: Cannot open the database at .*corrupt\.db: file is not a database\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('answers in the scheme in force today when a request names none, and in DEFAULT_SCHEME when it is set', async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const [env, scheme, levels] of [
      [{}, 'reform34', ['province', 'commune']],
      [{ DEFAULT_SCHEME: 'legacy63' }, 'legacy63', ['province', 'district', 'commune']],
    ] as const) {
      const server = await startMain({ DATABASE_PATH: temp.path('real.db'), DEMO: '0', PUBLIC_READ: '1', ...env });
      try {
        const body = (await (await fetch(new URL('/api/v1/coverage', server.url))).json()) as { scheme: string; asOf: string; demo: boolean; levels: object };
        expect(body).toMatchObject({ scheme, demo: false });
        if (scheme === 'reform34') expect(body.asOf).toBe(today);
        expect(Object.keys(body.levels)).toEqual(levels);
      } finally {
        await server.stop();
      }
    }
  });

  it.each([
    [{ DEFAULT_SCHEME: 'legacy64' }, 'Cannot start: Invalid DEFAULT_SCHEME: must be legacy63 or reform34'],
    [{ DEMO: 'yes' }, 'Cannot start: Invalid DEMO: must be 1 (seed an empty database with demo data) or 0 (never seed)'],
    [{ PORT: 'eighty' }, 'Cannot start: Invalid PORT: '],
    [{ DEMO_PASSWORD: '' }, 'Cannot start: Invalid DEMO_PASSWORD: must not be empty'],
    [{ DEMO_SCALE: '100' }, 'Cannot start: Invalid DEMO_SCALE: must be at most 20'],
    [{ DEMO_YEARS: 'ten' }, 'Cannot start: Invalid DEMO_YEARS: must be a whole number of years from 1 to 20, e.g. 10'],
  ])('rejects bad configuration %j with a message naming the variable', async (env, message) => {
    const { code, stderr } = await failMain({ DATABASE_PATH: temp.path('real.db'), ...env });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('explains a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await failMain({ DATABASE_PATH: temp.path('real.db'), DEMO: '0', PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is already in use. Stop the other program or set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });
});
