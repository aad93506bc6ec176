/**
 * The figure worker: computes figure reads (figure-reads.ts) on its own read-only connection to
 * the database, so a recomputation after a write never holds up the server's event loop. Its
 * caches are emptied whenever a job carries a newer write generation than it has seen. Each
 * answer goes back with its reach (figure-reach.ts): what a later write must touch to move it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SchemeId } from '@mttq/core';
import { ApiError } from '../http/errors';
import { encodeJson } from '../http/json-response';
import { createServices } from '../http/services';
import { figureReach } from './figure-reach';
import { FIGURE_READS, type FigureJob, type FigureResult } from './figure-reads';

const { databasePath, defaultScheme } = workerData as { databasePath: string; defaultScheme: SchemeId | undefined };
const db = new Database(databasePath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
let today = new Date().toISOString().slice(0, 10);
const services = createServices(db, { defaultScheme, today: () => today });
let generation = -1;

parentPort!.on('message', (job: FigureJob) => {
  if (job.generation !== generation) {
    services.cache.invalidate();
    generation = job.generation;
  }
  today = job.today;
  let result: FigureResult;
  try {
    const read = FIGURE_READS[job.name] as (services: unknown, query: unknown) => Parameters<typeof figureReach>[2];
    const answer = read(services, job.query);
    // serialised and gzipped here, so the server's thread only sends the bytes
    result = { id: job.id, encoded: encodeJson(answer), reach: figureReach(job.name, job.query as { from?: string }, answer) };
  } catch (error) {
    result =
      error instanceof ApiError
        ? { id: job.id, apiError: { status: error.status, code: error.code, text: error.text, details: error.details, headers: error.responseHeaders } }
        : { id: job.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(result, 'encoded' in result && result.encoded.gzip ? [result.encoded.gzip.buffer] : []);
});
parentPort!.postMessage({ ready: true });
// The page histories and every month's posts, loaded before the first figure asks, a month at a
// time so that jobs run in between.
services.histories.warmUp(
  today,
  (step) => setImmediate(step),
  () => parentPort!.postMessage({ warm: true }),
);
