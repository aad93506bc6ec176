import type { SchemeId } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../test/auth';
import { openWriteApp, type WriteApp } from './test-fixture';

/**
 * Province officers against pages that have a unit in only one scheme, in both directions: a
 * page of Hà Nội known only in reform34 (commune 00004) or only in legacy63 (commune 00001).
 * Officers of Hà Nội in either scheme may act on it; officers of Quảng Ngãi in either scheme
 * may not, not even by first giving the page a unit of their own in the other scheme.
 */
const OFFICERS = ['Hà Nội legacy63:01', 'Hà Nội reform34:01', 'Quảng Ngãi legacy63:51', 'Quảng Ngãi reform34:51'] as const;
type Officer = (typeof OFFICERS)[number];
const SCOPES: Record<Officer, { scheme: SchemeId; code: string }> = {
  'Hà Nội legacy63:01': { scheme: 'legacy63', code: '01' },
  'Hà Nội reform34:01': { scheme: 'reform34', code: '01' },
  'Quảng Ngãi legacy63:51': { scheme: 'legacy63', code: '51' },
  'Quảng Ngãi reform34:51': { scheme: 'reform34', code: '51' },
};
const isHanoi = (officer: Officer) => officer.startsWith('Hà Nội');

const PAGES = { 'only in reform34': { scheme: 'reform34', code: '00004' }, 'only in legacy63': { scheme: 'legacy63', code: '00001' } } as const;
type PageKind = keyof typeof PAGES;

interface Endpoint {
  name: string;
  request: (pageId: number, officer: Officer) => { method: string; path: string; body: unknown };
  ok: number;
}

/** A unit of the officer's own province in the scheme the page lacks. */
const ownUnitIn = (scheme: SchemeId, officer: Officer) =>
  isHanoi(officer) ? (scheme === 'legacy63' ? '00004' : '00097') : scheme === 'legacy63' ? '21010' : '21025';
const otherScheme = (kind: PageKind): SchemeId => (PAGES[kind].scheme === 'legacy63' ? 'reform34' : 'legacy63');

const endpointsFor = (kind: PageKind): Endpoint[] => [
  { name: 'PATCH /pages/{id}', request: (id) => ({ method: 'PATCH', path: `/api/v1/pages/${id}`, body: { name: 'Trang đổi tên' } }), ok: 200 },
  {
    name: `PUT /pages/{id}/assignments/${otherScheme(kind)} (a unit of the officer's own province)`,
    request: (id, officer) => ({ method: 'PUT', path: `/api/v1/pages/${id}/assignments/${otherScheme(kind)}`, body: { unitCode: ownUnitIn(otherScheme(kind), officer) } }),
    ok: 200,
  },
  { name: 'POST /pages/{id}/events closed', request: (id) => ({ method: 'POST', path: `/api/v1/pages/${id}/events`, body: { status: 'closed', effectiveOn: '2025-01-02' } }), ok: 201 },
  { name: 'PUT /pages/{id}/metrics/2025-01', request: (id) => ({ method: 'PUT', path: `/api/v1/pages/${id}/metrics/2025-01`, body: { followers: 10, posts: 1, interactions: 3 } }), ok: 201 },
];

let w: WriteApp;
let sessions: Record<Officer, TestSession>;
let pageNumber = 0;

/** A page of Hà Nội launched 2024-03-01 with its one assignment, written directly (as old data can be). */
function insertPage(kind: PageKind): number {
  pageNumber += 1;
  const { lastInsertRowid } = w.db
    .prepare("INSERT INTO pages (platform, url, name, owner, launched_on) VALUES ('facebook', ?, ?, 'front', '2024-03-01')")
    .run(`https://www.facebook.com/scope.matrix.${pageNumber}`, `MTTQ scope matrix ${pageNumber}`);
  const id = Number(lastInsertRowid);
  w.db.prepare("INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, 'direct')").run(id, PAGES[kind].scheme, PAGES[kind].code);
  return id;
}

const assignments = (id: number) => w.db.prepare('SELECT scheme, unit_code FROM page_assignments WHERE page_id = ? ORDER BY scheme').all(id);
const auditCount = () => (w.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

beforeAll(async () => {
  w = openWriteApp();
  const signedIn = await Promise.all(OFFICERS.map((officer) => w.signIn('province', SCOPES[officer])));
  sessions = Object.fromEntries(OFFICERS.map((officer, i) => [officer, signedIn[i]!])) as Record<Officer, TestSession>;
});
afterAll(() => w.close());

const cells = (Object.keys(PAGES) as PageKind[]).flatMap((kind) =>
  endpointsFor(kind).flatMap((endpoint) => OFFICERS.map((officer) => [kind, endpoint.name, officer, isHanoi(officer) ? endpoint.ok : 403, endpoint] as const)),
);

describe('officers and a Hà Nội page with a unit in one scheme only', () => {
  it.each(cells)('page %s: %s as %s → %i', async (kind, _, officer, expected, endpoint) => {
    const id = insertPage(kind);
    const before = { audit: auditCount(), assignments: assignments(id) };
    const { method, path, body } = endpoint.request(id, officer);
    const answer = await w.send(method, path, body, sessions[officer]);
    expect(answer.status).toBe(expected);
    if (expected === 403) {
      expect(answer.body.error.message).toContain(`Phạm vi của bạn là ${SCOPES[officer].scheme}:${SCOPES[officer].code}`);
      expect(answer.body.error.message).toContain(`của đơn vị ${PAGES[kind].scheme}:${PAGES[kind].code}`);
      expect(auditCount()).toBe(before.audit);
      expect(assignments(id)).toEqual(before.assignments);
    } else {
      expect(auditCount()).toBeGreaterThan(before.audit);
    }
  });

  it('keeps province-51 from taking over a reform34 Hà Nội page by assigning it in legacy63, then from renaming, closing or reporting it', async () => {
    const id = insertPage('only in reform34');
    const officer = sessions['Quảng Ngãi legacy63:51'];
    const take = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy63`, { unitCode: '21010' }, officer);
    expect(take.status).toBe(403);
    expect(take.body.error.message).toBe(
      `Phạm vi của bạn là legacy63:51 (Tỉnh Quảng Ngãi); trang ${id}, của đơn vị reform34:00004, nằm ngoài phạm vi đó. Hãy nhờ cán bộ trung ương thực hiện thay đổi này.`,
    );
    const english = await w.send('PUT', `/api/v1/pages/${id}/assignments/legacy63?lang=en`, { unitCode: '21010' }, officer);
    expect(english.body.error.message).toBe(
      `Your scope is legacy63:51 (Tỉnh Quảng Ngãi); page ${id}, of unit reform34:00004, is outside it. Ask central staff to make this change.`,
    );
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/pages/${id}`, { name: 'Trang của Quảng Ngãi', url: 'https://www.facebook.com/quangngai.taken' }],
      ['POST', `/api/v1/pages/${id}/events`, { status: 'closed', effectiveOn: '2025-01-02' }],
      ['PUT', `/api/v1/pages/${id}/metrics/2025-01`, { followers: 1, posts: 1, interactions: 1 }],
    ] as const) {
      expect((await w.send(method, path, body, officer)).status).toBe(403);
    }
    expect(assignments(id)).toEqual([{ scheme: 'reform34', unit_code: '00004' }]);
  });
});
