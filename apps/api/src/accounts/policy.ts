/**
 * Who may manage which account. Admins and central staff manage every account up to their own
 * role; a province officer manages province officers whose every scope unit lies inside their own
 * scope (scope-image.ts), and nobody gives a role above their own. Nobody manages their own
 * account here: their password and sessions are under /auth.
 */
import { roleRank } from '@mttq/core';
import { outsideScope, roleName, type Role, type SessionUser } from '../auth/user';
import { isInsideScope, type ScopeUnit } from '../auth/scope-image';
import { ApiError } from '../http/errors';
import type { Services } from '../http/services';
import { msg, type Message } from '../messages';

const forbidden = (message: Message) => new ApiError(403, 'forbidden', message);

/** 403 unless `manager` may give `role`: never above their own; a province officer only 'province'. */
export function assertMayGiveRole(manager: SessionUser, role: Role): void {
  if (roleRank(role) > roleRank(manager.role)) {
    throw forbidden(msg('account_role_above_own', { own: manager.role, role, ownName: roleName(manager.role), roleName: roleName(role) }));
  }
  if (manager.role === 'province' && role !== 'province') {
    throw forbidden(msg('account_province_gives_province', { role, roleName: roleName(role) }));
  }
}

/** 403 naming the first unit of `scopes` outside a province officer's scope. */
export function assertScopesInside(services: Services, manager: SessionUser, scopes: readonly ScopeUnit[]): void {
  if (manager.role !== 'province') return;
  const outside = scopes.find((scope) => !isInsideScope(services, manager.scopes, scope.scheme, scope.code));
  if (outside) throw outsideScope(services, manager, `${outside.scheme}:${outside.code}`);
}

/** Can `manager` manage an account of `role` with these scope units (without throwing)? */
export function mayManage(services: Services, manager: SessionUser, target: { id: number; role: Role; scopes: readonly ScopeUnit[] }): boolean {
  try {
    assertMayManage(services, manager, target);
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

/** 403 unless `manager` may change the account `target` (see the file's comment). */
export function assertMayManage(services: Services, manager: SessionUser, target: { id: number; username?: string; role: Role; scopes: readonly ScopeUnit[] }): void {
  if (target.id === manager.id) {
    throw forbidden(msg('account_own'));
  }
  if (roleRank(target.role) > roleRank(manager.role)) {
    throw forbidden(msg('account_target_above', { role: target.role, own: manager.role, roleName: roleName(target.role), ownName: roleName(manager.role) }));
  }
  if (manager.role === 'province') {
    if (target.role !== 'province') throw forbidden(msg('account_province_manages_province', { role: target.role, roleName: roleName(target.role) }));
    assertScopesInside(services, manager, target.scopes);
  }
}
