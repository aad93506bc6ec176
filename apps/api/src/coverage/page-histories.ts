/**
 * Every page's coverage history in memory, kept up to date from the figure change log instead of
 * being read again from SQL for every figure: coverage at a date, timelines, the metrics summary
 * and follower rankings walk the pages of one owner (milliseconds at ten times the demo data)
 * instead of joining pages, events and monthly figures again after every write.
 *
 * - Pages: owner, platform, launch date, units in both schemes, and their closed / rejected /
 *   reopened / verified events in order: loaded once, then each page named in the change log is
 *   read again (a few indexed reads per changed page).
 * - Posts: per month, a bit per page id that posted (posts > 0), loaded the first time a figure
 *   asks for that month (one indexed read), then kept the same way.
 * - Figures: per month, every page's followers, posts and interactions, for the months asked last.
 * - The change log (`figure_changes`, migration 14) is written by triggers in the same
 *   transaction as every write to pages, assignments, status events and monthly figures,
 *   whichever code writes them; each read first applies the entries it has not seen.
 *
 * The rules are core's (isPageLive, isPageVerified, activeMonths), the ones DESIGN.md §5 states.
 */
import { activeMonths, isPageLive, isPageVerified, lastCompleteMonth, previousFigureDate, type Owner, type OwnerFilter, type Platform, type SchemeId, type UnitState } from '@mttq/core';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { lastChangeSeq, RELOAD_ALL } from '../db/figure-changes';
import type { CoverageFilters } from './queries';

/** One page as coverage needs it. */
export interface PageHistory {
  id: number;
  owner: Owner;
  platform: Platform;
  launchedOn: string;
  /** Its closed, rejected, reopened and verified events, by date then by record order. */
  events: Array<{ status: string; effectiveOn: string }>;
  /** Its unit in each scheme it has one in. */
  units: Partial<Record<SchemeId, string>>;
}

/**
 * The unit a page counts for in a figure, or undefined: its own unit in the scheme (assignedUnit),
 * for reform34 only when it has no legacy63 unit (reform34OnlyUnit, what a back-cast figure reads
 * directly), or back-cast through the crosswalk (backcastUnit); see db/assignment-source.ts.
 */
export type UnitOf = (page: PageHistory) => string | undefined;

export const assignedUnit =
  (scheme: SchemeId): UnitOf =>
  (page) =>
    page.units[scheme];

export const reform34OnlyUnit: UnitOf = (page) => (page.units.legacy63 === undefined ? page.units.reform34 : undefined);

/**
 * reform34 before the reform: the page's reform34 unit, else the one its legacy63 unit went
 * wholly into (`forward`: legacy63 code → the reform34 codes it went into).
 */
export const backcastUnit =
  (forward: ReadonlyMap<string, readonly string[]>): UnitOf =>
  (page) => {
    if (page.units.reform34 !== undefined) return page.units.reform34;
    const targets = page.units.legacy63 === undefined ? undefined : forward.get(page.units.legacy63);
    return targets?.length === 1 ? targets[0] : undefined;
  };

/** A live page at a date, the unit it counts for and whether it posted in the date's active months. */
export interface LivePage {
  page: PageHistory;
  unitCode: string;
  isActive: boolean;
}

/** A page's figures of one month. */
export interface MonthFigures {
  followers: number;
  posts: number;
  interactions: number;
}

/** Everything the pages of a timeline depend on. */
export interface HistoryFilters {
  scheme: SchemeId;
  owner: OwnerFilter;
  platform: Platform | null;
  /** Pages launched after this date are left out. */
  to: string;
}

/** Months of figures kept (about 1 MB each at ten times the demo data). */
const MONTHS_OF_FIGURES = 24;

const LIFECYCLE = "('closed', 'rejected', 'reopened', 'verified')";

interface PageRow {
  id: number;
  owner: Owner;
  platform: Platform;
  launched_on: string;
}

export class PageHistories {
  private readonly pages = new Map<number, PageHistory>();
  /** The pages of each owner, rebuilt after a change to the set of pages. */
  private byOwner: Map<OwnerFilter, PageHistory[]> | null = null;
  /** Per month (YYYY-MM), bit `id` is set when page `id` posted in it. */
  private readonly posted = new Map<string, Uint8Array>();
  /** Per month, every page's figures; the MONTHS_OF_FIGURES months asked last. */
  private readonly figures = new Map<string, Map<number, MonthFigures>>();
  private seenChange = -1;
  /** Answers that depend on the pages alone, not on posts (remember); emptied when a page changes. */
  private readonly remembered = new Map<string, unknown>();

  constructor(private readonly db: Db) {}

  /**
   * `compute()`, remembered until a page, its units or its events change (not its posts):
   * for answers derived from the pages alone.
   */
  remember<T>(key: string, compute: () => T): T {
    this.sync();
    if (!this.remembered.has(key)) this.remembered.set(key, compute());
    return this.remembered.get(key) as T;
  }

  /** The pages that posted in `month` (posts > 0): read with hasPosted. */
  postedIn(month: string): Uint8Array {
    return this.posted.get(month) ?? this.loadMonth(month);
  }

  /** Did page `id` post in the month of `posted` (postedIn)? */
  static hasPosted(posted: Uint8Array, id: number): boolean {
    const byte = id >>> 3;
    return byte < posted.length && (posted[byte]! & (1 << (id & 7))) !== 0;
  }

  /**
   * The live pages of the filters at asOf (DESIGN.md §5): launched by then, neither closed nor
   * rejected by then; active when it posted in asOf's active months.
   */
  livePages(filters: CoverageFilters, unitOf: UnitOf = assignedUnit(filters.scheme)): LivePage[] {
    const [month, previousMonth] = activeMonths(filters.asOf).map((m) => this.postedIn(m)) as [Uint8Array, Uint8Array];
    const live: LivePage[] = [];
    for (const page of this.pagesOf(filters.owner)) {
      if (page.launchedOn > filters.asOf || (filters.platform !== null && page.platform !== filters.platform)) continue;
      const unitCode = unitOf(page);
      if (unitCode === undefined || !isPageLive(page, filters.asOf)) continue;
      live.push({ page, unitCode, isActive: PageHistories.hasPosted(month, page.id) || PageHistories.hasPosted(previousMonth, page.id) });
    }
    return live;
  }

  /**
   * The covered units of the scheme at asOf, with their live page count and flags: active when
   * one of its live pages was, verified when one was verified by asOf.
   */
  unitStates(filters: CoverageFilters, unitOf: UnitOf = assignedUnit(filters.scheme)): Map<string, UnitState> {
    const states = new Map<string, UnitState>();
    for (const { page, unitCode, isActive } of this.livePages(filters, unitOf)) {
      const isVerified = isPageVerified(page, filters.asOf);
      const state = states.get(unitCode);
      if (state) {
        state.pages += 1;
        state.isActive ||= isActive;
        state.isVerified ||= isVerified;
      } else states.set(unitCode, { pages: 1, isActive, isVerified });
    }
    return states;
  }

  /** The pages of the filters with a unit (unitOf), launched by `to`. */
  histories(filters: HistoryFilters, unitOf: UnitOf = assignedUnit(filters.scheme)): Array<{ unitCode: string; page: PageHistory }> {
    const found: Array<{ unitCode: string; page: PageHistory }> = [];
    for (const page of this.pagesOf(filters.owner)) {
      if (page.launchedOn > filters.to || (filters.platform !== null && page.platform !== filters.platform)) continue;
      const unitCode = unitOf(page);
      if (unitCode !== undefined) found.push({ unitCode, page });
    }
    return found;
  }

  /** Page `id`'s latest followers before `month`, or null: followers are a level, an older figure still stands. */
  followersBefore(id: number, month: string): number | null {
    return (statement(this.db, 'SELECT followers FROM metric_snapshots WHERE page_id = ? AND month < ? ORDER BY month DESC LIMIT 1').pluck().get(id, month) as number | undefined) ?? null;
  }

  /**
   * Loads the pages, every month's posts newest first, then the figures of the months today's
   * metrics read, one step per call of `next` (e.g. setImmediate) so other work runs between
   * them: the first figures after start-up find them in memory.
   */
  warmUp(today: string, next: (step: () => void) => void, done: () => void = () => undefined): void {
    this.sync();
    const months = statement(this.db, 'SELECT DISTINCT month FROM metric_snapshots ORDER BY month DESC').pluck().all() as string[];
    const latest = lastCompleteMonth(today);
    const steps = [
      ...months.map((month) => () => this.postedIn(month)),
      () => this.figuresIn(latest),
      () => this.figuresIn(lastCompleteMonth(previousFigureDate(today))),
    ];
    const step = () => {
      steps.shift()?.();
      if (steps.length > 0) next(step);
      else done();
    };
    next(step);
  }

  /** The pages of an owner filter, with every change written so far applied. */
  private pagesOf(owner: OwnerFilter): readonly PageHistory[] {
    this.sync();
    if (this.byOwner === null) {
      const byOwner = new Map<OwnerFilter, PageHistory[]>([['all', [...this.pages.values()]]]);
      for (const page of this.pages.values()) {
        const list = byOwner.get(page.owner);
        if (list) list.push(page);
        else byOwner.set(page.owner, [page]);
      }
      this.byOwner = byOwner;
    }
    return this.byOwner.get(owner) ?? [];
  }

  /** Applies the change log's entries not seen yet; the first call loads every page. */
  private sync(): void {
    const last = lastChangeSeq(this.db);
    if (this.seenChange < 0) {
      this.loadAll();
      this.seenChange = last;
      return;
    }
    if (last === this.seenChange) return;
    const changes = statement(this.db, 'SELECT page_id, month FROM figure_changes WHERE seq > ? AND seq <= ?').raw().all(this.seenChange, last) as Array<[number, string | null]>;
    this.seenChange = last;
    if (changes.some(([, month]) => month === RELOAD_ALL)) {
      this.loadAll();
      return;
    }
    const pageIds = new Set<number>();
    const figuresOf = statement(this.db, 'SELECT followers, posts, interactions FROM metric_snapshots WHERE page_id = ? AND month = ?');
    for (const [pageId, month] of changes) {
      if (month === null) pageIds.add(pageId);
      else if (this.posted.has(month) || this.figures.has(month)) {
        const figures = figuresOf.get(pageId, month) as MonthFigures | undefined;
        if (this.posted.has(month)) this.setPosted(month, pageId, (figures?.posts ?? 0) > 0);
        const kept = this.figures.get(month);
        if (kept && figures) kept.set(pageId, figures);
        else kept?.delete(pageId);
      }
    }
    if (pageIds.size > 0) this.reloadPages([...pageIds]);
  }

  private loadAll(): void {
    this.pages.clear();
    this.posted.clear();
    this.figures.clear();
    this.byOwner = null;
    this.remembered.clear();
    for (const row of statement(this.db, 'SELECT id, owner, platform, launched_on FROM pages').all() as PageRow[]) this.pages.set(row.id, toHistory(row));
    for (const [pageId, scheme, unitCode] of statement(this.db, 'SELECT page_id, scheme, unit_code FROM page_assignments').raw().all() as Array<[number, SchemeId, string]>) {
      const page = this.pages.get(pageId);
      if (page) page.units[scheme] = unitCode;
    }
    const events = statement(this.db, `SELECT page_id, status, effective_on FROM page_status_events WHERE status IN ${LIFECYCLE} ORDER BY page_id, effective_on, id`).raw();
    for (const [pageId, status, effectiveOn] of events.iterate() as IterableIterator<[number, string, string]>) this.pages.get(pageId)?.events.push({ status, effectiveOn });
  }

  private reloadPages(ids: number[]): void {
    const pageRow = statement(this.db, 'SELECT id, owner, platform, launched_on FROM pages WHERE id = ?');
    const assignments = statement(this.db, 'SELECT scheme, unit_code FROM page_assignments WHERE page_id = ?').raw();
    const events = statement(this.db, `SELECT status, effective_on FROM page_status_events WHERE page_id = ? AND status IN ${LIFECYCLE} ORDER BY effective_on, id`).raw();
    for (const id of ids) {
      const row = pageRow.get(id) as PageRow | undefined;
      if (!row) {
        this.pages.delete(id);
        continue;
      }
      const page = toHistory(row);
      for (const [scheme, unitCode] of assignments.all(id) as Array<[SchemeId, string]>) page.units[scheme] = unitCode;
      for (const [status, effectiveOn] of events.all(id) as Array<[string, string]>) page.events.push({ status, effectiveOn });
      this.pages.set(id, page);
    }
    this.byOwner = null;
    this.remembered.clear();
  }

  /** Every page's figures of `month` (kept for the MONTHS_OF_FIGURES months asked last). */
  figuresIn(month: string): Map<number, MonthFigures> {
    this.sync();
    let kept = this.figures.get(month);
    if (kept) {
      this.figures.delete(month);
    } else {
      kept = new Map();
      const rows = statement(this.db, 'SELECT page_id, followers, posts, interactions FROM metric_snapshots WHERE month = ?').raw().iterate(month) as IterableIterator<[number, number, number, number]>;
      for (const [id, followers, posts, interactions] of rows) kept.set(id, { followers, posts, interactions });
      if (this.figures.size >= MONTHS_OF_FIGURES) this.figures.delete(this.figures.keys().next().value as string);
    }
    this.figures.set(month, kept);
    return kept;
  }

  private loadMonth(month: string): Uint8Array {
    const ids = statement(this.db, 'SELECT page_id FROM metric_snapshots WHERE month = ? AND posts > 0').pluck().all(month) as number[];
    let max = 0;
    for (const id of ids) if (id > max) max = id;
    const bits = new Uint8Array((max >>> 3) + 1);
    for (const id of ids) bits[id >>> 3]! |= 1 << (id & 7);
    this.posted.set(month, bits);
    return bits;
  }

  private setPosted(month: string, id: number, posted: boolean): void {
    let bits = this.posted.get(month)!;
    const byte = id >>> 3;
    if (byte >= bits.length) {
      if (!posted) return;
      const grown = new Uint8Array(Math.max(byte + 1, bits.length * 2));
      grown.set(bits);
      bits = grown;
      this.posted.set(month, bits);
    }
    if (posted) bits[byte]! |= 1 << (id & 7);
    else bits[byte]! &= ~(1 << (id & 7));
  }
}

const toHistory = (row: PageRow): PageHistory => ({ id: row.id, owner: row.owner, platform: row.platform, launchedOn: row.launched_on, events: [], units: {} });
