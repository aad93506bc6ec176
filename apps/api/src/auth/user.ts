import type { SchemeId } from '@mttq/core';
import { ApiError } from '../http/errors';
import type { Services } from '../http/services';
import { describeScopes, isInsideScope, type ScopeUnit } from './scope-image';

export const ROLES = ['admin', 'central', 'province', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user of a request. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** The units a province officer writes for (in either scheme, see scope-image.ts); empty for the other roles. */
  scopes: ScopeUnit[];
}

/** 401 unless someone is signed in. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new ApiError(401, 'unauthorized', 'Sign in first: POST /api/v1/auth/login with your username and password.');
  return user;
}

/** 403 unless the signed-in user has one of `roles`. */
export function requireRole(user: SessionUser | null, roles: readonly Role[]): SessionUser {
  const signedIn = requireUser(user);
  if (!roles.includes(signedIn.role)) {
    throw new ApiError(403, 'forbidden', `This needs the role ${roles.join(' or ')}; you are signed in as ${signedIn.role}.`);
  }
  return signedIn;
}

/** 403 naming the officer's scope and the unit outside it. */
export function outsideScope(services: Services, user: SessionUser, what: string): ApiError {
  return new ApiError(403, 'forbidden', `Your scope is ${describeScopes(services, user.scopes)}; ${what} is outside it. Ask central staff to make this change.`);
}

/**
 * 403 unless `user` may write for unit (scheme, code): admin and central staff everywhere, a
 * province officer inside the image of their scope units in that scheme (through the crosswalk
 * when the scope is in the other scheme), viewers nowhere.
 */
export function assertCanWriteUnit(services: Services, user: SessionUser | null, scheme: SchemeId, code: string): SessionUser {
  const signedIn = requireRole(user, ['admin', 'central', 'province']);
  if (signedIn.role !== 'province') return signedIn;
  if (!isInsideScope(services, signedIn.scopes, scheme, code)) throw outsideScope(services, signedIn, `${scheme}:${code}`);
  return signedIn;
}
