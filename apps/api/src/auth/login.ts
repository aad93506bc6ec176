import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection';
import { HashQueueFullError, hashGate } from './hash-gate';
import { hashPassword, verifyPassword } from './passwords';
import { createSession, deleteSession, type NewSession } from './sessions';
import { dropAttempt, forgetFailures, reserveAttempt, SIGN_IN_LIMITS, type SignInLimits } from './throttle';
import type { SessionUser } from './user';
import { getUserByName, toSessionUser } from './users';

export type SignInResult =
  | { outcome: 'signed-in'; user: SessionUser; session: NewSession; mustChangePassword: boolean }
  /** Wrong password, or no such user: the caller must not say which. */
  | { outcome: 'wrong-password' }
  /** The right password for a disabled account. */
  | { outcome: 'disabled' }
  /** Too many failures of this username from this address ('account') or of this address ('address'): wait. */
  | { outcome: 'throttled'; reason: 'account' | 'address'; retryAfterSeconds: number }
  /** Too many sign-ins waiting for the password check; nothing was counted. */
  | { outcome: 'busy'; retryAfterSeconds: number };

export interface SignInOptions {
  /** The client address the attempt counts against (client-address.ts). */
  client: string;
  limits?: SignInLimits;
  now?: () => Date;
  /** The session cookie the browser already has: signing in replaces it. */
  replacesToken?: string;
  /** The browser's User-Agent, kept with the session so its owner can tell sessions apart. */
  userAgent?: string | null;
}

// A username that does not exist is checked against this hash, so answering takes as long as
// for a real account and the time does not tell whether the name exists.
let unknownUserHash: Promise<string> | undefined;
const getUnknownUserHash = () => (unknownUserHash ??= hashPassword(randomBytes(16).toString('base64url')));

/**
 * Checks a username and password and opens a session. Failures count per (username, client
 * address) and per address in login_failures (throttle.ts), known usernames or not; a success
 * clears that username's failures from that address. Throttled and busy answers come before any
 * hashing.
 * signIn(db, 'admin', 'demo', { client: '203.0.113.7' }) → { outcome: 'signed-in', user: { role: 'admin', … }, session: { token, csrfToken, expiresAt } }
 */
export async function signIn(db: Db, username: string, password: string, options: SignInOptions): Promise<SignInResult> {
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const { client } = options;
  if (hashGate.isFull()) return { outcome: 'busy', retryAfterSeconds: hashGate.retryAfterSeconds() };
  // Count and reserve in one synchronous step: no other request runs in between.
  const reserved = db.transaction(() => reserveAttempt(db, username, client, limits, now())).immediate();
  if ('waitSeconds' in reserved) return { outcome: 'throttled', reason: reserved.reason, retryAfterSeconds: reserved.waitSeconds };

  const user = getUserByName(db, username);
  let isRight: boolean;
  try {
    isRight = await verifyPassword(password, user?.password_hash ?? (await getUnknownUserHash()), { bounded: true });
  } catch (error) {
    if (!(error instanceof HashQueueFullError)) throw error;
    dropAttempt(db, reserved.id);
    return { outcome: 'busy', retryAfterSeconds: error.retryAfterSeconds };
  }
  if (!user || !isRight) return { outcome: 'wrong-password' };
  if (user.is_disabled === 1) {
    // Not a guess: the password was right. The account stays closed all the same.
    dropAttempt(db, reserved.id);
    return { outcome: 'disabled' };
  }
  return db.transaction(() => {
    forgetFailures(db, username, client);
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now().toISOString());
    // Signing in again replaces the browser's old session rather than leaving it open.
    if (options.replacesToken) deleteSession(db, options.replacesToken);
    const session = createSession(db, user.id, now(), options.userAgent ?? null);
    return { outcome: 'signed-in' as const, user: toSessionUser(user), session, mustChangePassword: user.must_change_password === 1 };
  }).immediate();
}
