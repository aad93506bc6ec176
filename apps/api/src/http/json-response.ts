import { gzipSync } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';

/** Smaller answers are not worth compressing. */
const GZIP_THRESHOLD = 1024;
const ACCEPTS_GZIP = /\bgzip\b(?!\s*;\s*q=0(?:\.0+)?\b)/i;

/** Does the request accept a gzip-encoded answer? */
export function acceptsGzip(c: Context): boolean {
  return ACCEPTS_GZIP.test(c.req.header('accept-encoding') ?? '');
}

/** A JSON answer serialised once: its text, and its gzip when it is worth compressing. */
export interface EncodedJson {
  text: string;
  gzip: Uint8Array<ArrayBuffer> | null;
}

/** Serialises `value` once, for every reader of it (figure answers are encoded in the figure worker). */
export function encodeJson(value: unknown): EncodedJson {
  const text = JSON.stringify(value);
  return { text, gzip: text.length >= GZIP_THRESHOLD ? new Uint8Array(gzipSync(text)) : null };
}

/** An encoded answer, gzipped for clients that accept it. */
export function encodedJsonResponse<T extends object>(c: Context, encoded: EncodedJson): TypedResponse<T, 200, 'json'> {
  const headers = { 'content-type': 'application/json', vary: 'Accept-Encoding' };
  const response = encoded.gzip !== null && acceptsGzip(c) ? c.body(encoded.gzip, 200, { ...headers, 'content-encoding': 'gzip' }) : c.body(encoded.text, 200, headers);
  // The body is the JSON text of a T, which is what the typed response promises.
  return response as unknown as TypedResponse<T, 200, 'json'>;
}

/**
 * The read API's c.json: gzips answers of 1 KB or more for clients that accept it.
 * jsonResponse(c, getCoverage(services, query)) → 200 application/json
 */
export function jsonResponse<T extends object>(c: Context, value: T): TypedResponse<T, 200, 'json'> {
  return encodedJsonResponse<T>(c, encodeJson(value));
}
