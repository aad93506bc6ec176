import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Structured logs: one JSON line per request on stdout, and the server's errors with the same
 * request id. Never written: passwords, session tokens, cookies, CSRF tokens, the Authorization
 * header or any request body. Only the method, the path, the query with the values of sensitive
 * keys replaced, the status, the duration, the signed-in user's id and the request id.
 *
 * {"time":"2026-12-02T16:40:00.123Z","level":"info","msg":"request","method":"GET","path":"/api/v1/coverage?scheme=legacy63","status":200,"durationMs":4.2,"userId":1,"requestId":"…"}
 */

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Severity = Exclude<LogLevel, 'silent'>;

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  /** Would a line of this severity be written? */
  enabled(severity: Severity): boolean;
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
}

/**
 * A logger writing one JSON object per line (to stdout unless `write` is given); lines below
 * `level` are dropped, `silent` drops everything.
 * createLogger('info').info('backup', { file: 'app-….db' }) → {"time":"…","level":"info","msg":"backup","file":"app-….db"}
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => void process.stdout.write(line)): Logger {
  const enabled = (severity: Severity) => RANK[severity] <= RANK[level];
  const log = (severity: Severity) => (msg: string, fields: LogFields = {}) => {
    if (!enabled(severity)) return;
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level: severity, msg, ...fields }, errorReplacer);
    } catch {
      line = JSON.stringify({ time: new Date().toISOString(), level: severity, msg, note: 'fields could not be written as JSON' });
    }
    write(`${line}\n`);
  };
  return { level, enabled, error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}

/** Writes nothing: the default of createApp, so tests stay quiet. */
export const SILENT_LOGGER: Logger = createLogger('silent', () => undefined);

/** Errors become { name, message, code?, stack } instead of {}. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack };
  }
  return value;
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** An incoming x-request-id is kept when it is 1–64 of these characters; otherwise a new one is made. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

/** requestIdOf('abc-123') → 'abc-123'; requestIdOf('<script>') → a new UUID. */
export function requestIdOf(incoming: string | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Query keys whose values are never logged (matched anywhere in the key, any case). */
const SENSITIVE_KEY = /pass|pwd|token|secret|session|csrf|cookie|auth|key|signature|sig$|code_verifier|otp/i;
export const REDACTED = '[redacted]';

/**
 * The path to log: the query is kept, but the values of sensitive keys are replaced.
 * loggedPath('/api/v1/pages?q=hà&token=abc') → '/api/v1/pages?q=h%C3%A0&token=%5Bredacted%5D'
 */
export function loggedPath(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  if (parsed.search === '') return parsed.pathname;
  const params = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) params.append(key, SENSITIVE_KEY.test(key) ? REDACTED : value);
  return `${parsed.pathname}?${params.toString()}`;
}

const LOGGER_KEY = 'logger';
const REQUEST_ID_KEY = 'requestId';

/** The logger and request id of a request, for error logs (http/errors.ts). */
export function requestLogOf(c: Context): { logger: Logger | null; requestId: string | null } {
  const vars = c.var as Record<string, unknown> | undefined;
  return { logger: (vars?.[LOGGER_KEY] as Logger | undefined) ?? null, requestId: (vars?.[REQUEST_ID_KEY] as string | undefined) ?? null };
}

/**
 * Logs a server error with the request's id through the request's logger, or on stderr when the
 * request has none (an app built without requestLog).
 */
export function logServerError(c: Context, msg: string, error: unknown, fields: LogFields = {}): void {
  const { logger, requestId } = requestLogOf(c);
  if (!logger) {
    console.error(msg, error);
    return;
  }
  logger.error(msg, { requestId, method: c.req.method, path: loggedPath(c.req.url), ...fields, error });
}

/**
 * app.use('*', requestLog(logger)): gives each request an id (the incoming x-request-id when it
 * is ≤ 64 safe characters, else a new UUID), sends it back in x-request-id, and logs one line
 * when the answer is ready: status ≥ 500 at level error, the rest at info. At debug, a line
 * "request started" comes first, with the user agent.
 */
export function requestLog(logger: Logger = SILENT_LOGGER): MiddlewareHandler {
  return async (c, next) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set(LOGGER_KEY as never, logger as never);
    c.set(REQUEST_ID_KEY as never, requestId as never);
    const method = c.req.method;
    const path = logger.level === 'silent' ? '' : loggedPath(c.req.url);
    if (logger.enabled('debug')) logger.debug('request started', { method, path, requestId, userAgent: c.req.header('user-agent') ?? null });
    // Before the answer exists, so every answer made with c.json, c.body, … carries it.
    c.header(REQUEST_ID_HEADER, requestId);
    try {
      await next();
    } finally {
      // Answers made otherwise get it now, set on the answer itself as hono's secureHeaders does
      // (c.header() after the answer would make a copy that drops headers under node-server).
      if (c.res.headers.get(REQUEST_ID_HEADER) !== requestId) {
        try {
          c.res.headers.set(REQUEST_ID_HEADER, requestId);
        } catch {
          // Immutable headers (a fetched Response): the id stays in the log only.
        }
      }
      const status = c.res.status;
      const severity: Severity = status >= 500 ? 'error' : 'info';
      if (logger.enabled(severity)) {
        const user = (c.var as Record<string, unknown>).user as { id?: unknown } | null | undefined;
        logger[severity]('request', {
          method,
          path,
          status,
          durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
          userId: typeof user?.id === 'number' ? user.id : null,
          requestId,
        });
      }
    }
  };
}
