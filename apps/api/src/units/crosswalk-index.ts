/**
 * The crosswalk as lookups, read once per app: legacy63 code → reform34 codes (provinces and
 * communes) and back. A legacy63 commune with more than one target was split.
 */
import type { Services } from '../http/services';

export interface CrosswalkIndex {
  /** legacy63 code → reform34 codes. */
  forward: ReadonlyMap<string, readonly string[]>;
  /** reform34 code → legacy63 codes. */
  backward: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<Services, CrosswalkIndex>();

/** crosswalkOf(services).backward.get('51') → ['51', '62'] (Quảng Ngãi and Kon Tum) */
export function crosswalkOf(services: Services): CrosswalkIndex {
  let index = indexes.get(services);
  if (!index) {
    const forward = new Map<string, string[]>();
    const backward = new Map<string, string[]>();
    const edges = services.db.prepare('SELECT from_code, to_code FROM crosswalk ORDER BY from_code, to_code').all() as { from_code: string; to_code: string }[];
    for (const { from_code: from, to_code: to } of edges) {
      (forward.get(from) ?? forward.set(from, []).get(from)!).push(to);
      (backward.get(to) ?? backward.set(to, []).get(to)!).push(from);
    }
    index = { forward, backward };
    indexes.set(services, index);
  }
  return index;
}
