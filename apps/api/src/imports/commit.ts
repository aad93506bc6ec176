/**
 * The commit: applies exactly a dry run's plan in ONE transaction (runWrite), or nothing. Every
 * page the plan touches is read again inside the transaction; if any differs from what the dry
 * run read (or a new page's address was taken meanwhile), the whole import is refused with 409.
 *
 * Audit: one row per changed entity, in the shapes the single-page writes record (page,
 * page_assignment, page_status_event, metric_snapshot; see writes/page-writes.ts), plus one
 * summary row per import (entity 'import', entityId the planId) naming the file and totals.
 *
 * The plan's tombstone ('committed', with this answer) is written in the same transaction
 * (plan-store.ts markPlanCommitted), so an applied import always has it and a crash leaves
 * neither. The transaction first reads the plan's state again: a plan committed meanwhile (a
 * repeated or concurrent commit) answers its stored result and writes nothing; an expired or
 * replaced one is refused with 410.
 *
 * The row SQL is written here rather than by calling createPage / upsertMetric & co., which
 * each read back the whole page (getPageDetail) and would make a nationwide import ~4× slower
 * than the bar of apps/api/bench/import.bench.ts; the rules are the same (see plan.ts).
 */
import type { ImportCommitResponse } from '@mttq/core';
import type { SessionUser } from '../auth/user';
import { ApiError, type FieldIssue } from '../http/errors';
import type { Services } from '../http/services';
import { msg, type Message } from '../messages';
import { AUDIT_ENTITIES } from '../writes/page-writes';
import { deriveReformAssignments } from '../writes/reform-assignments';
import { runWrite, type AuditEntry } from '../writes/run-write';
import { statement } from '../db/statements';
import { getPageIdByUrl, readPageState, type DbImportMetric } from './import-queries';
import type { ImportPlan, PageChange } from './plan';
import { markPlanCommitted, planGoneError, readPlanRecord, unknownPlanError } from './plan-store';

/** How many changed pages a 409 lists. */
const MAX_LISTED_CONFLICTS = 20;

const pageRecord = (id: number, change: PageChange, platformId: string | null) => ({ id, ...change.after, platformId });

/** The pages that differ from the dry run's reading, each with its first row, as 409 details. */
function findConflicts(services: Services, plan: ImportPlan): Array<{ row: number; issue: FieldIssue & { message: Message } }> {
  const conflicts: Array<{ row: number; issue: FieldIssue & { message: Message } }> = [];
  for (const change of plan.changes) {
    const row = change.rows[0]!;
    const conflict = (message: Message) => conflicts.push({ row, issue: { path: `row.${row}`, message } });
    if (change.pageId === null) {
      const taken = getPageIdByUrl(services.db, change.after.url);
      if (taken !== undefined) conflict(msg('import_conflict_added', { id: String(taken), url: change.after.url }));
    } else {
      const now = readPageState(services.db, plan.scheme, change.pageId, change.months);
      if (JSON.stringify(now ?? null) !== JSON.stringify(change.before)) {
        const id = String(change.pageId);
        conflict(now ? msg('import_conflict_changed', { id, url: change.after.url }) : msg('import_conflict_deleted', { id }));
      }
    }
  }
  return conflicts;
}

/**
 * Applies the stored, pending plan as its uploader `user`; 409 (and nothing written) when a
 * touched page changed meanwhile. Committing it again answers the first commit's result.
 * commitImportPlan(services, admin, plan) → { planId, scheme, committedAt, totals }
 */
export function commitImportPlan(services: Services, user: SessionUser, plan: ImportPlan): ImportCommitResponse {
  const { db } = services;
  const committedAt = new Date().toISOString();
  const insertPage = statement(db, 'INSERT INTO pages (platform, url, name, owner, launched_on) VALUES (?, ?, ?, ?, ?)');
  const updatePage = statement(db, 'UPDATE pages SET platform = ?, name = ?, owner = ?, launched_on = ? WHERE id = ?');
  const insertAssignment = statement(db, "INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, 'direct')");
  const insertEvent = statement(db, 'INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at, note) VALUES (?, ?, ?, ?, ?, ?)');
  const upsertMetric = statement(
    db,
    `INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, views, source) VALUES (?, ?, ?, ?, ?, ?, 'import')
     ON CONFLICT (page_id, month) DO UPDATE SET followers = excluded.followers, posts = excluded.posts, interactions = excluded.interactions,
       views = coalesce(excluded.views, views), source = 'import', is_demo = 0`,
  );

  return runWrite(services, user, () => {
    const record = readPlanRecord(db, plan.id, Date.parse(committedAt));
    if (!record || record.userId !== user.id) throw unknownPlanError(plan.id);
    if (record.state === 'committed') return { result: record.result!, audit: [] };
    if (record.state !== 'pending') throw planGoneError(record);
    const conflicts = findConflicts(services, plan);
    if (conflicts.length > 0) {
      const [first] = conflicts;
      const summary = msg('import_conflict', { count: conflicts.length, row: String(first!.row), example: first!.issue.message });
      throw new ApiError(409, 'conflict', summary, conflicts.slice(0, MAX_LISTED_CONFLICTS).map((c) => c.issue));
    }
    const audit: AuditEntry[] = [];
    const touched: number[] = [];
    const event = (pageId: number, status: string, note: string | null) => {
      const effectiveOn = plan.effectiveOn;
      const id = Number(insertEvent.run(pageId, status, effectiveOn, user.username, committedAt, note).lastInsertRowid);
      const after = { id, pageId, status, effectiveOn, note, recordedBy: user.username, recordedAt: committedAt };
      audit.push({ action: 'create', entity: AUDIT_ENTITIES.event, entityId: id, before: null, after });
    };
    for (const change of plan.changes) {
      const { after } = change;
      let pageId: number;
      if (change.pageId === null) {
        pageId = Number(insertPage.run(after.platform, after.url, after.name, after.owner, after.launchedOn).lastInsertRowid);
        audit.push({ action: 'create', entity: AUDIT_ENTITIES.page, entityId: pageId, before: null, after: pageRecord(pageId, change, null) });
        event(pageId, 'reported', null);
      } else {
        pageId = change.pageId;
        const stored = change.before!.page;
        if (change.isPageChanged) {
          updatePage.run(after.platform, after.name, after.owner, after.launchedOn, pageId);
          const before = { id: pageId, platform: stored.platform, url: stored.url, name: stored.name, owner: stored.owner, launchedOn: stored.launched_on, platformId: stored.platform_id };
          audit.push({ action: 'update', entity: AUDIT_ENTITIES.page, entityId: pageId, before, after: pageRecord(pageId, change, stored.platform_id) });
        }
      }
      if (change.isAssigned) {
        insertAssignment.run(pageId, plan.scheme, change.unit.code);
        const assignment = { pageId, scheme: plan.scheme, unitCode: change.unit.code, basis: 'direct' };
        audit.push({ action: 'create', entity: AUDIT_ENTITIES.assignment, entityId: `${pageId}/${plan.scheme}`, before: null, after: assignment });
      }
      if (change.event) event(pageId, change.event.status, change.event.note);
      touched.push(pageId);
      for (const m of change.metrics) {
        upsertMetric.run(pageId, m.month, m.followers, m.posts, m.interactions, m.views);
        const shape = (row: Pick<DbImportMetric, 'followers' | 'posts' | 'interactions' | 'views' | 'last_post_on' | 'source'>) => ({
          pageId,
          month: m.month,
          followers: row.followers,
          posts: row.posts,
          interactions: row.interactions,
          views: row.views,
          lastPostOn: row.last_post_on,
          source: row.source,
        });
        const written = { followers: m.followers, posts: m.posts, interactions: m.interactions, views: m.views ?? m.before?.views ?? null, last_post_on: m.before?.last_post_on ?? null, source: 'import' as const };
        audit.push({ action: m.before ? 'update' : 'create', entity: AUDIT_ENTITIES.metric, entityId: `${pageId}/${m.month}`, before: m.before && shape(m.before), after: shape(written) });
      }
    }
    // Pages of legacy63 units live on 01/07/2025 get their reform34 unit too (and back).
    audit.push(...deriveReformAssignments(db, touched).audit);
    // An import that changes nothing leaves no trace: importing a file twice is a no-op.
    if (plan.changes.length > 0) audit.push({ action: 'import', entity: 'import', entityId: plan.id, before: null, after: { file: plan.fileName, scheme: plan.scheme, effectiveOn: plan.effectiveOn, totals: plan.totals } });
    const result: ImportCommitResponse = { planId: plan.id, scheme: plan.scheme, committedAt, totals: plan.totals };
    markPlanCommitted(db, plan.id, result);
    return { result, audit };
  });
}
