import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import { SCOPES_COLUMN, toSessionUser, type DbUser } from './users';
import type { SessionUser } from './user';

export const SESSION_COOKIE = 'mttq_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Sessions last 8 hours: a working day. */
export const SESSION_HOURS = 8;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface NewSession {
  /** Goes in the HttpOnly cookie; only its hash is stored. */
  token: string;
  /** Sent back by the client in the x-csrf-token header on every state-changing request. */
  csrfToken: string;
  expiresAt: string;
}

export function createSession(db: Db, userId: number, now = new Date()): NewSession {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    csrfToken,
    now.toISOString(),
    expiresAt,
  );
  return { token, csrfToken, expiresAt };
}

/** The user, CSRF token and end of a live session of an enabled user, or null. */
export function getSession(db: Db, token: string, now = new Date()): { user: SessionUser; csrfToken: string; expiresAt: string } | null {
  const row = db
    .prepare(
      `SELECT u.id, u.username, u.password_hash, u.role, ${SCOPES_COLUMN}, u.is_disabled, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.is_disabled = 0`,
    )
    .get(hashToken(token), now.toISOString()) as (DbUser & { csrf_token: string; expires_at: string }) | undefined;
  return row ? { user: toSessionUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}
