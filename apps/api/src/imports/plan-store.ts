/**
 * Dry-run plans waiting for their commit, kept in the database (table import_plans, migration
 * 6) so they survive a busy reporting day and a server restart, and hold no memory meanwhile.
 *
 * Bounds (the numbers live in @mttq/core):
 *  - a plan can be committed for IMPORT_PLAN_TTL_HOURS (24) after its dry run;
 *  - each user keeps their IMPORT_PLANS_PER_USER (3) newest pending plans: a 4th dry run
 *    replaces that user's oldest. There is no cap over all users, so one busy office never
 *    evicts another's plan.
 *
 * A plan that stops being pending leaves a small tombstone (the gzipped plan is dropped): state
 * 'committed' (with the commit's answer, written in the commit's own transaction by commit.ts,
 * so a repeated commit answers it again), 'expired' or 'replaced' (by which newer dry run), and
 * when. The commit and GET /imports/{planId} tell the uploader which happened. Tombstones are
 * forgotten IMPORT_PLAN_TOMBSTONE_DAYS (30) after their end; the audit log keeps every import.
 *
 * Expired plans are turned into tombstones lazily, on the next dry run of anyone; until then
 * they are read as expired all the same.
 */
import {
  IMPORT_PLAN_TOMBSTONE_DAYS,
  IMPORT_PLAN_TTL_HOURS,
  IMPORT_PLANS_PER_USER,
  type ImportCommitResponse,
  type ImportPlanState,
  type ImportPlanStatus,
  type ImportTotals,
  type SchemeId,
} from '@mttq/core';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { ApiError } from '../http/errors';
import type { Services } from '../http/services';
import { msg, render, type Lang, type Message } from '../messages';
import { vietnamTime } from './import-text';
import { decodePlan, encodePlan } from './plan-codec';
import type { ImportPlan } from './plan';

const DAY_MS = 24 * 3_600_000;

interface DbPlanRow {
  id: string;
  user_id: number;
  file_name: string;
  scheme: SchemeId;
  totals_json: string;
  created_at: string;
  expires_at: string;
  state: ImportPlanState;
  ended_at: string | null;
  result_json: string | null;
  replaced_by: string | null;
  replaced_by_file: string | null;
  replaced_by_at: string | null;
}

/** What is known of a plan, without the plan itself. */
export interface PlanRecord {
  id: string;
  userId: number;
  fileName: string;
  scheme: SchemeId;
  totals: ImportTotals;
  createdAt: string;
  expiresAt: string;
  /** As of now: a pending plan past its expiry reads 'expired' before the sweep records it. */
  state: ImportPlanState;
  endedAt: string | null;
  result: ImportCommitResponse | null;
  replacedBy: { planId: string; fileName: string; createdAt: string } | null;
}

const SELECT_RECORD = /* sql */ `SELECT p.id, p.user_id, p.file_name, p.scheme, p.totals_json, p.created_at, p.expires_at, p.state, p.ended_at,
    p.result_json, p.replaced_by, n.file_name AS replaced_by_file, n.created_at AS replaced_by_at
  FROM import_plans p LEFT JOIN import_plans n ON n.id = p.replaced_by WHERE p.id = ?`;

/** The plan's record as of `now` (ms), whoever's it is; undefined when unknown or forgotten. */
export function readPlanRecord(db: Db, id: string, now: number): PlanRecord | undefined {
  const row = statement(db, SELECT_RECORD).get(id) as DbPlanRow | undefined;
  if (!row) return undefined;
  const isLapsed = row.state === 'pending' && Date.parse(row.expires_at) <= now;
  return {
    id: row.id,
    userId: row.user_id,
    fileName: row.file_name,
    scheme: row.scheme,
    totals: JSON.parse(row.totals_json) as ImportTotals,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    state: isLapsed ? 'expired' : row.state,
    endedAt: isLapsed ? row.expires_at : row.ended_at,
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as ImportCommitResponse),
    replacedBy: row.replaced_by === null || row.replaced_by_file === null ? null : { planId: row.replaced_by, fileName: row.replaced_by_file, createdAt: row.replaced_by_at! },
  };
}

/**
 * Records, inside the commit's transaction, that the plan was committed with this answer; the
 * plan must still be pending (the caller checked it in the same transaction).
 */
export function markPlanCommitted(db: Db, id: string, result: ImportCommitResponse): void {
  const changed = statement(db, "UPDATE import_plans SET state = 'committed', ended_at = ?, result_json = ?, plan_gz = NULL WHERE id = ? AND state = 'pending'").run(
    result.committedAt,
    JSON.stringify(result),
    id,
  ).changes;
  if (changed !== 1) throw new Error(`import plan ${id} was not pending when its commit was recorded`);
}

/** The state in a sentence, as GET /imports/{planId} and a refused commit say it. */
export function describePlan(record: PlanRecord): Message {
  const plan = { id: record.id, file: record.fileName };
  switch (record.state) {
    case 'pending':
      return msg('import_plan_pending', { ...plan, at: vietnamTime(record.expiresAt) });
    case 'committed': {
      const t = record.result!.totals;
      return msg('import_plan_committed', { ...plan, at: vietnamTime(record.endedAt!), create: t.create, update: t.update, metrics: t.metricSnapshots, statuses: t.statusEvents });
    }
    case 'expired':
      return msg('import_plan_expired', { ...plan, at: vietnamTime(record.expiresAt), hours: IMPORT_PLAN_TTL_HOURS });
    case 'replaced': {
      const by = record.replacedBy;
      const keep = IMPORT_PLANS_PER_USER;
      return by
        ? msg('import_plan_replaced_by', { ...plan, newFile: by.fileName, at: vietnamTime(by.createdAt), keep })
        : msg('import_plan_replaced', { ...plan, at: vietnamTime(record.endedAt!), keep });
    }
  }
}

/** 404 for a plan that is unknown, forgotten, or someone else's (the same answer, so ids leak nothing). */
export function unknownPlanError(id: string): ApiError {
  return new ApiError(404, 'not_found', msg('import_plan_unknown', { id, days: IMPORT_PLAN_TOMBSTONE_DAYS }));
}

/** 410 for a plan that expired or was replaced, saying which. */
export function planGoneError(record: PlanRecord): ApiError {
  const isReplaced = record.state === 'replaced';
  const state = msg(isReplaced ? 'import_plan_state_replaced' : 'import_plan_state_expired');
  return new ApiError(410, isReplaced ? 'plan_replaced' : 'plan_expired', describePlan(record), [{ path: 'planId', message: state }]);
}

/** The answer of GET /imports/{planId}, its message in `lang`. */
export function toPlanStatus(record: PlanRecord, lang: Lang = 'vi'): ImportPlanStatus {
  return {
    planId: record.id,
    state: record.state,
    fileName: record.fileName,
    scheme: record.scheme,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    endedAt: record.endedAt,
    totals: record.totals,
    result: record.result,
    replacedBy: record.replacedBy,
    message: render(describePlan(record), lang),
  };
}

/**
 * Plans being stored, by id. The dry run answers first and stores its plan just after (encoding
 * a nationwide plan takes longer than planning it); record and load wait for that first, so a commit right after the answer finds its plan. Plans are stored one after
 * another in dry-run order, which keeps "each user's newest plans" in the order they were made.
 */
const storing = new Map<string, Promise<unknown>>();
let lastStore: Promise<unknown> = Promise.resolve();

/** Waits until every plan put so far is stored (or failed to be): before the database closes. */
export async function plansStored(): Promise<void> {
  await Promise.allSettled([...storing.values()]);
}

export class ImportPlanStore {
  constructor(
    private readonly db: Db,
    /** The clock, in ms; Date.now unless a test gives another. */
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Keeps a new plan (its expiry is plan.expiresAt). In one transaction: records expired plans
   * of everyone as such, forgets old tombstones, and replaces the uploader's oldest pending
   * plans past IMPORT_PLANS_PER_USER - 1. Answers the ids of the plans it replaced.
   */
  put(plan: ImportPlan): Promise<string[]> {
    return this.enqueue(plan, Promise.resolve());
  }

  /**
   * put, after the answer: the plan is stored once the current request has been answered (the
   * next turn of the event loop); readers wait for it (record, load). A failure goes to onError;
   * the plan is then unknown to its commit, which says so (run the dry run again).
   */
  putAfterAnswer(plan: ImportPlan, onError: (error: unknown) => void): void {
    this.enqueue(plan, new Promise<void>((resolve) => setImmediate(resolve))).catch(onError);
  }

  /** Stores the plan once `ready` and every plan put before it are settled, in that order. */
  private enqueue(plan: ImportPlan, ready: Promise<void>): Promise<string[]> {
    const stored = Promise.all([lastStore.catch(() => undefined), ready]).then(() => this.write(plan));
    lastStore = stored;
    storing.set(plan.id, stored);
    const forget = () => storing.delete(plan.id);
    stored.then(forget, forget);
    return stored;
  }

  /** Waits until a plan put by this process is stored (or failed to be): then reads see it. */
  private async settled(id: string): Promise<void> {
    await storing.get(id)?.catch(() => undefined);
  }

  private async write(plan: ImportPlan): Promise<string[]> {
    const bytes = await encodePlan(plan);
    const { db } = this;
    return db
      .transaction(() => {
        const now = this.now();
        const nowIso = new Date(now).toISOString();
        this.sweep(now);
        const pending = statement(db, "SELECT id FROM import_plans WHERE user_id = ? AND state = 'pending' ORDER BY seq DESC").pluck().all(plan.userId) as string[];
        const replaced = pending.slice(IMPORT_PLANS_PER_USER - 1);
        const replace = statement(db, "UPDATE import_plans SET state = 'replaced', ended_at = ?, replaced_by = ?, plan_gz = NULL WHERE id = ?");
        for (const id of replaced) replace.run(nowIso, plan.id, id);
        statement(
          db,
          `INSERT INTO import_plans (id, user_id, file_name, scheme, totals_json, created_at, expires_at, state, plan_gz)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        ).run(plan.id, plan.userId, plan.fileName, plan.scheme, JSON.stringify(plan.totals), nowIso, new Date(plan.expiresAt).toISOString(), bytes);
        return replaced;
      })
      .immediate();
  }

  /** The record of a plan of `userId` (once stored); undefined for an unknown, forgotten, or another user's plan. */
  async record(id: string, userId: number): Promise<PlanRecord | undefined> {
    await this.settled(id);
    const record = readPlanRecord(this.db, id, this.now());
    return record && record.userId === userId ? record : undefined;
  }

  /** The plan itself while pending (and not yet expired); undefined otherwise. */
  async load(id: string): Promise<ImportPlan | undefined> {
    await this.settled(id);
    const row = statement(this.db, "SELECT plan_gz, expires_at FROM import_plans WHERE id = ? AND state = 'pending'").get(id) as { plan_gz: Buffer; expires_at: string } | undefined;
    if (!row || Date.parse(row.expires_at) <= this.now()) return undefined;
    return decodePlan(row.plan_gz);
  }

  /** Expired plans become tombstones; tombstones older than IMPORT_PLAN_TOMBSTONE_DAYS are forgotten. */
  private sweep(now: number): void {
    const { db } = this;
    statement(db, "UPDATE import_plans SET state = 'expired', ended_at = expires_at, plan_gz = NULL WHERE state = 'pending' AND expires_at <= ?").run(new Date(now).toISOString());
    statement(db, 'DELETE FROM import_plans WHERE ended_at IS NOT NULL AND ended_at < ?').run(new Date(now - IMPORT_PLAN_TOMBSTONE_DAYS * DAY_MS).toISOString());
  }
}

/** The store of an app's database. */
export function planStoreOf(services: Services): ImportPlanStore {
  return new ImportPlanStore(services.db);
}
