import type { SchemeId } from '@mttq/core';
import type { Role } from '../auth/user';
import { createSession, CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';
import { createUser } from '../auth/users';
import type { Db } from '../db/connection';

export interface TestSession {
  userId: number;
  /** Headers of a signed-in browser: the session cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Creates a user with a live session, as signing in would. */
export async function signInAs(db: Db, role: Role, scope: { scheme: SchemeId; code: string } | null = null, username = `${role}-${scope?.code ?? 'all'}-${Math.random().toString(36).slice(2, 8)}`): Promise<TestSession> {
  const userId = await createUser(db, { username, password: 'test-password', role, scopes: scope ? [scope] : [] });
  const session = createSession(db, userId);
  return { userId, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken } };
}

/** A JSON request with a session's headers. */
export function jsonRequest(method: string, body: unknown, session?: TestSession): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...(session?.headers ?? {}) },
    body: JSON.stringify(body),
  };
}
