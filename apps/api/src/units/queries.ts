import type { Level, SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';

interface DbLevelCount {
  scheme: SchemeId;
  level: Level;
  n: number;
}

/** Units per scheme and level, e.g. { legacy63: { province: 63, district: 705, commune: 10599 }, … }. */
export function getUnitCounts(db: Db): Record<SchemeId, Partial<Record<Level, number>>> {
  const rows = db.prepare('SELECT scheme, level, count(*) AS n FROM units GROUP BY scheme, level').all() as DbLevelCount[];
  const counts: Record<SchemeId, Partial<Record<Level, number>>> = { legacy63: {}, reform34: {} };
  const order: Level[] = ['province', 'district', 'commune'];
  rows.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  for (const row of rows) counts[row.scheme][row.level] = row.n;
  return counts;
}
