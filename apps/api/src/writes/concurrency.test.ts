import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSession } from '../auth/sessions';
import { createServices } from '../http/services';
import type { TestSession } from '../test/auth';
import { createPage } from './page-writes';
import { runWrite } from './run-write';
import { newPageBody, openWriteApp, type WriteApp } from './test-fixture';

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];

let w: WriteApp;
/** One page per legacy63 province, at the province unit, and its officer. */
let provinces: { code: string; pageId: number; officer: TestSession }[];

beforeAll(async () => {
  w = openWriteApp();
  const admin = await w.signIn('admin');
  const adminUser = getSession(w.db, admin.headers.cookie!.split('=')[1]!)!.user;
  const services = createServices(w.db, { today: () => '2026-11-27' });
  const codes = (w.db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND level = 'province' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
  expect(codes).toHaveLength(63);
  const officers = await Promise.all(codes.map((code) => w.signIn('province', { scheme: 'legacy63', code })));
  provinces = codes.map((code, i) => {
    const page = runWrite(services, adminUser, () => createPage(services, adminUser, newPageBody(`mttq.tinh${code}`, { scheme: 'legacy63', code }, '2023-06-01')));
    return { code, pageId: page.id, officer: officers[i]! };
  });
});
afterAll(() => w.close());

const followersOf = (code: string, month: string) => Number(code) * 1000 + Number(month.slice(5));

describe('many provinces writing at once', () => {
  it('lands all 63 × 5 monthly figures sent at the same moment, with no 5xx and no busy error', async () => {
    const requests = provinces.flatMap(({ code, pageId, officer }) =>
      MONTHS.map((month) =>
        w.send('PUT', `/api/v1/pages/${pageId}/metrics/${month}`, { followers: followersOf(code, month), posts: Number(month.slice(5)), interactions: 7 }, officer),
      ),
    );
    const answers = await Promise.all(requests);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(Array(63 * 5).fill(201));

    const rows = w.db.prepare("SELECT page_id, month, followers, posts, source FROM metric_snapshots WHERE source = 'manual'").all() as {
      page_id: number;
      month: string;
      followers: number;
      posts: number;
    }[];
    expect(rows).toHaveLength(63 * 5);
    const byKey = new Map(rows.map((r) => [`${r.page_id}/${r.month}`, r]));
    for (const { code, pageId } of provinces) {
      for (const month of MONTHS) expect(byKey.get(`${pageId}/${month}`)).toMatchObject({ followers: followersOf(code, month), posts: Number(month.slice(5)) });
    }
    const audited = w.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'metric_snapshot' AND action = 'create'").get() as { n: number };
    expect(audited.n).toBe(63 * 5);
  });

  it('loses no update when 40 writers replace the same month at once: each saw the one before', async () => {
    const { pageId, officer } = provinces[0]!;
    const [central, admin] = await Promise.all([w.signIn('central'), w.signIn('admin')]);
    const writers = [officer, central, admin];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => w.send('PUT', `/api/v1/pages/${pageId}/metrics/2024-06`, { followers: 100 + i, posts: i, interactions: i }, writers[i % 3])),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(39);
    const chain = (
      w.db.prepare("SELECT before_json, after_json FROM audit_log WHERE entity = 'metric_snapshot' AND entity_id = ? ORDER BY id").all(`${pageId}/2024-06`) as {
        before_json: string | null;
        after_json: string;
      }[]
    ).map((r) => ({ before: r.before_json && JSON.parse(r.before_json), after: JSON.parse(r.after_json) }));
    expect(chain).toHaveLength(40);
    expect(chain[0]!.before).toBeNull();
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]!.before).toEqual(chain[i - 1]!.after);
    const stored = w.db.prepare('SELECT followers FROM metric_snapshots WHERE page_id = ? AND month = ?').get(pageId, '2024-06') as { followers: number };
    expect(stored.followers).toBe(chain.at(-1)!.after.followers);
  });
});
