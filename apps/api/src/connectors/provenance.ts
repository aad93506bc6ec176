/**
 * Where each monthly figure of a page came from: collected from a platform (which, when, by which
 * run) and/or reported by a person (entered or imported; who and when, from the audit log). Both
 * are kept; the collected one is shown, and the difference is answered.
 */
import type { MetricSource, MonthlySource, Platform, SkippedMetric } from '@mttq/core';
import type { Role, SessionUser } from '../auth/user';
import type { Db } from '../db/connection';
import { render, type Lang, type Message } from '../messages';
import { recordedByFor } from '../pages/page-queries';

interface CollectedRow {
  month: string;
  platform: Platform;
  followers: number | null;
  posts: number | null;
  interactions: number | null;
  views: number | null;
  skipped_json: string;
  collected_at: string;
  run_id: number | null;
}

interface ReportedRow {
  month: string;
  followers: number;
  posts: number;
  interactions: number;
  views: number | null;
  source: MetricSource;
  username: string | null;
  at: string | null;
  role: Role | null;
}

/** The stored skipped metrics with their message in `lang`; a message stored as text before messages had keys stays as it was. */
function skippedIn(json: string, lang: Lang): SkippedMetric[] {
  const stored = JSON.parse(json) as (Omit<SkippedMetric, 'message'> & { message: Message | string })[];
  return stored.map((s) => ({ ...s, message: typeof s.message === 'string' ? s.message : render(s.message, lang) }));
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * The page's months with a collected or reported figure, by month. A metric_snapshots row
 * written by a connector (source 'connector', for a month nobody reported) is the collected
 * figure itself, not a report. `reader` decides whether reporters are named (as in the history);
 * why a metric was not collected is answered in `lang`.
 */
export function listMonthlySources(db: Db, pageId: number, reader: SessionUser | null | undefined, lang: Lang): MonthlySource[] {
  const collected = db
    .prepare('SELECT month, platform, followers, posts, interactions, views, skipped_json, collected_at, run_id FROM collected_metrics WHERE page_id = ?')
    .all(pageId) as CollectedRow[];
  const reported = db
    .prepare(
      /* sql */ `
      SELECT m.month, m.followers, m.posts, m.interactions, m.views, m.source, a.username, a.at, u.role
      FROM metric_snapshots m
      LEFT JOIN audit_log a ON a.id = (SELECT max(x.id) FROM audit_log x WHERE x.entity = 'metric_snapshot' AND x.entity_id = m.page_id || '/' || m.month)
      LEFT JOIN users u ON u.username = a.username
      WHERE m.page_id = ? AND m.source <> 'connector'`,
    )
    .all(pageId) as ReportedRow[];
  const months = new Map<string, { collected?: CollectedRow; reported?: ReportedRow }>();
  for (const row of collected) months.set(row.month, { ...months.get(row.month), collected: row });
  for (const row of reported) months.set(row.month, { ...months.get(row.month), reported: row });
  return [...months.keys()].sort().map((month): MonthlySource => {
    const { collected: c, reported: r } = months.get(month)!;
    return {
      month,
      shown: c ? 'collected' : 'reported',
      collected: c
        ? {
            platform: c.platform,
            followers: c.followers,
            posts: c.posts,
            interactions: c.interactions,
            views: c.views,
            collectedAt: c.collected_at,
            runId: c.run_id,
            skipped: skippedIn(c.skipped_json, lang),
          }
        : null,
      reported: r
        ? {
            followers: r.followers,
            posts: r.posts,
            interactions: r.interactions,
            views: r.views,
            source: r.source,
            recordedBy: r.username === null ? null : reader === undefined ? r.username : recordedByFor(reader, r.username, r.role),
            recordedAt: r.at,
          }
        : null,
      difference:
        c && r
          ? { followers: minus(c.followers, r.followers), posts: minus(c.posts, r.posts), interactions: minus(c.interactions, r.interactions), views: minus(c.views, r.views) }
          : null,
    };
  });
}
