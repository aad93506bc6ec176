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

/** The longest browser description kept with a session. */
const MAX_USER_AGENT_LENGTH = 300;

export function createSession(db: Db, userId: number, now = new Date(), userAgent: string | null = null): NewSession {
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
  // Apart, so a session can still be opened in a database older than the column (upgrade tests).
  if (userAgent) db.prepare('UPDATE sessions SET user_agent = ? WHERE token_hash = ?').run(userAgent.slice(0, MAX_USER_AGENT_LENGTH), hashToken(token));
  return { token, csrfToken, expiresAt };
}

export interface LiveSession {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
  /** Signed in with a temporary password: nothing but setting a new one is allowed. */
  mustChangePassword: boolean;
}

/** The user, CSRF token and end of a live session of an enabled user, or null. */
export function getSession(db: Db, token: string, now = new Date()): LiveSession | null {
  const row = db
    .prepare(
      `SELECT u.id, u.username, u.password_hash, u.role, ${SCOPES_COLUMN}, u.is_disabled, u.must_change_password, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.is_disabled = 0`,
    )
    .get(hashToken(token), now.toISOString()) as (DbUser & { csrf_token: string; expires_at: string }) | undefined;
  return row ? { user: toSessionUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at, mustChangePassword: row.must_change_password === 1 } : null;
}

/** A session as its owner sees it: a public id (the start of the token's hash, not a credential), never the token. */
export interface OwnSessionRow {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  isCurrent: boolean;
}

const SESSION_ID_LENGTH = 16;

/** The live sessions of a user, newest first; `currentToken` marks the one asking. */
export function listOwnSessions(db: Db, userId: number, currentToken: string, now = new Date()): OwnSessionRow[] {
  const current = hashToken(currentToken);
  const rows = db
    .prepare('SELECT token_hash, created_at, expires_at, user_agent FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, token_hash')
    .all(userId, now.toISOString()) as Array<{ token_hash: string; created_at: string; expires_at: string; user_agent: string | null }>;
  return rows.map((row) => ({
    id: row.token_hash.slice(0, SESSION_ID_LENGTH),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
    isCurrent: row.token_hash === current,
  }));
}

/** Ends one of the user's own sessions by its public id; false when they have no such session. */
export function endOwnSession(db: Db, userId: number, id: string): boolean {
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND substr(token_hash, 1, ?) = ?').run(userId, SESSION_ID_LENGTH, id).changes > 0;
}

/** Ends every session of a user but the one holding `keepToken`. */
export function endOtherSessions(db: Db, userId: number, keepToken: string): number {
  return db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?').run(userId, hashToken(keepToken)).changes;
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}
