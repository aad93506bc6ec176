import type { SchemeId, Unit } from '@mttq/core';
import { listAllUnits, toUnit } from '../units/unit-queries';
import type { Db } from '../db/connection';
import { QueryCache } from './query-cache';

/** What route handlers need: the database, the answer cache, configuration and the clock. */
export interface Services {
  db: Db;
  cache: QueryCache;
  defaultScheme: SchemeId;
  /** Today's date, YYYY-MM-DD; replaceable in tests. */
  today(): string;
  /** Whether the database holds demo rows; every figure says so. */
  isDemo(): boolean;
  /** Every unit of the scheme, sorted by code; loaded once, the registry changes only at start-up. */
  units(scheme: SchemeId): Unit[];
}

export function createServices(db: Db, options: { defaultScheme?: SchemeId; today?: () => string } = {}): Services {
  const cache = new QueryCache();
  const units = new Map<SchemeId, Unit[]>();
  return {
    db,
    cache,
    defaultScheme: options.defaultScheme ?? 'legacy63',
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
    isDemo: () =>
      cache.get('demo', () => db.prepare('SELECT EXISTS (SELECT 1 FROM pages WHERE is_demo = 1) AS demo').get() as { demo: number }).demo === 1,
    units: (scheme) => {
      const cached = units.get(scheme) ?? listAllUnits(db, scheme).map((row) => toUnit(scheme, row));
      units.set(scheme, cached);
      return cached;
    },
  };
}
