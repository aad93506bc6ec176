/**
 * Where a province officer may write: the image of their scope units in each scheme.
 *
 * A scope unit covers its own subtree in its own scheme, and in the other scheme the units that
 * succeeded (or preceded) it through the crosswalk:
 * - legacy63 province → the reform34 province(s) it became, with all their communes
 *   (legacy63:62 Kon Tum → reform34:51 Quảng Ngãi);
 * - legacy63 district or commune → the reform34 communes that succeeded its communes;
 * - reform34 province → the legacy63 provinces it was made of, with their subtrees;
 * - reform34 commune → the legacy63 communes whose every successor is that commune (a split old
 *   commune belongs to several new ones, so no single new commune speaks for its history).
 * Communes the crosswalk could not place have no image in the other scheme.
 */
import type { SchemeId } from '@mttq/core';
import { joinMessages } from '../http/errors';
import type { Services } from '../http/services';
import { msg, type Message } from '../messages';
import { crosswalkOf } from '../units/crosswalk-index';

export interface ScopeUnit {
  scheme: SchemeId;
  code: string;
}

const images = new WeakMap<Services, Map<string, ReadonlySet<string>>>();

/** The codes of `scheme` inside the subtree of unit `code` of the same scheme (itself included). */
function subtree(services: Services, scheme: SchemeId, codes: ReadonlySet<string>, into: Set<string>): void {
  for (const unit of services.units(scheme)) {
    if (codes.has(unit.code) || codes.has(unit.provinceCode) || (unit.parentCode !== null && codes.has(unit.parentCode))) into.add(unit.code);
  }
}

/** The codes of `scheme` that one scope unit covers. */
function imageOf(services: Services, scope: ScopeUnit, scheme: SchemeId): Set<string> {
  const image = new Set<string>();
  if (scope.scheme === scheme) {
    subtree(services, scheme, new Set([scope.code]), image);
    return image;
  }
  const { forward, backward } = crosswalkOf(services);
  const unit = services.units(scope.scheme).find((u) => u.code === scope.code);
  if (!unit) return image;
  if (unit.level === 'province') {
    const provinces = new Set(scope.scheme === 'legacy63' ? (forward.get(unit.code) ?? []) : (backward.get(unit.code) ?? []));
    subtree(services, scheme, provinces, image);
    return image;
  }
  if (scope.scheme === 'legacy63') {
    // A district or commune of legacy63: the reform34 communes that succeeded its communes.
    const communes = new Set<string>();
    subtree(services, 'legacy63', new Set([unit.code]), communes);
    for (const code of communes) for (const next of forward.get(code) ?? []) image.add(next);
    return image;
  }
  // A reform34 commune: the legacy63 communes wholly merged into it.
  for (const previous of backward.get(unit.code) ?? []) {
    if ((forward.get(previous) ?? []).every((next) => next === unit.code)) image.add(previous);
  }
  return image;
}

const keyOf = (scopes: readonly ScopeUnit[], scheme: SchemeId) => `${scheme}|${scopes.map((s) => `${s.scheme}:${s.code}`).join(',')}`;

/**
 * The codes of `scheme` that a list of scope units covers; computed once per list and scheme.
 * scopeImage(services, [{ scheme: 'legacy63', code: '51' }], 'reform34') → Set { '51', '21025', … }
 */
export function scopeImage(services: Services, scopes: readonly ScopeUnit[], scheme: SchemeId): ReadonlySet<string> {
  let cache = images.get(services);
  if (!cache) images.set(services, (cache = new Map()));
  const key = keyOf(scopes, scheme);
  let image = cache.get(key);
  if (!image) {
    const union = new Set<string>();
    for (const scope of scopes) for (const code of imageOf(services, scope, scheme)) union.add(code);
    image = union;
    cache.set(key, image);
  }
  return image;
}

/** Is unit (scheme, code) inside the image of the scope units? */
export function isInsideScope(services: Services, scopes: readonly ScopeUnit[], scheme: SchemeId, code: string): boolean {
  return scopeImage(services, scopes, scheme).has(code);
}

/**
 * The provinces of `scheme` that a scope reaches (wholly or in part), by code.
 * scopeProvinces(services, [{ scheme: 'legacy63', code: '62' }], 'reform34') → ['51']
 */
export function scopeProvinces(services: Services, scopes: readonly ScopeUnit[], scheme: SchemeId): string[] {
  const image = scopeImage(services, scopes, scheme);
  const provinces = new Set<string>();
  for (const unit of services.units(scheme)) if (image.has(unit.code)) provinces.add(unit.provinceCode);
  return [...provinces].sort();
}

/** One scope unit as a Message: 'legacy63:51 (Tỉnh Quảng Ngãi)', or 'legacy63:99' when the registry has no such unit. */
export function describeScopeUnit(services: Services, scope: ScopeUnit): Message {
  const name = services.units(scope.scheme).find((u) => u.code === scope.code)?.name;
  return name ? msg('scope_unit_named', { scheme: scope.scheme, code: scope.code, name }) : msg('scope_unit', { scheme: scope.scheme, code: scope.code });
}

/** A scope as a Message: 'legacy63:51 (Tỉnh Quảng Ngãi)', several joined by ', '; 'no unit' ('không có đơn vị nào') for none. */
export function describeScopes(services: Services, scopes: readonly ScopeUnit[]): Message {
  if (scopes.length === 0) return msg('scope_none');
  return joinMessages(
    scopes.map((scope) => describeScopeUnit(services, scope)),
    'list_comma',
  );
}
