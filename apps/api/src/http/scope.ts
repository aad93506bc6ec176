import { defaultAsOf, hasLevel, isWithinScheme, schemeInForce, SCHEMES, type Level, type SchemeId } from '@mttq/core';
import { msg, type Message } from '../messages';
import { badRequest, dateParam } from './errors';
import type { Services } from './services';

export interface DbUnitRef {
  code: string;
  level: Level;
  name: string;
}

export interface Scope {
  scheme: SchemeId;
  asOf: string;
  /** The parent unit, or null for the whole country. */
  parent: DbUnitRef | null;
}

/** A level's name in the reader's language: levelName('commune') → 'xã, phường, đặc khu' / 'commune'. */
export const levelName = (level: Level): Message => msg(`level_${level}`);

/** The scheme asked for, else DEFAULT_SCHEME when configured, else the scheme in force today. */
export function resolveScheme(services: Services, scheme: SchemeId | undefined): SchemeId {
  return scheme ?? defaultSchemeOf(services);
}

/** The scheme a request that names none reads in: DEFAULT_SCHEME, or the one in force today. */
export function defaultSchemeOf(services: Services): SchemeId {
  return services.defaultScheme ?? schemeInForce(services.today());
}

/** A date inside the scheme's validity, or a 400 naming the parameter `path`. */
export function assertWithinScheme(scheme: SchemeId, date: string, path: string): string {
  if (!isWithinScheme(scheme, date)) {
    const { validFrom, validTo } = SCHEMES[scheme];
    const params = { date: dateParam(date), scheme, from: dateParam(validFrom) };
    throw badRequest(path, validTo ? msg('param_date_outside_scheme', { ...params, to: dateParam(validTo) }) : msg('param_date_outside_open_scheme', params));
  }
  return date;
}

/** A date parameter (asOf by default) inside the scheme's validity; default today clamped into it. */
export function resolveAsOf(services: Services, scheme: SchemeId, asOf: string | undefined, path = 'asOf'): string {
  return asOf === undefined ? defaultAsOf(scheme, services.today()) : assertWithinScheme(scheme, asOf, path);
}

/**
 * Can figures of `scheme` be read at `date`? Inside its validity; reform34 also back to
 * legacy63's first day, back-cast through the crosswalk (db/assignment-source.ts).
 */
export function isReadable(scheme: SchemeId, date: string): boolean {
  return isWithinScheme(scheme, date) || (scheme === 'reform34' && date >= SCHEMES.legacy63.validFrom && date < SCHEMES.reform34.validFrom);
}

/** A date figures of the scheme can be read at (isReadable), or a 400 naming the parameter `path`. */
export function assertReadable(scheme: SchemeId, date: string, path: string): string {
  if (isReadable(scheme, date)) return date;
  if (scheme === 'reform34' && date < SCHEMES.legacy63.validFrom) {
    throw badRequest(path, msg('param_date_before_backcast', { date: dateParam(date), first: dateParam(SCHEMES.legacy63.validFrom) }));
  }
  return assertWithinScheme(scheme, date, path);
}

/** The date of a figure: default today clamped into the scheme; reform34 accepts back-cast dates. */
export function resolveReadAsOf(services: Services, scheme: SchemeId, asOf: string | undefined, path = 'asOf'): string {
  return asOf === undefined ? defaultAsOf(scheme, services.today()) : assertReadable(scheme, asOf, path);
}

/** A level the scheme has (reform34 has no district level). */
export function assertLevel(scheme: SchemeId, level: Level, path = 'level'): Level {
  if (!hasLevel(scheme, level)) {
    throw badRequest(path, msg('param_scheme_no_level', { scheme, level, levelName: levelName(level), levels: SCHEMES[scheme].levels.join(', ') }));
  }
  return level;
}

/** The parent unit of the scheme, or a 400 naming the parameter. */
export function resolveParent(services: Services, scheme: SchemeId, code: string | undefined, path = 'parent'): DbUnitRef | null {
  if (code === undefined) return null;
  const unit = services.db.prepare('SELECT code, level, name FROM units WHERE scheme = ? AND code = ?').get(scheme, code) as DbUnitRef | undefined;
  if (!unit) throw badRequest(path, msg('param_not_unit_of_scheme', { code, scheme }));
  return unit;
}

/** The requested level, or the level right below the parent (the whole country: provinces). */
export function resolveLevelUnder(scheme: SchemeId, parent: DbUnitRef | null, level: Level | undefined): Level {
  const levels = SCHEMES[scheme].levels;
  const resolved = level ?? (parent ? levels[levels.indexOf(parent.level) + 1] : 'province');
  if (!resolved) throw badRequest('parent', msg('param_no_units_below', { code: parent?.code ?? '', level: parent?.level ?? '', levelName: parent ? levelName(parent.level) : '' }));
  assertLevel(scheme, resolved);
  if (parent && levels.indexOf(resolved) <= levels.indexOf(parent.level)) {
    throw badRequest('level', msg('param_level_not_below', { level: levelName(resolved), parent: parent.code, parentLevel: levelName(parent.level) }));
  }
  return resolved;
}
