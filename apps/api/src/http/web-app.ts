import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';

/**
 * The built web app. Vite names every file under /assets by its content hash, so those are cached
 * for a year and never revalidated; the build writes a .br and a .gz beside each of them
 * (the precompress plugin in apps/web/vite.config.ts), sent to browsers that accept them. index.html is the one file whose
 * name stays while its content changes: it is revalidated on every visit (ETag, 304), and served
 * compressed from memory.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

interface IndexVariants {
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

function loadIndex(webDist: string): IndexVariants {
  const identity = readFileSync(join(webDist, 'index.html'));
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  return {
    etag,
    identity: new Uint8Array(identity),
    br: new Uint8Array(brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
    gzip: new Uint8Array(gzipSync(identity, { level: 9 })),
  };
}

/** The encodings the client accepts, from Accept-Encoding (q=0 refuses one). */
function accepts(c: Context, encoding: 'br' | 'gzip'): boolean {
  const header = c.req.header('accept-encoding') ?? '';
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== encoding) return false;
    return !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
  });
}

function ifNoneMatches(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Serves the web app from `webDist` on `app` (after the API routes, which take /api first). */
export function serveWebApp(app: Hono, webDist: string): void {
  const index = loadIndex(webDist);
  const sendIndex = (c: Context) => {
    c.header('Cache-Control', REVALIDATE);
    c.header('ETag', index.etag);
    c.header('Vary', 'Accept-Encoding');
    if (ifNoneMatches(c, index.etag)) return c.body(null, 304);
    c.header('Content-Type', 'text/html; charset=utf-8');
    const encoding = accepts(c, 'br') ? 'br' : accepts(c, 'gzip') ? 'gzip' : null;
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(encoding ? index[encoding] : index.identity);
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('/*', async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206) c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
  });
  // serveStatic takes a root relative to the working directory.
  app.use('/*', serveStatic({ root: relative(process.cwd(), webDist) || '.', precompressed: true }));
  // a missing asset is an old build's file: 404, never index.html under a year-long cache
  app.get('/assets/*', (c) => c.notFound());
  // every other path is a client-side route of the single-page app
  app.get('*', sendIndex);
}
