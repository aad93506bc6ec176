/**
 * The figure change log (migration 14, read by coverage/page-histories.ts): triggers write one
 * entry per changed page or monthly figure, in the transaction of the write.
 */
import type { Db } from './connection';
import { statement } from './statements';

/** An entry's month that tells readers to load every page again (a bulk load wrote no entries). */
export const RELOAD_ALL = '*';

/**
 * Runs `write` inside the caller's transaction without an entry per row: for a bulk load such as
 * the demo seed, where the triggers would double the time. The triggers are dropped and made
 * again from their own SQL, and one entry tells every reader to load everything again.
 */
export function withoutChangeEntries<T>(db: Db, write: () => T): T {
  if (!db.inTransaction) throw new Error('withoutChangeEntries must run inside a transaction');
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure\\_changes\\_%' ESCAPE '\\'").all() as Array<{ name: string; sql: string }>;
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const result = write();
  for (const trigger of triggers) db.exec(trigger.sql);
  // A database of a version before the log (a test of an upgrade seeds one) has nothing to tell.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'figure_changes'").get()) {
    db.prepare('INSERT INTO figure_changes (page_id, month) VALUES (0, ?)').run(RELOAD_ALL);
  }
  return result;
}

/** The seq of the log's last entry; 0 when it is empty. */
export function lastChangeSeq(db: Db): number {
  return statement(db, 'SELECT coalesce(max(seq), 0) FROM figure_changes').pluck().get() as number;
}

/** Empties the log: at start-up, before any reader loads the pages. */
export function clearChangeLog(db: Db): void {
  db.prepare('DELETE FROM figure_changes').run();
}
