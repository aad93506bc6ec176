import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest, signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';

// A private copy of the seeded demo database (today 2026-11-27).
const demo = openDemoApp({ defaultScheme: 'legacy63' });
const as = {} as Record<'admin' | 'central' | 'province' | 'viewer', TestSession>;

beforeAll(async () => {
  as.admin = await signInAs(demo.db, 'admin');
  as.central = await signInAs(demo.db, 'central');
  as.province = await signInAs(demo.db, 'province', { scheme: 'legacy63', code: '01' });
  as.viewer = await signInAs(demo.db, 'viewer');
});
afterAll(() => demo.close());

async function call(method: string, path: string, body?: unknown, session?: TestSession) {
  const init: RequestInit = body === undefined ? { method, headers: session?.headers ?? {} } : jsonRequest(method, body, session);
  const response = await demo.app.request(`/api/v1${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
}

const CONFERENCE = { name: 'Hội nghị trực tuyến toàn quốc 12/08/2022', scheme: 'legacy63', asOf: '2022-08-12' };

/** A commune of province 01 without a live Front page on 2022-08-12. */
async function uncoveredCommune(): Promise<string> {
  const { body } = await call('GET', '/coverage?scheme=legacy63&asOf=2022-08-12&level=commune&parent=01');
  const row = (body.rows as Array<{ code: string; covered: boolean }>).find((r) => !r.covered);
  if (!row) throw new Error('every commune of 01 is covered in the demo data');
  return row.code;
}

describe('frozen snapshots', () => {
  let id: number;

  it('central staff publish a named snapshot with the figures of that day', async () => {
    const { status, body } = await call('POST', '/snapshots', CONFERENCE, as.central);
    expect(status).toBe(201);
    id = body.id;
    expect(body).toMatchObject({ name: CONFERENCE.name, scheme: 'legacy63', asOf: '2022-08-12', owner: 'front', demo: true });
    expect(body.levels.province).toMatchObject({ total: 63, covered: 63 });
    expect(body.levels.district).toMatchObject({ total: 705, covered: 548 });
    expect(body.levels.commune).toMatchObject({ total: 10599, covered: 5777 });
    expect(body.figures.coverage.rows).toHaveLength(63);
    expect(Object.keys(body.figures.timelines).sort()).toEqual(['commune', 'district', 'province']);
    expect(body.figures.timelines.commune.to).toBe('2022-08-12');
    expect(body.figures.timelines.commune.points.at(-1)).toMatchObject({ date: '2022-08-12', covered: 5777 });
    expect(body.figures.rankings.rows).toHaveLength(63);
    expect(body.figures.metrics.asOf).toBe('2022-08-12');
    // The activity figures of 12/08/2022 are July's, the last month complete that day.
    expect(body.figures.metrics.month).toBe('2022-07');
  });

  it('warns before publishing the same name and date twice, and publishes again only when confirmed', async () => {
    const again = await call('POST', '/snapshots', { ...CONFERENCE, name: CONFERENCE.name.toUpperCase() }, as.central);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_snapshot');
    expect(again.body.error).toMatchObject({ key: 'snapshot_duplicate', params: { id: String(id), name: CONFERENCE.name } });
    expect(again.body.error.message).toContain(`Bản chốt số liệu ${id} “${CONFERENCE.name}” với số liệu đến ngày 12/08/2022 đã được`);
    expect(again.body.error.message).toContain('confirmDuplicate: true');
    const english = await call('POST', '/snapshots?lang=en', { ...CONFERENCE }, as.central);
    expect(english.body.error.message).toContain(`Snapshot ${id} "${CONFERENCE.name}" with figures as of 2022-08-12 was already published by`);
    expect((await call('GET', '/snapshots')).body.snapshots.filter((s: { name: string }) => s.name === CONFERENCE.name)).toHaveLength(1);

    const otherDay = await call('POST', '/snapshots', { ...CONFERENCE, asOf: '2022-08-11' }, as.central);
    expect(otherDay.status).toBe(201);
    const confirmed = await call('POST', '/snapshots', { ...CONFERENCE, confirmDuplicate: true }, as.central);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.id).not.toBe(id);
    for (const extra of [otherDay.body.id, confirmed.body.id]) expect((await call('DELETE', `/snapshots/${extra}`, undefined, as.admin)).status).toBe(204);
  });

  it('keeps its figures after new data changes the live dashboard', async () => {
    const commune = await uncoveredCommune();
    const created = await call(
      'POST',
      '/pages',
      // The commune got a page later on: this one is a second Front page, confirmed.
      { platform: 'facebook', url: 'https://www.facebook.com/snapshot-test-page', name: 'Trang thử nghiệm', launchedOn: '2022-08-01', unit: { scheme: 'legacy63', code: commune }, confirmSecondFrontPage: true },
      as.admin,
    );
    expect(created.status).toBe(201);
    const live = await call('GET', '/coverage?scheme=legacy63&asOf=2022-08-12');
    expect(live.body.levels.commune.covered).toBe(5778);

    const frozen = await call('GET', `/snapshots/${id}`);
    expect(frozen.status).toBe(200);
    expect(frozen.body.levels.commune.covered).toBe(5777);
    expect(frozen.body.figures.coverage.levels.commune.covered).toBe(5777);
    expect(frozen.body.figures.timelines.commune.points.at(-1).covered).toBe(5777);
  });

  it('are listed newest first, filterable by scheme', async () => {
    const second = await call('POST', '/snapshots', { name: 'Sơ kết 6 tháng đầu năm 2026', scheme: 'reform34', asOf: '2026-06-30' }, as.admin);
    expect(second.status).toBe(201);
    expect(second.body.levels.province.total).toBe(34);
    expect(second.body.levels.district).toBeUndefined();
    const all = await call('GET', '/snapshots');
    expect(all.body.snapshots.map((s: { name: string }) => s.name).slice(0, 2)).toEqual(['Sơ kết 6 tháng đầu năm 2026', CONFERENCE.name]);
    expect(all.body.snapshots[0].figures).toBeUndefined();
    const legacy = await call('GET', '/snapshots?scheme=legacy63');
    expect(legacy.body.snapshots.every((s: { scheme: string }) => s.scheme === 'legacy63')).toBe(true);
  });

  it('only admins and central staff publish', async () => {
    expect((await call('POST', '/snapshots', CONFERENCE, as.province)).status).toBe(403);
    expect((await call('POST', '/snapshots', CONFERENCE, as.viewer)).status).toBe(403);
    expect((await call('POST', '/snapshots', CONFERENCE)).status).toBe(401);
    const noCsrf = await demo.app.request('/api/v1/snapshots', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: as.central.headers.cookie! },
      body: JSON.stringify(CONFERENCE),
    });
    expect(noCsrf.status).toBe(403);
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...CONFERENCE, name: '   ' }, 'name'],
      [{ ...CONFERENCE, name: 'x'.repeat(161) }, 'name'],
      [{ ...CONFERENCE, asOf: '2025-07-01' }, 'asOf'],
      [{ ...CONFERENCE, asOf: '2022-02-30' }, 'asOf'],
      [{ ...CONFERENCE, scheme: 'reform34', asOf: '2027-01-01' }, 'asOf'],
      [{ ...CONFERENCE, scheme: 'legacy99' }, 'scheme'],
      [{ ...CONFERENCE, figures: {} }, 'figures'],
    ];
    for (const [body, path] of cases) {
      const { status, body: answer } = await call('POST', '/snapshots', body, as.central);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(answer.error.details.map((d: { path: string }) => d.path).join(' '), JSON.stringify(answer)).toContain(path);
    }
    expect((await call('GET', '/snapshots/abc')).status).toBe(400);
    expect((await call('GET', '/snapshots/999999')).status).toBe(404);
  });

  it('only an admin deletes one, and the audit trail keeps what was deleted', async () => {
    expect((await call('DELETE', `/snapshots/${id}`, undefined, as.central)).status).toBe(403);
    expect((await call('DELETE', `/snapshots/${id}`, undefined, as.province)).status).toBe(403);
    expect((await call('DELETE', `/snapshots/${id}`, undefined, as.admin)).status).toBe(204);
    expect((await call('GET', `/snapshots/${id}`)).status).toBe(404);
    const audit = demo.db
      .prepare("SELECT action, before_json, after_json FROM audit_log WHERE entity = 'snapshot' AND entity_id = ? ORDER BY id")
      .all(String(id)) as Array<{ action: string; before_json: string | null; after_json: string | null }>;
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ name: CONFERENCE.name, asOf: '2022-08-12', levels: { province: { covered: 63 } } });
    expect(audit[1]!.after_json).toBeNull();
  });
});
