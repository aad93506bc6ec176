/** The connectors' tables (migration 8): credentials, runs, per-page results, collected figures. */
import type { ConnectorCredential, ConnectorReason, ConnectorRun, ConnectorRunPage, CredentialKind, Platform } from '@mttq/core';
import type { Db } from '../db/connection';
import { msg, type Lang, type Message } from '../messages';
import { PAGE_IS_LIVE } from '../db/page-rules';
import { decryptSecret, encryptSecret, SecretUnreadableError } from './crypto';
import { renderStored, storeMessage } from './stored-message';
import type { PageResult, PageTarget, SkippedFigure, UsableCredential } from './types';
import { YOUTUBE_DAILY_UNITS } from './youtube';

/** The additional authenticated data of a stored secret: it decrypts only in its own row's place. */
const aadOf = (platform: string, kind: string, id: number) => `mttq-connector:${platform}:${kind}:${id}`;

interface CredentialRow {
  id: number;
  platform: Platform;
  kind: CredentialKind;
  label: string;
  page_id: number | null;
  page_name: string | null;
  created_at: string;
  created_by: string;
  checked_at: string | null;
  check_ok: 0 | 1 | null;
  check_message: string | null;
}

const toCredential = (row: CredentialRow, lang: Lang): ConnectorCredential => ({
  id: row.id,
  platform: row.platform,
  kind: row.kind,
  label: row.label,
  pageId: row.page_id,
  pageName: row.page_name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastCheck: row.checked_at ? { at: row.checked_at, ok: row.check_ok === 1, message: renderStored(row.check_message ?? '', lang) } : null,
});

const CREDENTIAL_COLUMNS = /* sql */ `c.id, c.platform, c.kind, c.label, c.page_id, p.name AS page_name, c.created_at, c.created_by, c.checked_at, c.check_ok, c.check_message`;

/** Every credential, without its secret; its last check's message in `lang`. */
export function listCredentials(db: Db, lang: Lang): ConnectorCredential[] {
  const rows = db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM connector_credentials c LEFT JOIN pages p ON p.id = c.page_id ORDER BY c.platform, c.id`).all() as CredentialRow[];
  return rows.map((row) => toCredential(row, lang));
}

export function getCredential(db: Db, id: number, lang: Lang): ConnectorCredential | null {
  const row = db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM connector_credentials c LEFT JOIN pages p ON p.id = c.page_id WHERE c.id = ?`).get(id) as CredentialRow | undefined;
  return row ? toCredential(row, lang) : null;
}

export function countCredentials(db: Db): Map<Platform, number> {
  const rows = db.prepare('SELECT platform, count(*) AS n FROM connector_credentials GROUP BY platform').all() as { platform: Platform; n: number }[];
  return new Map(rows.map((r) => [r.platform, r.n]));
}

/** Stores a credential with its secret encrypted; answers its id. */
export function insertCredential(
  db: Db,
  key: Buffer,
  input: { platform: Platform; kind: CredentialKind; label: string; pageId: number | null; secret: unknown; createdBy: string },
): number {
  const now = new Date().toISOString();
  return db.transaction(() => {
    // The id is part of the secret's authenticated data: insert a placeholder, then the secret.
    const id = Number(
      db
        .prepare('INSERT INTO connector_credentials (platform, kind, label, page_id, secret, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, zeroblob(29), ?, ?, ?)')
        .run(input.platform, input.kind, input.label, input.pageId, now, input.createdBy, now).lastInsertRowid,
    );
    db.prepare('UPDATE connector_credentials SET secret = ? WHERE id = ?').run(encryptSecret(key, aadOf(input.platform, input.kind, id), input.secret), id);
    return id;
  }).immediate();
}

export function deleteCredential(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM connector_credentials WHERE id = ?').run(id).changes > 0;
}

export function saveCredentialSecret(db: Db, key: Buffer, credential: Pick<UsableCredential, 'id' | 'platform' | 'kind'>, secret: unknown): void {
  db.prepare('UPDATE connector_credentials SET secret = ?, updated_at = ? WHERE id = ?').run(
    encryptSecret(key, aadOf(credential.platform, credential.kind, credential.id), secret),
    new Date().toISOString(),
    credential.id,
  );
}

export function recordCheck(db: Db, id: number, ok: boolean, message: Message): void {
  db.prepare('UPDATE connector_credentials SET checked_at = ?, check_ok = ?, check_message = ? WHERE id = ?').run(new Date().toISOString(), ok ? 1 : 0, storeMessage(message), id);
}

/** The platform's credentials with their secrets decrypted; unreadable ones are answered apart. */
export function loadUsableCredentials<S>(db: Db, key: Buffer, platform: Platform, onlyId?: number): { usable: UsableCredential<S>[]; unreadable: { id: number; message: Message }[] } {
  const rows = db
    .prepare(`SELECT id, platform, kind, page_id, secret FROM connector_credentials WHERE platform = ? ${onlyId === undefined ? '' : 'AND id = ?'} ORDER BY id`)
    .all(...(onlyId === undefined ? [platform] : [platform, onlyId])) as { id: number; platform: Platform; kind: CredentialKind; page_id: number | null; secret: Buffer }[];
  const usable: UsableCredential<S>[] = [];
  const unreadable: { id: number; message: Message }[] = [];
  for (const row of rows) {
    try {
      usable.push({ id: row.id, platform: row.platform, kind: row.kind, pageId: row.page_id, secret: decryptSecret<S>(key, aadOf(row.platform, row.kind, row.id), row.secret) });
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      unreadable.push({ id: row.id, message: msg('connector_secret_unreadable') });
    }
  }
  return { usable, unreadable };
}

// --- Pages and baselines.

/** Pages of a platform live at `asOf` and launched by then: what a run for the month collects. */
export function listPagesToCollect(db: Db, asOf: string): (PageTarget & { platform: Platform })[] {
  const rows = db
    .prepare(`SELECT p.id, p.platform, p.platform_id, p.url FROM pages p WHERE ${PAGE_IS_LIVE} ORDER BY p.platform, p.id`)
    .all({ asOf }) as { id: number; platform: Platform; platform_id: string | null; url: string }[];
  return rows.map((r) => ({ pageId: r.id, platform: r.platform, platformId: r.platform_id, url: r.url }));
}

/** The lifetime counters collected for `month` (last month's, for this month's differences). */
export function listBaselines(db: Db, month: string, platform: Platform): Map<number, { totalPosts: number | null; totalViews: number | null }> {
  const rows = db.prepare('SELECT page_id, total_posts, total_views FROM collected_metrics WHERE month = ? AND platform = ?').all(month, platform) as {
    page_id: number;
    total_posts: number | null;
    total_views: number | null;
  }[];
  return new Map(rows.map((r) => [r.page_id, { totalPosts: r.total_posts, totalViews: r.total_views }]));
}

// --- Runs.

export interface RunCounts {
  total: number;
  done: number;
  collected: number;
  skipped: number;
  failed: number;
}
export interface RunDetail {
  platforms: Partial<Record<Platform, RunCounts>>;
  quota: { youtubeUnits: number };
}

interface RunRow extends RunCounts {
  id: number;
  month: string;
  trigger: 'schedule' | 'manual';
  started_by: string | null;
  started_at: string;
  finished_at: string | null;
  status: ConnectorRun['status'];
  detail_json: string;
  message: string | null;
}

const toRun = (row: RunRow, lang: Lang): ConnectorRun => {
  const detail = JSON.parse(row.detail_json) as Partial<RunDetail>;
  return {
    id: row.id,
    month: row.month,
    trigger: row.trigger,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    total: row.total,
    done: row.done,
    collected: row.collected,
    skipped: row.skipped,
    failed: row.failed,
    platforms: Object.entries(detail.platforms ?? {}).map(([platform, counts]) => ({ platform: platform as Platform, ...(counts as RunCounts) })),
    quota: { youtubeUnits: detail.quota?.youtubeUnits ?? 0, youtubeDailyUnits: YOUTUBE_DAILY_UNITS },
    message: row.message === null ? null : renderStored(row.message, lang),
  };
};

export function insertRun(db: Db, input: { month: string; trigger: 'schedule' | 'manual'; startedBy: string | null; detail: RunDetail; total: number }): number {
  return Number(
    db
      .prepare("INSERT INTO connector_runs (month, trigger, started_by, started_at, status, total, detail_json) VALUES (?, ?, ?, ?, 'running', ?, ?)")
      .run(input.month, input.trigger, input.startedBy, new Date().toISOString(), input.total, JSON.stringify(input.detail)).lastInsertRowid,
  );
}

/** The run, its message in `lang`. */
export function getRun(db: Db, id: number, lang: Lang): ConnectorRun | null {
  const row = db.prepare('SELECT * FROM connector_runs WHERE id = ?').get(id) as RunRow | undefined;
  return row ? toRun(row, lang) : null;
}

export function listRuns(db: Db, lang: Lang, limit = 24): ConnectorRun[] {
  return (db.prepare('SELECT * FROM connector_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map((row) => toRun(row, lang));
}

export function hasScheduledRun(db: Db, month: string): boolean {
  return db.prepare("SELECT 1 FROM connector_runs WHERE month = ? AND trigger = 'schedule' AND status IN ('running', 'finished')").get(month) !== undefined;
}

/** Runs left 'running' by a stopped process: nothing more will happen to them. */
export function interruptRunningRuns(db: Db): number {
  return db
    .prepare("UPDATE connector_runs SET status = 'interrupted', finished_at = ?, message = ? WHERE status = 'running'")
    .run(new Date().toISOString(), storeMessage(msg('connector_run_server_stopped'))).changes;
}

export function finishRun(db: Db, id: number, status: 'finished' | 'failed' | 'interrupted', message: Message): void {
  db.prepare('UPDATE connector_runs SET status = ?, finished_at = ?, message = ? WHERE id = ?').run(status, new Date().toISOString(), storeMessage(message), id);
}

/** What became of each page of a run, its message in `lang`. */
export function listRunPages(
  db: Db,
  runId: number,
  query: { outcome?: 'collected' | 'skipped' | 'failed' | undefined; limit: number; offset: number },
  lang: Lang,
): { total: number; items: ConnectorRunPage[] } {
  const where = query.outcome ? 'r.run_id = @runId AND r.outcome = @outcome' : 'r.run_id = @runId';
  const params = { runId, outcome: query.outcome ?? null, limit: query.limit, offset: query.offset };
  const total = (db.prepare(`SELECT count(*) AS n FROM connector_run_pages r WHERE ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT r.page_id, p.name, r.platform, r.outcome, r.reason, r.message, r.attempts, r.at FROM connector_run_pages r JOIN pages p ON p.id = r.page_id
       WHERE ${where} ORDER BY CASE r.outcome WHEN 'failed' THEN 0 WHEN 'skipped' THEN 1 ELSE 2 END, r.page_id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as { page_id: number; name: string; platform: Platform; outcome: ConnectorRunPage['outcome']; reason: ConnectorReason | null; message: string | null; attempts: number; at: string }[];
  return {
    total,
    items: rows.map((r) => ({ pageId: r.page_id, pageName: r.name, platform: r.platform, outcome: r.outcome, reason: r.reason, message: r.message === null ? null : renderStored(r.message, lang), attempts: r.attempts, at: r.at })),
  };
}

// --- Writing a batch of results.

export interface BatchWriter {
  /** Writes the results, the run's counts and detail in one short transaction; answers how many figures changed. */
  write(results: readonly (PageResult & { platform: Platform })[], counts: RunCounts, detail: RunDetail): { figuresChanged: number; mirrored: number };
}

/**
 * Prepared once per run. A collected figure goes to collected_metrics (kept beside the reported
 * one). Where no person reported the month (no metric_snapshots row, or one written by a
 * connector) and followers, posts and interactions were all collected, it is also written to
 * metric_snapshots with source 'connector', so coverage's "active" and the metric summaries read
 * it. Unchanged figures are not rewritten: a rerun changes nothing.
 */
export function batchWriter(db: Db, runId: number, month: string): BatchWriter {
  const result = db.prepare(
    `INSERT INTO connector_run_pages (run_id, page_id, platform, outcome, reason, message, attempts, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, page_id) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, message = excluded.message, attempts = excluded.attempts, at = excluded.at`,
  );
  const collected = db.prepare(
    `INSERT INTO collected_metrics (page_id, month, platform, followers, posts, interactions, views, total_posts, total_views, skipped_json, collected_at, run_id)
     VALUES (@pageId, @month, @platform, @followers, @posts, @interactions, @views, @totalPosts, @totalViews, @skipped, @at, @runId)
     ON CONFLICT (page_id, month) DO UPDATE SET platform = excluded.platform, followers = excluded.followers, posts = excluded.posts,
       interactions = excluded.interactions, views = excluded.views, total_posts = excluded.total_posts, total_views = excluded.total_views,
       skipped_json = excluded.skipped_json, collected_at = excluded.collected_at, run_id = excluded.run_id
     WHERE followers IS NOT excluded.followers OR posts IS NOT excluded.posts OR interactions IS NOT excluded.interactions
       OR views IS NOT excluded.views OR total_posts IS NOT excluded.total_posts OR total_views IS NOT excluded.total_views
       OR skipped_json IS NOT excluded.skipped_json`,
  );
  const mirror = db.prepare(
    `INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, views, last_post_on, source, is_demo)
     SELECT p.id, @month, @followers, @posts, @interactions, @views, NULL, 'connector', p.is_demo FROM pages p WHERE p.id = @pageId
     ON CONFLICT (page_id, month) DO UPDATE SET followers = excluded.followers, posts = excluded.posts, interactions = excluded.interactions, views = excluded.views
     WHERE metric_snapshots.source = 'connector' AND (metric_snapshots.followers IS NOT excluded.followers OR metric_snapshots.posts IS NOT excluded.posts
       OR metric_snapshots.interactions IS NOT excluded.interactions OR metric_snapshots.views IS NOT excluded.views)`,
  );
  const counts = db.prepare('UPDATE connector_runs SET done = @done, collected = @collected, skipped = @skipped, failed = @failed, detail_json = @detail WHERE id = @id');
  return {
    write(results, runCounts, detail) {
      const at = new Date().toISOString();
      let figuresChanged = 0;
      let mirrored = 0;
      db.transaction(() => {
        for (const r of results) {
          const isCollected = r.outcome === 'collected';
          result.run(runId, r.pageId, r.platform, r.outcome, isCollected ? null : r.reason, isCollected ? null : storeMessage(r.message), r.attempts, at);
          if (!isCollected) continue;
          const f = r.figures;
          const row = {
            pageId: r.pageId,
            month,
            platform: r.platform,
            followers: f.followers,
            posts: f.posts,
            interactions: f.interactions,
            views: f.views,
            totalPosts: f.totalPosts,
            totalViews: f.totalViews,
            skipped: JSON.stringify(f.skipped satisfies SkippedFigure[]),
            at,
            runId,
          };
          figuresChanged += collected.run(row).changes;
          if (f.followers !== null && f.posts !== null && f.interactions !== null) mirrored += mirror.run(row).changes;
        }
        counts.run({ id: runId, ...runCounts, detail: JSON.stringify(detail) });
      }).immediate();
      return { figuresChanged, mirrored };
    },
  };
}
