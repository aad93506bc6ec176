import type { MiddlewareHandler } from 'hono';
import { languageOf } from '../messages';
import { acceptsGzip } from './json-response';
import type { AppEnv } from './router';

interface CachedResponse {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/** Bodies larger than this are not kept whole (their computed answers still are). */
const MAX_CACHED_BODY = 256 * 1024;

/** Answers that depend on who asks say so; they are never shared. */
const PER_USER = /\b(private|no-store)\b/i;

/**
 * Keeps successful GET answers by URL, today's date (the default asOf), language and encoding in the
 * services' QueryCache, so a repeated request skips validation, queries and serialisation.
 * Only answers that are the same for everyone who may read at all are kept: a route whose answer
 * depends on the user (its role, its identity) marks it `Cache-Control: private` or `no-store`.
 * Every write invalidates that cache, so no answer is ever stale. Some answers carry texts in the
 * request's language (?lang, else Accept-Language): each language is kept apart, and every answer
 * says `Vary: Accept-Language` so a browser or proxy does the same.
 */
export function responseCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const services = c.get('services');
    const url = new URL(c.req.url);
    const key = `response:${services.today()}:${languageOf(c)}:${acceptsGzip(c) ? 'gzip' : 'identity'}:${url.pathname}${url.search}`;
    const hit = services.cache.peek<CachedResponse>(key);
    if (hit) return c.body(hit.body, 200, hit.headers);
    await next();
    c.header('Vary', 'Accept-Language', { append: true });
    if (c.res.status !== 200 || PER_USER.test(c.res.headers.get('cache-control') ?? '')) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    if (body.byteLength <= MAX_CACHED_BODY) services.cache.set(key, { body, headers: Object.fromEntries(c.res.headers) });
  };
}
