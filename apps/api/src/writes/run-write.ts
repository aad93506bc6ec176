import type { SessionUser } from '../auth/user';
import type { Services } from '../http/services';

/** One audit row: what changed, with the entity's state before and after (null when absent). */
export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

/**
 * Runs a write and its audit rows in one transaction, then empties the read caches so no
 * figure is stale. `fn` returns its result and the audit entries to record.
 * runWrite(services, user, () => ({ result: page, audit: [{ action: 'create', entity: 'page', … }] }))
 */
export function runWrite<T>(services: Services, user: SessionUser, fn: () => { result: T; audit: AuditEntry[] }): T {
  const insert = services.db.prepare(
    'INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  const result = services.db.transaction(() => {
    const { result: value, audit } = fn();
    for (const entry of audit) {
      insert.run(
        at,
        user.id,
        user.username,
        entry.action,
        entry.entity,
        entry.entityId === null ? null : String(entry.entityId),
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
      );
    }
    return value;
  }).immediate();
  services.cache.invalidate();
  return result;
}
