import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { CSRF_HEADER } from '../auth/sessions';
import { openDatabase, type Db } from '../db/connection';
import { jsonRequest, signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';

// A fresh database with both registries and no demo data; today is 2026-11-27.
const temp = makeTempDir('mttq-reporting-');
let db: Db;
let app: ReturnType<typeof createApp>;
const as: Record<'admin' | 'central' | 'province51' | 'province52' | 'province01' | 'province79' | 'viewer' | 'district' | 'reform', TestSession> = {} as never;

beforeAll(async () => {
  db = openDatabase(temp.path());
  maybeLoadRegistries(db);
  app = createApp({ db, publicRead: true, services: { today: () => '2026-11-27' } });
  as.admin = await signInAs(db, 'admin', null, 'admin');
  as.central = await signInAs(db, 'central', null, 'central');
  as.province51 = await signInAs(db, 'province', { scheme: 'legacy63', code: '51' }, 'quang-ngai');
  as.province52 = await signInAs(db, 'province', { scheme: 'legacy63', code: '52' }, 'binh-dinh');
  as.province01 = await signInAs(db, 'province', { scheme: 'legacy63', code: '01' }, 'ha-noi');
  as.province79 = await signInAs(db, 'province', { scheme: 'legacy63', code: '79' }, 'tp-hcm');
  as.viewer = await signInAs(db, 'viewer', null, 'viewer');
  // A district officer inside province 51 (Thành phố Quảng Ngãi): the province's report is not theirs.
  as.district = await signInAs(db, 'province', { scheme: 'legacy63', code: '522' }, 'tp-quang-ngai');
  // A reform34 province officer; code 51 is Quảng Ngãi in both schemes.
  as.reform = await signInAs(db, 'province', { scheme: 'reform34', code: '51' }, 'quang-ngai-2025');
});

afterAll(() => {
  db.close();
  temp.cleanup();
});

/** A request to /api/v1 through the real app; the body is sent as JSON when given. */
async function call(method: string, path: string, body?: unknown, session?: TestSession) {
  const init: RequestInit = body === undefined ? { method, headers: session?.headers ?? {} } : jsonRequest(method, body, session);
  const response = await app.request(`/api/v1${path}`, init);
  return { status: response.status, body: (await response.json()) as any };
}

/** The session asking for English answers. */
const inEnglish = (session: TestSession): TestSession => ({ ...session, headers: { ...session.headers, 'accept-language': 'en' } });
const openPeriod = (body: unknown, session: TestSession = as.central) => call('POST', '/reporting/periods', body, session);
const submit = (periodId: number, body: unknown, session: TestSession) => call('POST', `/reporting/periods/${periodId}/reports`, body, session);

/** Sets a report's submission instant, as if it had arrived then (the app has no clock to move). */
function setSubmittedAt(periodId: number, provinceCode: string, instant: string) {
  db.prepare('UPDATE province_reports SET submitted_at = ? WHERE period_id = ? AND province_code = ?').run(instant, periodId, provinceCode);
}

interface AuditRow {
  username: string;
  action: string;
  entity: string;
  entity_id: string;
  before: any;
  after: any;
}

function auditRows(entity: string, entityId: string | number): AuditRow[] {
  const rows = db
    .prepare('SELECT username, action, entity, entity_id, before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id')
    .all(entity, String(entityId)) as Array<Omit<AuditRow, 'before' | 'after'> & { before_json: string | null; after_json: string | null }>;
  return rows.map(({ before_json, after_json, ...row }) => ({
    ...row,
    before: before_json === null ? null : JSON.parse(before_json),
    after: after_json === null ? null : JSON.parse(after_json),
  }));
}

/** Months of legacy63 handed out one per use, so tests never collide on (scheme, month). */
let nextMonthIndex = 0;
function freshMonth(): string {
  const index = nextMonthIndex++;
  return `${2010 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
async function freshPeriod(): Promise<number> {
  const month = freshMonth();
  const { status, body } = await openPeriod({ scheme: 'legacy63', month, deadline: `${month}-28` }, as.admin);
  expect(status).toBe(201);
  return body.id as number;
}

describe('a month of reports: legacy63 2022-08, deadline 2022-09-05', () => {
  let periodId: number;

  it('lets central staff open the period, with every province still missing', async () => {
    const { status, body } = await openPeriod({ scheme: 'legacy63', month: '2022-08', deadline: '2022-09-05' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      scheme: 'legacy63',
      month: '2022-08',
      deadline: '2022-09-05',
      isPastDeadline: true,
      openedBy: 'central',
      provinces: { total: 63, submitted: 0, onTime: 0, late: 0, missing: 63 },
      rate: 0,
      onTimeRate: 0,
    });
    expect(body.id).toBeGreaterThan(0);
    periodId = body.id;
    expect(auditRows('reporting_period', periodId)).toEqual([
      {
        username: 'central',
        action: 'create',
        entity: 'reporting_period',
        entity_id: String(periodId),
        before: null,
        after: { id: periodId, scheme: 'legacy63', month: '2022-08', deadline: '2022-09-05', openedAt: body.openedAt, openedBy: 'central' },
      },
    ]);
  });

  it('records three province officers’ reports for their own provinces', async () => {
    for (const [session, code, name] of [
      [as.province01, '01', 'Thành phố Hà Nội'],
      [as.province51, '51', 'Tỉnh Quảng Ngãi'],
      [as.province79, '79', 'Thành phố Hồ Chí Minh'],
    ] as const) {
      const { status, body } = await submit(periodId, { provinceCode: code, note: `Báo cáo tháng 8 của ${name}` }, session);
      expect(status).toBe(201);
      expect(body).toMatchObject({ period: periodId, scheme: 'legacy63', month: '2022-08', provinceCode: code, name, isResubmission: false });
      expect(body.note).toBe(`Báo cáo tháng 8 của ${name}`);
    }
    expect(auditRows('province_report', `${periodId}:51`)).toEqual([
      expect.objectContaining({ username: 'quang-ngai', action: 'create', before: null, after: expect.objectContaining({ provinceCode: '51', submittedBy: 'quang-ngai' }) }),
    ]);
  });

  it('counts 3/63 submitted and 2 on time, judging the deadline day in Vietnam time (UTC+7)', async () => {
    // Before the first read of this period, so no cached answer predates the change.
    setSubmittedAt(periodId, '01', '2022-09-01T02:00:00.000Z');
    setSubmittedAt(periodId, '51', '2022-09-05T16:59:00.000Z'); // 23:59 on 5 Sep in Hà Nội: on time
    setSubmittedAt(periodId, '79', '2022-09-05T17:30:00.000Z'); // 00:30 on 6 Sep in Hà Nội: late
    const { status, body } = await call('GET', `/reporting/periods/${periodId}/completeness`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      period: periodId,
      scheme: 'legacy63',
      month: '2022-08',
      deadline: '2022-09-05',
      isPastDeadline: true,
      asOf: '2026-11-27',
      demo: false,
      provinces: { total: 63, submitted: 3, onTime: 2, late: 1, missing: 60 },
      rate: 3 / 63,
      onTimeRate: 2 / 63,
    });
    expect(body.rows).toHaveLength(63);
    expect(body.rows.map((row: { provinceCode: string }) => row.provinceCode)).toEqual(body.rows.map((row: { provinceCode: string }) => row.provinceCode).sort());
    const byCode = Object.fromEntries(body.rows.map((row: { provinceCode: string }) => [row.provinceCode, row]));
    expect(byCode['51']).toEqual({
      provinceCode: '51',
      name: 'Tỉnh Quảng Ngãi',
      submittedAt: '2022-09-05T16:59:00.000Z',
      submittedBy: 'quang-ngai',
      isOnTime: true,
      note: 'Báo cáo tháng 8 của Tỉnh Quảng Ngãi',
    });
    expect(byCode['79']).toMatchObject({ submittedBy: 'tp-hcm', isOnTime: false });
    expect(byCode['52']).toEqual({ provinceCode: '52', name: 'Tỉnh Bình Định', submittedAt: null, submittedBy: null, isOnTime: null, note: null });
  });

  it('updates a re-submitted report instead of adding a second one, auditing before and after', async () => {
    const { status, body } = await submit(periodId, { provinceCode: '51' }, as.province51);
    expect(status).toBe(200);
    expect(body).toMatchObject({ provinceCode: '51', isResubmission: true, submittedBy: 'quang-ngai', note: 'Báo cáo tháng 8 của Tỉnh Quảng Ngãi' });
    // Re-submitted now, long after the 2022 deadline: the latest submission decides.
    expect(body.submittedAt > '2022-09-05T16:59:00.000Z').toBe(true);
    expect(body.isOnTime).toBe(false);
    const count = db.prepare('SELECT count(*) AS n FROM province_reports WHERE period_id = ?').get(periodId) as { n: number };
    expect(count.n).toBe(3);
    const audit = auditRows('province_report', `${periodId}:51`);
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      action: 'update',
      before: { provinceCode: '51', submittedAt: '2022-09-05T16:59:00.000Z', submittedBy: 'quang-ngai' },
      after: { provinceCode: '51', submittedAt: body.submittedAt, submittedBy: 'quang-ngai' },
    });
    const { body: completeness } = await call('GET', `/reporting/periods/${periodId}/completeness`);
    expect(completeness.provinces).toEqual({ total: 63, submitted: 3, onTime: 1, late: 2, missing: 60 });
  });

  it('clears the note when a re-submission sends an empty one', async () => {
    const { body } = await submit(periodId, { provinceCode: '01', note: '   ' }, as.province01);
    expect(body).toMatchObject({ isResubmission: true, note: null });
  });

  it('lets central staff record a report on behalf of a province, shown as theirs', async () => {
    const { status, body } = await submit(periodId, { provinceCode: '52', note: 'Nhận qua điện thoại' }, as.central);
    expect(status).toBe(201);
    expect(body).toMatchObject({ provinceCode: '52', submittedBy: 'central', isResubmission: false });
  });

  it('reflects each write in the next read at once', async () => {
    const before = await call('GET', `/reporting/periods/${periodId}/completeness`);
    await submit(periodId, { provinceCode: '48' }, as.admin);
    const after = await call('GET', `/reporting/periods/${periodId}/completeness`);
    expect(after.body.provinces.submitted).toBe(before.body.provinces.submitted + 1);
  });

  it('re-judges reports when central staff move the deadline, auditing the old and new deadline', async () => {
    // Put back the times of the two re-submissions above.
    setSubmittedAt(periodId, '01', '2022-09-01T02:00:00.000Z');
    setSubmittedAt(periodId, '51', '2022-09-05T16:59:00.000Z');
    const { status, body } = await call('PATCH', `/reporting/periods/${periodId}`, { deadline: '2022-09-06' }, as.central);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: periodId, deadline: '2022-09-06' });
    const { body: completeness } = await call('GET', `/reporting/periods/${periodId}/completeness`);
    // 01, 51 and 79 (00:30 on 6 Sep) are now on time; 52 and 48 were recorded today, late.
    expect(completeness.provinces).toEqual({ total: 63, submitted: 5, onTime: 3, late: 2, missing: 58 });
    const audit = auditRows('reporting_period', periodId);
    expect(audit.at(-1)).toMatchObject({ username: 'central', action: 'update', before: { deadline: '2022-09-05' }, after: { deadline: '2022-09-06' } });
  });

  it('refuses a province officer submitting for another province, naming their scope', async () => {
    const { status, body } = await submit(periodId, { provinceCode: '52' }, as.province51);
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('legacy63:51');
    expect(body.error.message).toContain('legacy63:52');
  });

  it('refuses a district officer inside the province submitting the province report', async () => {
    const { status, body } = await submit(periodId, { provinceCode: '51' }, as.district);
    expect(status).toBe(403);
    expect(body.error.message).toContain('legacy63:522');
  });

  it('lets the officer of the reform34 province that legacy63:51 became submit its legacy63 report, and not another', async () => {
    expect((await submit(periodId, { provinceCode: '51' }, as.reform)).status).toBeLessThan(300);
    const { status, body } = await submit(periodId, { provinceCode: '01' }, as.reform);
    expect(status).toBe(403);
    expect(body.error.message).toContain('reform34:51');
  });

  it('refuses a viewer (403), a signed-out caller (401) and a request without the CSRF token (403)', async () => {
    expect((await submit(periodId, { provinceCode: '01' }, as.viewer)).status).toBe(403);
    expect((await submit(periodId, { provinceCode: '01' }, undefined as never)).status).toBe(401);
    const headers = { ...as.province01.headers };
    delete headers[CSRF_HEADER];
    const response = await app.request(`/api/v1/reporting/periods/${periodId}/reports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ provinceCode: '01' }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).error.code).toBe('csrf');
  });

  it('refuses a second period for the same scheme and month (409), naming the open one', async () => {
    const { status, body } = await openPeriod({ scheme: 'legacy63', month: '2022-08', deadline: '2022-09-10' }, as.admin);
    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
    expect(body.error).toMatchObject({ key: 'report_period_open', params: { scheme: 'legacy63', id: String(periodId) } });
    expect(body.error.message).toBe(`Kỳ báo cáo legacy63 tháng 08/2022 đã được mở (mã ${periodId}, hạn 06/09/2022); đổi hạn bằng PATCH /api/v1/reporting/periods/${periodId}.`);
    expect(auditRows('reporting_period', periodId).filter((row) => row.action === 'create')).toHaveLength(1);
  });

  it('opens the same month separately for the other scheme', async () => {
    const { status, body } = await openPeriod({ scheme: 'reform34', month: '2025-08', deadline: '2025-09-05' });
    expect(status).toBe(201);
    expect(body.provinces.total).toBe(34);
  });

  it('writes nothing when a write is refused', async () => {
    const count = () => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = count();
    await submit(periodId, { provinceCode: '52' }, as.province51);
    await submit(periodId, { provinceCode: '01' }, as.viewer);
    await openPeriod({ scheme: 'legacy63', month: '2022-08', deadline: '2022-09-10' });
    await call('PATCH', `/reporting/periods/${periodId}`, { deadline: '2022-07-01' }, as.central);
    expect(count()).toBe(before);
  });
});

describe('bad input', () => {
  it.each([
    [{ scheme: 'legacy63', month: '2022-13', deadline: '2022-12-31' }, 'month', 'YYYY-MM'],
    [{ scheme: 'legacy63', month: '2022-8', deadline: '2022-09-05' }, 'month', 'YYYY-MM'],
    [{ scheme: 'legacy63', month: '2025-07', deadline: '2025-08-05' }, 'month', 'outside legacy63'],
    [{ scheme: 'reform34', month: '2024-01', deadline: '2024-02-05' }, 'month', 'outside reform34'],
    [{ scheme: 'legacy63', month: '2022-08', deadline: '2022-07-31' }, 'deadline', '2022-08-01'],
    [{ scheme: 'legacy63', month: '2022-02', deadline: '2022-02-30' }, 'deadline', 'not a real calendar date'],
    [{ scheme: 'legacy63', month: '2022-02', deadline: '5/3/2022' }, 'deadline', 'YYYY-MM-DD'],
    [{ scheme: 'legacy99', month: '2022-02', deadline: '2022-03-05' }, 'scheme', 'legacy63, reform34'],
    [{ month: '2022-02', deadline: '2022-03-05' }, 'scheme', ''],
    [{ scheme: 'legacy63', month: '2022-02', deadline: '2022-03-05', province: '01' }, 'province', 'not a parameter'],
  ])('refuses the period %j with a 400 naming %s', async (input, path, message) => {
    const { status, body } = await openPeriod(input, inEnglish(as.central));
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });

  it('refuses a deadline moved before the month, naming the field', async () => {
    const id = await freshPeriod();
    const { status, body } = await call('PATCH', `/reporting/periods/${id}`, { deadline: '2000-01-01' }, as.central);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([
      {
        path: 'deadline',
        key: 'report_deadline_before_month',
        params: expect.anything(),
        message: expect.stringMatching(/^không được trước ngày đầu của tháng báo cáo \(01\/\d\d\/\d{4}\); đã nhập 01\/01\/2000$/),
      },
    ]);
  });

  it.each([
    [{ provinceCode: '99' }, 'provinceCode', 'not a province of legacy63'],
    [{ provinceCode: '522' }, 'provinceCode', '2 digits'],
    [{ provinceCode: '01', note: 'x'.repeat(2001) }, 'note', 'at most 2,000'],
    [{}, 'provinceCode', ''],
    [{ provinceCode: '01', submittedAt: '2022-01-01' }, 'submittedAt', 'not a parameter'],
  ])('refuses the report %j with a 400 naming %s', async (input, path, message) => {
    const id = await freshPeriod();
    const { status, body } = await submit(id, input, inEnglish(as.central));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message) })]);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await app.request('/api/v1/reporting/periods', { method: 'POST', headers: { ...as.central.headers, 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('bad_request');
  });

  it.each([
    ['POST', '/reporting/periods/999999/reports', { provinceCode: '01' }],
    ['PATCH', '/reporting/periods/999999', { deadline: '2022-09-05' }],
    ['GET', '/reporting/periods/999999/completeness', undefined],
  ] as const)('answers %s %s for an unknown period with 404', async (method, path, body) => {
    const { status, body: answer } = await call(method, path, body, as.admin);
    expect(status).toBe(404);
    expect(answer.error).toMatchObject({ key: 'report_period_not_found', params: { id: '999999' } });
    expect(answer.error.message).toContain('Không có kỳ báo cáo mã 999999');
  });

  it.each([
    ['/reporting/periods/abc/completeness', 'id'],
    ['/reporting/periods/0/completeness', 'id'],
    ['/reporting/periods?scheme=legacy99', 'scheme'],
    ['/reporting/periods?month=2022-08', 'month'],
    ['/reporting/completeness?from=2022-8', 'from'],
    ['/reporting/completeness?from=2022-09&to=2022-08', 'to'],
  ])('answers GET %s with a 400 naming %s', async (path, field) => {
    const { status, body } = await call('GET', path);
    expect(status).toBe(400);
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
  });
});

describe('GET /reporting/periods and /reporting/completeness', () => {
  // reform34 periods of their own, so other tests' legacy63 periods do not interfere.
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    for (const month of ['2025-09', '2025-10', '2025-11']) {
      const { body } = await openPeriod({ scheme: 'reform34', month, deadline: `${month}-28` });
      ids[month] = body.id;
    }
    const submissions: Array<[string, string, TestSession, string]> = [
      ['2025-09', '01', as.admin, '2025-09-20T03:00:00.000Z'],
      ['2025-09', '51', as.reform, '2025-09-29T03:00:00.000Z'], // late
      ['2025-10', '01', as.central, '2025-10-27T03:00:00.000Z'],
      ['2025-10', '51', as.reform, '2025-10-28T16:00:00.000Z'], // 23:00 on the deadline day: on time
      ['2025-11', '51', as.reform, '2025-11-02T03:00:00.000Z'],
    ];
    for (const [month, code, session, instant] of submissions) {
      expect((await submit(ids[month]!, { provinceCode: code }, session)).status).toBe(201);
      setSubmittedAt(ids[month]!, code, instant);
    }
  });

  it('lists a scheme’s periods newest first, each with its completeness', async () => {
    const { status, body } = await call('GET', '/reporting/periods?scheme=reform34');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme: 'reform34', asOf: '2026-11-27', demo: false });
    expect(body.periods.map((p: { month: string }) => p.month)).toEqual(['2025-11', '2025-10', '2025-09', '2025-08']);
    expect(body.periods[0]).toMatchObject({
      id: ids['2025-11'],
      scheme: 'reform34',
      month: '2025-11',
      deadline: '2025-11-28',
      isPastDeadline: true,
      openedBy: 'central',
      provinces: { total: 34, submitted: 1, onTime: 1, late: 0, missing: 33 },
      rate: 1 / 34,
      onTimeRate: 1 / 34,
    });
    expect(body.periods[2].provinces).toEqual({ total: 34, submitted: 2, onTime: 1, late: 1, missing: 32 });
  });

  it('lists the scheme in force (reform34) when none is given', async () => {
    const { body } = await call('GET', '/reporting/periods');
    expect(body.scheme).toBe('reform34');
    expect(body.periods.every((p: { scheme: string }) => p.scheme === 'reform34')).toBe(true);
    const months = body.periods.map((p: { month: string }) => p.month);
    expect(months).toEqual([...months].sort().reverse());
  });

  it('gives a nationwide series per period and per-province counts over a range of months', async () => {
    const { status, body } = await call('GET', '/reporting/completeness?scheme=reform34&from=2025-09&to=2025-11');
    expect(status).toBe(200);
    expect(body).toMatchObject({ scheme: 'reform34', from: '2025-09', to: '2025-11', asOf: '2026-11-27', demo: false, periods: 3 });
    expect(body.series.map((p: { month: string; provinces: { submitted: number; onTime: number } }) => [p.month, p.provinces.submitted, p.provinces.onTime])).toEqual([
      ['2025-09', 2, 1],
      ['2025-10', 2, 2],
      ['2025-11', 1, 1],
    ]);
    expect(body.series[0]).toMatchObject({ id: ids['2025-09'], deadline: '2025-09-28', rate: 2 / 34, onTimeRate: 1 / 34 });
    expect(body.rows).toHaveLength(34);
    const byCode = Object.fromEntries(body.rows.map((row: { provinceCode: string }) => [row.provinceCode, row]));
    expect(byCode['51']).toEqual({ provinceCode: '51', name: 'Tỉnh Quảng Ngãi', periods: 3, submitted: 3, onTime: 2, late: 1, missing: 0, rate: 1, onTimeRate: 2 / 3 });
    expect(byCode['01']).toMatchObject({ periods: 3, submitted: 2, onTime: 2, late: 0, missing: 1 });
    expect(byCode['04']).toMatchObject({ periods: 3, submitted: 0, onTime: 0, late: 0, missing: 3, rate: 0 });
  });

  it('limits the range to the months asked for, and takes every period when none are', async () => {
    const { body: october } = await call('GET', '/reporting/completeness?scheme=reform34&from=2025-10&to=2025-10');
    expect(october.series.map((p: { month: string }) => p.month)).toEqual(['2025-10']);
    expect(october.rows.find((row: { provinceCode: string }) => row.provinceCode === '51')).toMatchObject({ periods: 1, submitted: 1, onTime: 1 });
    const { body: all } = await call('GET', '/reporting/completeness?scheme=reform34');
    expect(all).toMatchObject({ from: null, to: null, periods: 4 });
    expect(all.series.map((p: { month: string }) => p.month)).toEqual(['2025-08', '2025-09', '2025-10', '2025-11']);
  });

  it('answers an empty range with zero periods and every province at 0', async () => {
    const { body } = await call('GET', '/reporting/completeness?scheme=reform34&from=2030-01');
    expect(body).toMatchObject({ periods: 0, series: [] });
    expect(body.rows[0]).toMatchObject({ periods: 0, submitted: 0, missing: 0, rate: 0, onTimeRate: 0 });
  });

  it('documents every reporting endpoint in the OpenAPI document', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as any;
    expect(Object.keys(document.paths['/reporting/periods'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(document.paths['/reporting/periods/{id}'])).toEqual(['patch']);
    expect(Object.keys(document.paths['/reporting/periods/{id}/reports'])).toEqual(['post']);
    expect(document.paths['/reporting/periods/{id}/reports'].post.responses).toHaveProperty('403');
    expect(document.paths['/reporting/periods/{id}/completeness']).toHaveProperty('get');
    expect(document.paths['/reporting/completeness'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['scheme', 'from', 'to', 'lang']);
  });
});

describe('who may do what', () => {
  type Who = 'admin' | 'central' | 'provinceInScope' | 'provinceOutOfScope' | 'viewer' | 'signedOut';
  const sessionOf = (who: Who): TestSession | undefined =>
    ({ admin: as.admin, central: as.central, provinceInScope: as.province51, provinceOutOfScope: as.province52, viewer: as.viewer, signedOut: undefined })[who];

  /** Each request on its own period, for province 51 when it names one. */
  const endpoints: Record<string, (session: TestSession | undefined) => Promise<number>> = {
    'POST /reporting/periods': async (s) => (await call('POST', '/reporting/periods', { scheme: 'legacy63', month: freshMonth(), deadline: '2024-12-31' }, s)).status,
    'PATCH /reporting/periods/{id}': async (s) => (await call('PATCH', `/reporting/periods/${await freshPeriod()}`, { deadline: '2024-12-31' }, s)).status,
    'POST /reporting/periods/{id}/reports': async (s) => (await call('POST', `/reporting/periods/${await freshPeriod()}/reports`, { provinceCode: '51' }, s)).status,
    'GET /reporting/periods': async (s) => (await call('GET', '/reporting/periods?scheme=legacy63', undefined, s)).status,
    'GET /reporting/periods/{id}/completeness': async (s) => (await call('GET', `/reporting/periods/${await freshPeriod()}/completeness`, undefined, s)).status,
    'GET /reporting/completeness': async (s) => (await call('GET', '/reporting/completeness?scheme=legacy63', undefined, s)).status,
  };

  const WHO: Who[] = ['admin', 'central', 'provinceInScope', 'provinceOutOfScope', 'viewer', 'signedOut'];
  const expected: Record<string, number[]> = {
    'POST /reporting/periods': [201, 201, 403, 403, 403, 401],
    'PATCH /reporting/periods/{id}': [200, 200, 403, 403, 403, 401],
    'POST /reporting/periods/{id}/reports': [201, 201, 201, 403, 403, 401],
    'GET /reporting/periods': [200, 200, 200, 200, 200, 200],
    'GET /reporting/periods/{id}/completeness': [200, 200, 200, 200, 200, 200],
    'GET /reporting/completeness': [200, 200, 200, 200, 200, 200],
  };
  const cases = Object.entries(expected).flatMap(([endpoint, statuses]) => WHO.map((who, i) => [endpoint, who, statuses[i]!] as const));

  it.each(cases)('%s as %s → %i', async (endpoint, who, status) => {
    expect(await endpoints[endpoint]!(sessionOf(who))).toBe(status);
  });

  it.each(['/reporting/periods', '/reporting/completeness'])('needs a session to read %s without PUBLIC_READ', async (path) => {
    const privateApp = createApp({ db, publicRead: false, services: { today: () => '2026-11-27' } });
    expect((await privateApp.request(`/api/v1${path}`)).status).toBe(401);
    expect((await privateApp.request(`/api/v1${path}`, { headers: as.viewer.headers })).status).toBe(200);
  });
});
