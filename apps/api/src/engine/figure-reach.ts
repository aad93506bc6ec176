/**
 * Which kept figures a write can move. A figure answer reaches a scheme, the dates up to its
 * `until` and, under a parent, one subtree of units (its reach); a write reaches the dates from
 * its earliest effective date on and the units of the pages it changed (its footprint, read
 * from the figure change log the triggers of migration 15 write). A kept answer goes stale only
 * when the two meet, so a month's figures written today leave the 2022 conference figures and
 * another province's dashboard as they were.
 *
 * The rule that makes dates safe is the one every figure keeps (DESIGN.md §5): nothing counts at
 * a date that was not known by then; a page from its launch, an event from its date, monthly
 * figures from the first day of their month.
 */
import { previousFigureDate, type SchemeId, type Unit } from '@mttq/core';
import { isBackcast } from '../db/assignment-source';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { RELOAD_ALL } from '../db/figure-changes';

/** What a figure answer read. */
export interface FigureReach {
  scheme: SchemeId;
  /** The latest date it reads. */
  until: string;
  /** The unit whose subtree it reads; null: the whole scheme. */
  parent: string | null;
  /**
   * Whether only pages with a unit of its scheme (under its parent) count in it. False when it
   * also reads pages through the crosswalk (back-cast) or starts at the first launch anywhere.
   */
  byUnit: boolean;
}

/** What the writes since the last look changed. */
export interface FigureFootprint {
  /** The earliest date they can move; '' every date; null: they moved no figure. */
  since: string | null;
  /** The units, per scheme, of the pages they changed, before and after. */
  units: Map<SchemeId, Set<string>>;
  /** Some changed page's units are not known (e.g. it has none now): every unit. */
  anyUnit: boolean;
}

const NO_FOOTPRINT: FigureFootprint = { since: null, units: new Map(), anyUnit: false };
export const EVERYTHING: FigureFootprint = { since: '', units: new Map(), anyUnit: true };

/** The reach of an answer of each figure read, from the answer itself and the query it was asked. */
export function figureReach(name: string, query: { from?: string }, answer: { scheme: SchemeId; parent: string | null; asOf?: string; from?: string; to?: string; previousAsOf?: string | null }): FigureReach {
  const { scheme, parent } = answer;
  let until: string;
  let earliest: string;
  let fromFirstLaunch = false;
  if (name === 'timeline') {
    until = answer.to!;
    earliest = answer.from!;
    fromFirstLaunch = query.from === undefined;
  } else {
    until = answer.asOf!;
    earliest = name === 'metricsSummary' ? previousFigureDate(until) : name === 'rankings' ? (answer.previousAsOf ?? until) : until;
  }
  return { scheme, until, parent, byUnit: !fromFirstLaunch && !isBackcast(scheme, earliest) };
}

/** Whether the writes of `footprint` can move an answer of `reach`. */
export function reaches(footprint: FigureFootprint, reach: FigureReach, units: (scheme: SchemeId) => readonly Unit[]): boolean {
  if (footprint.since === null || footprint.since > reach.until) return false;
  if (!reach.byUnit || footprint.anyUnit) return true;
  const codes = footprint.units.get(reach.scheme);
  if (!codes) return false;
  if (reach.parent === null) return true;
  const byCode = unitIndex(units, reach.scheme);
  for (const code of codes) {
    for (let unit = byCode.get(code); unit; unit = unit.parentCode === null ? undefined : byCode.get(unit.parentCode)) {
      if (unit.code === reach.parent) return true;
    }
  }
  return false;
}

const indexes = new WeakMap<readonly Unit[], Map<string, Unit>>();
function unitIndex(units: (scheme: SchemeId) => readonly Unit[], scheme: SchemeId): Map<string, Unit> {
  const list = units(scheme);
  let index = indexes.get(list);
  if (!index) {
    index = new Map(list.map((unit) => [unit.code, unit]));
    indexes.set(list, index);
  }
  return index;
}

/** The footprint of the change log's entries after `afterSeq`, and the last entry's seq. */
export function readFootprint(db: Db, afterSeq: number): { footprint: FigureFootprint; lastSeq: number } {
  const summary = statement(
    db,
    `SELECT max(seq) AS lastSeq, min(coalesce(since, '')) AS since, coalesce(max(month = '${RELOAD_ALL}'), 0) AS reloadAll FROM figure_changes WHERE seq > ?`,
  ).get(afterSeq) as { lastSeq: number | null; since: string | null; reloadAll: number };
  if (summary.lastSeq === null) return { footprint: NO_FOOTPRINT, lastSeq: afterSeq };
  if (summary.reloadAll === 1) return { footprint: EVERYTHING, lastSeq: summary.lastSeq };
  const units = new Map<SchemeId, Set<string>>();
  const add = (scheme: SchemeId, code: string) => {
    const codes = units.get(scheme);
    if (codes) codes.add(code);
    else units.set(scheme, new Set([code]));
  };
  // An assignment change logs its units (before and after); any other change counts in the page's units now.
  const logged = new Set<number>();
  for (const [pageId, scheme, code] of statement(db, 'SELECT page_id, scheme, unit_code FROM figure_changes WHERE seq > ? AND unit_code IS NOT NULL').raw().iterate(afterSeq) as IterableIterator<[number, SchemeId, string]>) {
    logged.add(pageId);
    add(scheme, code);
  }
  const current = statement(db, 'SELECT DISTINCT a.scheme, a.unit_code FROM figure_changes c JOIN page_assignments a ON a.page_id = c.page_id WHERE c.seq > ? AND c.unit_code IS NULL').raw();
  for (const [scheme, code] of current.iterate(afterSeq) as IterableIterator<[SchemeId, string]>) add(scheme, code);
  // A page without a unit now and none logged (a deleted page's assignments log theirs as they go): where it counted is not known.
  const unplaced = statement(db, 'SELECT DISTINCT c.page_id FROM figure_changes c WHERE c.seq > ? AND c.unit_code IS NULL AND NOT EXISTS (SELECT 1 FROM page_assignments a WHERE a.page_id = c.page_id)').pluck();
  let anyUnit = false;
  for (const pageId of unplaced.iterate(afterSeq) as IterableIterator<number>) {
    if (!logged.has(pageId)) {
      anyUnit = true;
      break;
    }
  }
  return { footprint: { since: summary.since, units, anyUnit }, lastSeq: summary.lastSeq };
}
