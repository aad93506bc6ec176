import { buildRegistries, REGISTRY_SOURCE_VERSION, type Registries } from '@mttq/admin-units';
import type { Db } from '../db/connection';
import { getMeta, setMeta } from '../db/meta';

export interface LoadResult {
  loaded: boolean;
  sourceVersion: string;
  units: number;
  crosswalkEdges: number;
}

/**
 * Loads both schemes' units and the crosswalk into the database unless the same source data is
 * already there, so a restart neither rebuilds the registry nor changes a row.
 */
export function maybeLoadRegistries(db: Db): LoadResult {
  if (getMeta(db, 'registry_source') === REGISTRY_SOURCE_VERSION) {
    return { loaded: false, sourceVersion: REGISTRY_SOURCE_VERSION, units: 0, crosswalkEdges: 0 };
  }
  return { loaded: true, ...writeRegistries(db, buildRegistries()) };
}

/** Upserts every unit and replaces the crosswalk, in one transaction. */
export function writeRegistries(db: Db, registries: Registries) {
  const upsertUnit = db.prepare(`
    INSERT INTO units (scheme, code, level, name, short_name, kind, parent_code, province_code, region)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (scheme, code) DO UPDATE SET
      level = excluded.level, name = excluded.name, short_name = excluded.short_name, kind = excluded.kind,
      parent_code = excluded.parent_code, province_code = excluded.province_code, region = excluded.region`);
  const insertEdge = db.prepare(`
    INSERT INTO crosswalk (from_code, to_code, level, basis, is_split) VALUES (?, ?, ?, ?, ?)`);
  const insertUnmatched = db.prepare('INSERT INTO crosswalk_unmatched (code, reason) VALUES (?, ?)');
  let units = 0;
  db.transaction(() => {
    // Parents before children, so each row's foreign keys hold as it is written.
    for (const scheme of ['legacy63', 'reform34'] as const) {
      for (const u of registries.units[scheme]) {
        upsertUnit.run(u.scheme, u.code, u.level, u.name, u.shortName, u.kind, u.parentCode, u.provinceCode, u.region);
        units += 1;
      }
    }
    db.prepare('DELETE FROM crosswalk').run();
    db.prepare('DELETE FROM crosswalk_unmatched').run();
    for (const e of registries.crosswalk) insertEdge.run(e.fromCode, e.toCode, e.level, e.basis, e.isSplit ? 1 : 0);
    for (const u of registries.unmatchedCommunes) insertUnmatched.run(u.code, u.reason);
    setMeta(db, 'registry_source', registries.sourceVersion);
  })();
  return { sourceVersion: registries.sourceVersion, units, crosswalkEdges: registries.crosswalk.length };
}
