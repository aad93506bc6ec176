/** The HTTP edges every write route shares: who may call it, body size and type, documented errors. */
import type { Context, MiddlewareHandler } from 'hono';
import { requireRole, type Role } from '../auth/user';
import { ApiError, errorBody } from '../http/errors';
import { languageOf, msg, type Lang } from '../messages';
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

/** "64 KB", "20 MB" */
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** The 413 answer naming the limit, in the one error envelope, in the reader's language. */
const tooLargeBody = (maxBytes: number, lang: Lang) => errorBody('payload_too_large', msg('write_body_too_large', { size: sizeText(maxBytes) }), [], lang);

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Every route's body limit, as one middleware on the /api/v1 router: the body is cut off at
 * maxBytes *when it is read*, so a route that refuses first (401, 403 for the wrong role) never
 * reads it and answers that, and a route that reads it answers 413 naming the limit, whatever
 * its validator made of the cut-off body. A declared Content-Length over the limit is refused
 * without reading a byte; a chunked body is counted as it arrives and never held beyond the
 * limit. `skip` names routes with a larger limit of their own (the import upload).
 * v1.use('*', limitBodies(64 * 1024, { skip: (c) => c.req.path === '/api/v1/imports/dry-run' }))
 */
export function limitBodies(maxBytes: number, options: { skip?: (c: Context) => boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    const source = raw.body;
    if (!source || options.skip?.(c)) return next();
    const declared = Number(raw.headers.get('content-length') ?? Number.NaN);
    let isOver = false;
    let size = 0;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const limited = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (declared > maxBytes) {
          isOver = true;
          controller.error(new BodyTooLargeError());
          await source.cancel().catch(() => undefined);
          return;
        }
        reader ??= source.getReader();
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > maxBytes) {
          isOver = true;
          controller.error(new BodyTooLargeError());
          await reader.cancel().catch(() => undefined);
          return;
        }
        controller.enqueue(value);
      },
      async cancel(reason) {
        await (reader ? reader.cancel(reason) : source.cancel(reason)).catch(() => undefined);
      },
      // highWaterMark 0: nothing is pulled until someone reads the body.
    }, { highWaterMark: 0 });
    c.req.raw = new Request(raw, { body: limited, duplex: 'half' } as RequestInit);
    await next();
    // Whatever the reader made of the cut-off body (a validator calls it malformed JSON), the
    // answer is that it was too large.
    if (isOver) {
      c.res = undefined;
      c.res = c.json(tooLargeBody(maxBytes, languageOf(c)), 413);
    }
  };
}

/** 415 unless the body is declared JSON; without this a form post would be validated as {}. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', type ? msg('write_json_body_got', { type: type.slice(0, 100) }) : msg('write_json_body'));
  }
  await next();
};

/**
 * Middleware of a route that writes: signed-in writer first, then body type; the body size is
 * limited for every route on the /api/v1 router (limitBodies), when the body is read.
 */
export const WRITE_MIDDLEWARE: MiddlewareHandler<AppEnv>[] = [onlyRoles(['admin', 'central', 'province']), requireJsonBody];

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
