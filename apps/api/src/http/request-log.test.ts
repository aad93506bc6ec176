import { copyFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../app';
import { createUser } from '../auth/users';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { handleError } from './errors';
import { createLogger, loggedPath, REDACTED, requestIdOf, requestLog, type LogLevel } from './request-log';

const PASSWORD = 'Sup3r-secret password!';

/** A logger that keeps its lines. */
function capture(level: LogLevel = 'info') {
  const output: string[] = [];
  const logger = createLogger(level, (line) => void output.push(line));
  return {
    logger,
    output,
    text: () => output.join(''),
    lines: () => output.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let log: ReturnType<typeof capture>;
let server: ServerType;
let origin: string;
let adminId: number;

beforeAll(async () => {
  temp = makeTempDir('mttq-request-log-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  adminId = await createUser(db, { username: 'log-admin', password: PASSWORD, role: 'admin' });
  log = capture('debug');
  const app = createApp({ db, logger: log.logger });
  await new Promise<void>((ready) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      origin = `http://127.0.0.1:${info.port}`;
      ready();
    });
  });
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  db.close();
  temp.cleanup();
});

const requestLines = (requestId: string) => log.lines().filter((line) => line.requestId === requestId);

describe('request log', () => {
  it('writes one JSON line per request: time, level, method, path, status, duration, user and request id', async () => {
    const response = await fetch(`${origin}/api/health?probe=1`, { headers: { 'x-request-id': 'probe-0001' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('probe-0001');
    // The other middleware's headers stay (hono's secureHeaders), here and on errors.
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const refused = await fetch(`${origin}/api/v1/coverage`, { headers: { 'x-request-id': 'probe-0002' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('probe-0002');
    expect(refused.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(requestLines('probe-0002').at(-1)).toMatchObject({ status: 401, userId: null });
    const [started, done] = requestLines('probe-0001');
    expect(started).toMatchObject({ level: 'debug', msg: 'request started', method: 'GET', path: '/api/health?probe=1' });
    expect(done).toEqual({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/api/health?probe=1',
      status: 200,
      durationMs: expect.any(Number),
      userId: null,
      requestId: 'probe-0001',
    });
    // One line each, each ending with a newline.
    expect(log.output.every((line) => line.endsWith('}\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  });

  it('keeps an incoming x-request-id of at most 64 safe characters, and makes one otherwise', async () => {
    const sent = ['a'.repeat(64), 'a'.repeat(65), 'bad id', 'x"}{"level":"error"', ''];
    const answered = await Promise.all(
      sent.map(async (id) => (await fetch(`${origin}/api/web-config`, { headers: id ? { 'x-request-id': id } : {} })).headers.get('x-request-id')),
    );
    expect(answered[0]).toBe('a'.repeat(64));
    for (const id of answered.slice(1)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(answered).size).toBe(sent.length);
    expect(requestIdOf('req_1.2:3@host-4')).toBe('req_1.2:3@host-4');
  });

  it('never writes the password, session token, cookie, CSRF token or Authorization header', async () => {
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'secret-login' },
      body: JSON.stringify({ username: 'log-admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const sessionToken = cookie.split('=')[1]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect(sessionToken.length).toBeGreaterThan(10);

    const pageId = db.prepare("SELECT id FROM pages WHERE launched_on < '2025-01-01' ORDER BY id LIMIT 1").pluck().get() as number;
    const bearer = 'Bearer very-secret-bearer-token';
    const write = await fetch(`${origin}/api/v1/pages/${pageId}/metrics/2025-06`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, authorization: bearer, 'x-request-id': 'secret-write' },
      body: JSON.stringify({ followers: 10, posts: 1, interactions: 2 }),
    });
    expect([200, 201]).toContain(write.status);
    // Secrets in a query string, and a wrong CSRF token.
    const query = await fetch(`${origin}/api/v1/auth/me?token=${sessionToken}&password=${encodeURIComponent(PASSWORD)}&csrf=${csrfToken}`, {
      headers: { cookie, 'x-request-id': 'secret-query' },
    });
    await query.body?.cancel();
    const forged = await fetch(`${origin}/api/v1/pages/${pageId}/metrics/2025-06`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': `${csrfToken}x`, 'x-request-id': 'secret-forged' },
      body: JSON.stringify({ followers: 11, posts: 1, interactions: 2 }),
    });
    expect(forged.status).toBe(403);
    const logout = await fetch(`${origin}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'x-request-id': 'secret-logout' } });
    expect(logout.status).toBeLessThan(300);

    const text = log.text();
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), sessionToken, cookie, csrfToken, bearer, 'very-secret-bearer-token']) {
      expect(text).not.toContain(secret);
    }
    expect(requestLines('secret-login').at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/auth/login', status: 200 });
    expect(requestLines('secret-write').at(-1)).toMatchObject({ method: 'PUT', status: write.status, userId: adminId });
    expect(requestLines('secret-query').at(-1)).toMatchObject({ path: `/api/v1/auth/me?token=${encodeURIComponent(REDACTED)}&password=${encodeURIComponent(REDACTED)}&csrf=${encodeURIComponent(REDACTED)}`, userId: adminId });
    expect(requestLines('secret-forged').at(-1)).toMatchObject({ status: 403, userId: adminId });
  });

  it('logs a server error with the request id of its request; the request line is at level error', async () => {
    const { logger, lines } = capture();
    const app = new Hono();
    app.onError(handleError);
    app.use('*', requestLog(logger));
    app.get('/boom', () => {
      throw new Error('the disk said no');
    });
    const response = await app.request('/boom?session=abc', { headers: { 'x-request-id': 'boom-1', cookie: 'mttq_session=abc' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('boom-1');
    expect(await response.json()).toEqual({ error: { code: 'internal', message: 'Lỗi máy chủ. Sự cố đã được ghi lại.', key: 'internal', params: {}, details: [] } });
    const [error, request] = lines();
    expect(error).toMatchObject({
      level: 'error',
      msg: 'Internal server error',
      requestId: 'boom-1',
      method: 'GET',
      path: `/boom?session=${encodeURIComponent(REDACTED)}`,
      error: { name: 'Error', message: 'the disk said no', stack: expect.stringContaining('request-log.test.ts') },
    });
    expect(request).toMatchObject({ level: 'error', msg: 'request', status: 500, requestId: 'boom-1' });
    expect(JSON.stringify(lines())).not.toContain('abc');
  });

  it('writes only lines at or above LOG_LEVEL; silent writes nothing', async () => {
    const run = async (level: LogLevel) => {
      const { logger, lines } = capture(level);
      const app = new Hono();
      app.onError(handleError);
      app.use('*', requestLog(logger));
      app.get('/ok', (c) => c.text('ok'));
      app.get('/fail', () => {
        throw new Error('fail');
      });
      await app.request('/ok');
      await app.request('/fail');
      return lines().map((line) => `${line.level} ${line.msg}`);
    };
    expect(await run('debug')).toEqual(['debug request started', 'info request', 'debug request started', 'error Internal server error', 'error request']);
    expect(await run('info')).toEqual(['info request', 'error Internal server error', 'error request']);
    expect(await run('warn')).toEqual(['error Internal server error', 'error request']);
    expect(await run('error')).toEqual(['error Internal server error', 'error request']);
    expect(await run('silent')).toEqual([]);
  });

  it('is silent in an app built without a logger (tests), still sending x-request-id', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const logged = vi.spyOn(console, 'error');
    try {
      const app = createApp({ db });
      const response = await app.request('/api/health');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(write).not.toHaveBeenCalled();
      expect(logged).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      logged.mockRestore();
    }
  });

  it('replaces the values of sensitive query keys, keeping the others', () => {
    expect(loggedPath('http://h/api/v1/pages?q=h%C3%A0+n%E1%BB%99i&limit=5')).toBe('/api/v1/pages?q=h%C3%A0+n%E1%BB%99i&limit=5');
    expect(loggedPath('http://h/x?access_token=a&api_key=b&Password=c&auth=d&sig=e&scheme=legacy63')).toBe(
      '/x?access_token=%5Bredacted%5D&api_key=%5Bredacted%5D&Password=%5Bredacted%5D&auth=%5Bredacted%5D&sig=%5Bredacted%5D&scheme=legacy63',
    );
    expect(loggedPath('http://h/api/health')).toBe('/api/health');
  });

  it('takes LOG_LEVEL from the environment: info by default, a bad value names the variable', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow('Invalid LOG_LEVEL: must be one of error, warn, info, debug, silent');
  });
});
