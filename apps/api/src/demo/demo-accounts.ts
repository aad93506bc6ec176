import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Role } from '../auth/user';
import { insertUser } from '../auth/users';
import type { Db } from '../db/connection';

/** The demo password when DEMO_PASSWORD is not set; exempt from the 8-character minimum. */
export const DEFAULT_DEMO_PASSWORD = 'demo';

/** A province officer's demo username: provinceUsername('51') → 'province-51'. */
export const provinceUsername = (code: string) => `province-${code}`;

/** The accounts every role but province gets, in the order start-up lists them. */
const ROLE_ACCOUNTS: ReadonlyArray<{ username: string; role: Exclude<Role, 'province'> }> = [
  { username: 'admin', role: 'admin' },
  { username: 'central', role: 'central' },
  { username: 'viewer', role: 'viewer' },
];

/**
 * Creates the demo accounts (admin, central, viewer, and province-<code> for each legacy63
 * province, scoped to it) in a database that holds demo pages and no users at all, so a real
 * database never gets default accounts. Returns how many were created (0 when it did nothing).
 *
 * One scrypt hash serves all 66 accounts: hashing each would take seconds at start-up, and the
 * shared salt matters little for a password printed on the console anyway.
 * maybeCreateDemoAccounts(db, 'demo') → 66
 */
export async function maybeCreateDemoAccounts(db: Db, password: string): Promise<number> {
  if (!hasDemoPages(db) || hasUsers(db)) return 0;
  const passwordHash = await hashPassword(password);
  const provinces = db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND level = 'province' ORDER BY code").pluck().all() as string[];
  return db.transaction(() => {
    // Checked again inside the transaction: another process may have created users meanwhile.
    if (hasUsers(db)) return 0;
    for (const account of ROLE_ACCOUNTS) insertUser(db, { ...account, passwordHash, isDemo: true });
    for (const code of provinces) {
      insertUser(db, { username: provinceUsername(code), role: 'province', scope: { scheme: 'legacy63', code }, passwordHash, isDemo: true });
    }
    return ROLE_ACCOUNTS.length + provinces.length;
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
       ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'central' THEN 1 WHEN 'viewer' THEN 2 ELSE 3 END, scope_code, username`,
    )
    .all() as { username: string; password_hash: string }[];
  const isDemoPassword = demo[0] !== undefined && (await verifyPassword(demoPassword, demo[0].password_hash));
  return { users, demoUsernames: demo.map((row) => row.username), isDemoPassword };
}

/**
 * The start-up line about signing in.
 * describeSignIn({ users: 66, demoUsernames: ['admin', 'central', 'viewer', 'province-01', …, 'province-96'], isDemoPassword: true }, 'demo')
 *   → '  sign in: admin / demo (also central, viewer, province-01 … province-96)'
 */
export function describeSignIn(summary: AccountSummary, demoPassword: string): string {
  const [first, ...others] = summary.demoUsernames;
  if (first !== undefined) {
    const roleNames = others.filter((name) => !name.startsWith('province-'));
    const provinces = others.filter((name) => name.startsWith('province-'));
    const provinceRange = provinces.length > 2 ? [`${provinces[0]} … ${provinces[provinces.length - 1]}`] : provinces;
    const also = [...roleNames, ...provinceRange];
    const alsoText = also.length > 0 ? ` (also ${also.join(', ')})` : '';
    if (summary.isDemoPassword) return `  sign in: ${first} / ${demoPassword}${alsoText}`;
    return `  sign in: ${first}${alsoText}, with the password they were created with (DEMO_PASSWORD no longer matches it)`;
  }
  if (summary.users === 0) return '  no accounts yet: create the first admin with npm run users -- create <name> --role admin';
  return `  sign in: ${summary.users} account${summary.users === 1 ? '' : 's'} (npm run users -- list)`;
}
