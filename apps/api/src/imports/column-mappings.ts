/**
 * An importer's column mappings, remembered (table import_column_mappings, migration 13): when
 * a user commits a plan made with a mapping, it is kept under the file's header signature
 * (parse-table.ts headerSignature), and their next dry run of a file with the same headers
 * applies it. Each user keeps their MAPPINGS_PER_USER most recent ones.
 */
import type { ImportColumnMapping } from '@mttq/core';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';

const MAPPINGS_PER_USER = 50;

/** The user's remembered mappings by header signature. */
export function rememberedMappings(db: Db, userId: number): Record<string, ImportColumnMapping> {
  const rows = statement(db, 'SELECT signature, mapping_json FROM import_column_mappings WHERE user_id = ?').all(userId) as Array<{ signature: string; mapping_json: string }>;
  return Object.fromEntries(rows.map((row) => [row.signature, JSON.parse(row.mapping_json) as ImportColumnMapping]));
}

/** Keeps (or replaces) the user's mapping for files with these headers; forgets their oldest past the cap. */
export function rememberMapping(db: Db, userId: number, signature: string, mapping: ImportColumnMapping, now: string): void {
  db.transaction(() => {
    statement(
      db,
      `INSERT INTO import_column_mappings (user_id, signature, mapping_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
    ).run(userId, signature, JSON.stringify(mapping), now);
    statement(
      db,
      `DELETE FROM import_column_mappings WHERE user_id = ? AND signature NOT IN
         (SELECT signature FROM import_column_mappings WHERE user_id = ? ORDER BY updated_at DESC LIMIT ?)`,
    ).run(userId, userId, MAPPINGS_PER_USER);
  })();
}
