import { activeMonths, type OwnerFilter, type SchemeId } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { withoutChangeEntries } from '../db/figure-changes';
import { openDemoApp } from '../test/demo-app';
import { PageHistories, reform34OnlyUnit } from './page-histories';

/**
 * The page histories a figure reader keeps in memory must always equal a fresh load of the
 * database, whatever wrote to it: here every kind of write goes straight to SQL, as an import, a
 * connector or a migration would, and after each one the kept histories are compared with new ones.
 */
let demo: ReturnType<typeof openDemoApp>;
let db: Db;
let kept: PageHistories;

const DATES = ['2022-08-12', '2025-06-30', '2026-11-27'];
const FILTERS = DATES.flatMap((asOf) =>
  (['legacy63', 'reform34'] as SchemeId[]).flatMap((scheme) => (['front', 'all', 'youth_union'] as OwnerFilter[]).map((owner) => ({ scheme, asOf, owner, platform: null }))),
);

/** What a reader computes from the kept histories and from a fresh load, side by side. */
function figures(histories: PageHistories) {
  return {
    states: FILTERS.map((filters) => [...histories.unitStates(filters)].sort(([a], [b]) => a.localeCompare(b))),
    figures: [...histories.figuresIn('2026-10')].sort(([a], [b]) => a - b),
    reform34Only: [...histories.unitStates({ scheme: 'reform34', asOf: '2025-06-30', owner: 'front', platform: null }, reform34OnlyUnit)].length,
    timeline: histories
      .histories({ scheme: 'legacy63', owner: 'front', platform: null, to: '2026-11-27' })
      .map(({ unitCode, page }) => `${page.id}:${unitCode}:${page.launchedOn}:${page.events.map((e) => `${e.effectiveOn}/${e.status}`).join(',')}`)
      .sort(),
  };
}

function expectKeptEqualsFresh() {
  expect(figures(kept)).toEqual(figures(new PageHistories(db)));
}

const frontPage = (offset: number) =>
  db.prepare("SELECT p.id FROM pages p JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'legacy63' WHERE p.owner = 'front' ORDER BY p.id LIMIT 1 OFFSET ?").pluck().get(offset) as number;
const event = (pageId: number, status: string, on: string) =>
  db.prepare("INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at) VALUES (?, ?, ?, 'test', '2026-11-27T00:00:00Z')").run(pageId, status, on);

beforeAll(() => {
  demo = openDemoApp();
  db = demo.db;
  kept = new PageHistories(db);
  figures(kept); // loaded before the writes below
});
afterAll(() => demo?.close());

describe('page histories kept from the change log', () => {
  it('start equal to a fresh load of the demo data', () => {
    expectKeptEqualsFresh();
    expect(kept.unitStates({ scheme: 'legacy63', asOf: '2022-08-12', owner: 'front', platform: null }).size).toBeGreaterThan(5_000);
  });

  it('follow a page closed, reopened and verified, and an event deleted', () => {
    const page = frontPage(0);
    event(page, 'closed', '2022-05-01');
    expectKeptEqualsFresh();
    event(page, 'reopened', '2022-09-01');
    expectKeptEqualsFresh();
    event(frontPage(1), 'verified', '2021-01-01');
    expectKeptEqualsFresh();
    db.prepare("DELETE FROM page_status_events WHERE page_id = ? AND status = 'closed'").run(page);
    expectKeptEqualsFresh();
  });

  it('follow a page moved to another unit, its unit removed, its launch date and owner changed', () => {
    const page = frontPage(2);
    const other = db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND level = 'commune' AND code NOT IN (SELECT unit_code FROM page_assignments WHERE scheme = 'legacy63') LIMIT 1").pluck().get() as string;
    db.prepare("UPDATE page_assignments SET unit_code = ? WHERE page_id = ? AND scheme = 'legacy63'").run(other, page);
    expectKeptEqualsFresh();
    const moved = kept.histories({ scheme: 'legacy63', owner: 'front', platform: null, to: '2026-11-27' }).find((entry) => entry.page.id === page);
    expect(moved?.unitCode).toBe(other);
    db.prepare("DELETE FROM page_assignments WHERE page_id = ? AND scheme = 'reform34'").run(frontPage(3));
    expectKeptEqualsFresh();
    db.prepare("UPDATE pages SET launched_on = '2026-01-01' WHERE id = ?").run(frontPage(4));
    expectKeptEqualsFresh();
    db.prepare("UPDATE pages SET owner = 'women_union' WHERE id = ?").run(frontPage(5));
    expectKeptEqualsFresh();
  });

  it('follow a new page with its units, and a page deleted with its figures', () => {
    const id = (db.prepare('SELECT max(id) + 1 FROM pages').pluck().get() as number) + 1000;
    const [commune, ward] = db.prepare("SELECT code FROM units WHERE scheme = 'reform34' AND level = 'commune' LIMIT 2").pluck().all() as string[];
    db.prepare("INSERT INTO pages (id, platform, url, name, owner, launched_on) VALUES (?, 'facebook', 'https://www.facebook.com/histories.test', 'MTTQ thử', 'front', '2025-08-01')").run(id);
    db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, 'reform34', ?, 'direct')").run(id, commune);
    db.prepare("INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, source) VALUES (?, '2026-10', 10, 3, 5, 'manual')").run(id);
    expectKeptEqualsFresh();
    const [month] = activeMonths('2026-11-27');
    expect(month).toBe('2026-10');
    expect(PageHistories.hasPosted(kept.postedIn('2026-10'), id)).toBe(true);
    db.prepare('UPDATE page_assignments SET unit_code = ? WHERE page_id = ?').run(ward, id);
    expectKeptEqualsFresh();
    db.prepare('DELETE FROM pages WHERE id = ?').run(id);
    expectKeptEqualsFresh();
    expect(PageHistories.hasPosted(kept.postedIn('2026-10'), id)).toBe(false);
  });

  it('follow posts: a month that stops and one that starts counting, a figure deleted, and followers raised', () => {
    const [month, previousMonth] = activeMonths('2026-11-27');
    const posted = db.prepare('SELECT page_id FROM metric_snapshots WHERE month = ? AND posts > 0 LIMIT 3').pluck().all(month) as number[];
    db.prepare('UPDATE metric_snapshots SET posts = 0 WHERE page_id = ? AND month IN (?, ?)').run(posted[0], month, previousMonth);
    expectKeptEqualsFresh();
    expect(PageHistories.hasPosted(kept.postedIn(month), posted[0]!)).toBe(false);
    db.prepare('UPDATE metric_snapshots SET posts = 7 WHERE page_id = ? AND month = ?').run(posted[0], month);
    expectKeptEqualsFresh();
    db.prepare('DELETE FROM metric_snapshots WHERE page_id = ? AND month = ?').run(posted[1], month);
    expectKeptEqualsFresh();
    const raised = db.prepare('UPDATE metric_snapshots SET followers = followers + 1000 WHERE page_id = ? AND month = ? RETURNING followers').pluck().get(posted[2], month) as number;
    expect(kept.figuresIn(month).get(posted[2]!)?.followers).toBe(raised);
    expect(new PageHistories(db).figuresIn(month).get(posted[2]!)?.followers).toBe(raised);
  });

  it('load everything again after a bulk write made without an entry per row, and the log works again afterwards', () => {
    const triggers = () => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure%'").pluck().get() as number;
    const before = triggers();
    const id = (db.prepare('SELECT max(id) FROM pages').pluck().get() as number) + 1;
    const commune = db.prepare("SELECT code FROM units WHERE scheme = 'reform34' AND level = 'commune' LIMIT 1 OFFSET 7").pluck().get() as string;
    const logged = () => db.prepare('SELECT count(*) FROM figure_changes').pluck().get() as number;
    const entries = logged();
    db.transaction(() =>
      withoutChangeEntries(db, () => {
        db.prepare("INSERT INTO pages (id, platform, url, name, owner, launched_on) VALUES (?, 'facebook', 'https://www.facebook.com/bulk.test', 'MTTQ hàng loạt', 'front', '2025-09-01')").run(id);
        db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, 'reform34', ?, 'direct')").run(id, commune);
      }),
    )();
    expect(logged()).toBe(entries + 1);
    expect(triggers()).toBe(before);
    expectKeptEqualsFresh();
    expect(kept.histories({ scheme: 'reform34', owner: 'front', platform: null, to: '2026-11-27' }).some(({ page }) => page.id === id)).toBe(true);
    event(id, 'closed', '2026-01-01');
    expect(logged()).toBe(entries + 2);
    expectKeptEqualsFresh();
  });
});
