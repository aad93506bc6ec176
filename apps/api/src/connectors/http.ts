/**
 * The connectors' HTTP: node's fetch with a timeout, retries with exponential backoff for what a
 * platform says is temporary (rate limits, outages, dropped connections), one pause shared by
 * every request to a platform once it says "too many calls", and a bounded pool of workers. The
 * same code runs against the real APIs and the local stand-ins; only the base URL differs.
 */
import { msg, type Message } from '../messages';
import { platformAnswer, PlatformError } from './types';

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  /** First wait; each next one doubles (with up to 25% jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Network failures in a row (over every page) after which a platform counts as down for the run. */
export const BREAKER_LIMIT = 40;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; null when the body is not JSON. */
  body: unknown;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The words of a network failure, never the URL (it may carry an access token). */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (the platform is unreachable)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped before an answer';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the platform host name does not resolve';
  return code ? `network error ${code}` : 'network error';
}

export class HttpClient {
  /** Until when every request to this platform waits (set by a rate-limit answer). */
  private pausedUntil = 0;
  /** Requests sent, retries included. */
  requests = 0;
  /** Network failures in a row; past BREAKER_LIMIT the platform is taken as down for this run. */
  private failuresInARow = 0;
  private down: PlatformError | null = null;

  constructor(
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    readonly timeoutMs = 20_000,
    private readonly secrets: () => readonly string[] = () => [],
  ) {}

  /** What a failure tells people: our own words when the error has them, else the platform's answer, redacted. */
  describe(error: unknown): Message {
    if (error instanceof PlatformError && error.options.words) return error.options.words;
    return platformAnswer(this.redact(error instanceof Error ? error.message : String(error)));
  }

  /** Removes any secret from a message before it is stored or shown. */
  redact(message: string): string {
    let text = message;
    for (const secret of this.secrets()) if (secret.length >= 6) text = text.split(secret).join('[redacted]');
    return text.slice(0, 500);
  }

  /** One request; network failures become PlatformError('network', retryable). */
  async send(url: string, init: RequestInit = {}, signal?: AbortSignal): Promise<HttpAnswer> {
    if (this.down) throw this.down;
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await sleep(wait, signal);
    this.requests += 1;
    let response: Response;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const problem = describeNetworkError(error, this.timeoutMs);
      this.failuresInARow += 1;
      if (this.failuresInARow >= BREAKER_LIMIT) {
        // An outage: stop asking (the remaining pages fail at once, their previous figures stay).
        this.down = new PlatformError('network', `${problem}; the platform stopped answering (${BREAKER_LIMIT} requests in a row failed), so this run asks it no more`, {
          words: msg('connector_platform_down', { text: this.redact(problem), limit: BREAKER_LIMIT }),
        });
        throw this.down;
      }
      throw new PlatformError('network', problem, { retryable: true });
    }
    this.failuresInARow = 0;
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * Runs `attempt` until it succeeds, it fails for good, or the tries run out; counts tries in
   * `tries.count`. A retryable PlatformError waits (Retry-After when the platform gave one, else
   * exponential backoff); a rate limit pauses every request to the platform for that long.
   */
  async withRetry<T>(attempt: () => Promise<T>, tries: { count: number }, signal?: AbortSignal): Promise<T> {
    for (let n = 1; ; n += 1) {
      tries.count += 1;
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof PlatformError) || !error.options.retryable || n >= this.retry.attempts) throw error;
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (n - 1));
        const delay = Math.max(error.options.retryAfterMs ?? 0, backoff * (1 + Math.random() * 0.25));
        if (error.reason === 'rate_limited') this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
        await sleep(delay, signal);
      }
    }
  }
}

/** Runs `worker` over `items`, at most `concurrency` at once. */
export async function runPool<T>(items: readonly T[], concurrency: number, worker: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}

/** Retry-After (seconds or an HTTP date) in milliseconds, when present. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
