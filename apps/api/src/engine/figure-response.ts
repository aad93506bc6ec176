import type { Context } from 'hono';
import { jsonResponse } from '../http/json-response';
import type { AppEnv } from '../http/router';
import type { FigureAnswer, FigureQuery, FigureRead } from './figure-reads';

/** The request accepts an answer older than the latest write (`Cache-Control: max-stale`). */
const acceptsStale = (c: Context) => /\bmax-stale\b/i.test(c.req.header('cache-control') ?? '');

/**
 * A figure read's answer (engine/figure-engine.ts). A stale one says so (`X-Figures-Stale: 1`)
 * and is never kept by the response cache, so the next reader meets the fresh one.
 */
export async function figureResponse<N extends FigureRead>(c: Context<AppEnv>, name: N, query: FigureQuery<N>) {
  const { value, isStale } = await c.get('services').figures.read(name, query, { acceptStale: acceptsStale(c) });
  if (isStale) {
    c.header('cache-control', 'no-store');
    c.header('x-figures-stale', '1');
  }
  return jsonResponse(c, value as FigureAnswer<N> & object);
}
