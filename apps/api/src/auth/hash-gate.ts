import { availableParallelism } from 'node:os';

/**
 * Password hashing (scrypt, ~32 MB and 50–200 ms of CPU each) runs on libuv's threadpool, which
 * has 4 threads shared with file reads (the web app's files), DNS and zlib. Unbounded, a burst of
 * sign-ins takes every thread and every core: index.html went from 6 ms to 2.7 s under 16
 * concurrent sign-ins. Every derivation therefore passes this gate: at most HASH_CONCURRENCY at
 * once (1 on a 2-core machine, 2 from 3 cores up), the rest wait in line. Sign-in may not wait in a
 * long line: past MAX_HASH_QUEUE waiting it is refused at once (503 with Retry-After), so the line
 * never grows without bound. Accounts created on the command line are never refused.
 */
export const HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Sign-ins waiting for a hashing slot, beyond which another is refused. */
export const MAX_HASH_QUEUE = 32;

/** The line for hashing is full: answer 503 and ask the client to come back in retryAfterSeconds. */
export class HashQueueFullError extends Error {
  override name = 'HashQueueFullError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-ins are being checked; try again in ${retryAfterSeconds} s.`);
  }
}

export interface HashGateStats {
  /** Derivations running now. */
  active: number;
  /** Derivations waiting for a slot. */
  queued: number;
  /** The most that ever ran at once (since the last resetPeak). */
  peakActive: number;
  /** Derivations started so far. */
  started: number;
}

/** A counting semaphore with a bounded line for callers that ask for one. */
export class HashGate {
  #active = 0;
  #waiting: Array<() => void> = [];
  #peak = 0;
  #started = 0;
  /** A moving average of one derivation's time, to tell a refused client how long to wait. */
  #averageMs = 100;

  constructor(
    readonly concurrency: number,
    readonly maxQueue: number,
  ) {}

  get stats(): HashGateStats {
    return { active: this.#active, queued: this.#waiting.length, peakActive: this.#peak, started: this.#started };
  }

  resetPeak(): void {
    this.#peak = this.#active;
  }

  /** Would a bounded caller be refused now? */
  isFull(): boolean {
    return this.#active >= this.concurrency && this.#waiting.length >= this.maxQueue;
  }

  /** Seconds until the line ahead of a newcomer has probably been worked off (at least 1). */
  retryAfterSeconds(): number {
    const ahead = this.#waiting.length + this.#active;
    return Math.max(1, Math.ceil(((ahead / this.concurrency) * this.#averageMs) / 1000));
  }

  /**
   * Runs `task` once a slot is free. With `bounded`, a full line rejects with HashQueueFullError
   * instead of waiting. hashGate.run(() => derive(…), { bounded: true })
   */
  async run<T>(task: () => Promise<T>, options: { bounded?: boolean } = {}): Promise<T> {
    if (this.#active < this.concurrency) {
      this.#active += 1;
    } else {
      if (options.bounded && this.#waiting.length >= this.maxQueue) throw new HashQueueFullError(this.retryAfterSeconds());
      // release() hands its slot over: #active already counts this task when it resumes.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#peak = Math.max(this.#peak, this.#active);
    this.#started += 1;
    const startedAt = performance.now();
    try {
      return await task();
    } finally {
      this.#averageMs = this.#averageMs * 0.8 + (performance.now() - startedAt) * 0.2;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}

/** The process's one gate: the threadpool is per process. */
export const hashGate = new HashGate(HASH_CONCURRENCY, MAX_HASH_QUEUE);
