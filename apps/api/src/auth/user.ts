import type { SchemeId } from '@mttq/core';
import { ApiError } from '../http/errors';
import type { Services } from '../http/services';

export const ROLES = ['admin', 'central', 'province', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user of a request. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** The unit subtree a province officer writes for; null for the other roles. */
  scope: { scheme: SchemeId; code: string } | null;
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

/**
 * 403 unless `user` may write for unit (scheme, code): admin and central staff everywhere, a
 * province officer inside the subtree of their scope unit in the same scheme, viewers nowhere.
 */
export function assertCanWriteUnit(services: Services, user: SessionUser | null, scheme: SchemeId, code: string): SessionUser {
  const signedIn = requireRole(user, ['admin', 'central', 'province']);
  if (signedIn.role !== 'province') return signedIn;
  const scope = signedIn.scope;
  const unit = services.units(scheme).find((u) => u.code === code);
  const isInside =
    scope !== null &&
    scope.scheme === scheme &&
    unit !== undefined &&
    (unit.code === scope.code || unit.provinceCode === scope.code || unit.parentCode === scope.code);
  if (!isInside) {
    const where = scope ? `${scope.scheme}:${scope.code}` : 'no unit';
    throw new ApiError(403, 'forbidden', `Your scope is ${where}; ${scheme}:${code} is outside it. Ask central staff to make this change.`);
  }
  return signedIn;
}
