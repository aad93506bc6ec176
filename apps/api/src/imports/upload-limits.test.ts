/**
 * Hostile uploads through the real HTTP edge (@hono/node-server on a free port, a real SQLite
 * file, a signed-in admin): each is refused with a message naming the limit it crossed, while
 * /api/health keeps answering, because reading happens in a worker thread. Then the worker
 * pool itself: time limit (worker terminated and replaced), queue bound, and the worker started
 * under tsx as `npm run serve` runs the server.
 */
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { ParsePool } from './parse-pool';
import { readImportTable } from './read-table';
import { csvFile, uploadRequest } from './test-files';
import { deflatedBomb, xlsxFile } from './upload-test-files';

let demo: ReturnType<typeof openDemoApp>;
let admin: TestSession;
let origin: string;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  demo = openDemoApp();
  admin = await signInAs(demo.db, 'admin');
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: demo.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      origin = `http://127.0.0.1:${info.port}`;
      closeServer = () =>
        new Promise<void>((done) => {
          server.close(() => done());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      resolve();
    });
  });
  // Start the parse worker, so the figures below are about reading, not about starting it.
  await readImportTable(csvFile([['Mã xã', 'URL'], ['06385', 'https://www.facebook.com/warm.test']]));
});
afterAll(async () => {
  await closeServer();
  demo.close();
});

interface Probed {
  status: number;
  body: { error?: { code: string; message: string; key: string; params: Record<string, unknown>; details: Array<{ path: string; message: string; key: string; params: Record<string, unknown> }> } };
  /** Milliseconds the upload took, from sending to its whole answer. */
  uploadMs: number;
  /** /api/health answers that came back while the upload was still being read. */
  healthDuring: number;
  /** The slowest /api/health answer during the upload, in ms. */
  slowestHealthMs: number;
  /** The longest the main thread's event loop was held up meanwhile, in ms. */
  longestStallMs: number;
}

/** Uploads `bytes` to the dry run over real HTTP, asking /api/health every 20 ms meanwhile. */
async function uploadProbingHealth(bytes: Uint8Array, fileName: string): Promise<Probed> {
  // The multipart body is made before the clock starts: a browser makes it, not the server.
  const request = new Request(`${origin}/api/v1/imports/dry-run`, uploadRequest(bytes, admin, { fileName, scheme: 'legacy63' }));
  const body = new Uint8Array(await request.arrayBuffer());
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const started = performance.now();
  let done = false;
  const upload = fetch(request.url, { method: 'POST', headers: request.headers, body }).then(async (response) => {
    const body = (await response.json()) as Probed['body'];
    done = true;
    return { status: response.status, body, uploadMs: performance.now() - started };
  });
  let healthDuring = 0;
  let slowestHealthMs = 0;
  while (!done) {
    const asked = performance.now();
    const health = await fetch(`${origin}/api/health`);
    expect(health.status).toBe(200);
    await health.arrayBuffer();
    slowestHealthMs = Math.max(slowestHealthMs, performance.now() - asked);
    if (!done) healthDuring += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  stalls.disable();
  return { ...(await upload), healthDuring, slowestHealthMs, longestStallMs: stalls.max / 1e6 };
}

describe('POST /imports/dry-run with hostile files, through a real server', () => {
  it('refuses an XLSX whose sheet really inflates to 1 GB though the zip says 1 KB, naming the inflate limit, with memory bounded', async () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
    const bytes = xlsxFile([{ name: 'Trang', xml: { deflated: deflatedBomb(head, 1024), declaredSize: 1024 } }]);
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    const peakBefore = process.resourceUsage().maxRSS;
    const answer = await uploadProbingHealth(bytes, 'bomb.xlsx');
    const peakGrowthMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    console.info(`1 GB XLSX bomb (${bytes.byteLength} bytes): answered ${answer.status} in ${Math.round(answer.uploadMs)} ms; peak RSS grew ${Math.round(peakGrowthMb)} MB; slowest health ${Math.round(answer.slowestHealthMs)} ms; longest main-thread stall ${Math.round(answer.longestStallMs)} ms`);
    expect(answer.status).toBe(413);
    expect(answer.body.error!.code).toBe('payload_too_large');
    expect(answer.body.error!.key).toBe('import_file_inflated');
    expect(answer.body.error!.message).toBe(
      'Tệp XLSX khi giải nén lớn hơn 50 MB (tới giới hạn khi giải nén xl/worksheets/sheet1.xml), giới hạn của một lần nhập: tệp chứa nhiều hơn hẳn một bảng nhập liệu. Hãy xoá các trang tính, dòng, cột không dùng, hoặc lưu thành CSV (UTF-8), rồi tải lên lại.',
    );
    // Inflating stopped at the limit: nowhere near the gigabyte the sheet unpacks to.
    expect(peakGrowthMb).toBeLessThan(400);
    // Health kept answering while the file was read (latencies: apps/api/bench/hostile.bench.ts).
    expect(answer.healthDuring).toBeGreaterThan(0);
  });

  it('refuses a 4.9 MB CSV of nothing but commas (cell limit) while /api/health keeps answering', async () => {
    const answer = await uploadProbingHealth(Buffer.alloc(4_900_000, ','), 'commas.csv');
    console.info(`4.9 MB of commas: answered ${answer.status} in ${Math.round(answer.uploadMs)} ms; ${answer.healthDuring} health answers meanwhile, slowest ${Math.round(answer.slowestHealthMs)} ms; longest main-thread stall ${Math.round(answer.longestStallMs)} ms`);
    expect(answer.status).toBe(422);
    expect(answer.body.error!.message).toBe(
      'Tệp có hơn 1.000.000 ô (số dòng × số cột, kể cả ô trống), giới hạn của một lần nhập. Hãy xoá các dòng, cột trống ngoài bảng, hoặc chia tệp (ví dụ theo tỉnh, thành) rồi nhập lần lượt.',
    );
    expect(answer.healthDuring).toBeGreaterThan(0);
    // Health kept answering while the file was read (latencies: apps/api/bench/hostile.bench.ts).
    expect(answer.healthDuring).toBeGreaterThan(0);
  });

  it('refuses a CSV with one 4.9 MB cell, naming the cell-length limit, the cell, and the fix', async () => {
    const bytes = Buffer.concat([Buffer.from('Mã xã,URL,Tên trang\r\n06385,https://www.facebook.com/long.test,'), Buffer.alloc(4_900_000, 'x'), Buffer.from('\r\n')]);
    const answer = await uploadProbingHealth(bytes, 'long-cell.csv');
    console.info(`one 4.9 MB cell: answered ${answer.status} in ${Math.round(answer.uploadMs)} ms; slowest health ${Math.round(answer.slowestHealthMs)} ms; longest main-thread stall ${Math.round(answer.longestStallMs)} ms`);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({
      code: 'unprocessable',
      message: 'Ô C2 dài hơn 4.000 ký tự, giới hạn của một ô. Hãy rút gọn (hoặc xoá, nếu cột đó không được nhập) rồi tải tệp lên lại.',
      key: 'import_file_cell_length',
      params: { place: 'C2', max: 4000 },
      details: [{ path: 'C2', message: 'dài hơn 4.000 ký tự', key: 'import_file_cell_length_detail', params: { max: 4000 } }],
    });
    // Health kept answering while the file was read (latencies: apps/api/bench/hostile.bench.ts).
    expect(answer.healthDuring).toBeGreaterThan(0);
    // A long cell under the limit is read.
    const fine = await demo.app.request('/api/v1/imports/dry-run', uploadRequest(csvFile([['Mã xã', 'URL', 'Ghi chú'], ['06385', 'https://www.facebook.com/long.test', 'x'.repeat(4_000)]]), admin, { scheme: 'legacy63' }));
    expect(fine.status).toBe(200);
  });
});

describe('the parse worker pool', () => {
  const rows = (n: number) => csvFile([['Mã xã', 'URL', 'Ngày lập'], ...Array.from({ length: n }, (_, i) => ['06385', `https://www.facebook.com/row${i}.test`, '2022-01-01'])]);

  it('stops a read past its time limit, terminating the worker, and reads the next file in a new one', async () => {
    const pool = new ParsePool();
    try {
      expect((await readImportTable(rows(3), { pool })).rows).toHaveLength(3);
      expect(pool.started).toBe(1);
      const late = await readImportTable(rows(20_000), { pool, limits: { timeoutMs: 1 } }).catch((error: unknown) => error);
      expect(late).toBeInstanceOf(ApiError);
      expect((late as ApiError).status).toBe(422);
      expect((late as ApiError).text).toEqual({ key: 'import_file_time', params: { seconds: 0.001 } });
      expect((await readImportTable(rows(2), { pool })).rows).toHaveLength(2);
      expect(pool.started).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('applies the limits it is given, and refuses files beyond its queue with 503', async () => {
    const pool = new ParsePool({ maxQueued: 1 });
    try {
      const refused = await readImportTable(rows(50), { pool, limits: { maxCells: 100 } }).catch((error: unknown) => error);
      expect((refused as ApiError).message).toMatch(/^The file has more than 100 cells/);
      const reads = [readImportTable(rows(5_000), { pool }), readImportTable(rows(5_000), { pool }), readImportTable(rows(5_000), { pool })];
      const settled = await Promise.allSettled(reads);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const busy = (settled[2] as PromiseRejectedResult).reason as ApiError;
      expect([busy.status, busy.code, busy.message]).toEqual([503, 'busy', 'The server is already reading 2 import files; try again in a minute.']);
    } finally {
      await pool.close();
    }
  });

  it('refuses a file that needs more memory than the worker may use with 413', async () => {
    const pool = new ParsePool({ heapMb: 8 });
    try {
      const wide = Buffer.from(`Mã xã,URL\r\n${`${'ab,'.repeat(999)}ab\r\n`.repeat(600)}`, 'utf8');
      const refused = (await readImportTable(wide, { pool }).catch((error: unknown) => error)) as ApiError;
      expect([refused.status, refused.code]).toEqual([413, 'payload_too_large']);
      expect(refused.message).toMatch(/^Reading the file needed more than 8 MB of memory, the limit for reading one import, and was stopped\./);
    } finally {
      await pool.close();
    }
  });

  it('starts its worker under tsx, as `npm run serve` runs the server', () => {
    const tsx = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const script = fileURLToPath(new URL('./upload-tsx-child.ts', import.meta.url));
    const child = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ format: 'csv', separator: ';', rows: [{ row: 2, cells: ['06385', 'https://www.facebook.com/tsx.test'] }], refusal: 'The cell A2 is longer than 4,000 characters' });
    expect(child.status).toBe(0);
  });
});
