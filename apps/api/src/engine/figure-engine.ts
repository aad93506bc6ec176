/**
 * Figure reads that never hold up the server: with a database file, the overview's figures
 * (figure-reads.ts) are computed by one worker thread on its own read-only connection, and
 * each answer is kept until a write reaches it: its scheme, a date up to the answer's own, and a
 * unit under the answer's parent (figure-reach.ts); other answers stay fresh. After such a write:
 * - the first reader starts one recomputation; readers of the same figure meanwhile share it;
 * - a reader that accepts a stale answer (`Cache-Control: max-stale=N`, as the web app's
 *   dashboards send) gets the previous answer at once if the write that made it stale is at
 *   most N seconds old, marked stale, while the fresh one is built;
 * - every other request (writes, pages, cached answers) is served by the event loop meanwhile.
 * Without a worker (an in-memory database, tests that pass none) figures are computed in the
 * request's thread as before.
 */
import { Worker } from 'node:worker_threads';
import { lastChangeSeq } from '../db/figure-changes';
import { ApiError, type ErrorText, type FieldIssue } from '../http/errors';
import { encodeJson, type EncodedJson } from '../http/json-response';
import type { Services } from '../http/services';
import { EVERYTHING, readFootprint, reaches, type FigureFootprint, type FigureReach } from './figure-reach';
import { FIGURE_READS, type FigureAnswer, type FigureJob, type FigureQuery, type FigureRead, type FigureResult } from './figure-reads';

const ENTRY = new URL('./figure-worker-entry.mjs', import.meta.url);
/** Figures kept; the oldest goes first. */
const MAX_ENTRIES = 500;

export interface EncodedFigure {
  /** The answer's JSON, serialised (and gzipped) where it was computed. */
  encoded: EncodedJson;
  /** The answer predates the latest write; a fresh one is being computed. */
  isStale: boolean;
}

interface Entry {
  /** Computed with the writes up to this generation (or later ones). */
  generation: number;
  encoded: EncodedJson;
  reach: FigureReach;
  /** When a write that reaches it happened; null: fresh. */
  staleSince: number | null;
}

interface Computed {
  encoded: EncodedJson;
  reach: FigureReach;
}

interface Pending {
  resolve(computed: Computed): void;
  reject(error: Error): void;
}

export interface FigureEngineOptions {
  /** The database file the worker opens read-only; null: compute in the request's thread. */
  databasePath: string | null;
}

export class FigureEngine {
  /** Counts the writes that moved some figure. */
  private generation = 0;
  /** What the write that began each recent generation changed, and when. */
  private readonly writes = new Map<number, { footprint: FigureFootprint; at: number }>();
  /** The last change log entry looked at. */
  private seenChange = 0;
  /** Whether the database held demo rows at the last look: every answer says so. */
  private wasDemo = false;
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, { generation: number; promise: Promise<Computed> }>();
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private warm: boolean;

  constructor(
    private readonly services: Services,
    private readonly options: FigureEngineOptions,
  ) {
    this.warm = options.databasePath === null;
    if (options.databasePath !== null) {
      this.seenChange = lastChangeSeq(services.db);
      this.wasDemo = services.isDemo();
      // Started now, beside the server's own start, so the first figure does not wait for it.
      this.startWorker();
    }
  }

  /**
   * Whether the worker has loaded the page histories and months it reads first (figures asked
   * before then wait for that load); always true without a worker, which loads on demand.
   */
  get isWarm(): boolean {
    return this.warm;
  }

  /**
   * A write happened: the kept figures it reaches are now stale, read from the change log
   * entries it wrote (and those of any write that did not call this).
   */
  invalidate(): void {
    if (this.options.databasePath === null) return;
    const read = readFootprint(this.services.db, this.seenChange);
    this.seenChange = read.lastSeq;
    let footprint = read.footprint;
    const isDemo = this.services.isDemo();
    if (isDemo !== this.wasDemo) footprint = EVERYTHING;
    this.wasDemo = isDemo;
    if (footprint.since === null) return;
    const at = Date.now();
    this.generation += 1;
    this.writes.set(this.generation, { footprint, at });
    this.writes.delete(this.generation - MAX_ENTRIES);
    for (const entry of this.entries.values()) {
      if (entry.staleSince === null && reaches(footprint, entry.reach, this.services.units)) entry.staleSince = at;
    }
  }

  /** When the first write after `generation` that reaches `reach` happened; null: none did. */
  private staleSinceAfter(generation: number, reach: FigureReach): number | null {
    for (let next = generation + 1; next <= this.generation; next += 1) {
      const write = this.writes.get(next);
      // Forgotten: too long ago to tell, so as good as stale.
      if (!write) return 0;
      if (reaches(write.footprint, reach, this.services.units)) return write.at;
    }
    return null;
  }

  /**
   * The figure `name` for `query`. With `maxStaleSeconds`, a kept figure that went stale at most
   * that long ago is answered at once while the fresh one is computed.
   */
  async read<N extends FigureRead>(name: N, query: FigureQuery<N>, options: { maxStaleSeconds: number | null }): Promise<EncodedFigure> {
    if (this.options.databasePath === null) {
      const read = FIGURE_READS[name] as (services: Services, query: unknown) => FigureAnswer<N>;
      return { encoded: encodeJson(read(this.services, query)), isStale: false };
    }
    const key = `${name}:${this.services.today()}:${JSON.stringify(query)}`;
    const entry = this.entries.get(key);
    if (entry && entry.staleSince === null) return { encoded: entry.encoded, isStale: false };
    const fresh = this.compute(key, name, query);
    if (entry && options.maxStaleSeconds !== null && (Date.now() - entry.staleSince!) / 1000 <= options.maxStaleSeconds) {
      // Its failure, if any, reaches the next reader that waits for it.
      fresh.catch(() => undefined);
      return { encoded: entry.encoded, isStale: true };
    }
    return { encoded: (await fresh).encoded, isStale: false };
  }

  /** Stops the worker (server shutdown). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  /** One computation per figure and write generation, shared by everyone who asks meanwhile. */
  private compute(key: string, name: FigureRead, query: unknown): Promise<Computed> {
    const generation = this.generation;
    const running = this.computing.get(key);
    if (running && running.generation === generation) return running.promise;
    const promise = this.run({ id: this.nextId++, name, query, today: this.services.today(), generation }).then((computed) => {
      const kept = this.entries.get(key);
      // A write while it was computed may have come too late for it.
      if (!kept || kept.generation <= generation) this.keep(key, { generation, ...computed, staleSince: this.staleSinceAfter(generation, computed.reach) });
      return computed;
    });
    const settled = () => {
      if (this.computing.get(key)?.promise === promise) this.computing.delete(key);
    };
    promise.then(settled, settled);
    this.computing.set(key, { generation, promise });
    return promise;
  }

  private keep(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
  }

  private run(job: FigureJob): Promise<Computed> {
    const worker = this.worker ?? this.startWorker();
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private startWorker(): Worker {
    const worker = new Worker(ENTRY, { workerData: { databasePath: this.options.databasePath, defaultScheme: this.services.defaultScheme } });
    // The server may exit while the worker idles.
    worker.unref();
    this.warm = false;
    worker.on('message', (message: FigureResult | { ready: true } | { warm: true }) => {
      if ('ready' in message) return;
      if ('warm' in message) {
        if (this.worker === worker) this.warm = true;
        return;
      }
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if ('encoded' in message) pending.resolve({ encoded: message.encoded, reach: message.reach });
      else if ('apiError' in message) {
        const { status, code, text, details, headers } = message.apiError;
        pending.reject(new ApiError(status as never, code as never, text as ErrorText, details as FieldIssue[], headers));
      } else pending.reject(new Error(`The figure worker failed: ${message.failure}`));
    });
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`The figure worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}
