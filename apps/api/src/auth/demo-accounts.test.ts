import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { describeSignIn, getAccountSummary, maybeCreateDemoAccounts } from '../demo/demo-accounts';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';
import { verifyPassword } from './passwords';
import { SCOPES_COLUMN } from './users';

// The demo accounts live in demo/demo-accounts.ts; they are tested here, through sign-in.

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeAll(() => {
  temp = makeTempDir('mttq-demo-accounts-');
  copyFileSync(inject('demoDbPath'), temp.path('demo.db'));
  db = openDatabase(temp.path('demo.db'));
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

interface DbDemoUser {
  username: string;
  role: string;
  scopes: string;
  is_demo: number;
  password_hash: string;
}

describe('demo accounts', () => {
  it('are created with demo data: admin, central, viewer, an officer per reform34 province, a commune officer and an officer per legacy63 province, sharing one hash', async () => {
    expect(await maybeCreateDemoAccounts(db, 'demo')).toBe(3 + 34 + 1 + 63);
    const users = db.prepare(`SELECT u.username, u.role, ${SCOPES_COLUMN}, u.is_demo, u.password_hash FROM users u ORDER BY id`).all() as DbDemoUser[];
    expect(users).toHaveLength(101);
    expect(users.slice(0, 3).map((u) => [u.username, u.role, JSON.parse(u.scopes)])).toEqual([
      ['admin', 'admin', []],
      ['central', 'central', []],
      ['viewer', 'viewer', []],
    ]);
    const scopesOf = (username: string) => JSON.parse(users.find((u) => u.username === username)!.scopes);
    expect(scopesOf('province-51')).toEqual(['reform34:51']);
    expect(scopesOf('commune-21025')).toEqual(['reform34:21025']);
    expect(scopesOf('province-legacy63-51')).toEqual(['legacy63:51']);
    const officers = users.filter((u) => u.role === 'province');
    expect(officers.filter((u) => /^province-\d\d$/.test(u.username))).toHaveLength(34);
    expect(officers.filter((u) => u.username.startsWith('province-legacy63-'))).toHaveLength(63);
    expect(officers.every((u) => JSON.parse(u.scopes)[0].endsWith(`:${u.username.split('-').at(-1)}`))).toBe(true);
    expect(users.every((u) => u.is_demo === 1)).toBe(true);
    // Hashed once: seeding 101 accounts costs one scrypt, and every one of them still verifies.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword('demo', users[0]!.password_hash)).toBe(true);
  });

  it('sign in with the demo password, province-51 scoped to today\'s Quảng Ngãi and province-legacy63-62 to Kon Tum, which became part of it', async () => {
    const app = createApp({ db });
    for (const [username, role] of [
      ['admin', 'admin'],
      ['viewer', 'viewer'],
      ['province-51', 'province'],
      ['province-legacy63-62', 'province'],
    ] as const) {
      const response = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { user: { role: string; scopes: unknown; provinces: unknown } };
      expect(body.user.role).toBe(role);
      if (username === 'province-51') {
        expect(body.user.scopes).toEqual([{ scheme: 'reform34', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }]);
        expect(body.user.provinces).toEqual({ legacy63: ['51', '62'], reform34: ['51'] });
      }
      if (username === 'province-legacy63-62') expect(body.user.provinces).toEqual({ legacy63: ['62'], reform34: ['51'] });
    }
  });

  it('are not created again, nor into a database that already has users', async () => {
    expect(await maybeCreateDemoAccounts(db, 'other')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(101);
  });

  it('are never created in a database without demo data', async () => {
    const real = openDatabase(temp.path('real.db'));
    try {
      maybeLoadRegistries(real);
      expect(await maybeCreateDemoAccounts(real, 'demo')).toBe(0);
      expect(real.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
      expect(describeSignIn(await getAccountSummary(real, 'demo'), 'demo')).toBe(
        '  no accounts yet: create the first admin with npm run users -- create <name> --role admin',
      );
    } finally {
      real.close();
    }
  });

  it('are listed at start-up with the password, or with a warning when DEMO_PASSWORD no longer matches', async () => {
    const also = 'central, viewer, province-01 … province-96, commune-21025, province-legacy63-01 … province-legacy63-96';
    expect(describeSignIn(await getAccountSummary(db, 'demo'), 'demo')).toBe(`  sign in: admin / demo (also ${also})`);
    expect(describeSignIn(await getAccountSummary(db, 'changed'), 'changed')).toBe(
      `  sign in: admin (also ${also}), with the password they were created with (DEMO_PASSWORD no longer matches it)`,
    );
  });
});

describe('describeSignIn', () => {
  it.each([
    [{ users: 0, demoUsernames: [], isDemoPassword: false }, '  no accounts yet: create the first admin with npm run users -- create <name> --role admin'],
    [{ users: 1, demoUsernames: [], isDemoPassword: false }, '  sign in: 1 account (npm run users -- list)'],
    [{ users: 4, demoUsernames: [], isDemoPassword: false }, '  sign in: 4 accounts (npm run users -- list)'],
    [{ users: 2, demoUsernames: ['admin', 'province-51'], isDemoPassword: true }, '  sign in: admin / pw (also province-51)'],
    [{ users: 1, demoUsernames: ['viewer'], isDemoPassword: true }, '  sign in: viewer / pw'],
  ])('%j → %s', (summary, line) => {
    expect(describeSignIn(summary, 'pw')).toBe(line);
  });
});
