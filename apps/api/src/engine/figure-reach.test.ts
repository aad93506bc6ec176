import { FIGURE_READ_HEADERS } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from '../auth/test-http';
import { jsonRequest, signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { readFootprint, reaches, type FigureReach } from './figure-reach';

type DemoApp = ReturnType<typeof openDemoApp>;

/** A page launched before mid-2022 with a unit in both schemes, and where those units sit. */
function pageInBothSchemes(app: DemoApp, notInProvince = '') {
  return app.db
    .prepare(
      `SELECT p.id, p.launched_on AS launchedOn, r.unit_code AS commune, ru.province_code AS province, l.unit_code AS legacyUnit, lu.province_code AS legacyProvince
       FROM pages p
       JOIN page_assignments r ON r.page_id = p.id AND r.scheme = 'reform34' JOIN units ru ON ru.scheme = 'reform34' AND ru.code = r.unit_code
       JOIN page_assignments l ON l.page_id = p.id AND l.scheme = 'legacy63' JOIN units lu ON lu.scheme = 'legacy63' AND lu.code = l.unit_code
       WHERE p.launched_on < '2022-06-01' AND p.owner = 'front' AND ru.level = 'commune' AND ru.province_code <> ?
       AND NOT EXISTS (SELECT 1 FROM page_status_events e WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected', 'verified'))
       ORDER BY p.id LIMIT 1`,
    )
    .get(notInProvince) as { id: number; launchedOn: string; commune: string; province: string; legacyUnit: string; legacyProvince: string };
}

describe('the change log says from which date and in which units a write counts', () => {
  const demo = openDemoApp();
  afterAll(() => demo.close());
  const lastSeq = () => demo.db.prepare('SELECT coalesce(max(seq), 0) FROM figure_changes').pluck().get() as number;

  it('dates monthly figures from their month, events from their date, a page from its launch, and names the units', () => {
    const page = pageInBothSchemes(demo);
    const write = (sql: string, ...params: unknown[]) => {
      const before = lastSeq();
      demo.db.prepare(sql).run(...params);
      return readFootprint(demo.db, before).footprint;
    };
    const figures = write("INSERT OR REPLACE INTO metric_snapshots (page_id, month, followers, posts, interactions, source) VALUES (?, '2026-10', 5, 1, 1, 'manual')", page.id);
    expect(figures.since).toBe('2026-10-01');
    expect(figures.anyUnit).toBe(false);
    expect([...figures.units.get('reform34')!]).toEqual([page.commune]);
    expect([...figures.units.get('legacy63')!]).toEqual([page.legacyUnit]);

    const event = write("INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at) VALUES (?, 'verified', '2023-04-05', 'test', '2026-11-27')", page.id);
    expect(event.since).toBe('2023-04-05');

    const launch = write("UPDATE pages SET launched_on = '2021-07-01' WHERE id = ?", page.id);
    expect(launch.since).toBe('2021-07-01');

    const other = pageInBothSchemes(demo, page.province);
    const moved = write("UPDATE page_assignments SET unit_code = ? WHERE page_id = ? AND scheme = 'reform34'", other.commune, page.id);
    expect(moved.since).toBe('2021-07-01');
    // From one commune to another: both, and nothing in the scheme whose unit stayed.
    expect(new Set(moved.units.get('reform34'))).toEqual(new Set([page.commune, other.commune]));
    expect(moved.units.get('legacy63')).toBeUndefined();
  });

  it('knows where a deleted page counted from its assignments going with it', () => {
    const page = pageInBothSchemes(demo);
    const before = lastSeq();
    demo.db.prepare('DELETE FROM pages WHERE id = ?').run(page.id);
    const { footprint } = readFootprint(demo.db, before);
    expect(footprint.anyUnit).toBe(false);
    // Its monthly figures go too: from the first day of its launch month.
    expect(footprint.since).toBe(`${page.launchedOn.slice(0, 7)}-01`);
    expect(footprint.units.get('legacy63')?.has(page.legacyUnit)).toBe(true);
  });

  it('reaches an answer only from its dates, its scheme and its subtree', () => {
    const units = (scheme: string) => demo.db.prepare('SELECT code, parent_code AS parentCode FROM units WHERE scheme = ?').all(scheme) as never;
    const footprint = { since: '2026-10-01', units: new Map([['reform34' as const, new Set(['00004'])]]), anyUnit: false };
    const province = demo.db.prepare("SELECT province_code FROM units WHERE scheme = 'reform34' AND code = '00004'").pluck().get() as string;
    const answer = (over: Partial<FigureReach>): FigureReach => ({ scheme: 'reform34', until: '2026-11-27', parent: null, byUnit: true, ...over });
    expect(reaches(footprint, answer({}), units)).toBe(true);
    expect(reaches(footprint, answer({ until: '2026-09-30' }), units)).toBe(false);
    expect(reaches(footprint, answer({ scheme: 'legacy63', until: '2026-11-27' }), units)).toBe(false);
    expect(reaches(footprint, answer({ parent: province }), units)).toBe(true);
    expect(reaches(footprint, answer({ parent: province === '01' ? '04' : '01' }), units)).toBe(false);
    // Back-cast or from the first launch: dates only.
    expect(reaches(footprint, answer({ parent: province === '01' ? '04' : '01', byUnit: false }), units)).toBe(true);
    expect(reaches({ ...footprint, anyUnit: true }, answer({ scheme: 'legacy63' }), units)).toBe(true);
  });
});

/** The figures a national and a province dashboard ask for, today and in history. */
function figureUrls(province: string, otherProvince: string, legacyProvince: string) {
  return [
    '/api/v1/coverage?scheme=reform34&level=province',
    `/api/v1/coverage?scheme=reform34&level=commune&parent=${province}`,
    `/api/v1/coverage?scheme=reform34&level=commune&parent=${otherProvince}`,
    '/api/v1/coverage?scheme=reform34&level=commune&asOf=2025-03-31',
    '/api/v1/coverage?scheme=legacy63&level=province&asOf=2022-08-12',
    `/api/v1/coverage?scheme=legacy63&level=district&parent=${legacyProvince}&asOf=2022-08-12`,
    '/api/v1/coverage/timeline?scheme=reform34&level=commune&interval=month',
    `/api/v1/coverage/timeline?scheme=reform34&level=commune&interval=month&parent=${otherProvince}&from=2025-07-01`,
    '/api/v1/coverage/timeline?scheme=legacy63&level=commune&interval=month&to=2022-08-12',
    '/api/v1/rankings?scheme=reform34&metric=followerGrowth',
    `/api/v1/rankings?scheme=reform34&metric=coverage&parent=${otherProvince}&level=commune`,
    '/api/v1/metrics/summary?scheme=reform34',
    `/api/v1/metrics/summary?scheme=reform34&parent=${otherProvince}`,
    '/api/v1/metrics/summary?scheme=legacy63&asOf=2022-08-12',
  ];
}

describe('a write leaves fresh every kept figure it cannot move', () => {
  // The server as `npm start` runs it (figure worker, real HTTP), and the same data computed inline as the truth.
  const inWorker = openDemoApp({ figureWorker: true });
  const inline = openDemoApp();
  let served: Awaited<ReturnType<typeof serveApp>>;
  let page: ReturnType<typeof pageInBothSchemes>;
  let other: ReturnType<typeof pageInBothSchemes>;
  let urls: string[];
  const sessions = new Map<DemoApp, TestSession>();

  beforeAll(async () => {
    served = await serveApp(inWorker.app);
    for (const app of [inWorker, inline]) sessions.set(app, await signInAs(app.db, 'admin'));
    page = pageInBothSchemes(inWorker);
    other = pageInBothSchemes(inWorker, page.province);
    urls = figureUrls(page.province, other.province, page.legacyProvince);
  });
  afterAll(async () => {
    await served.close();
    inWorker.close();
    inline.close();
  });
  const request = (app: DemoApp, path: string, init: RequestInit = {}) => (app === inWorker ? fetch(served.origin + path, init) : inline.app.request(path, init));

  /** The same write to both databases. */
  const write = async (method: string, path: string, body: unknown) => {
    for (const app of [inWorker, inline]) {
      const response = await request(app, path, jsonRequest(method, body, sessions.get(app)));
      expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    }
  };

  /** Reads every figure as the dashboards do; returns those answered as kept (not stale), after checking each against a fresh computation. */
  const keptAfterWrite = async (): Promise<string[]> => {
    const kept: string[] = [];
    for (const url of urls) {
      const response = await request(inWorker, url, { headers: FIGURE_READ_HEADERS });
      expect(response.status, url).toBe(200);
      const truth = await inline.get(url);
      if (response.headers.get('x-figures-stale') === null) {
        // Kept through the write: it must be what a fresh computation gives.
        expect(await response.json(), url).toEqual(truth.body);
        kept.push(url);
      }
      expect(await (await request(inWorker, url)).json(), url).toEqual(truth.body);
    }
    return kept;
  };

  it('starts with every figure computed once', async () => {
    expect(await keptAfterWrite()).toEqual(urls);
    expect(await keptAfterWrite()).toEqual(urls);
  });

  const under = (province: string) => (url: string) => new RegExp(`parent=${province}(&|$)`).test(url) && url.includes('scheme=reform34');
  const before = (url: string) => url.includes('2022-08-12') || url.includes('2025-03-31');

  it('keeps history and the other province when a page reports this month’s figures', async () => {
    await write('PUT', `/api/v1/pages/${page.id}/metrics/2026-10`, { followers: 123_456, posts: 4, interactions: 50 });
    expect(await keptAfterWrite()).toEqual(urls.filter((url) => before(url) || under(other.province)(url)));
  });

  it('keeps only what came before when a page is closed', async () => {
    await write('POST', `/api/v1/pages/${page.id}/events`, { status: 'closed', effectiveOn: '2025-09-15' });
    expect(await keptAfterWrite()).toEqual(urls.filter((url) => before(url) || under(other.province)(url)));
    await write('POST', `/api/v1/pages/${page.id}/events`, { status: 'reopened', effectiveOn: '2025-10-01' });
  });

  it('moves the history of both schemes when a page is verified in 2022', async () => {
    await write('POST', `/api/v1/pages/${page.id}/events`, { status: 'verified', effectiveOn: '2022-06-30' });
    // Before the reform the page counts in both schemes (reform34's through the crosswalk); the other province's figures of today stay.
    expect(await keptAfterWrite()).toEqual(urls.filter(under(other.province)));
  });

  it('moves both provinces, and not the other scheme, when a page moves from one to the other', async () => {
    await write('PUT', `/api/v1/pages/${page.id}/assignments/reform34`, { unitCode: other.commune });
    // A timeline from the first launch anywhere in its scheme counts every page of the scheme.
    expect(await keptAfterWrite()).toEqual(urls.filter((url) => url.includes('scheme=legacy63') && !url.includes('timeline')));
  });

  it('moves every figure that counts a page whose launch date moves earlier', async () => {
    await write('PATCH', `/api/v1/pages/${other.id}`, { launchedOn: '2021-01-02' });
    // The first page has left its province: that province's figures of today stay, and its 2022 province's unless the other page is there too.
    const legacyKept = (url: string) => other.legacyProvince !== page.legacyProvince && url.includes(`scheme=legacy63&level=district&parent=${page.legacyProvince}&`);
    expect(await keptAfterWrite()).toEqual(urls.filter((url) => under(page.province)(url) || legacyKept(url)));
  });
});
