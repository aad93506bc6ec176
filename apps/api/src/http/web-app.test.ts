import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';

const INDEX = `<!doctype html><title>Trang cộng đồng MTTQ</title>${'<!-- padding -->'.repeat(200)}`;
const SCRIPT = `console.log(${JSON.stringify('xin chào '.repeat(500))})`;

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  temp = makeTempDir();
  db = openDatabase(temp.path());
  const web = join(temp.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), INDEX);
  writeFileSync(join(web, 'assets', 'app-3f2a.js'), SCRIPT);
  writeFileSync(join(web, 'assets', 'app-3f2a.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = createApp({ db, webDist: web, publicRead: true });
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('the web app over the wire', () => {
  it('sends index.html compressed to a browser that accepts brotli, and revalidates it on every visit', async () => {
    for (const path of ['/', '/map', '/province/01?scheme=reform34']) {
      const response = await app.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('vary')).toContain('Accept-Encoding');
      const body = await bytes(response);
      expect(body.length).toBeLessThan(Buffer.byteLength(INDEX) / 4);
      expect(brotliDecompressSync(body).toString()).toBe(INDEX);
    }
  });

  it('answers 304 with no body when the browser already has this index.html, and 200 once it changed', async () => {
    const first = await app.request('/');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/pages', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await bytes(again)).length).toBe(0);
    const stale = await app.request('/', { headers: { 'if-none-match': '"an-older-build"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(INDEX);
  });

  it('sends gzip to a browser without brotli, and plain bytes when nothing is accepted or gzip is refused', async () => {
    const gzip = await app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gzip)).toString()).toBe(INDEX);
    for (const acceptEncoding of [undefined, 'gzip;q=0, identity']) {
      const plain = await app.request('/', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(INDEX);
    }
  });

  it('sends hashed assets precompressed and cacheable for a year', async () => {
    const response = await app.request('/assets/app-3f2a.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(gunzipSync(await bytes(response)).toString()).toBe(SCRIPT);
    const plain = await app.request('/assets/app-3f2a.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('revalidates files outside /assets, whose names do not change with their content', async () => {
    const response = await app.request('/favicon.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('a file of an older build', () => {
  it('answers 404 instead of index.html, so no browser caches a page as a script', async () => {
    const response = await app.request('/assets/app-0000.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control') ?? '').not.toContain('immutable');
  });
});
