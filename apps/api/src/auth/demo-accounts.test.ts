import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { describeSignIn, getAccountSummary, maybeCreateDemoAccounts } from '../demo/demo-accounts';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';
import { verifyPassword } from './passwords';

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
  scope_scheme: string | null;
  scope_code: string | null;
  is_demo: number;
  password_hash: string;
}

describe('demo accounts', () => {
  it('are created with demo data: admin, central, viewer and one officer per legacy63 province, sharing one hash', async () => {
    expect(await maybeCreateDemoAccounts(db, 'demo')).toBe(66);
    const users = db.prepare('SELECT username, role, scope_scheme, scope_code, is_demo, password_hash FROM users ORDER BY id').all() as DbDemoUser[];
    expect(users).toHaveLength(66);
    expect(users.slice(0, 3).map((u) => [u.username, u.role, u.scope_code])).toEqual([
      ['admin', 'admin', null],
      ['central', 'central', null],
      ['viewer', 'viewer', null],
    ]);
    expect(users.find((u) => u.username === 'province-51')).toMatchObject({ role: 'province', scope_scheme: 'legacy63', scope_code: '51' });
    const provinces = users.filter((u) => u.role === 'province');
    expect(provinces).toHaveLength(63);
    expect(provinces.every((u) => u.username === `province-${u.scope_code}`)).toBe(true);
    expect(users.every((u) => u.is_demo === 1)).toBe(true);
    // Hashed once: seeding 66 accounts costs one scrypt, and every one of them still verifies.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword('demo', users[0]!.password_hash)).toBe(true);
  });

  it('sign in with the demo password, province-51 scoped to Quảng Ngãi', async () => {
    const app = createApp({ db });
    for (const [username, role] of [
      ['admin', 'admin'],
      ['viewer', 'viewer'],
      ['province-51', 'province'],
    ] as const) {
      const response = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { user: { role: string; scope: unknown } };
      expect(body.user.role).toBe(role);
      if (username === 'province-51') expect(body.user.scope).toEqual({ scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi' });
    }
  });

  it('are not created again, nor into a database that already has users', async () => {
    expect(await maybeCreateDemoAccounts(db, 'other')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(66);
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
    expect(describeSignIn(await getAccountSummary(db, 'demo'), 'demo')).toBe('  sign in: admin / demo (also central, viewer, province-01 … province-96)');
    expect(describeSignIn(await getAccountSummary(db, 'changed'), 'changed')).toBe(
      '  sign in: admin (also central, viewer, province-01 … province-96), with the password they were created with (DEMO_PASSWORD no longer matches it)',
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
