import { matchUnit } from '@mttq/admin-units';
import { searchKey, type Unit } from '@mttq/core';

/** The lowest matchUnit score of a confident match: exact, same name key, alias, or typed without diacritics. */
const CONFIDENT_SCORE = 0.8;

// Units change only at start-up: each list's search keys are computed once.
const keyIndexes = new WeakMap<readonly Unit[], ReadonlyMap<string, readonly Unit[]>>();

/** searchKey of each unit's full and short name → the units so named. */
function keyIndex(units: readonly Unit[]): ReadonlyMap<string, readonly Unit[]> {
  const cached = keyIndexes.get(units);
  if (cached) return cached;
  const index = new Map<string, Unit[]>();
  for (const unit of units) {
    for (const key of new Set([searchKey(unit.name), searchKey(unit.shortName)])) {
      const named = index.get(key) ?? [];
      named.push(unit);
      index.set(key, named);
    }
  }
  keyIndexes.set(units, index);
  return index;
}

/**
 * The units a search text names: the units search's confident matches (diacritics, case, kind
 * words and province aliases ignored: "ha giang", "TP.HCM", "Hồ Chí Minh") and the units whose
 * name is the text once spaces and dots are dropped ("hagiang", "tphcm").
 */
export function matchPlaces(q: string, units: readonly Unit[]): Unit[] {
  const places = new Set<Unit>();
  for (const candidate of matchUnit(q, units, { limit: Infinity }).candidates) {
    if (candidate.score >= CONFIDENT_SCORE) places.add(candidate.unit);
  }
  for (const unit of keyIndex(units).get(searchKey(q)) ?? []) places.add(unit);
  return [...places];
}
