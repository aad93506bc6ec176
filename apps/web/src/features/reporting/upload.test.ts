import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUpload, setCsrfToken } from '../../api/client';
import { checkImportFile } from './upload';

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
    expect(init.headers).toEqual({ accept: 'application/json', 'accept-language': 'vi', 'x-csrf-token': 'tok' });
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

describe('checkImportFile (the wizard’s dry run)', () => {
  it('sends the file, scheme, column mapping as JSON and sheet, asking for the screen’s language', async () => {
    const fetchMock = vi.fn(async () => json(200, { planId: 'p' }));
    vi.stubGlobal('fetch', fetchMock);
    const file = new File(['Mã xã,URL\r\n'], 'xa.csv');
    await checkImportFile({ file, scheme: 'reform34', locale: 'vi', mapping: { 1: 'url', 2: 'ignore' }, sheet: 'Tháng 6' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/imports/dry-run?lang=vi');
    const form = init.body as FormData;
    expect((form.get('file') as File).name).toBe('xa.csv');
    expect(form.get('scheme')).toBe('reform34');
    expect(JSON.parse(form.get('mapping') as string)).toEqual({ 1: 'url', 2: 'ignore' });
    expect(form.get('sheet')).toBe('Tháng 6');
  });

  it('leaves mapping and sheet out when the user chose none, so the server reads by meaning or remembers', async () => {
    const fetchMock = vi.fn(async () => json(200, { planId: 'p' }));
    vi.stubGlobal('fetch', fetchMock);
    await checkImportFile({ file: new File(['x'], 'a.csv'), scheme: 'legacy63', locale: 'en' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/imports/dry-run?lang=en');
    expect([...(init.body as FormData).keys()].sort()).toEqual(['file', 'scheme']);
  });
});
