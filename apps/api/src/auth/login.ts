import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, deleteSession, type NewSession } from './sessions';
import type { SessionUser } from './user';
import { getUserByName, toSessionUser } from './users';

/** Five failed sign-ins for one username within 15 minutes lock it until the oldest is 15 minutes old. */
export const MAX_LOGIN_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
const LOCKOUT_MS = LOCKOUT_MINUTES * 60_000;

export type SignInResult =
  | { outcome: 'signed-in'; user: SessionUser; session: NewSession }
  /** Wrong password, or no such user: the caller must not say which. */
  | { outcome: 'wrong-password' }
  /** The right password for a disabled account. */
  | { outcome: 'disabled' }
  | { outcome: 'locked'; retryAfterSeconds: number };

// A username that does not exist is checked against this hash, so answering takes as long as
// for a real account and the time does not tell whether the name exists.
let unknownUserHash: Promise<string> | undefined;
const getUnknownUserHash = () => (unknownUserHash ??= hashPassword(randomBytes(16).toString('base64url')));

/**
 * Checks a username and password and opens a session. Failures count per username (known or
 * not) in login_failures; a success clears them. The failure row is written *before* the slow
 * password check, so parallel guesses cannot slip past the limit while others are hashing.
 * signIn(db, 'admin', 'demo') → { outcome: 'signed-in', user: { role: 'admin', … }, session: { token, csrfToken, expiresAt } }
 */
export async function signIn(db: Db, username: string, password: string, options: { now?: () => Date; replacesToken?: string } = {}): Promise<SignInResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const windowStart = new Date(started.getTime() - LOCKOUT_MS).toISOString();
  // Count and reserve in one synchronous step: no other request runs in between.
  const reserved = db.transaction((): { locked: number } | { id: number } => {
    db.prepare('DELETE FROM login_failures WHERE failed_at <= ?').run(windowStart);
    const failures = db
      .prepare('SELECT failed_at FROM login_failures WHERE username = ? AND failed_at > ? ORDER BY failed_at LIMIT ?')
      .all(username, windowStart, MAX_LOGIN_FAILURES) as { failed_at: string }[];
    if (failures.length >= MAX_LOGIN_FAILURES) {
      const unlocksAt = Date.parse(failures[0]!.failed_at) + LOCKOUT_MS;
      return { locked: Math.max(1, Math.ceil((unlocksAt - started.getTime()) / 1000)) };
    }
    const id = Number(db.prepare('INSERT INTO login_failures (username, failed_at) VALUES (?, ?)').run(username, started.toISOString()).lastInsertRowid);
    return { id };
  }).immediate();
  if ('locked' in reserved) return { outcome: 'locked', retryAfterSeconds: reserved.locked };

  const user = getUserByName(db, username);
  const isRight = await verifyPassword(password, user?.password_hash ?? (await getUnknownUserHash()));
  if (!user || !isRight) return { outcome: 'wrong-password' };
  if (user.is_disabled === 1) {
    // Not a guess: the password was right. The account stays closed all the same.
    db.prepare('DELETE FROM login_failures WHERE id = ?').run(reserved.id);
    return { outcome: 'disabled' };
  }
  return db.transaction(() => {
    db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(started.toISOString());
    // Signing in again replaces the browser's old session rather than leaving it open.
    if (options.replacesToken) deleteSession(db, options.replacesToken);
    return { outcome: 'signed-in' as const, user: toSessionUser(user), session: createSession(db, user.id, now()) };
  }).immediate();
}
