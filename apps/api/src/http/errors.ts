import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error envelope of DESIGN.md §6: { error: { code, message, details } }. */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

export function errorBody(code: string, message: string, details: unknown[] = []): ErrorBody {
  return { error: { code, message, details } };
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
};

/** app.onError: expected failures keep their status and message; anything else is a bare 500. */
export function handleError(error: Error, c: Context) {
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(CODES[status] ?? 'error', error.message), status);
  }
  console.error(error);
  return c.json(errorBody('internal', 'Internal server error. The problem has been logged.'), 500);
}

export function handleNotFound(c: Context) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
