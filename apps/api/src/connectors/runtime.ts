/**
 * The connectors of one database: settings (key, platform URLs, schedule), the run in progress,
 * the in-process monthly schedule, "collect now", and credential checks.
 */
import { setMaxListeners } from 'node:events';
import { COLLECTABLE_PLATFORMS, type CollectablePlatform, type ConnectorRun, type Platform } from '@mttq/core';
import type { Db } from '../db/connection';
import { ApiError, badRequest } from '../http/errors';
import { msg } from '../messages';
import type { Services } from '../http/services';
import { facebookConnector } from './facebook';
import { DEFAULT_RETRY, HttpClient, type RetryPolicy } from './http';
import {
  batchWriter,
  countCredentials,
  finishRun,
  getRun,
  hasScheduledRun,
  insertRun,
  interruptRunningRuns,
  listBaselines,
  listPagesToCollect,
  loadUsableCredentials,
  recordCheck,
  saveCredentialSecret,
  type RunCounts,
  type RunDetail,
} from './store';
import { tiktokConnector } from './tiktok';
import type { CheckOutcome, Connector, MonthWindow, PageResult, PageTarget } from './types';
import { youtubeConnector } from './youtube';
import { zaloConnector } from './zalo';

export const DEFAULT_PLATFORM_URLS = {
  facebook: 'https://graph.facebook.com/v23.0',
  youtube: 'https://www.googleapis.com/youtube/v3',
  zalo: 'https://openapi.zalo.me',
  zaloOauth: 'https://oauth.zaloapp.com',
} as const;

export interface ConnectorSettings {
  /** CONNECTOR_KEY; null: connectors are off. */
  key: Buffer | null;
  urls: { facebook: string; youtube: string; zalo: string; zaloOauth: string };
  /** COLLECT_DAY: the day of the month the previous month is collected; null: no schedule. */
  collectDay: number | null;
  retry: RetryPolicy;
  /** Pages collected at once per platform. */
  concurrency: number;
  requestTimeoutMs: number;
  /** Results written per transaction. */
  batchSize: number;
  /** Today in Viet Nam, YYYY-MM-DD (replaceable in tests). */
  today(): string;
}

/** Today's date in Viet Nam (UTC+7). */
export const vietnamToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const defaultSettings = (overrides: Partial<ConnectorSettings> = {}): ConnectorSettings => ({
  key: null,
  urls: { ...DEFAULT_PLATFORM_URLS },
  collectDay: null,
  retry: DEFAULT_RETRY,
  concurrency: 16,
  requestTimeoutMs: 20_000,
  batchSize: 250,
  today: vietnamToday,
  ...overrides,
});

export const DISABLED_REASON = msg('connector_off');

const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (month: string) => new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function monthWindow(month: string): MonthWindow {
  return { month, since: `${month}-01`, until: `${addMonths(month, 1)}-01` };
}

interface ActiveRun {
  id: number;
  month: string;
  abort: AbortController;
  done: Promise<void>;
}

export class ConnectorRuntime {
  private active: ActiveRun | null = null;
  private timer: NodeJS.Timeout | null = null;
  private services: Services | null = null;

  constructor(
    readonly db: Db,
    public settings: ConnectorSettings,
  ) {}

  get enabled(): boolean {
    return this.settings.key !== null;
  }

  /** The read caches to empty after a run writes figures (attached by the router). */
  attachServices(services: Services): void {
    this.services = services;
  }

  /** The month "collect now" and the schedule collect by default: the last month that ended. */
  defaultMonth(): string {
    return addMonths(this.settings.today().slice(0, 7), -1);
  }

  currentRunId(): number | null {
    return this.active?.id ?? null;
  }

  /** Waits for the run in progress (tests, shutdown). */
  async settle(): Promise<void> {
    await this.active?.done;
  }

  connectors(): Record<Platform, Connector<any>> {
    const { urls } = this.settings;
    return {
      facebook: facebookConnector(urls.facebook),
      youtube: youtubeConnector(urls.youtube),
      zalo: zaloConnector(urls.zalo, urls.zaloOauth),
      tiktok: tiktokConnector,
    };
  }

  private requireKey(): Buffer {
    if (!this.settings.key) throw new ApiError(409, 'connectors_off', DISABLED_REASON);
    return this.settings.key;
  }

  private client(secrets: () => readonly string[]): HttpClient {
    return new HttpClient(this.settings.retry, this.settings.requestTimeoutMs, secrets);
  }

  /** "Check connection": one documented call with the credential; the outcome is stored with it. */
  async check(id: number, platform: Platform): Promise<CheckOutcome> {
    const key = this.requireKey();
    const { usable, unreadable } = loadUsableCredentials<unknown>(this.db, key, platform, id);
    let outcome: CheckOutcome;
    if (unreadable[0]) outcome = { ok: false, message: unreadable[0].message };
    else if (!usable[0]) throw new ApiError(404, 'not_found', msg('connector_credential_not_found', { id: String(id) }));
    else {
      const credential = usable[0];
      const secrets = Object.values(credential.secret as Record<string, string>).filter((v) => typeof v === 'string');
      // No retries for a person waiting on the answer: one try, a short timeout.
      const http = new HttpClient({ attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, Math.min(this.settings.requestTimeoutMs, 15_000), () => secrets);
      outcome = await this.connectors()[platform].check(credential, http, (secret) => saveCredentialSecret(this.db, key, credential, secret));
    }
    recordCheck(this.db, id, outcome.ok, outcome.message);
    return outcome;
  }

  /**
   * Starts a run for `month` (default: the last month that ended) and answers it at once; the run
   * goes on in the background. 409 while another runs or without CONNECTOR_KEY.
   */
  start(options: { month?: string | undefined; trigger: 'schedule' | 'manual'; startedBy: string | null }): ConnectorRun {
    const key = this.requireKey();
    if (this.active) {
      throw new ApiError(409, 'run_in_progress', msg('connector_run_in_progress', { id: String(this.active.id), month: this.active.month }));
    }
    const today = this.settings.today();
    const month = options.month ?? this.defaultMonth();
    const thisMonth = today.slice(0, 7);
    if (month !== thisMonth && month !== addMonths(thisMonth, -1)) {
      throw badRequest('month', msg('connector_month_not_collectable', { previous: addMonths(thisMonth, -1), current: thisMonth }));
    }
    const asOf = month === thisMonth ? today : lastDayOf(month);
    const pages = listPagesToCollect(this.db, asOf);
    const byPlatform = new Map<Platform, PageTarget[]>();
    for (const page of pages) byPlatform.set(page.platform, [...(byPlatform.get(page.platform) ?? []), page]);
    const detail: RunDetail = { platforms: {}, quota: { youtubeUnits: 0 } };
    for (const [platform, list] of byPlatform) detail.platforms[platform] = { total: list.length, done: 0, collected: 0, skipped: 0, failed: 0 };
    const id = insertRun(this.db, { month, trigger: options.trigger, startedBy: options.startedBy, detail, total: pages.length });
    const abort = new AbortController();
    // Every request of the run listens to this signal.
    setMaxListeners(0, abort.signal);
    const active: ActiveRun = { id, month, abort, done: Promise.resolve() };
    this.active = active;
    active.done = this.execute(id, month, key, byPlatform, detail, abort.signal)
      .catch((error: unknown) => {
        // A bug or a storage failure: the run ends as failed; what was written stays.
        try {
          finishRun(this.db, id, 'failed', msg('connector_run_stopped', { text: (error instanceof Error ? error.message : String(error)).slice(0, 400) }));
        } catch {
          // the database is gone (closed at shutdown)
        }
      })
      .finally(() => {
        if (this.active === active) this.active = null;
      });
    // A run just started has no message yet: its language does not matter.
    return getRun(this.db, id, 'vi')!;
  }

  private async execute(id: number, month: string, key: Buffer, byPlatform: Map<Platform, PageTarget[]>, detail: RunDetail, signal: AbortSignal): Promise<void> {
    const counts: RunCounts = { total: [...byPlatform.values()].reduce((n, l) => n + l.length, 0), done: 0, collected: 0, skipped: 0, failed: 0 };
    const writer = batchWriter(this.db, id, month);
    let buffer: (PageResult & { platform: Platform })[] = [];
    let changed = 0;
    let mirrored = 0;
    const flush = () => {
      if (buffer.length === 0 || !this.db.open) return;
      const written = writer.write(buffer, counts, detail);
      changed += written.figuresChanged;
      mirrored += written.mirrored;
      buffer = [];
    };
    // Progress is visible within a second even when results trickle in (rate limits).
    const ticker = setInterval(flush, 500);
    ticker.unref();
    const window = monthWindow(month);
    const previousMonth = addMonths(month, -1);
    const connectors = this.connectors();

    try {
      await Promise.all(
        [...byPlatform].map(async ([platform, pages]) => {
          const platformCounts = detail.platforms[platform]!;
          const seen = new Set<number>();
          const report = (result: PageResult) => {
            if (seen.has(result.pageId)) return;
            seen.add(result.pageId);
            counts.done += 1;
            platformCounts.done += 1;
            counts[result.outcome] += 1;
            platformCounts[result.outcome] += 1;
            buffer.push({ ...result, platform });
            if (buffer.length >= this.settings.batchSize) flush();
          };
          if (!(COLLECTABLE_PLATFORMS as readonly string[]).includes(platform)) {
            return connectors[platform].collect({ window, pages, credentials: [], baselines: new Map(), http: this.client(() => []), concurrency: 1, report, saveSecret: () => {}, spend: () => {}, signal });
          }
          const { usable, unreadable } = loadUsableCredentials<Record<string, unknown>>(this.db, key, platform as CollectablePlatform);
          for (const bad of unreadable) recordCheck(this.db, bad.id, false, bad.message);
          const secrets = () => usable.flatMap((c) => Object.values(c.secret).filter((v): v is string => typeof v === 'string'));
          await connectors[platform].collect({
            window,
            pages,
            credentials: usable,
            baselines: platform === 'youtube' ? listBaselines(this.db, previousMonth, platform) : new Map(),
            http: this.client(secrets),
            concurrency: this.settings.concurrency,
            report,
            saveSecret: (credentialId, secret) => {
              const credential = usable.find((c) => c.id === credentialId);
              if (credential && this.db.open) saveCredentialSecret(this.db, key, credential, secret);
            },
            spend: (units) => {
              if (platform === 'youtube') detail.quota.youtubeUnits += units;
            },
            signal,
          });
          // Anything a connector did not report (it should not happen) is a failure, not a silent gap.
          for (const page of pages) {
            if (!seen.has(page.pageId) && !signal.aborted) report({ pageId: page.pageId, outcome: 'failed', reason: 'platform_error', message: msg('connector_no_outcome'), attempts: 0 });
          }
        }),
      );
    } finally {
      clearInterval(ticker);
      flush();
    }
    if (!this.db.open) return;
    if (signal.aborted) {
      finishRun(this.db, id, 'interrupted', msg('connector_run_interrupted', { done: counts.done, total: counts.total }));
      return;
    }
    const summary = msg('connector_run_summary', { collected: counts.collected, skipped: counts.skipped, failed: counts.failed, changed, mirrored });
    this.db.transaction(() => {
      finishRun(this.db, id, 'finished', summary);
      this.db
        .prepare("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, NULL, 'connectors', 'collect', 'connector_run', ?, NULL, ?)")
        .run(new Date().toISOString(), String(id), JSON.stringify({ month, ...counts, figuresChanged: changed, mirrored, youtubeUnits: detail.quota.youtubeUnits }));
    })();
    if (changed > 0 || mirrored > 0) this.services?.cache.invalidate();
  }

  /** Runs 'running' in the database but not in this process were cut off by a stop. */
  markInterrupted(): number {
    return interruptRunningRuns(this.db);
  }

  /** The monthly schedule: on or after COLLECT_DAY, the last month that ended, once. */
  tick(): ConnectorRun | null {
    const day = this.settings.collectDay;
    if (!this.enabled || day === null || this.active || !this.db.open) return null;
    const today = this.settings.today();
    if (Number(today.slice(8, 10)) < day) return null;
    const month = this.defaultMonth();
    if (hasScheduledRun(this.db, month)) return null;
    const credentials = countCredentials(this.db);
    if (![...credentials.values()].some((n) => n > 0)) return null;
    return this.start({ month, trigger: 'schedule', startedBy: null });
  }

  startSchedule(intervalMs = 10 * 60_000): void {
    this.stopSchedule();
    if (this.settings.collectDay === null) return;
    const safeTick = () => {
      try {
        this.tick();
      } catch (error) {
        console.error(`Connectors: the monthly collection could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    this.timer = setInterval(safeTick, intervalMs);
    this.timer.unref();
    setTimeout(safeTick, Math.min(intervalMs, 60_000)).unref();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops the run in progress (what was collected stays) and the schedule. */
  async stop(): Promise<void> {
    this.stopSchedule();
    this.active?.abort.abort(new Error('stopped'));
    await this.settle();
  }
}

const runtimes = new WeakMap<Db, ConnectorRuntime>();

/** The runtime of a database; without configureConnectors, connectors are off. */
export function connectorRuntime(db: Db): ConnectorRuntime {
  let runtime = runtimes.get(db);
  if (!runtime) {
    runtime = new ConnectorRuntime(db, defaultSettings());
    runtimes.set(db, runtime);
  }
  return runtime;
}

export function configureConnectors(db: Db, settings: ConnectorSettings): ConnectorRuntime {
  const runtime = connectorRuntime(db);
  runtime.settings = settings;
  return runtime;
}
