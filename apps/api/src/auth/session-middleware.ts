import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/router';

export interface SessionOptions {
  /** PUBLIC_READ=1: reads without sign-in; writes always need a session. */
  publicRead: boolean;
}

/** Sets c.var.user from the session cookie. (Placeholder until sessions land.) */
export function sessionMiddleware(_options: SessionOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    await next();
  };
}
