/**
 * How sign-in resists guessing and flooding without letting anyone lock a user out.
 *
 * 1. Attempts per address (memory, before the body is even read): a burst of 20, then one more
 *    every 3 seconds, and at most 4 of one address being checked at once; over that, 429 with
 *    Retry-After and no password hashing. A successful sign-in gives its attempt back, so an
 *    office behind one address can sign everyone in.
 * 2. Failures per username *and* address (database, table login_failures): the first 5 are free;
 *    after the 5th each next attempt must wait 1 s, after the 6th 2 s, then 4 s, 8 s … up to 15
 *    minutes after the latest failure. Someone guessing from elsewhere slows down only their own
 *    guesses: the user, from their own address, signs in as usual.
 * 3. Failures per address, whatever the usernames: the first 20 are free, then the same growing
 *    waits, so one address cannot try 5 passwords on every account.
 * Failures are forgotten after 24 hours, when the username signs in from that address, or when
 * an administrator lifts them (npm run users -- unlock NAME, or reset-password). Refused
 * attempts are not counted. Hashing itself is bounded separately (hash-gate.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/connection';
import { errorBody } from '../http/errors';
import { languageOf, msg, type Message } from '../messages';
import type { AppEnv } from '../http/router';
import { AccountError, recordAudit, type Actor } from './accounts';
import { clientAddress } from './client-address';
import { getUserByName } from './users';

export interface SignInLimits {
  /** Attempts one address may start at once before it has to pace itself. */
  burst: number;
  /** Then one more attempt every this many seconds. */
  refillSeconds: number;
  /** Attempts of one address being checked (waiting for or doing the hashing) at once. */
  inFlightPerAddress: number;
  /** Failed sign-ins for a username from one address before each next attempt has to wait. */
  freeFailuresPerAccount: number;
  /** Failed sign-ins from one address, all usernames together, before each next attempt has to wait. */
  freeFailuresPerAddress: number;
  /** The longest wait, in seconds. */
  maxDelaySeconds: number;
  /** Failures older than this many hours are forgotten. */
  memoryHours: number;
}

export const SIGN_IN_LIMITS: Readonly<SignInLimits> = {
  burst: 20,
  refillSeconds: 3,
  inFlightPerAddress: 4,
  freeFailuresPerAccount: 5,
  freeFailuresPerAddress: 20,
  maxDelaySeconds: 15 * 60,
  memoryHours: 24,
};

/**
 * The wait after `failures` failures when the first `free` are free: 0, then 1 s, 2 s, 4 s …
 * up to maxSeconds. delayAfter(5, 5, 900) → 1; delayAfter(7, 5, 900) → 4; delayAfter(30, 5, 900) → 900
 */
export function delayAfter(failures: number, free: number, maxSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), maxSeconds);
}

// ---------------------------------------------------------------------------------------------
// 1. Attempts per address, in memory.

interface Bucket {
  tokens: number;
  /** When tokens was last brought up to date (ms). */
  at: number;
  inFlight: number;
}

export type AttemptGrant = { ok: true; address: string; done(signedIn: boolean): void } | { ok: false; retryAfterSeconds: number; reason: 'rate' | 'in-flight' };

/** Token buckets per address; forgets idle, full buckets once it holds many. */
export class AttemptLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(private readonly limits: SignInLimits) {}

  #refill(bucket: Bucket, now: number): void {
    const earned = (now - bucket.at) / (this.limits.refillSeconds * 1000);
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + earned);
    bucket.at = now;
  }

  #prune(now: number): void {
    if (this.#buckets.size < 10_000) return;
    for (const [address, bucket] of this.#buckets) {
      this.#refill(bucket, now);
      if (bucket.inFlight === 0 && bucket.tokens >= this.limits.burst) this.#buckets.delete(address);
    }
  }

  /** Takes one attempt for `address`; call done() when it has been answered. */
  begin(address: string, now = Date.now()): AttemptGrant {
    this.#prune(now);
    let bucket = this.#buckets.get(address);
    if (!bucket) {
      bucket = { tokens: this.limits.burst, at: now, inFlight: 0 };
      this.#buckets.set(address, bucket);
    }
    this.#refill(bucket, now);
    if (bucket.inFlight >= this.limits.inFlightPerAddress) return { ok: false, retryAfterSeconds: 1, reason: 'in-flight' };
    if (bucket.tokens < 1) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) * this.limits.refillSeconds)), reason: 'rate' };
    }
    bucket.tokens -= 1;
    bucket.inFlight += 1;
    const held = bucket;
    let isDone = false;
    return {
      ok: true,
      address,
      done: (signedIn) => {
        if (isDone) return;
        isDone = true;
        held.inFlight -= 1;
        // Knowing a password is not abuse: a successful sign-in gives its attempt back.
        if (signedIn) held.tokens = Math.min(this.limits.burst, held.tokens + 1);
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Settings of one app (createApp), kept beside its services.

export interface SignInOptions {
  /** TRUST_PROXY=1: take the client address from the last entry of x-forwarded-for. */
  trustProxy?: boolean;
  /** Stricter or looser limits (tests). */
  limits?: Partial<SignInLimits>;
}

export interface SignInGuard {
  trustProxy: boolean;
  limits: SignInLimits;
  attempts: AttemptLimiter;
}

const guards = new WeakMap<object, SignInGuard>();

function newGuard(options: SignInOptions = {}): SignInGuard {
  const limits = { ...SIGN_IN_LIMITS, ...options.limits };
  return { trustProxy: options.trustProxy ?? false, limits, attempts: new AttemptLimiter(limits) };
}

/** Sets how the app that owns `services` guards sign-in; without it the defaults apply. */
export function configureSignIn(services: object, options: SignInOptions = {}): void {
  guards.set(services, newGuard(options));
}

export function signInGuardOf(services: object): SignInGuard {
  let guard = guards.get(services);
  if (!guard) {
    guard = newGuard();
    guards.set(services, guard);
  }
  return guard;
}

/** "in 42 seconds", "in 15 minutes" (in the reader's language: "sau 42 giây", "sau 15 phút") */
export function waitText(seconds: number): Message {
  if (seconds < 60) return seconds === 1 ? msg('wait_one_second') : msg('wait_seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? msg('wait_one_minute') : msg('wait_minutes', { count: minutes });
}

/** 429 in the error envelope, with Retry-After. */
export function tooManyAttempts(c: Context, message: Message, retryAfterSeconds: number) {
  return c.json(errorBody('too_many_attempts', message, [], languageOf(c)), 429, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * Middleware of POST /auth/login: 429 before the body is read or anything is hashed when the
 * address is over its attempts; a successful sign-in gives its attempt back.
 */
export const limitSignInAttempts: MiddlewareHandler<AppEnv> = async (c, next) => {
  const guard = signInGuardOf(c.get('services'));
  const grant = guard.attempts.begin(clientAddress(c, guard.trustProxy));
  if (!grant.ok) {
    const wait = waitText(grant.retryAfterSeconds);
    const message =
      grant.reason === 'rate'
        ? msg('auth_too_many_attempts', { burst: guard.limits.burst, refill: guard.limits.refillSeconds, wait })
        : msg('auth_too_many_in_flight', { max: guard.limits.inFlightPerAddress, wait });
    return tooManyAttempts(c, message, grant.retryAfterSeconds);
  }
  try {
    await next();
  } finally {
    grant.done(c.res.status === 200);
  }
};

// ---------------------------------------------------------------------------------------------
// 2 and 3. Failures per (username, address) and per address, in the database.

export type Reservation = { id: number } | { waitSeconds: number; reason: 'account' | 'address' };

/**
 * Counts the failures of (username, client) and of client alone and, when neither has to wait,
 * records this attempt as a failure *before* the slow password check, so parallel guesses
 * cannot slip past while others are hashing. Call inside an immediate transaction.
 */
export function reserveAttempt(db: Db, username: string, client: string, limits: SignInLimits, now: Date): Reservation {
  const nowMs = now.getTime();
  const cutoff = new Date(nowMs - limits.memoryHours * 3_600_000).toISOString();
  db.prepare('DELETE FROM login_failures WHERE failed_at <= ?').run(cutoff);
  const pair = db
    .prepare('SELECT count(*) AS n, max(failed_at) AS latest FROM login_failures WHERE username = ? AND client = ?')
    .get(username, client) as { n: number; latest: string | null };
  const address = db.prepare('SELECT count(*) AS n, max(failed_at) AS latest FROM login_failures WHERE client = ?').get(client) as {
    n: number;
    latest: string | null;
  };
  const remaining = (count: { n: number; latest: string | null }, free: number) => {
    const delay = delayAfter(count.n, free, limits.maxDelaySeconds);
    if (delay === 0 || count.latest === null) return 0;
    return Math.ceil((Date.parse(count.latest) + delay * 1000 - nowMs) / 1000);
  };
  const accountWait = remaining(pair, limits.freeFailuresPerAccount);
  const addressWait = remaining(address, limits.freeFailuresPerAddress);
  if (accountWait > 0 || addressWait > 0) {
    return accountWait >= addressWait ? { waitSeconds: accountWait, reason: 'account' } : { waitSeconds: addressWait, reason: 'address' };
  }
  const id = db.prepare('INSERT INTO login_failures (username, client, failed_at) VALUES (?, ?, ?)').run(username, client, now.toISOString()).lastInsertRowid;
  return { id: Number(id) };
}

/** Takes back a reserved attempt that was not a guess (right password of a disabled account, server busy). */
export function dropAttempt(db: Db, id: number): void {
  db.prepare('DELETE FROM login_failures WHERE id = ?').run(id);
}

/** After a successful sign-in: the failures of this username from this address are forgotten. */
export function forgetFailures(db: Db, username: string, client: string): void {
  db.prepare('DELETE FROM login_failures WHERE username = ? AND client = ?').run(username, client);
}

/**
 * Forgets every failed sign-in of `username` from every address, so its waits end now; audited
 * as 'unlock' when there was something to forget. Returns the user's name as stored and what was
 * forgotten.
 */
export function unlockSignIn(db: Db, actor: Actor, username: string): { username: string; failures: number; addresses: number } {
  return db.transaction(() => {
    const user = getUserByName(db, username);
    if (!user) throw new AccountError(`No user named "${username}". List the accounts with: npm run users -- list`);
    const found = db.prepare('SELECT count(*) AS failures, count(DISTINCT client) AS addresses FROM login_failures WHERE username = ?').get(user.username) as {
      failures: number;
      addresses: number;
    };
    if (found.failures > 0) {
      db.prepare('DELETE FROM login_failures WHERE username = ?').run(user.username);
      recordAudit(db, actor, { action: 'unlock', entity: 'user', entityId: user.id, before: found, after: { failures: 0, addresses: 0 } });
    }
    return { username: user.username, ...found };
  }).immediate();
}
