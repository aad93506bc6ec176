import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Role } from '../auth/user';
import { insertUser } from '../auth/users';
import type { Db } from '../db/connection';
import type { SchemeId } from '@mttq/core';

/** The demo password when DEMO_PASSWORD is not set; exempt from the 8-character minimum. */
export const DEFAULT_DEMO_PASSWORD = 'demo';

/** A reform34 province officer's demo username: provinceUsername('51') → 'province-51'. */
export const provinceUsername = (code: string) => `province-${code}`;
/** A legacy63 province officer's demo username: legacyProvinceUsername('51') → 'province-legacy63-51'. */
export const legacyProvinceUsername = (code: string) => `province-legacy63-${code}`;
/** The demo commune officer's unit: Phường Cẩm Thành, in reform34 Quảng Ngãi. */
export const DEMO_COMMUNE = { scheme: 'reform34', code: '21025' } as const;
export const communeUsername = (code: string) => `commune-${code}`;

/** The accounts every role but province gets, in the order start-up lists them. */
const ROLE_ACCOUNTS: ReadonlyArray<{ username: string; role: Exclude<Role, 'province'> }> = [
  { username: 'admin', role: 'admin' },
  { username: 'central', role: 'central' },
  { username: 'viewer', role: 'viewer' },
];

/**
 * Creates the demo accounts in a database that holds demo pages and no users at all, so a real
 * database never gets default accounts: admin, central, viewer; province-<code>, the officer of
 * each reform34 province (today's scheme); commune-21025, one commune officer; and
 * province-legacy63-<code>, the officer of each legacy63 province (who may also write in the
 * reform34 province it became). Returns how many were created (0 when it did nothing).
 *
 * One scrypt hash serves all accounts: hashing each would take seconds at start-up, and the
 * shared salt matters little for a password printed on the console anyway.
 * maybeCreateDemoAccounts(db, 'demo') → 101
 */
export async function maybeCreateDemoAccounts(db: Db, password: string): Promise<number> {
  if (!hasDemoPages(db) || hasUsers(db)) return 0;
  const passwordHash = await hashPassword(password);
  const provinces = (scheme: SchemeId) => db.prepare("SELECT code FROM units WHERE scheme = ? AND level = 'province' ORDER BY code").pluck().all(scheme) as string[];
  const officers = [
    ...provinces('reform34').map((code) => ({ username: provinceUsername(code), scopes: [{ scheme: 'reform34' as const, code }] })),
    { username: communeUsername(DEMO_COMMUNE.code), scopes: [DEMO_COMMUNE] },
    ...provinces('legacy63').map((code) => ({ username: legacyProvinceUsername(code), scopes: [{ scheme: 'legacy63' as const, code }] })),
  ];
  return db.transaction(() => {
    // Checked again inside the transaction: another process may have created users meanwhile.
    if (hasUsers(db)) return 0;
    for (const account of ROLE_ACCOUNTS) insertUser(db, { ...account, passwordHash, isDemo: true });
    for (const officer of officers) insertUser(db, { ...officer, role: 'province', passwordHash, isDemo: true });
    return ROLE_ACCOUNTS.length + officers.length;
  }).immediate();
}

const hasDemoPages = (db: Db) => db.prepare('SELECT 1 FROM pages WHERE is_demo = 1 LIMIT 1').get() !== undefined;
const hasUsers = (db: Db) => db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;

/** Who can sign in, as start-up reports it. */
export interface AccountSummary {
  /** Accounts of any kind, disabled ones included. */
  users: number;
  /** Enabled demo accounts, role accounts first, then provinces by code. */
  demoUsernames: string[];
  /** Whether the demo accounts take the configured DEMO_PASSWORD (it may have changed since seeding). */
  isDemoPassword: boolean;
}

export async function getAccountSummary(db: Db, demoPassword: string): Promise<AccountSummary> {
  const users = (db.prepare('SELECT count(*) FROM users').pluck().get() as number) ?? 0;
  const demo = db
    .prepare(
      `SELECT username, password_hash FROM users WHERE is_demo = 1 AND is_disabled = 0
       ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'central' THEN 1 WHEN 'viewer' THEN 2 ELSE 3 END, username`,
    )
    .all() as { username: string; password_hash: string }[];
  const isDemoPassword = demo[0] !== undefined && (await verifyPassword(demoPassword, demo[0].password_hash));
  return { users, demoUsernames: demo.map((row) => row.username), isDemoPassword };
}

/**
 * The start-up line about signing in.
 * describeSignIn({ users: 101, demoUsernames: ['admin', 'central', 'viewer', 'commune-21025', 'province-01', …], isDemoPassword: true }, 'demo')
 *   → '  sign in: admin / demo (also central, viewer, province-01 … province-96, commune-21025, province-legacy63-01 … province-legacy63-96)'
 */
export function describeSignIn(summary: AccountSummary, demoPassword: string): string {
  const [first, ...others] = summary.demoUsernames;
  if (first !== undefined) {
    const range = (names: string[]) => (names.length > 2 ? [`${names[0]} … ${names[names.length - 1]}`] : names);
    const isLegacy = (name: string) => name.startsWith('province-legacy63-');
    const isProvince = (name: string) => name.startsWith('province-') && !isLegacy(name);
    const roleNames = others.filter((name) => !isProvince(name) && !isLegacy(name) && !name.startsWith('commune-'));
    const also = [
      ...roleNames,
      ...range(others.filter(isProvince)),
      ...others.filter((name) => name.startsWith('commune-')),
      ...range(others.filter(isLegacy)),
    ];
    const alsoText = also.length > 0 ? ` (also ${also.join(', ')})` : '';
    if (summary.isDemoPassword) return `  sign in: ${first} / ${demoPassword}${alsoText}`;
    return `  sign in: ${first}${alsoText}, with the password they were created with (DEMO_PASSWORD no longer matches it)`;
  }
  if (summary.users === 0) return '  no accounts yet: create the first admin with npm run users -- create <name> --role admin';
  return `  sign in: ${summary.users} account${summary.users === 1 ? '' : 's'} (npm run users -- list)`;
}
