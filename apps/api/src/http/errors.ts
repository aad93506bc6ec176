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

/** One field's problem, e.g. { path: 'asOf', message: 'is not a real calendar date' }. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An expected failure with its code and details; app.onError turns it into the envelope. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(status, { message });
  }
}

/** 400 naming the parameter: badRequest('level', 'reform34 has no district level') */
export function badRequest(path: string, message: string): ApiError {
  return new ApiError(400, 'bad_request', `${path}: ${message}`, [{ path, message }]);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, 'not_found', message);
}

/** app.onError: expected failures keep their status and message; anything else is a bare 500. */
export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status as ContentfulStatusCode);
  }
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
