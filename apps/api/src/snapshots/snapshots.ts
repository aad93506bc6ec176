// Frozen snapshots: the read API's answers at one (scheme, asOf), stored as JSON when central
// staff publish them, so a conference's figures never move while the live dashboard does.
import { SCHEMES, vietnamDate, type CreateSnapshotBody, type Snapshot, type SnapshotFigures, type SnapshotListQuery, type SnapshotListResponse, type SnapshotSummary } from '@mttq/core';
import { requireRole, type SessionUser } from '../auth/user';
import { getCoverage } from '../coverage/routes';
import { getTimeline } from '../coverage/timeline-routes';
import { ApiError, badRequest, dateParam, notFound } from '../http/errors';
import { msg } from '../messages';

import { assertWithinScheme } from '../http/scope';
import type { Services } from '../http/services';
import { getMetricsSummary } from '../metrics/routes';
import { getRankings } from '../rankings/routes';
import { runWrite } from '../writes/run-write';

/** Who publishes snapshots; only admins delete them. */
const PUBLISH_ROLES = ['admin', 'central'] as const;
const DELETE_ROLES = ['admin'] as const;

interface DbSnapshot {
  id: number;
  name: string;
  scheme: Snapshot['scheme'];
  as_of: string;
  owner: string;
  is_demo: 0 | 1;
  created_at: string;
  created_by: string;
  levels_json: string;
}

const SUMMARY_COLUMNS = 'id, name, scheme, as_of, owner, is_demo, created_at, created_by, levels_json';

function toSummary(row: DbSnapshot): SnapshotSummary {
  return {
    id: row.id,
    name: row.name,
    scheme: row.scheme,
    asOf: row.as_of,
    owner: row.owner,
    demo: row.is_demo === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    levels: JSON.parse(row.levels_json) as SnapshotSummary['levels'],
  };
}

/** The figures the overview and the briefing show, computed now by the same functions as the read API. */
function takeFigures(services: Services, { scheme, asOf, owner }: CreateSnapshotBody): SnapshotFigures {
  const timelines: SnapshotFigures['timelines'] = {};
  for (const level of SCHEMES[scheme].levels) {
    timelines[level] = getTimeline(services, { scheme, level, to: asOf, interval: 'month', owner });
  }
  return {
    coverage: getCoverage(services, { scheme, asOf, level: 'province', owner }),
    timelines,
    rankings: getRankings(services, { scheme, asOf, level: 'province', metric: 'coverage', owner }),
    metrics: getMetricsSummary(services, { scheme, asOf, owner }),
  };
}

/**
 * The same name (ignoring case) and date published twice is most often a double click or a
 * forgotten earlier publication: 409 duplicate_snapshot naming the existing one, unless confirmed.
 */
function assertNotPublished(services: Services, body: CreateSnapshotBody): void {
  const sameName = (name: string) => name.trim().toLocaleLowerCase('vi') === body.name.trim().toLocaleLowerCase('vi');
  const existing = services.db
    .prepare<[string], Pick<DbSnapshot, 'id' | 'name' | 'created_at' | 'created_by'>>('SELECT id, name, created_at, created_by FROM snapshots WHERE as_of = ? ORDER BY id DESC')
    .all(body.asOf)
    .find((row) => sameName(row.name));
  if (existing) {
    throw new ApiError(
      409,
      'duplicate_snapshot',
      msg('snapshot_duplicate', { id: String(existing.id), name: existing.name, asOf: dateParam(body.asOf), by: existing.created_by, at: dateParam(vietnamDate(existing.created_at)) }),
    );
  }
}

/** POST /snapshots: publish the figures at (scheme, asOf) under a name (admin, central staff). */
export function publishSnapshot(services: Services, user: SessionUser | null, body: CreateSnapshotBody): Snapshot {
  const publisher = requireRole(user, PUBLISH_ROLES);
  assertWithinScheme(body.scheme, body.asOf, 'asOf');
  if (body.asOf > services.today()) throw badRequest('asOf', msg('snapshot_in_future', { asOf: dateParam(body.asOf), today: dateParam(services.today()) }));
  if (!body.confirmDuplicate) assertNotPublished(services, body);
  const figures = takeFigures(services, body);
  const createdAt = new Date().toISOString();
  const id = runWrite(services, publisher, () => {
    const result = services.db
      .prepare(
        'INSERT INTO snapshots (name, scheme, as_of, owner, is_demo, created_at, created_by, levels_json, figures_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(body.name, body.scheme, body.asOf, body.owner, figures.coverage.demo ? 1 : 0, createdAt, publisher.username, JSON.stringify(figures.coverage.levels), JSON.stringify(figures));
    const newId = Number(result.lastInsertRowid);
    return { result: newId, audit: [{ action: 'create', entity: 'snapshot', entityId: newId, before: null, after: { name: body.name, scheme: body.scheme, asOf: body.asOf, owner: body.owner } }] };
  });
  return getSnapshot(services, id);
}

/** GET /snapshots: newest first, without their figures. */
export function listSnapshots(services: Services, query: SnapshotListQuery): SnapshotListResponse {
  const rows = query.scheme
    ? services.db.prepare<[string], DbSnapshot>(`SELECT ${SUMMARY_COLUMNS} FROM snapshots WHERE scheme = ? ORDER BY id DESC`).all(query.scheme)
    : services.db.prepare<[], DbSnapshot>(`SELECT ${SUMMARY_COLUMNS} FROM snapshots ORDER BY id DESC`).all();
  return { snapshots: rows.map(toSummary) };
}

function findSnapshot(services: Services, id: number): DbSnapshot & { figures_json: string } {
  const row = services.db.prepare<[number], DbSnapshot & { figures_json: string }>(`SELECT ${SUMMARY_COLUMNS}, figures_json FROM snapshots WHERE id = ?`).get(id);
  if (!row) throw notFound(msg('snapshot_not_found', { id: String(id) }));
  return row;
}

/** GET /snapshots/{id}: the summary and the frozen figures exactly as published. */
export function getSnapshot(services: Services, id: number): Snapshot {
  const row = findSnapshot(services, id);
  return { ...toSummary(row), figures: JSON.parse(row.figures_json) as SnapshotFigures };
}

/** DELETE /snapshots/{id}: admins only; the audit row keeps what was deleted (without the figures). */
export function deleteSnapshot(services: Services, user: SessionUser | null, id: number): void {
  const admin = requireRole(user, DELETE_ROLES);
  const row = findSnapshot(services, id);
  const before = toSummary(row);
  runWrite(services, admin, () => {
    services.db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
    return { result: undefined, audit: [{ action: 'delete', entity: 'snapshot', entityId: id, before, after: null }] };
  });
}
