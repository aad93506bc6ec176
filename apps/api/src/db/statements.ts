import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

// Preparing costs more than running a short query, and imports, writes and the page registry
// run the same few texts thousands of times: each connection prepares each text once.
const prepared = new WeakMap<Db, Map<string, Statement>>();

/** `db.prepare(sql)`, prepared once per connection and SQL text. */
export function statement(db: Db, sql: string): Statement {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
