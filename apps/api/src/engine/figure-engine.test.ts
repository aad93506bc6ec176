import { FIGURE_READ_HEADERS } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, jsonRequest, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { maxStaleSeconds } from './figure-response';

/** The overview's figure reads, as the web app asks for them. */
const FIGURES = [
  '/api/v1/coverage?scheme=reform34&level=province',
  '/api/v1/coverage?scheme=reform34&level=commune&asOf=2025-03-31',
  '/api/v1/coverage/timeline?scheme=reform34&level=commune&interval=month',
  '/api/v1/rankings?scheme=reform34&metric=coverage',
  '/api/v1/rankings?scheme=reform34&metric=followerGrowth',
  '/api/v1/metrics/summary?scheme=reform34',
  '/api/v1/metrics/summary?scheme=legacy63&asOf=2022-08-12',
];
const SUMMARY = '/api/v1/metrics/summary?scheme=reform34';
const STALE_OK = FIGURE_READ_HEADERS;

describe('figures computed in the figure worker', () => {
  const inWorker = openDemoApp({ figureWorker: true });
  const inline = openDemoApp();
  let admin: TestSession;
  let pageId: number;

  beforeAll(async () => {
    admin = await signInAs(inWorker.db, 'admin');
    pageId = (await inWorker.get('/api/v1/pages?scheme=reform34&owner=front&limit=1')).body.items[0].id as number;
  });
  afterAll(() => {
    inWorker.close();
    inline.close();
  });

  const followersOf = async (headers: Record<string, string> = {}) => {
    const response = await inWorker.app.request(SUMMARY, { headers });
    const body = (await response.json()) as { current: { followers: { sum: number } } };
    return { sum: body.current.followers.sum, stale: response.headers.get('x-figures-stale'), cacheControl: response.headers.get('cache-control') };
  };
  const addFollowers = async (followers: number) => {
    const response = await inWorker.app.request(`/api/v1/pages/${pageId}/metrics/2026-10`, jsonRequest('PUT', { followers, posts: 3, interactions: 9 }, admin));
    expect(response.status).toBe(200);
  };

  it.each(FIGURES)('%s answers exactly what the request thread computes', async (path) => {
    const [worker, thread] = await Promise.all([inWorker.get(path), inline.get(path)]);
    expect(worker.status).toBe(200);
    expect(worker.body).toEqual(thread.body);
  });

  it('answers a bad query with the same error, in the reader’s language', async () => {
    const path = '/api/v1/coverage?scheme=reform34&level=district';
    const [worker, thread] = await Promise.all([inWorker.get(path, { 'accept-language': 'en' }), inline.get(path, { 'accept-language': 'en' })]);
    expect(worker.status).toBe(400);
    expect(worker.body).toEqual(thread.body);
  });

  it('answers the fresh figure right after a write to a reader who does not accept a stale one', async () => {
    const before = await followersOf();
    await addFollowers(7_000_001);
    const after = await followersOf();
    expect(after.stale).toBeNull();
    expect(after.sum).not.toBe(before.sum);
    expect(after.sum).toBeGreaterThan(7_000_000);
  });

  it('gives a reader who accepts it the previous figure at once, marked stale and not kept, then the fresh one', async () => {
    const before = await followersOf(STALE_OK);
    expect(before.stale).toBeNull();
    await addFollowers(8_000_002);
    const stale = await followersOf(STALE_OK);
    expect(stale).toMatchObject({ sum: before.sum, stale: '1', cacheControl: 'no-store' });
    // The recomputation the stale answer started is what the next reader gets.
    const fresh = await followersOf();
    expect(fresh.stale).toBeNull();
    expect(fresh.sum).toBe(before.sum - 7_000_001 + 8_000_002);
    expect((await followersOf(STALE_OK)).stale).toBeNull();
  });

  it('keeps serving other requests while a figure is recomputed', async () => {
    await addFollowers(9_000_003);
    const order: string[] = [];
    const figure = Promise.resolve(inWorker.app.request('/api/v1/coverage/timeline?scheme=reform34&level=commune&interval=month')).then(() => order.push('timeline'));
    // Let the figure request reach its computation (in the request's thread it would finish it here).
    for (let turn = 0; turn < 20; turn += 1) await new Promise((done) => setImmediate(done));
    const health = Promise.resolve(inWorker.app.request('/api/v1/schemes')).then(() => order.push('schemes'));
    await Promise.all([figure, health]);
    expect(order).toEqual(['schemes', 'timeline']);
  });

  it.each([
    ['max-stale=60', 60],
    ['no-cache, max-stale = 5', 5],
    ['max-stale', Number.POSITIVE_INFINITY],
    ['no-cache', null],
    ['x-max-stale=3', null],
    [undefined, null],
  ])('reads Cache-Control %j as accepting %s stale seconds', (header, seconds) => {
    expect(maxStaleSeconds(header)).toBe(seconds);
  });

  it('gives a stale figure only within the seconds the reader accepts', async () => {
    await followersOf();
    await addFollowers(6_000_000);
    await new Promise((done) => setTimeout(done, 5));
    const response = await inWorker.app.request(SUMMARY, { headers: { 'cache-control': 'max-stale=0' } });
    expect(response.headers.get('x-figures-stale')).toBeNull();
  });
});
