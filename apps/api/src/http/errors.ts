import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { languageOf, msg, render, type Lang, type Message, type MessageKey, type MessageParams } from '../messages';
import type { ErrorCode } from '../messages/http-messages';
import { logServerError } from './request-log';

/** Every error text is a catalogue Message, rendered in the request's language. */
export type ErrorText = Message;

/** One field's problem, e.g. { path: 'asOf', message: msg('field_not_real_date') }. */
export interface FieldIssue {
  path: string;
  message: ErrorText;
}

interface RenderedIssue {
  path: string;
  message: string;
  key: string;
  params: MessageParams;
}

/**
 * The one error envelope of DESIGN.md §6: { error: { code, message, key, params, details } }.
 * `message` is in the request's language (languageOf); `key` and `params` are the stable form.
 */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; key: string; params: MessageParams; details: RenderedIssue[] };
}

/**
 * Texts joined by `key`, a template '{first}…{rest}': joinMessages([a, b]) → '{a}; {b}';
 * joinMessages(['admin', 'central'], 'auth_role_or') → 'admin hoặc central' / 'admin or central'.
 */
export function joinMessages<T extends Message | string>(items: readonly T[], key: MessageKey = 'list_semicolon'): T | Message {
  const [first, ...rest] = items;
  if (first === undefined) return msg('field_invalid');
  return rest.length === 0 ? first : msg(key, { first, rest: joinMessages(rest, key) });
}

/** A YYYY-MM-DD date as a parameter, written 12/08/2022 in Vietnamese and 2022-08-12 in English. */
export function dateParam(isoDate: string): Message | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? msg('date_value', { year: match[1]!, month: match[2]!, day: match[3]! }) : isoDate;
}

/** The 400 message that sums up field issues: each 'path: problem', joined by '; '. */
export function fieldsSummary(details: readonly FieldIssue[]): Message {
  return joinMessages(details.map((d) => msg('field_problem', { path: d.path, problem: d.message })));
}

export function errorBody(code: ErrorCode, message: ErrorText, details: readonly FieldIssue[] = [], lang: Lang = 'vi'): ErrorBody {
  return {
    error: {
      code,
      message: render(message, lang),
      key: message.key,
      params: message.params,
      details: details.map((issue) => ({ path: issue.path, message: render(issue.message, lang), key: issue.message.key, params: issue.message.params })),
    },
  };
}

const CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'too_many_attempts',
  503: 'unavailable',
};

/** An expected failure with its code and details; app.onError turns it into the envelope. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly text: ErrorText,
    readonly details: FieldIssue[] = [],
    /** Extra response headers, e.g. Retry-After. */
    readonly responseHeaders: Record<string, string> = {},
  ) {
    super(status, { message: render(text, 'en') });
  }
}

/** 400 naming the parameter: badRequest('level', msg('coverage_no_district_level', …)) */
export function badRequest(path: string, message: ErrorText): ApiError {
  return new ApiError(400, 'bad_request', msg('field_problem', { path, problem: message }), [{ path, message }]);
}

export function notFound(message: ErrorText): ApiError {
  return new ApiError(404, 'not_found', message);
}

// ---------------------------------------------------------------------------------------------
// Storage failures: a full disk, a disk error or a read-only database are not bugs of a request.
// They answer 503 saying the server cannot store data, and /api/health reports them.

/** How long /api/health keeps reporting a failed write that no successful write has followed. */
export const STORAGE_FAILURE_MEMORY_MS = 15 * 60_000;
/** Less free space than this on the database's disk: /api/health reports it full. */
export const MIN_FREE_DISK_BYTES = 1024 * 1024;
/** What a 503 for storage asks the client to wait, in seconds. */
const STORAGE_RETRY_AFTER = '60';

/**
 * The API's answer to a storage error of SQLite, or null for any other error.
 * storageFailureOf(new SqliteError('database or disk is full', 'SQLITE_FULL')) → { code: 'storage_full', sqliteCode: 'SQLITE_FULL', message: msg('storage_full') }
 */
export function storageFailureOf(error: unknown): { code: ErrorCode; sqliteCode: string; message: Message } | null {
  if (!(error instanceof Database.SqliteError)) return null;
  const sqliteCode = error.code;
  if (sqliteCode === 'SQLITE_FULL') {
    return {
      code: 'storage_full',
      sqliteCode,
      message: msg('storage_full'),
    };
  }
  if (sqliteCode.startsWith('SQLITE_IOERR') || sqliteCode.startsWith('SQLITE_CANTOPEN')) {
    return {
      code: 'storage_error',
      sqliteCode,
      message: msg('storage_error', { sqliteCode }),
    };
  }
  if (sqliteCode.startsWith('SQLITE_READONLY')) {
    return {
      code: 'storage_read_only',
      sqliteCode,
      message: msg('storage_read_only', { sqliteCode }),
    };
  }
  return null;
}

interface StorageFailure {
  code: ErrorCode;
  sqliteCode: string;
  at: number;
  /** The connection's total_changes() after the failure: more means a write succeeded since. */
  totalChanges: number;
}

const storageFailures = new WeakMap<Database.Database, StorageFailure>();

const totalChanges = (db: Database.Database) => db.prepare('SELECT total_changes()').pluck().get() as number;

/** Remembers a storage failure of `db` for /api/health. */
export function recordStorageFailure(db: Database.Database, failure: { code: ErrorCode; sqliteCode: string }, now = Date.now()): void {
  try {
    storageFailures.set(db, { ...failure, at: now, totalChanges: totalChanges(db) });
  } catch {
    storageFailures.set(db, { ...failure, at: now, totalChanges: Number.MAX_SAFE_INTEGER });
  }
}

export type StorageStatus = { writable: true } | { writable: false; code: string; reason: string };

/**
 * Can the server store data? Cheap enough for every /api/health: the database is not read-only,
 * has room to grow (its max_page_count, and 1 MB free on its disk), and no write has failed for
 * lack of storage in the last 15 minutes without a successful write since.
 */
export function checkStorage(db: Database.Database, options: { now?: number; freeDiskBytes?: (dir: string) => number } = {}): StorageStatus {
  const now = options.now ?? Date.now();
  if (db.readonly) return { writable: false, code: 'storage_read_only', reason: 'the database is open read-only' };
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const maxPages = db.pragma('max_page_count', { simple: true }) as number;
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    if (pages >= maxPages && freePages === 0) {
      return { writable: false, code: 'storage_full', reason: `the database has reached its size limit (max_page_count ${maxPages} pages)` };
    }
    if (!db.memory) {
      const freeDiskBytes = (options.freeDiskBytes ?? freeBytesOnDisk)(dirname(db.name));
      if (freeDiskBytes < MIN_FREE_DISK_BYTES) {
        return { writable: false, code: 'storage_full', reason: `the disk holding the database has ${freeDiskBytes.toLocaleString('en-US')} bytes free` };
      }
    }
    const failure = storageFailures.get(db);
    if (failure) {
      if (now - failure.at > STORAGE_FAILURE_MEMORY_MS || totalChanges(db) > failure.totalChanges) {
        storageFailures.delete(db);
      } else {
        const seconds = Math.max(0, Math.round((now - failure.at) / 1000));
        return { writable: false, code: failure.code, reason: `a write failed ${seconds} s ago (${failure.sqliteCode}) and none has succeeded since` };
      }
    }
  } catch (error) {
    const failure = storageFailureOf(error);
    if (failure) return { writable: false, code: failure.code, reason: `checking the database failed (${failure.sqliteCode})` };
    throw error;
  }
  return { writable: true };
}

function freeBytesOnDisk(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    // Not knowable here: do not claim the disk is full.
    return Number.POSITIVE_INFINITY;
  }
}

/** app.onError: expected failures keep their status and message; storage failures are 503; anything else is a bare 500. */
export function handleError(error: Error, c: Context) {
  const lang = languageOf(c);
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.text, error.details, lang), error.status as ContentfulStatusCode, error.responseHeaders);
  }
  const storage = storageFailureOf(error);
  if (storage) {
    const db = (c.var as { services?: { db?: Database.Database } } | undefined)?.services?.db;
    if (db) recordStorageFailure(db, storage);
    logServerError(c, `Storage failure on ${c.req.method} ${new URL(c.req.url).pathname}: ${storage.sqliteCode}: ${error.message}`, error);
    return c.json(errorBody(storage.code, storage.message, [], lang), 503, { 'Retry-After': STORAGE_RETRY_AFTER });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = CODES[status] ?? 'error';
    return c.json(errorBody(code, msg(code), [], lang), status);
  }
  logServerError(c, 'Internal server error', error);
  return c.json(errorBody('internal', msg('internal'), [], lang), 500);
}

export function handleNotFound(c: Context) {
  return c.json(errorBody('not_found', msg('no_route', { method: c.req.method, path: new URL(c.req.url).pathname }), [], languageOf(c)), 404);
}
