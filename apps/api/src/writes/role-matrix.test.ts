import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { newPageBody, openWriteApp, type WriteApp } from './test-fixture';

/** Who calls: every role, a province officer inside and outside the page's province, nobody. */
const CALLERS = ['admin', 'central', 'province in scope', 'province out of scope', 'viewer', 'signed out'] as const;
type Caller = (typeof CALLERS)[number];

interface Endpoint {
  name: string;
  /** Prepares a fresh page (when needed) and returns the request to send. */
  prepare: (pageId: number, cell: number) => { method: string; path: string; body: unknown };
  /** Runs before the request, e.g. closing the page so it can be reopened. */
  setUp?: (pageId: number) => Promise<void>;
  expected: Record<Caller, number>;
}

const writers = (ok: number) => ({ admin: ok, central: ok, 'province in scope': ok, 'province out of scope': 403, viewer: 403, 'signed out': 401 });
const reviewers = (ok: number) => ({ admin: ok, central: ok, 'province in scope': 403, 'province out of scope': 403, viewer: 403, 'signed out': 401 });

let w: WriteApp;
let sessions: Record<Exclude<Caller, 'signed out'>, TestSession>;

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /pages',
    prepare: (_, cell) => ({ method: 'POST', path: '/api/v1/pages', body: newPageBody(`matrix.new.${cell}`, { scheme: 'legacy63', code: '00004' }) }),
    expected: writers(201),
  },
  {
    name: 'PATCH /pages/{id}',
    prepare: (id) => ({ method: 'PATCH', path: `/api/v1/pages/${id}`, body: { name: 'Tên mới', owner: 'youth_union' } }),
    expected: writers(200),
  },
  {
    name: 'PUT /pages/{id}/assignments/legacy63',
    prepare: (id) => ({ method: 'PUT', path: `/api/v1/pages/${id}/assignments/legacy63`, body: { unitCode: '00004' } }),
    expected: writers(200),
  },
  {
    name: 'POST /pages/{id}/events reported',
    prepare: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'reported', effectiveOn: '2024-01-02' } }),
    expected: writers(201),
  },
  {
    name: 'POST /pages/{id}/events closed',
    prepare: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'closed', effectiveOn: '2024-01-02', note: 'Ngừng' } }),
    expected: writers(201),
  },
  {
    name: 'POST /pages/{id}/events reopened',
    setUp: async (id) => {
      const { status } = await w.send('POST', `/api/v1/pages/${id}/events`, { status: 'closed', effectiveOn: '2023-01-01' }, sessions.admin);
      expect(status).toBe(201);
    },
    prepare: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'reopened', effectiveOn: '2024-01-02' } }),
    expected: writers(201),
  },
  {
    name: 'POST /pages/{id}/events verified',
    prepare: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'verified', effectiveOn: '2024-01-02' } }),
    expected: reviewers(201),
  },
  {
    name: 'POST /pages/{id}/events rejected',
    prepare: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'rejected', effectiveOn: '2024-01-02', note: 'Không phải trang chính thức' } }),
    expected: reviewers(201),
  },
  {
    name: 'PUT /pages/{id}/metrics/2024-01',
    prepare: (id) => ({ method: 'PUT', path: `/api/v1/pages/${id}/metrics/2024-01`, body: { followers: 10, posts: 2, interactions: 5 } }),
    expected: writers(201),
  },
];

beforeAll(async () => {
  w = openWriteApp();
  const [admin, central, inScope, outOfScope, viewer] = await Promise.all([
    w.signIn('admin'),
    w.signIn('central'),
    w.signIn('province', { scheme: 'legacy63', code: '01' }),
    w.signIn('province', { scheme: 'legacy63', code: '79' }),
    w.signIn('viewer'),
  ]);
  sessions = { admin, central, 'province in scope': inScope, 'province out of scope': outOfScope, viewer };
});
afterAll(() => w.close());

const auditCount = () => (w.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

const cells = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.name, caller, endpoint.expected[caller], endpoint] as const));
let cellNumber = 0;

describe('who may write what (a Hà Nội page, legacy63 commune 00001, launched 2022-03-01)', () => {
  it.each(cells)('%s as %s → %i', async (_, caller, expected, endpoint) => {
    cellNumber += 1;
    const page = await w.send('POST', '/api/v1/pages', newPageBody(`matrix.page.${cellNumber}`), sessions.admin);
    expect(page.status).toBe(201);
    await endpoint.setUp?.(page.body.id);
    const { method, path, body } = endpoint.prepare(page.body.id, cellNumber);
    const session = caller === 'signed out' ? undefined : sessions[caller];
    const before = auditCount();
    const answer = await w.send(method, path, body, session);
    expect(answer.status).toBe(expected);
    if (expected >= 400) {
      expect(answer.body.error.code).toBe(expected === 401 ? 'unauthorized' : 'forbidden');
      expect(auditCount()).toBe(before);
    } else {
      expect(auditCount()).toBeGreaterThan(before);
    }
  });

  it.each(CALLERS.map((caller, i) => [caller, caller === 'admin' || caller === 'central' ? 200 : caller === 'signed out' ? 401 : 403, i] as const))(
    'GET /audit as %s → %i',
    async (caller, expected, i) => {
      const session = caller === 'signed out' ? undefined : sessions[caller];
      // One URL per caller: this table is about roles; audit/routes.test.ts covers the shared response cache.
      const answer = await w.get(`/api/v1/audit?limit=5&entity=page&to=2099-12-${10 + i}`, session);
      expect(answer.status).toBe(expected);
      if (expected === 200) expect(answer.body.items).toHaveLength(5);
    },
  );
});
