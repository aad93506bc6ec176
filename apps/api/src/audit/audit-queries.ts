import { addDays, type AuditLogEntry, type AuditSubject } from '@mttq/core';
import type { Db } from '../db/connection';

/** Everything the audit listing filters on; null: no filter. */
export interface AuditFilters {
  entity: string | null;
  entityId: string | null;
  /** Compared ignoring case, as usernames are. */
  username: string | null;
  /** First and last day (UTC), both included. */
  from: string | null;
  to: string | null;
}

/** An audit_log row as stored. */
export interface DbAuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/**
 * Up to `limit` audit rows matching the filters, newest first, older than id `beforeId` when
 * given (keyset paging: ids grow with every write, so id order is time order).
 */
export function listAuditRows(db: Db, filters: AuditFilters, beforeId: number | null, limit: number): DbAuditRow[] {
  const where: string[] = [];
  if (filters.entity !== null) where.push('entity = @entity');
  if (filters.entityId !== null) where.push('entity_id = @entityId');
  if (filters.username !== null) where.push('username = @username COLLATE NOCASE');
  // `at` is an ISO timestamp: the day's first instant, and the next day's, bound the range.
  if (filters.from !== null) where.push('at >= @fromAt');
  if (filters.to !== null) where.push('at < @toAt');
  if (beforeId !== null) where.push('id < @beforeId');
  const sql = `SELECT id, at, user_id, username, action, entity, entity_id, before_json, after_json FROM audit_log
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
  return db.prepare(sql).all({
    entity: filters.entity,
    entityId: filters.entityId,
    username: filters.username,
    fromAt: filters.from === null ? null : `${filters.from}T00:00:00.000Z`,
    toAt: filters.to === null ? null : `${addDays(filters.to, 1)}T00:00:00.000Z`,
    beforeId,
    limit,
  }) as DbAuditRow[];
}

/** DbAuditRow → the API's entry, with before and after parsed back from JSON and the names of its subject. */
export function toAuditLogEntry(row: DbAuditRow, subject: AuditSubject): AuditLogEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    subject,
  };
}
