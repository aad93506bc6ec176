import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { openDatabase, type Db } from './db/connection';
import { makeTempDir } from './test/temp-db';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  temp = makeTempDir();
  db = openDatabase(temp.path());
  const web = join(temp.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Trang cộng đồng MTTQ</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("hi")');
  app = createApp({ db, webDist: web, publicRead: true });
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('createApp', () => {
  it('reports zero units while the registry is not loaded, instead of failing', async () => {
    const response = await app.request('/api/health');
    expect(await response.json()).toEqual({ status: 'ok', schemes: { legacy63: {}, reform34: {} }, figures: 'ready' });
  });

  it('serves the web app at / and for client-side routes', async () => {
    for (const path of ['/', '/coverage/legacy63']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Trang cộng đồng MTTQ');
    }
    expect(await (await app.request('/assets/app.js')).text()).toBe('console.log("hi")');
  });

  it('never answers an API path with the web app', async () => {
    const response = await app.request('/api/v1/no-such-resource');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('serves readable API docs', async () => {
    const docs = await app.request('/api/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/coverage/timeline');
  });

  it.each(['/api/v1/schemes?foo=1', '/api/v1/pages/1?foo=1'])('rejects unknown parameters on %s too', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.details).toEqual([
      { path: 'foo', message: 'không phải tham số của địa chỉ này; hãy bỏ đi hoặc kiểm tra chính tả', key: 'field_unknown_parameter', params: {} },
    ]);
  });
});
