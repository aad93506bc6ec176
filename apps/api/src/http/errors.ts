import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { logServerError } from './request-log';

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
  429: 'too_many_attempts',
  503: 'unavailable',
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
    /** Extra response headers, e.g. Retry-After. */
    readonly responseHeaders: Record<string, string> = {},
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
 * storageFailureOf(new SqliteError('database or disk is full', 'SQLITE_FULL')) → { code: 'storage_full', message: 'The server cannot store data: …' }
 */
export function storageFailureOf(error: unknown): { code: string; sqliteCode: string; message: string } | null {
  if (!(error instanceof Database.SqliteError)) return null;
  const sqliteCode = error.code;
  if (sqliteCode === 'SQLITE_FULL') {
    return {
      code: 'storage_full',
      sqliteCode,
      message: 'The server cannot store data: its disk is full. Nothing was saved. Try again later; an administrator has to free disk space first.',
    };
  }
  if (sqliteCode.startsWith('SQLITE_IOERR') || sqliteCode.startsWith('SQLITE_CANTOPEN')) {
    return {
      code: 'storage_error',
      sqliteCode,
      message: `The server cannot store data: its disk reported an error (${sqliteCode}). Nothing was saved. Try again later, and tell an administrator if it persists.`,
    };
  }
  if (sqliteCode.startsWith('SQLITE_READONLY')) {
    return {
      code: 'storage_read_only',
      sqliteCode,
      message: `The server cannot store data: its database cannot be written (${sqliteCode}). Nothing was saved; tell an administrator.`,
    };
  }
  return null;
}

interface StorageFailure {
  code: string;
  sqliteCode: string;
  at: number;
  /** The connection's total_changes() after the failure: more means a write succeeded since. */
  totalChanges: number;
}

const storageFailures = new WeakMap<Database.Database, StorageFailure>();

const totalChanges = (db: Database.Database) => db.prepare('SELECT total_changes()').pluck().get() as number;

/** Remembers a storage failure of `db` for /api/health. */
export function recordStorageFailure(db: Database.Database, failure: { code: string; sqliteCode: string }, now = Date.now()): void {
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
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status as ContentfulStatusCode, error.responseHeaders);
  }
  const storage = storageFailureOf(error);
  if (storage) {
    const db = (c.var as { services?: { db?: Database.Database } } | undefined)?.services?.db;
    if (db) recordStorageFailure(db, storage);
    logServerError(c, `Storage failure on ${c.req.method} ${new URL(c.req.url).pathname}: ${storage.sqliteCode}: ${error.message}`, error);
    return c.json(errorBody(storage.code, storage.message), 503, { 'Retry-After': STORAGE_RETRY_AFTER });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(CODES[status] ?? 'error', error.message), status);
  }
  logServerError(c, 'Internal server error', error);
  return c.json(errorBody('internal', 'Internal server error. The problem has been logged.'), 500);
}

export function handleNotFound(c: Context) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
