/**
 * Import plans kept in the database (plan-store.ts), through real HTTP (@hono/node-server on a
 * free port) over a real SQLite file: bounds per user and none over all users, expiry, restarts,
 * idempotent commits and GET /imports/{planId}.
 */
import type { AddressInfo } from 'node:net';
import { copyFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { IMPORT_PLAN_TTL_HOURS, type ImportCommitResponse, type ImportDryRunResponse, type ImportPlanStatus } from '@mttq/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { createApp } from '../app';
import { createSession, CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';
import { openDatabase, type Db } from '../db/connection';
import { signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';
import { csvFile, postRequest, uploadRequest } from './test-files';
import { plansStored } from './plan-store';

interface Server {
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** The app over the database file at `path`, served on a free port, as `npm start` serves it. */
function startServer(path: string): Promise<Server> {
  const db = openDatabase(path);
  const app = createApp({ db, publicRead: true, services: { today: () => '2026-11-27' } });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        db,
        url: `http://127.0.0.1:${info.port}/api/v1`,
        close: () =>
          new Promise<void>((done) => {
            // as start.ts stops: plans of dry runs answered just before are stored first
            server.close(() => {
              void plansStored().then(() => {
                db.close();
                done();
              });
            });
          }),
      }),
    );
  });
}

let temp: ReturnType<typeof makeTempDir>;
let path: string;
let server: Server;
beforeAll(async () => {
  temp = makeTempDir('mttq-plans-');
  path = temp.path('plans.db');
  copyFileSync(inject('demoDbPath'), path);
  server = await startServer(path);
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});
afterEach(() => vi.useRealTimers());

/** A one-row file creating a page for Xã Quyết Thắng (06394, Tỉnh Lạng Sơn). */
const file = (tag: string) => csvFile([['Mã xã', 'URL', 'Ngày lập', 'Tháng', 'Lượt theo dõi', 'Số bài', 'Tương tác'], ['06394', `https://www.facebook.com/plan.${tag}.test`, '2022-01-01', '2025-05', '10', '1', '2']]);

async function dryRun(session: TestSession, tag: string, fileName = `${tag}.csv`) {
  const response = await fetch(`${server.url}/imports/dry-run`, uploadRequest(file(tag), session, { fileName, scheme: 'legacy63' }));
  expect(response.status).toBe(200);
  return (await response.json()) as ImportDryRunResponse;
}

async function commit(session: TestSession, planId: string) {
  const response = await fetch(`${server.url}/imports/${planId}/commit`, postRequest(session));
  return { status: response.status, body: (await response.json()) as any };
}

async function planStatus(session: TestSession, planId: string, lang?: 'en') {
  const response = await fetch(`${server.url}/imports/${planId}${lang ? `?lang=${lang}` : ''}`, { headers: session.headers });
  return { status: response.status, body: (await response.json()) as any };
}

/** Another session of the same user (the first one ends after 8 hours of a faked clock). */
function sessionOf(userId: number): TestSession {
  const session = createSession(server.db, userId);
  return { userId, headers: { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken } };
}

const count = (sql: string, ...params: unknown[]) => server.db.prepare(sql).pluck().get(...params) as number;
const written = () => ({
  pages: count('SELECT count(*) FROM pages'),
  assignments: count('SELECT count(*) FROM page_assignments'),
  events: count('SELECT count(*) FROM page_status_events'),
  metrics: count('SELECT count(*) FROM metric_snapshots'),
  audit: count('SELECT count(*) FROM audit_log'),
});

describe('pending import plans: per-user bounds, no cap over all users', () => {
  it("keeps an admin's plan committable while 17 officers run 3 dry runs each", async () => {
    const admin = await signInAs(server.db, 'admin');
    const mine = await dryRun(admin, 'busy-day');
    const officers: { session: TestSession; plans: string[] }[] = [];
    for (let i = 0; i < 17; i += 1) {
      const session = await signInAs(server.db, 'province', { scheme: 'legacy63', code: '20' });
      const plans: string[] = [];
      for (let run = 0; run < 3; run += 1) plans.push((await dryRun(session, `officer${i}-${run}`)).planId);
      officers.push({ session, plans });
    }
    const done = await commit(admin, mine.planId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ planId: mine.planId, totals: { create: 1 } });
    // Every officer's three plans are still there too.
    for (const { session, plans } of [officers[0]!, officers[16]!]) {
      for (const planId of plans) expect((await planStatus(session, planId)).body.state).toBe('pending');
    }
    // 52 dry runs through the parsing worker and 18 password hashes: room for a busy CI machine.
  }, 240_000);

  it('replaces the oldest plan of a user at their 4th dry run: its commit says "replaced by your newer dry run of <file> at …", not "expired"', async () => {
    const central = await signInAs(server.db, 'central');
    const [a, b, c] = [await dryRun(central, 'replace-a'), await dryRun(central, 'replace-b'), await dryRun(central, 'replace-c')];
    const d = await dryRun(central, 'replace-d', 'Lạng Sơn tháng 5.csv');
    const newer = (await planStatus(central, d.planId)).body as ImportPlanStatus;

    const refused = await commit(central, a.planId);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('plan_replaced');
    expect(refused.body.error).toMatchObject({ key: 'import_plan_replaced_by', params: { id: a.planId, file: 'replace-a.csv', newFile: 'Lạng Sơn tháng 5.csv', keep: 3 } });
    expect(refused.body.error.message).toContain(`Kế hoạch nhập ${a.planId} (replace-a.csv) đã được thay bằng lần chạy thử mới hơn của bạn với tệp Lạng Sơn tháng 5.csv lúc `);
    expect(refused.body.error.message).toContain('mỗi người giữ 3 lần chạy thử mới nhất');
    expect(refused.body.error.message).not.toContain('hết hạn');

    const status = (await planStatus(central, a.planId)).body as ImportPlanStatus;
    expect(status).toMatchObject({ state: 'replaced', fileName: 'replace-a.csv', result: null, replacedBy: { planId: d.planId, fileName: 'Lạng Sơn tháng 5.csv', createdAt: newer.createdAt } });
    expect(status.endedAt).toBe(newer.createdAt);
    // The three newest stay, and commit.
    for (const plan of [b, c, d]) expect((await planStatus(central, plan.planId)).body.state).toBe('pending');
    expect((await commit(central, d.planId)).status).toBe(200);
    // Committing one frees no slot for the replaced plan: it stays replaced.
    expect((await commit(central, a.planId)).status).toBe(410);
  });

  it(`expires a plan ${IMPORT_PLAN_TTL_HOURS} hours after its dry run: the commit says "expired at …, run the dry run again"`, async () => {
    const central = await signInAs(server.db, 'central');
    vi.useFakeTimers({ toFake: ['Date'] });
    const lasting = await dryRun(central, 'lasting');
    const expiring = await dryRun(central, 'expiring');
    vi.setSystemTime(Date.now() + IMPORT_PLAN_TTL_HOURS * 3_600_000 - 60_000);
    // A working day and a night later, the plan still commits (the session ended; sign in again).
    const later = sessionOf(central.userId);
    expect((await commit(later, lasting.planId)).status).toBe(200);

    vi.setSystemTime(Date.parse(expiring.expiresAt) + 1);
    const refused = await commit(later, expiring.planId);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('plan_expired');
    expect(refused.body.error.message).toBe(
      `Kế hoạch nhập ${expiring.planId} (expiring.csv) đã hết hạn lúc ${vietnamClockVi(expiring.expiresAt)} (giờ Việt Nam), 24 giờ sau lần chạy thử, mà chưa được xác nhận; chưa có gì được nhập. Hãy chạy thử lại.`,
    );
    expect((await planStatus(later, expiring.planId)).body).toMatchObject({ state: 'expired', endedAt: expiring.expiresAt, result: null, replacedBy: null });
    expect(count('SELECT count(*) FROM pages WHERE url = ?', 'https://www.facebook.com/plan.expiring.test')).toBe(0);

    // The next dry run (of anyone) turns it into a tombstone: the plan itself is dropped.
    await dryRun(later, 'sweeper');
    await plansStored();
    expect(server.db.prepare('SELECT state, ended_at AS endedAt, plan_gz IS NULL AS isDropped FROM import_plans WHERE id = ?').get(expiring.planId)).toEqual({
      state: 'expired',
      endedAt: expiring.expiresAt,
      isDropped: 1,
    });
    expect((await commit(later, expiring.planId)).body.error.code).toBe('plan_expired');
  });

  it('keeps a plan over a restart of the server on the same database file', async () => {
    const admin = await signInAs(server.db, 'admin');
    const plan = await dryRun(admin, 'restart');
    await server.close();
    server = await startServer(path);
    const done = await commit(admin, plan.planId);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ planId: plan.planId, totals: plan.totals });
    expect(count('SELECT count(*) FROM pages WHERE url = ?', 'https://www.facebook.com/plan.restart.test')).toBe(1);
  });
});

describe('commits you can trust', () => {
  it('answers a repeated commit with the same result, writing no second set of rows', async () => {
    const admin = await signInAs(server.db, 'admin');
    const plan = await dryRun(admin, 'twice');
    const before = written();
    const first = await commit(admin, plan.planId);
    expect(first.status).toBe(200);
    const after = written();
    // One page, its 'reported' event, one month of figures, and their audit rows with the summary.
    expect(after).toMatchObject({ pages: before.pages + 1, events: before.events + 1, metrics: before.metrics + 1 });
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'import' AND entity_id = ?", plan.planId)).toBe(1);

    const again = await commit(admin, plan.planId);
    expect(again).toEqual(first);
    expect(written()).toEqual(after);
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'import' AND entity_id = ?", plan.planId)).toBe(1);
  });

  it('applies two commits of the same plan sent at once only once, both answered with its result', async () => {
    const admin = await signInAs(server.db, 'admin');
    const plan = await dryRun(admin, 'at-once');
    const before = written();
    const [one, two] = await Promise.all([commit(admin, plan.planId), commit(admin, plan.planId)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body).toEqual(one.body);
    expect(written()).toMatchObject({ pages: before.pages + 1, events: before.events + 1, metrics: before.metrics + 1 });
    expect(count("SELECT count(*) FROM audit_log WHERE entity = 'import' AND entity_id = ?", plan.planId)).toBe(1);
    // As many audit rows as one commit of the same kind of file writes.
    const auditOfBoth = written().audit - before.audit;
    const single = await dryRun(admin, 'at-once-alone');
    const beforeSingle = written().audit;
    expect((await commit(admin, single.planId)).status).toBe(200);
    expect(written().audit - beforeSingle).toBe(auditOfBoth);
  });

  it('GET /imports/{planId} tells its owner pending, then committed with the result; anyone else a 404', async () => {
    const admin = await signInAs(server.db, 'admin');
    const plan = await dryRun(admin, 'status');
    const pending = await planStatus(admin, plan.planId);
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({
      planId: plan.planId,
      state: 'pending',
      fileName: 'status.csv',
      scheme: 'legacy63',
      createdAt: expect.any(String),
      expiresAt: plan.expiresAt,
      endedAt: null,
      totals: plan.totals,
      result: null,
      replacedBy: null,
      message: `Kế hoạch nhập ${plan.planId} (status.csv) đang chờ: hãy xác nhận trước ${vietnamClockVi(plan.expiresAt)} (giờ Việt Nam).`,
    });

    // Another importer (even an admin) and an unknown id get the same 404; a viewer may not ask.
    const other = await signInAs(server.db, 'admin');
    const foreign = await planStatus(other, plan.planId);
    const unknown = await planStatus(other, '00000000-0000-4000-8000-000000000000');
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect(foreign.body.error.message).toBe(unknown.body.error.message.replace('00000000-0000-4000-8000-000000000000', plan.planId));
    expect((await commit(other, plan.planId)).status).toBe(404);
    expect((await planStatus(await signInAs(server.db, 'viewer'), plan.planId)).status).toBe(403);
    expect((await planStatus(admin, 'not-a-plan')).status).toBe(400);
    // GET /imports/template is not taken for a planId.
    expect((await fetch(`${server.url}/imports/template?scheme=legacy63&province=20`, { headers: admin.headers })).status).toBe(200);

    const done = (await commit(admin, plan.planId)).body as ImportCommitResponse;
    const committed = (await planStatus(admin, plan.planId)).body as ImportPlanStatus;
    expect(committed).toMatchObject({ state: 'committed', endedAt: done.committedAt, result: done, replacedBy: null });
    expect(committed.message).toBe(
      `Kế hoạch nhập ${plan.planId} (status.csv) đã được xác nhận lúc ${vietnamClockVi(done.committedAt)} (giờ Việt Nam): thêm 1 trang, cập nhật 0 trang, ghi 1 số liệu tháng và 1 trạng thái.`,
    );
    expect((await planStatus(admin, plan.planId, 'en')).body.message).toBe(
      `Import plan ${plan.planId} (status.csv) was committed at ${vietnamClock(done.committedAt)} Vietnam time (UTC+7): 1 page(s) created, 0 updated, 1 monthly figure(s) and 1 status(es) written.`,
    );
  });

  it('leaves a commit that fails before its result is stored undone and pending; the retry then commits it once', async () => {
    const admin = await signInAs(server.db, 'admin');
    const plan = await dryRun(admin, 'retry');
    const before = written();
    // The last write of the commit's transaction fails, as a full disk would.
    server.db.exec(
      "CREATE TEMP TRIGGER refuse_tombstone BEFORE UPDATE OF state ON main.import_plans WHEN NEW.state = 'committed' BEGIN SELECT RAISE(ABORT, 'disk is full (test)'); END",
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await commit(admin, plan.planId)).status).toBe(500);
    } finally {
      server.db.exec('DROP TRIGGER temp.refuse_tombstone');
      logged.mockRestore();
    }
    expect(written()).toEqual(before);
    expect((await planStatus(admin, plan.planId)).body.state).toBe('pending');

    const retried = await commit(admin, plan.planId);
    expect(retried.status).toBe(200);
    expect(written()).toMatchObject({ pages: before.pages + 1 });
    expect((await planStatus(admin, plan.planId)).body).toMatchObject({ state: 'committed', result: retried.body });
  });
});

/** '2026-11-27T14:05:09.000Z' → '2026-11-27 21:05', the clock in Vietnam. */
function vietnamClock(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** '2026-12-04T02:38:00Z' → '09:38 ngày 04/12/2026' */
function vietnamClockVi(iso: string): string {
  const [date, time] = vietnamClock(iso).split(' ');
  const [year, month, day] = date!.split('-');
  return `${time} ngày ${day}/${month}/${year}`;
}
