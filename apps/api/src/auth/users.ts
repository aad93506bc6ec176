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
  const hash = await hashPassword(user.password);
  const result = db
    .prepare(
      `INSERT INTO users (username, password_hash, role, scope_scheme, scope_code, is_demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(user.username, hash, user.role, user.scope?.scheme ?? null, user.scope?.code ?? null, user.isDemo ? 1 : 0, new Date().toISOString());
  return Number(result.lastInsertRowid);
}

export function getUserByName(db: Db, username: string): DbUser | undefined {
  return db.prepare('SELECT id, username, password_hash, role, scope_scheme, scope_code, is_disabled FROM users WHERE username = ?').get(username) as
    | DbUser
    | undefined;
}
