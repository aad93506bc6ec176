/** Test helpers: the app behind a real HTTP server, and requests from chosen loopback addresses. */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { createApp } from '../app';

export interface Served {
  /** http://127.0.0.1:port */
  origin: string;
  close(): Promise<void>;
}

/** Serves `app` on a free port of 127.0.0.1, as `npm start` does. */
export function serveApp(app: ReturnType<typeof createApp>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Milliseconds from sending until the whole answer arrived. */
  ms: number;
  json<T = any>(): T;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string or buffer sent with Content-Length, or chunks sent chunked (no Content-Length). */
  body?: string | Buffer | Buffer[];
  /** The loopback address to send from (127.0.0.0/8 on Linux), e.g. 127.0.0.2. */
  from?: string;
}

/** One HTTP request over a real socket; resolves with the answer even when the server stops reading. */
export function send(url: string, options: SendOptions = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const chunked = Array.isArray(options.body);
    const headers: Record<string, string> = { connection: 'close', ...options.headers };
    if (options.body !== undefined && !chunked) headers['content-length'] = String(Buffer.byteLength(options.body as string | Buffer));
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers, localAddress: options.from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, ms: performance.now() - started, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (chunked) {
      const parts = options.body as Buffer[];
      const writeNext = (i: number) => {
        if (i >= parts.length || req.destroyed) return req.end();
        if (req.write(parts[i]!)) setImmediate(() => writeNext(i + 1));
        else req.once('drain', () => writeNext(i + 1));
      };
      writeNext(0);
    } else {
      req.end(options.body);
    }
  });
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
