import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from '../test/demo-app';

let demo: ReturnType<typeof openDemoApp>;
beforeAll(() => {
  demo = openDemoApp();
});
afterAll(() => demo.close());

const request = (path: string, encoding?: string) => demo.app.request(path, { headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('answers of the read API', () => {
  const path = '/api/v1/coverage?scheme=legacy63&asOf=2022-08-12';

  it('come gzipped to clients that accept gzip, and plain to the others, whichever asked first', async () => {
    const zipped = await request(path, 'gzip, deflate, br');
    const plain = await request(path);
    const zippedAgain = await request(path, 'gzip');
    const plainAgain = await request(path, 'gzip;q=0');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zippedAgain.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plainAgain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(text);
    expect(gunzipSync(Buffer.from(await zippedAgain.arrayBuffer())).toString()).toBe(text);
    expect(JSON.parse(text).levels.province).toMatchObject({ total: 63, covered: 63 });
  });

  it('leave small answers uncompressed', async () => {
    const response = await request('/api/v1/schemes', 'gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(((await response.json()) as any).schemes).toHaveLength(2);
  });

  it('say they vary with Accept-Language, whether computed or served from the cache', async () => {
    const path = '/api/v1/coverage?scheme=legacy63&asOf=2020-01-01';
    for (const language of ['vi', 'en', 'vi']) {
      const response = await demo.app.request(path, { headers: { 'accept-language': language } });
      expect(response.status).toBe(200);
      expect(response.headers.get('vary')).toMatch(/accept-language/i);
    }
  });

  it('are kept per URL: another asOf gives another answer, errors are never kept', async () => {
    const other = (await (await request('/api/v1/coverage?scheme=legacy63&asOf=2021-12-31')).json()) as any;
    expect(other.asOf).toBe('2021-12-31');
    expect(other.levels.commune.covered).toBeLessThan(5_777);
    for (let i = 0; i < 2; i += 1) expect((await request('/api/v1/coverage?asOf=2022-02-30')).status).toBe(400);
  });
});
