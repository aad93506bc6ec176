/**
 * What the stand-ins share: a node:http server on a loopback address only, deterministic figures
 * from a page id, a simulated rate limit (token bucket), and request counters.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandIn {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  stats: StandInStats;
  close(): Promise<void>;
}

export interface StandInStats {
  requests: number;
  rateLimited: number;
  dropped: number;
}

/** FNV-1a of the parts: the same page always has the same figures. */
export function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A simulated platform limit: at most `perSecond` calls in any second (a token bucket). */
export class RateLimit {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }
  take(): boolean {
    if (this.perSecond <= 0) return true;
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export const LOOPBACK_HOST = '127.0.0.1';

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts `handler` on 127.0.0.1 (never another interface), port 0 (a free one) unless given. */
export function listen(handler: Handler, stats: StandInStats, port = 0): Promise<StandIn> {
  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 64 * 1024) req.destroy();
    });
    req.on('end', () => {
      Promise.resolve(handler(req, res, body)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${LOOPBACK_HOST}:${bound}`,
        stats,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Drops the connection without an answer: what a network failure looks like to the client. */
export function drop(req: IncomingMessage, stats: StandInStats): void {
  stats.dropped += 1;
  req.socket.destroy();
}

/** Counts calls per key, for "the first N calls fail" scenarios. */
export class Counter {
  private counts = new Map<string, number>();
  next(key: string): number {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }
}
