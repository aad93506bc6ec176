import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';
import { maybeSeedDemoData, seedDemoData, type DemoSummary } from './generate-demo';

const SEED = 20_220_812;
const TODAY = '2026-11-27';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let summary: DemoSummary;
const opened: Db[] = [];

/** A fresh database file with both schemes loaded, as `npm start` leaves it before seeding. */
function freshDatabase(name: string): Db {
  const fresh = openDatabase(temp.path(name));
  opened.push(fresh);
  maybeLoadRegistries(fresh);
  return fresh;
}

beforeAll(() => {
  temp = makeTempDir('demo-');
  db = freshDatabase('shared.db');
  summary = seedDemoData(db, { seed: SEED, today: TODAY });
});

afterAll(() => {
  for (const each of opened) each.close();
  temp.cleanup();
});

interface Coverage {
  covered: number;
  total: number;
}

/** DESIGN.md §5: covered = a Front page assigned in the scheme, launched by the date, not closed or rejected by it. */
function coverage(on: Db, scheme: string, level: string, date: string, options: { region?: string; anyOwner?: boolean } = {}): Coverage {
  return on
    .prepare(
      `SELECT count(*) AS total,
         coalesce(sum(EXISTS (
           SELECT 1 FROM page_assignments a JOIN pages p ON p.id = a.page_id
           WHERE a.scheme = u.scheme AND a.unit_code = u.code
             AND (p.owner = 'front' OR @anyOwner = 1)
             AND p.launched_on <= @date
             AND NOT EXISTS (SELECT 1 FROM page_status_events e
                             WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected') AND e.effective_on <= @date))), 0) AS covered
       FROM units u
       WHERE u.scheme = @scheme AND u.level = @level AND (@region IS NULL OR u.region = @region)`,
    )
    .get({ scheme, level, date, region: options.region ?? null, anyOwner: options.anyOwner ? 1 : 0 }) as Coverage;
}

const percent = ({ covered, total }: Coverage) => (100 * covered) / total;

/** sha256 over every row a query returns, in its order. */
function digest(on: Db, sql: string, ...params: unknown[]): string {
  const hash = createHash('sha256');
  for (const row of on.prepare(sql).raw().iterate(...params)) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}

const WHOLE_DATABASE = [
  'SELECT * FROM pages ORDER BY id',
  'SELECT * FROM page_assignments ORDER BY page_id, scheme',
  'SELECT * FROM page_status_events ORDER BY id',
  'SELECT * FROM metric_snapshots ORDER BY page_id, month',
  "SELECT * FROM meta WHERE key = 'demo_seed'",
];
const digestAll = (on: Db) => WHOLE_DATABASE.map((sql) => digest(on, sql));

function countRows(on: Db): Record<string, number> {
  const count = (table: string) => (on.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return Object.fromEntries(['pages', 'page_assignments', 'page_status_events', 'metric_snapshots', 'meta'].map((t) => [t, count(t)]));
}

describe('the 2022-08-12 report (legacy63)', () => {
  it('covers exactly 63/63 provinces on 2022-08-12', () => {
    expect(coverage(db, 'legacy63', 'province', '2022-08-12')).toEqual({ covered: 63, total: 63 });
  });

  it.each([
    ['district', 705, 77.8],
    ['commune', 10_599, 54.5],
  ])('covers %s units within half a point of the reported figure', (level, total, reported) => {
    const result = coverage(db, 'legacy63', level, '2022-08-12');
    expect(result.total).toBe(total);
    expect(Math.abs(percent(result) - reported)).toBeLessThanOrEqual(0.5);
  });

  it('counts only Front pages: member-organisation pages exist, some at units without a Front page, and add nothing', () => {
    const members = db.prepare("SELECT count(*) AS n FROM pages WHERE owner <> 'front'").get() as { n: number };
    expect(members.n / summary.pages).toBeGreaterThan(0.05);
    expect(members.n / summary.pages).toBeLessThan(0.15);
    const front = coverage(db, 'legacy63', 'commune', '2022-08-12');
    const anyOwner = coverage(db, 'legacy63', 'commune', '2022-08-12', { anyOwner: true });
    expect(front.covered).toBe(5_777);
    expect(anyOwner.covered).toBeGreaterThan(front.covered);
  });

  it('has no closure or rejection before September 2022, so nothing undoes the reported figures', () => {
    const early = db
      .prepare("SELECT count(*) AS n FROM page_status_events WHERE status IN ('closed', 'rejected') AND effective_on < '2022-09-01'")
      .get() as { n: number };
    expect(early.n).toBe(0);
  });
});

describe('the rollout after the report (legacy63)', () => {
  it.each([
    ['district', 90, 95],
    ['commune', 80, 90],
  ])('covers more %s units on 2025-06-30 than on 2022-08-12, between %d% and %d%', (level, low, high) => {
    const before = coverage(db, 'legacy63', level, '2022-08-12');
    const after = coverage(db, 'legacy63', level, '2025-06-30');
    expect(after.covered).toBeGreaterThan(before.covered);
    expect(percent(after)).toBeGreaterThanOrEqual(low);
    expect(percent(after)).toBeLessThanOrEqual(high);
  });

  it('moves faster in the Red River Delta than in the northern mountains', () => {
    const delta = coverage(db, 'legacy63', 'commune', '2023-12-31', { region: 'red-river-delta' });
    const mountains = coverage(db, 'legacy63', 'commune', '2023-12-31', { region: 'northern-midlands-mountains' });
    expect(percent(delta)).toBeGreaterThan(percent(mountains) + 10);
  });

  it('closes a few pages before the reform, and replaces most of them with a new page of the same unit', () => {
    const closed = db
      .prepare(
        `SELECT count(*) AS closed,
                sum(EXISTS (SELECT 1 FROM page_assignments b JOIN pages q ON q.id = b.page_id
                            WHERE b.scheme = 'legacy63' AND b.unit_code = a.unit_code AND q.owner = 'front'
                              AND q.launched_on > e.effective_on)) AS replaced
         FROM page_status_events e
         JOIN pages p ON p.id = e.page_id AND p.owner = 'front'
         JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
         WHERE e.status = 'closed' AND e.effective_on < '2025-07-01' AND p.name NOT LIKE '%không chính thức%'`,
      )
      .get() as { closed: number; replaced: number };
    expect(closed.closed).toBeGreaterThan(50);
    expect(closed.replaced / closed.closed).toBeGreaterThan(0.4);
    expect(closed.replaced).toBeLessThan(closed.closed);
  });

  it('rejects only extra pages of units that already have a Front page, and only after the report', () => {
    const rejected = db
      .prepare(
        `SELECT e.effective_on AS rejectedOn,
                (SELECT count(*) FROM page_assignments b JOIN pages q ON q.id = b.page_id
                 WHERE b.scheme = 'legacy63' AND b.unit_code = a.unit_code AND q.owner = 'front' AND q.id <> p.id
                   AND q.launched_on <= e.effective_on) AS otherPages
         FROM page_status_events e JOIN pages p ON p.id = e.page_id
         JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
         WHERE e.status = 'rejected'`,
      )
      .all() as Array<{ rejectedOn: string; otherPages: number }>;
    expect(rejected.length).toBeGreaterThan(0);
    for (const row of rejected) {
      expect(row.rejectedOn >= '2022-09-01').toBe(true);
      expect(row.otherPages).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('pages, assignments and status events', () => {
  it.each(['pages', 'page_assignments', 'page_status_events', 'metric_snapshots'])('flags every row of %s as demo', (table) => {
    const rows = db.prepare(`SELECT count(*) AS n, sum(is_demo = 1) AS demo FROM ${table}`).get() as { n: number; demo: number };
    expect(rows.n).toBeGreaterThan(0);
    expect(rows.demo).toBe(rows.n);
  });

  it('reports the rows it wrote per table', () => {
    expect(countRows(db)).toEqual({
      pages: summary.pages,
      page_assignments: summary.pageAssignments,
      page_status_events: summary.pageStatusEvents,
      metric_snapshots: summary.metricSnapshots,
      meta: 2,
    });
    expect(summary.meta).toBe(1);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'demo_seed'").get()).toEqual({ value: String(SEED) });
  });

  it('gives every page a unique https URL, a unique platform id and a name that says it is demo data', () => {
    const pages = db
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT url) AS urls, sum(url LIKE 'https://%') AS https,
                count(DISTINCT platform || ' ' || platform_id) AS platformIds, sum(name LIKE '%(dữ liệu demo)') AS labelled
         FROM pages`,
      )
      .get() as Record<string, number>;
    expect(pages).toEqual({ n: summary.pages, urls: summary.pages, https: summary.pages, platformIds: summary.pages, labelled: summary.pages });
    const shapes = db
      .prepare(
        `SELECT platform, sum(url LIKE CASE platform WHEN 'facebook' THEN 'https://www.facebook.com/%' WHEN 'zalo' THEN 'https://zalo.me/%'
                                   WHEN 'tiktok' THEN 'https://www.tiktok.com/@%' ELSE 'https://www.youtube.com/@%' END) AS ok, count(*) AS n
         FROM pages GROUP BY platform`,
      )
      .all() as Array<{ platform: string; ok: number; n: number }>;
    for (const shape of shapes) expect(shape.ok).toBe(shape.n);
  });

  it('puts most pages on Facebook and 5–20% on Zalo, TikTok or YouTube', () => {
    const { minority } = db.prepare("SELECT avg(platform <> 'facebook') AS minority FROM pages").get() as { minority: number };
    expect(minority).toBeGreaterThan(0.05);
    expect(minority).toBeLessThan(0.2);
    const platforms = db.prepare('SELECT DISTINCT platform FROM pages ORDER BY platform').pluck().all();
    expect(platforms).toEqual(['facebook', 'tiktok', 'youtube', 'zalo']);
  });

  it('assigns a page launched before the reform to its legacy63 unit directly, and a later one to its reform34 unit only', () => {
    const rows = db
      .prepare(
        `SELECT p.launched_on < '2025-07-01' AS isLegacy,
                (SELECT group_concat(a.scheme || ':' || a.basis) FROM page_assignments a WHERE a.page_id = p.id AND a.basis = 'direct') AS direct,
                count(*) AS n
         FROM pages p GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all();
    expect(rows).toEqual([
      { isLegacy: 0, direct: 'reform34:direct', n: expect.any(Number) },
      { isLegacy: 1, direct: 'legacy63:direct', n: expect.any(Number) },
    ]);
  });

  it('reports each page once, on or after its launch, and records events by demo accounts on the effective day', () => {
    const reports = db
      .prepare(
        `SELECT count(*) AS pages,
                sum((SELECT count(*) FROM page_status_events e WHERE e.page_id = p.id AND e.status = 'reported' AND e.effective_on >= p.launched_on) = 1) AS reportedOnce
         FROM pages p WHERE p.launched_on <= '2026-10-01'`,
      )
      .get() as { pages: number; reportedOnce: number };
    expect(reports.reportedOnce).toBe(reports.pages);
    const odd = db
      .prepare(
        `SELECT count(*) AS n FROM page_status_events
         WHERE recorded_by NOT GLOB 'demo:*' OR substr(recorded_at, 1, 10) <> effective_on OR effective_on > ?`,
      )
      .get(TODAY) as { n: number };
    expect(odd.n).toBe(0);
    const verifiedByCentral = db
      .prepare("SELECT count(*) AS n, sum(recorded_by = 'demo:central') AS central FROM page_status_events WHERE status IN ('verified', 'rejected')")
      .get() as { n: number; central: number };
    expect(verifiedByCentral.central).toBe(verifiedByCentral.n);
    expect(verifiedByCentral.n / summary.pages).toBeGreaterThan(0.75);
  });

  it('records nothing after a page is closed', () => {
    const after = db
      .prepare(
        `SELECT count(*) AS n FROM page_status_events e
         JOIN page_status_events c ON c.page_id = e.page_id AND c.status = 'closed'
         WHERE e.effective_on > c.effective_on OR (e.status = 'closed' AND e.id <> c.id)`,
      )
      .get() as { n: number };
    expect(after.n).toBe(0);
  });
});

describe('the 2025-07-01 reform (reform34)', () => {
  it('closes every district page on 2025-07-01 and carries none of them over', () => {
    const districts = db
      .prepare(
        `SELECT count(*) AS n,
                sum(EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status = 'closed' AND e.effective_on <= '2025-07-01')) AS closed,
                sum(EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = p.id AND r.scheme = 'reform34')) AS carried
         FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
         JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code AND u.level = 'district'`,
      )
      .get() as { n: number; closed: number; carried: number };
    expect(districts.n).toBeGreaterThan(600);
    expect(districts.closed).toBe(districts.n);
    expect(districts.carried).toBe(0);
  });

  it("gives each of the 34 new provinces exactly one live Front page: the page of the old province whose code it keeps", () => {
    const provinces = db
      .prepare(
        `SELECT u.code, count(p.id) AS live, min(l.unit_code) AS fromCode, min(r.basis) AS basis
         FROM units u
         LEFT JOIN page_assignments r ON r.scheme = 'reform34' AND r.unit_code = u.code
         LEFT JOIN pages p ON p.id = r.page_id AND p.owner = 'front'
           AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status = 'closed')
         LEFT JOIN page_assignments l ON l.page_id = p.id AND l.scheme = 'legacy63'
         WHERE u.scheme = 'reform34' AND u.level = 'province' GROUP BY u.code`,
      )
      .all() as Array<{ code: string; live: number; fromCode: string; basis: string }>;
    expect(provinces).toHaveLength(34);
    for (const province of provinces) expect(province).toEqual({ code: province.code, live: 1, fromCode: province.code, basis: 'crosswalk' });
    const closedOld = db
      .prepare(
        `SELECT count(*) AS n FROM page_status_events e JOIN page_assignments a ON a.page_id = e.page_id AND a.scheme = 'legacy63'
         JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code AND u.level = 'province'
         WHERE e.status = 'closed' AND e.effective_on = '2025-07-01' AND e.note = 'Sáp nhập đơn vị hành chính'`,
      )
      .get() as { n: number };
    expect(closedOld.n).toBe(63 - 34);
  });

  it('continues one page per merged commune and closes the others on 2025-07-01 as "Sáp nhập đơn vị hành chính"', () => {
    const groups = db
      .prepare(
        `WITH live AS (
           SELECT p.id, a.unit_code FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
           JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code AND u.level = 'commune'
           WHERE p.owner = 'front' AND p.launched_on <= '2025-06-30'
             AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected') AND e.effective_on <= '2025-06-30')),
         single AS (SELECT from_code, max(to_code) AS to_code FROM crosswalk WHERE level = 'commune' GROUP BY from_code HAVING count(*) = 1)
         SELECT s.to_code AS code, count(*) AS n,
                sum(EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = l.id AND r.scheme = 'reform34' AND r.basis = 'crosswalk' AND r.unit_code = s.to_code)) AS carried,
                sum(EXISTS (SELECT 1 FROM page_status_events c WHERE c.page_id = l.id AND c.status = 'closed' AND c.effective_on = '2025-07-01'
                                                             AND c.note = 'Sáp nhập đơn vị hành chính')) AS closed
         FROM live l JOIN single s ON s.from_code = l.unit_code GROUP BY s.to_code`,
      )
      .all() as Array<{ code: string; n: number; carried: number; closed: number }>;
    expect(groups.length).toBeGreaterThan(3_000);
    expect(groups.filter((g) => g.n > 1).length).toBeGreaterThan(1_000);
    for (const group of groups) expect(group).toEqual({ code: group.code, n: group.n, carried: 1, closed: group.n - 1 });
  });

  it('never leaves a reform34 unit with two live Front pages', () => {
    const doubles = db
      .prepare(
        `SELECT a.unit_code, count(*) AS n FROM page_assignments a JOIN pages p ON p.id = a.page_id
         WHERE a.scheme = 'reform34' AND p.owner = 'front'
           AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected') AND e.effective_on <= ?)
         GROUP BY a.unit_code HAVING count(*) > 1`,
      )
      .all(TODAY);
    expect(doubles).toEqual([]);
  });

  it('keeps pages of split or unmatched communes live with only their legacy63 assignment, waiting for a person to decide', () => {
    const waiting = db
      .prepare(
        `SELECT count(*) AS n,
                coalesce(sum(a.unit_code IN (SELECT code FROM crosswalk_unmatched)
                    OR a.unit_code IN (SELECT from_code FROM crosswalk WHERE level = 'commune' GROUP BY from_code HAVING count(*) > 1)), 0) AS ambiguous
         FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63'
         WHERE NOT EXISTS (SELECT 1 FROM page_assignments r WHERE r.page_id = p.id AND r.scheme = 'reform34')
           AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected'))`,
      )
      .get() as { n: number; ambiguous: number };
    expect(waiting.n).toBeGreaterThan(0);
    expect(waiting.ambiguous).toBe(waiting.n);
  });

  it('grows reform34 commune coverage from the carried-over level to over 90% by late 2026', () => {
    const carried = coverage(db, 'reform34', 'commune', '2025-07-01');
    const late = coverage(db, 'reform34', 'commune', TODAY);
    expect(carried.total).toBe(3_321);
    expect(late.covered).toBeGreaterThan(carried.covered);
    expect(percent(late)).toBeGreaterThan(90);
    expect(coverage(db, 'reform34', 'province', '2025-07-01')).toEqual({ covered: 34, total: 34 });
  });
});

describe('monthly metric snapshots', () => {
  const medianFollowers = (level: string, month: string) =>
    db
      .prepare(
        `WITH f AS (SELECT m.followers FROM metric_snapshots m JOIN pages p ON p.id = m.page_id AND p.owner = 'front'
                    JOIN page_assignments a ON a.page_id = m.page_id AND a.scheme = 'legacy63'
                    JOIN units u ON u.scheme = 'legacy63' AND u.code = a.unit_code AND u.level = ?
                    WHERE m.month = ?)
         SELECT followers FROM f ORDER BY followers LIMIT 1 OFFSET (SELECT count(*) / 2 FROM f)`,
      )
      .pluck()
      .get(level, month) as number;

  it('gives commune pages hundreds to a few thousand followers, districts thousands, provinces tens of thousands', () => {
    const commune = medianFollowers('commune', '2024-06');
    const district = medianFollowers('district', '2024-06');
    const province = medianFollowers('province', '2024-06');
    expect(commune).toBeGreaterThan(200);
    expect(commune).toBeLessThan(3_000);
    expect(district).toBeGreaterThan(commune);
    expect(province).toBeGreaterThan(10_000);
    expect(province).toBeGreaterThan(district);
  });

  it('grows followers over time on the same pages', () => {
    const growth = db
      .prepare(
        `SELECT avg(b.followers) / avg(a.followers) AS ratio FROM metric_snapshots a
         JOIN metric_snapshots b ON b.page_id = a.page_id AND b.month = '2024-08' WHERE a.month = '2022-08'`,
      )
      .pluck()
      .get() as number;
    expect(growth).toBeGreaterThan(1.3);
  });

  it('has months without posts, including every month after a page is marked inactive until it is active again', () => {
    const { share } = db.prepare('SELECT avg(posts = 0) AS share FROM metric_snapshots').get() as { share: number };
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.4);
    const dormant = db
      .prepare(
        `SELECT count(*) AS months, coalesce(sum(m.posts), 0) AS posts FROM metric_snapshots m
         JOIN page_status_events i ON i.page_id = m.page_id AND i.status = 'inactive'
         WHERE m.month > substr(i.effective_on, 1, 7)
           AND NOT EXISTS (SELECT 1 FROM page_status_events r WHERE r.page_id = m.page_id AND r.status = 'active'
                           AND r.effective_on > i.effective_on AND substr(r.effective_on, 1, 7) <= m.month)`,
      )
      .get() as { months: number; posts: number };
    expect(dormant.months).toBeGreaterThan(1_000);
    expect(dormant.posts).toBe(0);
  });

  it.each([
    ['2023-11', '2023-06'],
    ['2024-02', '2024-06'],
    ['2025-11', '2025-06'],
    ['2026-02', '2026-06'],
  ])('averages more interactions in %s (November or Tết) than in %s on the same pages', (peak, june) => {
    const ratio = db
      .prepare(
        `SELECT avg(CASE WHEN month = @peak THEN interactions END) / avg(CASE WHEN month = @june THEN interactions END)
         FROM metric_snapshots
         WHERE page_id IN (SELECT page_id FROM metric_snapshots WHERE month = @peak INTERSECT SELECT page_id FROM metric_snapshots WHERE month = @june)`,
      )
      .pluck()
      .get({ peak, june }) as number;
    expect(ratio).toBeGreaterThan(1.2);
  });

  it('runs from the launch month to the month before closing, or to the month of today', () => {
    const wrong = db
      .prepare(
        `SELECT count(*) AS n FROM pages p
         JOIN (SELECT page_id, min(month) AS first, max(month) AS last, count(*) AS months FROM metric_snapshots GROUP BY page_id) m ON m.page_id = p.id
         LEFT JOIN page_status_events c ON c.page_id = p.id AND c.status = 'closed'
         WHERE m.first <> substr(p.launched_on, 1, 7)
            OR m.last <> CASE WHEN c.id IS NULL THEN substr(?, 1, 7) ELSE substr(date(c.effective_on, '-1 day'), 1, 7) END
            OR m.months <> (CAST(substr(m.last, 1, 4) AS INTEGER) * 12 + CAST(substr(m.last, 6, 2) AS INTEGER))
                         - (CAST(substr(m.first, 1, 4) AS INTEGER) * 12 + CAST(substr(m.first, 6, 2) AS INTEGER)) + 1`,
      )
      .get(TODAY) as { n: number };
    expect(wrong.n).toBe(0);
    const snapshotted = db.prepare('SELECT count(DISTINCT page_id) FROM metric_snapshots').pluck().get();
    expect(snapshotted).toBe(summary.pages);
  });

  it('dates the last post on a real day between launch and the end of the month, never after today, and in the month when it posted', () => {
    const bad = db
      .prepare(
        `SELECT count(*) FROM metric_snapshots m JOIN pages p ON p.id = m.page_id
         WHERE m.source <> 'import'
            OR (m.last_post_on IS NULL AND m.posts > 0)
            OR m.last_post_on < p.launched_on OR m.last_post_on > date(m.month || '-01', '+1 month', '-1 day') OR m.last_post_on > ?
            OR (m.posts > 0 AND substr(m.last_post_on, 1, 7) <> m.month)`,
      )
      .pluck()
      .get(TODAY);
    expect(bad).toBe(0);
    expect(db.prepare('SELECT count(*) FROM metric_snapshots WHERE last_post_on IS NULL').pluck().get()).toBeGreaterThan(0);
  });
});

describe('determinism and restarts', () => {
  it('writes identical rows for the same seed and today into another database', () => {
    const again = freshDatabase('same.db');
    seedDemoData(again, { seed: SEED, today: TODAY });
    expect(digestAll(again)).toEqual(digestAll(db));
  });

  it('writes different data for a different seed', () => {
    const other = freshDatabase('other-seed.db');
    seedDemoData(other, { seed: SEED + 1, today: TODAY });
    const [pages, , events, metrics] = digestAll(other);
    const [ourPages, , ourEvents, ourMetrics] = digestAll(db);
    expect(pages).not.toBe(ourPages);
    expect(events).not.toBe(ourEvents);
    expect(metrics).not.toBe(ourMetrics);
    expect(coverage(other, 'legacy63', 'commune', '2022-08-12').covered).toBe(5_777);
  });

  it('keeps everything up to an earlier today when seeded with a later one, and only adds after it', () => {
    const later = freshDatabase('later.db');
    const laterSummary = seedDemoData(later, { seed: SEED, today: '2026-12-31' });
    const upToToday = [
      ['SELECT * FROM pages WHERE launched_on <= ? ORDER BY id', TODAY],
      ["SELECT * FROM page_assignments WHERE page_id IN (SELECT id FROM pages WHERE launched_on <= ?) ORDER BY page_id, scheme", TODAY],
      ['SELECT * FROM page_status_events WHERE effective_on <= ? ORDER BY id', TODAY],
      ['SELECT * FROM metric_snapshots WHERE month < ? ORDER BY page_id, month', '2026-11'],
      // The month of the earlier today, for the pages that existed then: the same figures; only a
      // last post date capped at that today may move.
      [
        `SELECT page_id, followers, posts, interactions, views FROM metric_snapshots
         WHERE month = substr(@today, 1, 7) AND page_id IN (SELECT id FROM pages WHERE launched_on <= @today) ORDER BY page_id`,
        { today: TODAY },
      ],
    ] as const;
    for (const [sql, param] of upToToday) expect(digest(later, sql, param)).toBe(digest(db, sql, param));
    expect(laterSummary.pages).toBeGreaterThanOrEqual(summary.pages);
    expect(laterSummary.metricSnapshots).toBeGreaterThan(summary.metricSnapshots);
    const monthCount = (on: Db, month: string) => on.prepare('SELECT count(*) FROM metric_snapshots WHERE month = ?').pluck().get(month) as number;
    expect(monthCount(later, '2026-12')).toBeGreaterThanOrEqual(monthCount(db, '2026-11'));
    expect(monthCount(db, '2026-12')).toBe(0);
  });

  it('leaves an already seeded database alone: maybeSeedDemoData returns null and changes no row', () => {
    const before = countRows(db);
    expect(maybeSeedDemoData(db, { seed: 1, today: TODAY })).toBeNull();
    expect(countRows(db)).toEqual(before);
    expect(() => seedDemoData(db, { seed: 1, today: TODAY })).toThrow(/already has pages/);
  });

  it('refuses to seed before the administrative units are loaded, and writes nothing', () => {
    const bare = openDatabase(temp.path('bare.db'));
    opened.push(bare);
    expect(() => maybeSeedDemoData(bare, { today: TODAY })).toThrow(/maybeLoadRegistries/);
    expect(countRows(bare)).toEqual({ pages: 0, page_assignments: 0, page_status_events: 0, metric_snapshots: 0, meta: 0 });
  });

  it.each(['2026-02-30', '27/11/2026'])('rejects today = %s with a message naming the format', (today) => {
    expect(() => seedDemoData(db, { today })).toThrow(/YYYY-MM-DD/);
  });
});

describe('the scale option (benches and users who try the product at size)', () => {
  let scaled: Db;
  let scaledSummary: DemoSummary;
  beforeAll(() => {
    scaled = freshDatabase('scaled.db');
    scaledSummary = seedDemoData(scaled, { seed: SEED, today: TODAY, scale: 2, years: 8 });
  }, 300_000);

  it('adds one member organisation page per district and commune per step, and their monthly figures', () => {
    const unitsWithCopies = 705 + 10_599;
    expect(scaledSummary.pages - summary.pages).toBeGreaterThanOrEqual(unitsWithCopies * 0.95);
    expect(scaledSummary.pages - summary.pages).toBeLessThanOrEqual(unitsWithCopies);
    expect(scaledSummary.metricSnapshots).toBeGreaterThan(summary.metricSnapshots * 1.5);
    const owners = scaled.prepare("SELECT DISTINCT owner FROM pages WHERE url LIKE '%-x1.demo' OR url LIKE '%-x1-demo' ORDER BY owner").pluck().all();
    expect(owners).toEqual(['farmers_union', 'trade_union', 'veterans_union', 'women_union', 'youth_union']);
  });

  it('keeps the Front story: the 12/08/2022 figures and the Front pages are the same as at scale 1', () => {
    expect(coverage(scaled, 'legacy63', 'province', '2022-08-12')).toEqual({ covered: 63, total: 63 });
    expect(coverage(scaled, 'legacy63', 'district', '2022-08-12')).toEqual({ covered: 548, total: 705 });
    expect(coverage(scaled, 'legacy63', 'commune', '2022-08-12')).toEqual({ covered: 5_777, total: 10_599 });
    const frontUrls = (on: Db) => on.prepare("SELECT url FROM pages WHERE owner = 'front' ORDER BY url").pluck().all();
    expect(frontUrls(scaled)).toEqual(frontUrls(db));
  });

  it('reaches back the years asked for: member pages and figures from September 2018 for 8 years', () => {
    expect(scaled.prepare('SELECT min(month) FROM metric_snapshots').pluck().get()).toMatch(/^2018-(09|1[0-2])$/);
    expect(scaled.prepare('SELECT min(launched_on) FROM pages').pluck().get()).toMatch(/^2018-/);
    expect(db.prepare('SELECT min(month) FROM metric_snapshots').pluck().get()).toBe('2021-09');
  });

  it('refuses a scale or a number of years it cannot make, naming the range', () => {
    expect(() => seedDemoData(freshDatabase('bad.db'), { scale: 0 })).toThrow('Demo scale must be a whole number from 1 to 20, got 0.');
    expect(() => seedDemoData(freshDatabase('bad2.db'), { years: 2.5 })).toThrow('Demo years must be a whole number from 1 to 20, got 2.5.');
  });
});
