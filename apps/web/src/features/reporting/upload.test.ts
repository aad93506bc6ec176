import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUpload, setCsrfToken } from '../../api/client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiUpload (the import dry run)', () => {
  it('posts the form with the session cookie and the CSRF token, leaving the multipart type to the browser', async () => {
    const fetchMock = vi.fn(async () => json(200, { planId: 'p' }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok');
    const form = new FormData();
    form.append('scheme', 'legacy63');
    expect(await apiUpload('/imports/dry-run', form)).toEqual({ planId: 'p' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/imports/dry-run');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: form });
    expect(init.headers).toEqual({ accept: 'application/json', 'x-csrf-token': 'tok' });
  });

  it("throws the server's envelope, e.g. a 413 for a file over 5 MB", async () => {
    vi.stubGlobal('fetch', async () => json(413, { error: { code: 'payload_too_large', message: 'The file is larger than 5 MB', details: [] } }));
    const error = await apiUpload('/imports/dry-run', new FormData()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('turns a lost connection into a network ApiError (status 0)', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await apiUpload('/imports/dry-run', new FormData()).catch((e: unknown) => e)).toMatchObject({ status: 0, code: 'network' });
  });
});
