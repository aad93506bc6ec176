import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashKey } from '@tanstack/react-query';
import { figureQueryFn, refetchWhileStale, STALE_FIGURES_REFETCH_MS } from './figures';

const KEY = ['coverage', { scheme: 'reform34', level: 'province', asOf: null }] as const;

function answer(isStale: boolean) {
  return new Response(JSON.stringify({ rows: [] }), { status: 200, headers: { 'content-type': 'application/json', ...(isStale ? { 'x-figures-stale': '1' } : {}) } });
}

describe('dashboard figure queries', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('welcome stale figures, ask again soon while they are stale, and stop once fresh', async () => {
    const fetchMock = vi.fn().mockResolvedValueOnce(answer(true)).mockResolvedValueOnce(answer(false));
    vi.stubGlobal('fetch', fetchMock);
    const queryFn = figureQueryFn<{ rows: unknown[] }>('/coverage');
    const context = { queryKey: KEY, signal: new AbortController().signal, meta: undefined } as never;

    await queryFn(context);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/coverage?scheme=reform34&level=province');
    expect((init.headers as Record<string, string>)['cache-control']).toBe('max-stale=60');
    expect(refetchWhileStale({ queryHash: hashKey(KEY) })).toBe(STALE_FIGURES_REFETCH_MS);

    await queryFn(context);
    expect(refetchWhileStale({ queryHash: hashKey(KEY) })).toBe(false);
  });
});
