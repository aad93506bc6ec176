import { gzipSync } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';

/** Smaller answers are not worth compressing. */
const GZIP_THRESHOLD = 1024;
const ACCEPTS_GZIP = /\bgzip\b(?!\s*;\s*q=0(?:\.0+)?\b)/i;

/** Does the request accept a gzip-encoded answer? */
export function acceptsGzip(c: Context): boolean {
  return ACCEPTS_GZIP.test(c.req.header('accept-encoding') ?? '');
}

/**
 * The read API's c.json: gzips answers of 1 KB or more for clients that accept it.
 * jsonResponse(c, getCoverage(services, query)) → 200 application/json
 */
export function jsonResponse<T extends object>(c: Context, value: T): TypedResponse<T, 200, 'json'> {
  const text = JSON.stringify(value);
  const headers = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
  const response =
    text.length >= GZIP_THRESHOLD && acceptsGzip(c)
      ? c.body(new Uint8Array(gzipSync(text)), 200, { ...headers, 'content-encoding': 'gzip' })
      : c.body(text, 200, headers);
  // The body is JSON.stringify(value), which is what the typed response promises.
  return response as unknown as TypedResponse<T, 200, 'json'>;
}
