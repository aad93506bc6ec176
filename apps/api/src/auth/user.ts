import type { SchemeId } from '@mttq/core';
import { ApiError, joinMessages } from '../http/errors';
import { msg, type Message } from '../messages';
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

/** A role's name in the reader's language: roleName('central') → 'cán bộ Trung ương' / 'central'. */
export const roleName = (role: Role): Message => msg(`role_${role}`);

/** 401 unless someone is signed in. */
export function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new ApiError(401, 'unauthorized', msg('auth_sign_in_first'));
  return user;
}

/** 403 unless the signed-in user has one of `roles`. */
export function requireRole(user: SessionUser | null, roles: readonly Role[]): SessionUser {
  const signedIn = requireUser(user);
  if (!roles.includes(signedIn.role)) {
    const needed = joinMessages(roles.map(roleName), 'auth_role_or');
    throw new ApiError(403, 'forbidden', msg('auth_role_needed', { roles: needed, role: signedIn.role, roleName: roleName(signedIn.role) }));
  }
  return signedIn;
}

/**
 * 403 naming the officer's scope and what is outside it: a unit ('legacy63:5101') or a Message
 * saying which page, in the reader's language.
 */
export function outsideScope(services: Services, user: SessionUser, what: string | Message): ApiError {
  return new ApiError(403, 'forbidden', msg('scope_outside', { scopes: describeScopes(services, user.scopes), what }));
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
