import type { SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { hashPassword } from './passwords';
import type { ScopeUnit } from './scope-image';
import type { Role, SessionUser } from './user';

/** The scope units of a user as one JSON column: '["legacy63:51","reform34:51"]'. */
export const SCOPES_COLUMN = /* sql */ `(SELECT json_group_array(us.scheme || ':' || us.code) FROM user_scopes us WHERE us.user_id = u.id) AS scopes`;

/** parseScopesColumn('["legacy63:51"]') → [{ scheme: 'legacy63', code: '51' }] */
export function parseScopesColumn(json: string): ScopeUnit[] {
  return (JSON.parse(json) as string[]).sort().map((text) => {
    const [scheme, code] = text.split(':') as [SchemeId, string];
    return { scheme, code };
  });
}

export interface DbUser {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  /** JSON array of 'scheme:code' (SCOPES_COLUMN). */
  scopes: string;
  is_disabled: 0 | 1;
  /** 1 until the user replaces a temporary password. */
  must_change_password: 0 | 1;
}

/** A users row as listed: everything but the password hash. */
export interface DbUserListing {
  id: number;
  username: string;
  role: Role;
  /** JSON array of 'scheme:code' (SCOPES_COLUMN). */
  scopes: string;
  is_disabled: 0 | 1;
  is_demo: 0 | 1;
  created_at: string;
}

export const toSessionUser = (row: DbUser): SessionUser => ({
  id: row.id,
  username: row.username,
  role: row.role,
  scopes: parseScopesColumn(row.scopes),
});

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  /** A province officer's units; none for the other roles. */
  scopes?: readonly ScopeUnit[];
  isDemo?: boolean;
}

/** Creates a user with a scrypt-hashed password; returns its id. The schema rejects a duplicate name. */
export async function createUser(db: Db, user: NewUser): Promise<number> {
  const { password, ...rest } = user;
  return insertUser(db, { ...rest, passwordHash: await hashPassword(password) });
}

/**
 * Inserts a user whose password is already hashed; returns its id. Lets one hash serve many rows
 * (the demo accounts share one password) and keeps the slow hashing outside a transaction.
 */
export function insertUser(db: Db, user: Omit<NewUser, 'password'> & { passwordHash: string }): number {
  const result = db
    .prepare('INSERT INTO users (username, password_hash, role, is_demo, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(user.username, user.passwordHash, user.role, user.isDemo ? 1 : 0, new Date().toISOString());
  const id = Number(result.lastInsertRowid);
  setUserScopes(db, id, user.scopes ?? []);
  return id;
}

/** Replaces a user's scope units. */
export function setUserScopes(db: Db, userId: number, scopes: readonly ScopeUnit[]): void {
  db.prepare('DELETE FROM user_scopes WHERE user_id = ?').run(userId);
  const insert = db.prepare('INSERT INTO user_scopes (user_id, scheme, code) VALUES (?, ?, ?)');
  for (const scope of scopes) insert.run(userId, scope.scheme, scope.code);
}

/** The user named `username`, ignoring case (the column is COLLATE NOCASE). */
export function getUserByName(db: Db, username: string): DbUser | undefined {
  return db.prepare(`SELECT u.id, u.username, u.password_hash, u.role, ${SCOPES_COLUMN}, u.is_disabled, u.must_change_password FROM users u WHERE u.username = ?`).get(username) as
    | DbUser
    | undefined;
}

/** Every user, by name, with their scope units; never the password hash. */
export function listUsers(db: Db): DbUserListing[] {
  return db
    .prepare(`SELECT u.id, u.username, u.role, ${SCOPES_COLUMN}, u.is_disabled, u.is_demo, u.created_at FROM users u ORDER BY u.username COLLATE NOCASE`)
    .all() as DbUserListing[];
}
