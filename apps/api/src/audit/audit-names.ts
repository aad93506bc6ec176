import { SCHEME_IDS, type AuditSubject, type SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import type { DbAuditRow } from './audit-queries';

type Json = Record<string, unknown> | null;
const parse = (text: string | null): Json => (text === null ? null : (JSON.parse(text) as Json));
const field = (record: Json, key: string): unknown => (record && typeof record === 'object' ? record[key] : undefined);
const isScheme = (value: unknown): value is SchemeId => (SCHEME_IDS as readonly unknown[]).includes(value);

/** The page an entry is about: its own id, or the page before the '/' of an assignment's or a month's id. */
function pageIdOf(row: DbAuditRow, record: Json): number | null {
  const fromRecord = field(record, 'pageId');
  if (typeof fromRecord === 'number') return fromRecord;
  if (row.entity_id === null) return null;
  if (row.entity === 'page') return Number(row.entity_id) || null;
  if (row.entity === 'page_assignment' || row.entity === 'metric_snapshot') return Number(row.entity_id.split('/')[0]) || null;
  return null;
}

/** The unit an entry names itself (an assignment's unit, a province report's province), in its scheme. */
function unitRefOf(row: DbAuditRow, record: Json): { scheme: SchemeId; code: string } | null {
  const scheme = field(record, 'scheme');
  const code = field(record, 'unitCode') ?? field(record, 'provinceCode');
  return isScheme(scheme) && typeof code === 'string' && (row.entity === 'page_assignment' || row.entity === 'province_report') ? { scheme, code } : null;
}

/** What a snapshot or an import is called: its name, its file. */
function labelOf(row: DbAuditRow, record: Json): string | null {
  const label = row.entity === 'snapshot' ? field(record, 'name') : row.entity === 'import' ? field(record, 'file') : undefined;
  return typeof label === 'string' ? label : null;
}

/**
 * The names of what each audit entry is about, looked up once for the whole list: the page (by
 * name), the unit (with its province; for a page, its unit in `scheme`, else in any scheme) and,
 * for an account, its username. A status event finds its page through page_status_events.
 * auditSubjects(db, [row of 'page_status_event' 30765], 'reform34')
 *   → [{ page: { id: 42, name: 'MTTQ phường Phúc Xá' }, unit: { …, name: 'Phường Ba Đình', province: 'Thành phố Hà Nội' }, user: null, label: null }]
 */
export function auditSubjects(db: Db, rows: readonly DbAuditRow[], scheme: SchemeId): AuditSubject[] {
  const eventPage = db.prepare('SELECT page_id FROM page_status_events WHERE id = ?').pluck();
  const pageName = db.prepare('SELECT name FROM pages WHERE id = ?').pluck();
  const pageUnit = db.prepare('SELECT scheme, unit_code AS code FROM page_assignments WHERE page_id = ? ORDER BY scheme = ? DESC, scheme LIMIT 1');
  const unit = db.prepare(
    `SELECT u.name, p.name AS province FROM units u
     LEFT JOIN units p ON p.scheme = u.scheme AND p.code = u.province_code AND p.code <> u.code
     WHERE u.scheme = ? AND u.code = ?`,
  );
  const username = db.prepare('SELECT username FROM users WHERE id = ?').pluck();

  return rows.map((row) => {
    const record = parse(row.after_json) ?? parse(row.before_json);
    let pageId = pageIdOf(row, record);
    if (pageId === null && row.entity === 'page_status_event' && row.entity_id !== null) pageId = (eventPage.get(Number(row.entity_id)) as number | undefined) ?? null;
    const name = pageId === null ? undefined : (pageName.get(pageId) as string | undefined);
    const page = pageId !== null && name !== undefined ? { id: pageId, name } : null;

    const ref = unitRefOf(row, record) ?? (page ? (pageUnit.get(page.id, scheme) as { scheme: SchemeId; code: string } | undefined) ?? null : null);
    const found = ref ? (unit.get(ref.scheme, ref.code) as { name: string; province: string | null } | undefined) : undefined;
    const unitName = ref && found ? { scheme: ref.scheme, code: ref.code, name: found.name, province: found.province } : null;

    const account = row.entity === 'user' && row.entity_id !== null ? (username.get(Number(row.entity_id)) as string | undefined) : undefined;
    return {
      page,
      unit: unitName,
      user: account === undefined ? null : { id: Number(row.entity_id), username: account },
      label: labelOf(row, record),
    };
  });
}
