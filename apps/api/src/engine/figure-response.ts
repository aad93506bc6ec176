import { STALE_FIGURES_HEADER } from '@mttq/core';
import type { Context } from 'hono';
import { encodedJsonResponse } from '../http/json-response';
import type { AppEnv } from '../http/router';
import type { FigureAnswer, FigureQuery, FigureRead } from './figure-reads';

/**
 * How stale an answer the request accepts, in seconds (`Cache-Control: max-stale=N`; a bare
 * max-stale takes any age); null: none.
 */
export function maxStaleSeconds(cacheControl: string | undefined): number | null {
  const match = /(?:^|,)\s*max-stale(?:\s*=\s*"?(\d+)"?)?\s*(?:,|$)/i.exec(cacheControl ?? '');
  if (!match) return null;
  return match[1] === undefined ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/**
 * A figure read's answer (engine/figure-engine.ts). A stale one says so (`X-Figures-Stale: 1`)
 * and is never kept by the response cache, so the next reader meets the fresh one.
 */
export async function figureResponse<N extends FigureRead>(c: Context<AppEnv>, name: N, query: FigureQuery<N>) {
  const { encoded, isStale } = await c.get('services').figures.read(name, query, { maxStaleSeconds: maxStaleSeconds(c.req.header('cache-control')) });
  if (isStale) {
    c.header('cache-control', 'no-store');
    c.header(STALE_FIGURES_HEADER, '1');
  }
  return encodedJsonResponse<FigureAnswer<N> & object>(c, encoded);
}
