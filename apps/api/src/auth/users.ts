import type { SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { hashPassword } from './passwords';
import type { Role, SessionUser } from './user';

export interface DbUser {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  scope_scheme: SchemeId | null;
  scope_code: string | null;
  is_disabled: 0 | 1;
}

/** A users row as listed: everything but the password hash. */
export interface DbUserListing {
  id: number;
  username: string;
  role: Role;
  scope_scheme: SchemeId | null;
  scope_code: string | null;
  scope_name: string | null;
  is_disabled: 0 | 1;
  is_demo: 0 | 1;
  created_at: string;
}

export const toSessionUser = (row: DbUser): SessionUser => ({
  id: row.id,
  username: row.username,
  role: row.role,
  scope: row.scope_scheme && row.scope_code ? { scheme: row.scope_scheme, code: row.scope_code } : null,
});

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  scope?: { scheme: SchemeId; code: string } | null;
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
    .prepare(
      `INSERT INTO users (username, password_hash, role, scope_scheme, scope_code, is_demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(user.username, user.passwordHash, user.role, user.scope?.scheme ?? null, user.scope?.code ?? null, user.isDemo ? 1 : 0, new Date().toISOString());
  return Number(result.lastInsertRowid);
}

/** The user named `username`, ignoring case (the column is COLLATE NOCASE). */
export function getUserByName(db: Db, username: string): DbUser | undefined {
  return db.prepare('SELECT id, username, password_hash, role, scope_scheme, scope_code, is_disabled FROM users WHERE username = ?').get(username) as
    | DbUser
    | undefined;
}

/** Every user, by name, with the name of their scope unit; never the password hash. */
export function listUsers(db: Db): DbUserListing[] {
  return db
    .prepare(
      `SELECT u.id, u.username, u.role, u.scope_scheme, u.scope_code, s.name AS scope_name, u.is_disabled, u.is_demo, u.created_at
       FROM users u LEFT JOIN units s ON s.scheme = u.scope_scheme AND s.code = u.scope_code
       ORDER BY u.username COLLATE NOCASE`,
    )
    .all() as DbUserListing[];
}
