/**
 * Reading uploads off the main thread: a small pool of worker threads (one by default, so a
 * two-core server keeps a core for requests) that run parse-table.ts, with a bounded queue. Each
 * read has a wall-time limit; past it the worker is terminated (its memory with it) and a new one
 * is started for the next file. Workers have a capped heap, and an idle worker ends after a while.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../http/errors';
import type { ImportTable, ParseOptions } from './parse-table';
import type { ParseAnswer, ParseJob } from './parse-worker';
import { DEFAULT_UPLOAD_LIMITS, DEFAULT_WORKER_HEAP_MB, refusals, type RefusalData, type UploadLimits, type UploadRefusal } from './upload-limits';

export interface ParsePoolOptions {
  /** Files read at the same time, each in its own worker. */
  concurrency?: number;
  /** Files waiting for a worker; more are refused (503) until the queue shortens. */
  maxQueued?: number;
  /** Heap of each worker, in MB. */
  heapMb?: number;
  /** An idle worker ends after this long (ms); the next file starts a new one. */
  idleMs?: number;
  /** A worker that has not loaded after this long (ms) is a server fault. */
  startTimeoutMs?: number;
}

const ENTRY = new URL('./parse-worker-entry.mjs', import.meta.url);

interface Job {
  id: number;
  bytes: Uint8Array;
  limits: UploadLimits;
  options: ParseOptions;
  resolve(table: ImportTable): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Set once the slot is dropped: later events of its worker are ignored. */
  dead: boolean;
}

export class ParsePool {
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly heapMb: number;
  private readonly idleMs: number;
  private readonly startTimeoutMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Workers started so far (tests read it to see a terminated worker replaced). */
  started = 0;

  constructor(options: ParsePoolOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxQueued = options.maxQueued ?? 10;
    this.heapMb = options.heapMb ?? DEFAULT_WORKER_HEAP_MB;
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
  }

  /** Reads a file in a worker: its table, or the ApiError refusing it (a plain Error for a server fault). */
  parse(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, options: ParseOptions = {}): Promise<ImportTable> {
    return new Promise<ImportTable>((resolve, reject) => {
      const hasIdle = [...this.slots].some((slot) => slot.job === null) || this.slots.size < this.concurrency;
      if (!hasIdle && this.queue.length >= this.maxQueued) {
        reject(refused(refusals.busy(this.queue.length + this.slots.size)));
        return;
      }
      this.queue.push({ id: this.nextId++, bytes, limits, options, resolve, reject });
      this.pump();
    });
  }

  /** Ends every worker; queued and running reads fail. */
  async close(): Promise<void> {
    const failure = new Error('the parse pool was closed');
    for (const job of this.queue.splice(0)) job.reject(failure);
    await Promise.all([...this.slots].map((slot) => this.drop(slot, failure)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot && this.slots.size < this.concurrency) slot = this.spawn();
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    this.started += 1;
    const slot: Slot = { worker, ready: false, job: null, timer: null, dead: false };
    this.slots.add(slot);
    worker.on('message', (answer: ParseAnswer) => this.onAnswer(slot, answer));
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job;
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refused(refusals.memory(this.heapMb)) : new Error(`the upload parse worker failed: ${error.message}`, { cause: error });
      void this.drop(slot, reason, job);
    });
    worker.on('exit', (code) => {
      if (!slot.dead) void this.drop(slot, new Error(`the upload parse worker exited with code ${code}`));
    });
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    this.clearTimer(slot);
    slot.worker.ref();
    if (slot.ready) this.post(slot);
    else slot.timer = setTimeout(() => void this.drop(slot, new Error(`the upload parse worker did not start within ${this.startTimeoutMs} ms`)), this.startTimeoutMs);
  }

  private post(slot: Slot): void {
    const job = slot.job!;
    this.clearTimer(slot);
    slot.timer = setTimeout(() => void this.drop(slot, refused(refusals.time(job.limits))), job.limits.timeoutMs);
    const message: ParseJob = { id: job.id, bytes: job.bytes, limits: job.limits, options: job.options };
    slot.worker.postMessage(message);
  }

  private onAnswer(slot: Slot, answer: ParseAnswer): void {
    if (slot.dead) return;
    if ('ready' in answer) {
      slot.ready = true;
      if (slot.job) this.post(slot);
      else this.idle(slot);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== answer.id) return;
    this.clearTimer(slot);
    slot.job = null;
    if ('table' in answer) job.resolve(answer.table);
    else if ('refusal' in answer) job.reject(refused(answer.refusal));
    else job.reject(new Error(`reading an upload failed in the parse worker: ${answer.failure}`));
    this.idle(slot);
    this.pump();
  }

  /** An idle worker does not keep the process alive, and ends after idleMs. */
  private idle(slot: Slot): void {
    if (slot.job) return;
    slot.worker.unref();
    this.clearTimer(slot);
    slot.timer = setTimeout(() => void this.drop(slot), this.idleMs);
    slot.timer.unref();
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /** Ends a slot's worker, failing its job with `reason`, and starts the queue on another. */
  private async drop(slot: Slot, reason?: Error, job: Job | null = slot.job): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    this.clearTimer(slot);
    this.slots.delete(slot);
    slot.job = null;
    if (job && reason) job.reject(reason);
    this.pump();
    await slot.worker.terminate();
  }
}

/** A refusal (from the worker, or of the pool itself) as the API answers it, its messages in the request's language. */
function refused(refusal: UploadRefusal | RefusalData): ApiError {
  const data = 'toData' in refusal ? refusal.toData() : refusal;
  return new ApiError(data.status, data.code, data.message, data.details);
}

let shared: ParsePool | undefined;

/** The server's pool, started on first use. */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
