/** The HTTP edges every write route shares: who may call it, body size and type, documented errors. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireRole, type Role } from '../auth/user';
import { ApiError } from '../http/errors';
import { errorSchema } from '../http/openapi-responses';
import type { AppEnv } from '../http/router';

/** Write bodies are a few fields; 64 KB leaves room for long Vietnamese notes and nothing more. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * 401 / 403 before the body is read or validated, so a viewer learns nothing from a bad body.
 * onlyRoles(['admin', 'central'])
 */
export function onlyRoles(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get('user'), roles);
    await next();
  };
}

/** 413 in the one error envelope for a body over MAX_BODY_BYTES. */
export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB; send only the fields of this endpoint.`);
  },
});

/** 415 unless the body is declared JSON; without this a form post would be validated as {}. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Send the body as JSON with the header content-type: application/json${type ? ` (got ${type.slice(0, 100)})` : ''}.`);
  }
  await next();
};

/** Middleware of a route that writes: signed-in writer first, then body size, then body type. */
export const WRITE_MIDDLEWARE: MiddlewareHandler<AppEnv>[] = [onlyRoles(['admin', 'central', 'province']), limitBody, requireJsonBody];

const json = { 'application/json': { schema: errorSchema } };

/** The error answers every write endpoint documents. */
export const writeErrorResponses = {
  400: { description: 'Bad input or malformed JSON: details name each field and what to change', content: json },
  401: { description: 'Not signed in', content: json },
  403: { description: 'Missing x-csrf-token header, or the unit or page is outside your role or scope', content: json },
  404: { description: 'Unknown page', content: json },
  409: { description: 'Conflicts with stored data (duplicate address, status that does not fit the history)', content: json },
  413: { description: `Body larger than ${MAX_BODY_BYTES / 1024} KB`, content: json },
  415: { description: 'Body not sent as application/json', content: json },
} as const;
