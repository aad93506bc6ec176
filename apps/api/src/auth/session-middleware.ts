import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from '../http/errors';
import { msg } from '../messages';
import type { AppEnv } from '../http/router';
import { CSRF_HEADER, getSession, SESSION_COOKIE } from './sessions';

export interface SessionOptions {
  /** PUBLIC_READ=1: reads without sign-in; writes always need a session. */
  publicRead: boolean;
}

/** Paths anyone may call: signing in, and reading who you are (null when signed out). */
const OPEN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/me']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a user signed in with a temporary password may do: read who they are, set a new password, sign out or in again. */
const WHILE_PASSWORD_CHANGE_REQUIRED = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/password', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/login']);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Sets c.var.user from the session cookie; without PUBLIC_READ every route but the open ones
 * needs a session (401). A state-changing request with a session must carry the session's CSRF
 * token in the x-csrf-token header (403): a cross-site form cannot read or send it. A session
 * opened with a temporary password may only set a new one (403 password_change_required).
 */
export function sessionMiddleware(options: SessionOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db } = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? getSession(db, token) : null;
    c.set('user', session?.user ?? null);
    const path = new URL(c.req.url).pathname;
    const isSafe = SAFE_METHODS.has(c.req.method);
    if (!session && !OPEN_PATHS.has(path) && !(isSafe && options.publicRead)) {
      throw new ApiError(401, 'unauthorized', token ? msg('auth_session_expired') : msg('auth_sign_in_first'));
    }
    if (session && !isSafe && path !== '/api/v1/auth/login') {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!sameToken(sent, session.csrfToken)) {
        throw new ApiError(403, 'csrf', msg('auth_csrf_missing', { header: CSRF_HEADER }));
      }
    }
    if (session?.mustChangePassword && !WHILE_PASSWORD_CHANGE_REQUIRED.has(`${c.req.method} ${path}`)) {
      throw new ApiError(403, 'password_change_required', msg('auth_password_change_first'));
    }
    await next();
  };
}
