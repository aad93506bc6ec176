/**
 * What a signed-in user may work on, read from /auth/me: a province officer's scope units (in
 * either scheme) and the provinces they reach in each scheme; central staff and admins work
 * everywhere. The API enforces the same rules; these only choose what the screens offer.
 */
import { SCHEME_IDS, schemeInForce } from '@mttq/core/rules';
import type { SchemeId } from '@mttq/core';
import { todayIso } from '../url/today';
import type { ScopeUnit, SessionUser } from './queries';

const PROVINCE_CODE = /^\d{2}$/;

/** Does the user write only inside a scope (a province officer)? */
export const isOfficer = (user: Pick<SessionUser, 'role'>): boolean => user.role === 'province';

/**
 * The schemes the user works in: an officer's are those the scope reaches (both, as a rule: a scope
 * in one scheme reaches the other through the crosswalk); the other roles have both.
 */
export function userSchemes(user: Pick<SessionUser, 'role' | 'provinces'>): SchemeId[] {
  if (!isOfficer(user)) return [...SCHEME_IDS];
  return SCHEME_IDS.filter((scheme) => (user.provinces[scheme] ?? []).length > 0);
}

/**
 * The scheme a screen works in: the one the URL asks for when the user works in it, else the
 * scheme in force `today` (an officer whose scope does not reach it: their first scheme).
 * workingScheme(officerOf51, null, '2026-12-02') → 'reform34'; workingScheme(officerOf51, 'legacy63') → 'legacy63'
 */
export function workingScheme(user: Pick<SessionUser, 'role' | 'provinces'>, asked: string | null, today: string = todayIso()): SchemeId {
  const schemes = userSchemes(user);
  const chosen = schemes.find((scheme) => scheme === asked);
  if (chosen) return chosen;
  const inForce = schemeInForce(today);
  return schemes.includes(inForce) ? inForce : (schemes[0] ?? inForce);
}

/** The provinces of `scheme` an officer works in, by code; null for the roles that work everywhere. */
export function scopeProvinces(user: Pick<SessionUser, 'role' | 'provinces'>, scheme: SchemeId): readonly string[] | null {
  return isOfficer(user) ? (user.provinces[scheme] ?? []) : null;
}

/**
 * The province a screen works on: the one asked for when the user may work there, else an
 * officer's first province of the scheme; null when central staff or an admin asked for none.
 * workingProvince(officerOf51, 'legacy63', '62') → '62'; workingProvince(officerOf51, 'legacy63', '01') → '51'
 */
export function workingProvince(user: Pick<SessionUser, 'role' | 'provinces'>, scheme: SchemeId, asked: string | null): string | null {
  const valid = asked !== null && PROVINCE_CODE.test(asked) ? asked : null;
  const own = scopeProvinces(user, scheme);
  if (own === null) return valid;
  return valid !== null && own.includes(valid) ? valid : (own[0] ?? null);
}

/**
 * The unit an officer's unit list opens on in `scheme`: their one scope unit of that scheme when it
 * is a province or a district (its units are listed), else their first province there; null for
 * the roles that work everywhere.
 */
export function scopeRoot(user: Pick<SessionUser, 'role' | 'provinces' | 'scopes'>, scheme: SchemeId): string | null {
  if (!isOfficer(user)) return null;
  const own = user.scopes.filter((scope) => scope.scheme === scheme);
  const only = own.length === 1 ? own[0] : undefined;
  if (only && only.level !== 'commune') return only.code;
  return user.provinces[scheme]?.[0] ?? null;
}

/** 'Tỉnh Quảng Ngãi (reform34:51)', several joined by ', '; null when there is none (the roles that work everywhere). */
export function describeScopes(scopes: readonly ScopeUnit[]): string | null {
  if (scopes.length === 0) return null;
  return scopes.map((scope) => `${scope.name} (${scope.scheme}:${scope.code})`).join(', ');
}
