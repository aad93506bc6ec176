import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, setApiLanguage, setCsrfToken, toQueryString } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setApiLanguage('vi');
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('toQueryString', () => {
  it('leaves out empty values', () => {
    expect(toQueryString({ scheme: 'legacy63', asOf: null, level: 'province', parent: undefined })).toBe('?scheme=legacy63&level=province');
    expect(toQueryString({})).toBe('');
  });
});

describe('apiFetch', () => {
  it('sends the cookie on the same origin and the CSRF token only on non-GET', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok');
    await apiFetch('/coverage', { query: { scheme: 'reform34' } });
    await apiFetch('/auth/logout', { method: 'POST' });
    const [getUrl, getInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, postInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(getUrl).toBe('/api/v1/coverage?scheme=reform34');
    expect(getInit.credentials).toBe('same-origin');
    expect(getInit.headers).not.toHaveProperty('x-csrf-token');
    expect(postInit.headers).toHaveProperty('x-csrf-token', 'tok');
  });

  it("asks for the server's messages in the user's language: Vietnamese until the switch says English", async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await apiFetch('/coverage');
    setApiLanguage('en');
    await apiFetch('/coverage');
    const languages = (fetchMock.mock.calls as unknown as Array<[string, RequestInit]>).map(([, init]) => (init.headers as Record<string, string>)['accept-language']);
    expect(languages).toEqual(['vi', 'en']);
  });

  it("throws an ApiError carrying the server's envelope", async () => {
    const details = [{ path: 'asOf', message: 'is not a real calendar date' }];
    vi.stubGlobal('fetch', async () => json(400, { error: { code: 'bad_request', message: 'Bad query', details } }));
    const error = await apiFetch('/coverage').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'Bad query', details });
  });

  it('describes answers without an envelope and unreachable servers', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiFetch('/coverage')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(apiFetch('/coverage')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
