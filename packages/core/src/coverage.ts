import { z } from 'zod';
import { lastCompleteMonth, previousMonth } from './calendar';
import { isoDateSchema } from './dates';
import { OWNERS, platformSchema } from './pages';
import { levelSchema, schemeIdSchema, SCHEMES, type Level, type SchemeId } from './schemes';

/** Units of one level in one scope: how many, and how many have a live, an active, a verified page. */
export const coverageCountsSchema = z
  .object({
    total: z.number().int(),
    covered: z.number().int(),
    active: z.number().int(),
    verified: z.number().int(),
  })
  .meta({ id: 'CoverageCounts', description: 'total ≥ covered ≥ verified, covered ≥ active' });
export type CoverageCounts = z.infer<typeof coverageCountsSchema>;

/** The owner filter: one owner, or every owner ("all"). Coverage counts the Front committee by default. */
export const ownerFilterSchema = z.enum([...OWNERS, 'all']).default('front');
export type OwnerFilter = z.infer<typeof ownerFilterSchema>;

const unitCode = z.string().regex(/^\d{2}(\d|\d{3})?$/, 'must be a unit code of 2, 3 or 5 digits, e.g. 01, 001 or 00001');

/** For endpoints that take no query parameters: anything given is an unknown parameter. */
export const noQuerySchema = z.strictObject({});

/** Query parameters shared by the read endpoints; same names everywhere. */
export const queryParams = {
  scheme: schemeIdSchema.optional().meta({ description: 'legacy63 (until 2025-06-30) or reform34 (from 2025-07-01); default from configuration' }),
  asOf: isoDateSchema
    .optional()
    .meta({ description: "YYYY-MM-DD; default today, clamped into the scheme's validity. reform34 figures of dates before 2025-07-01 are back-cast from legacy63 through the crosswalk (basis crosswalk)" }),
  level: levelSchema.optional(),
  parent: unitCode.optional().meta({ description: 'a unit code of the scheme; limits the answer to its subtree' }),
  owner: ownerFilterSchema.meta({ description: 'front (default), a member organisation, or all' }),
  platform: platformSchema.optional(),
};

export const coverageQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  level: queryParams.level,
  parent: queryParams.parent,
  owner: queryParams.owner,
  platform: queryParams.platform,
});
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;

export const coverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  covered: z.boolean(),
  active: z.boolean(),
  verified: z.boolean(),
  pages: z.number().int().meta({ description: 'live pages of the owner filter at asOf' }),
  descendants: z.partialRecord(levelSchema, coverageCountsSchema).meta({ description: 'per lower level' }),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

/**
 * How a figure was made: `recorded` from the pages assigned to the scheme's units, or `crosswalk`
 * for reform34 before 01/07/2025, back-cast from legacy63 facts through the crosswalk.
 */
export const FIGURE_BASES = ['recorded', 'crosswalk'] as const;
export const figureBasisSchema = z
  .enum(FIGURE_BASES)
  .meta({ description: 'recorded: from the scheme’s own assignments; crosswalk: reform34 before 2025-07-01, back-cast from legacy63 through the crosswalk' });
export type FigureBasis = z.infer<typeof figureBasisSchema>;

/** Covered, active and verified counts without the total: the bounds of a back-cast figure. */
export const coverageBoundSchema = z.object({ covered: z.number().int(), active: z.number().int(), verified: z.number().int() });
export type CoverageBound = z.infer<typeof coverageBoundSchema>;

export const coverageBoundsSchema = z
  .object({ lower: coverageBoundSchema, upper: coverageBoundSchema })
  .meta({
    id: 'CoverageBounds',
    description:
      'lower: units all of whose predecessors were covered (active, verified) and none split; upper: units any of whose predecessors, split ones included, were. The figure itself counts a unit when a predecessor that went wholly into it was.',
  });
export type CoverageBounds = z.infer<typeof coverageBoundsSchema>;

export const coverageResponseSchema = z
  .object({
    scheme: schemeIdSchema,
    asOf: z.string(),
    demo: z.boolean().meta({ description: 'true when the database holds demo data' }),
    basis: figureBasisSchema,
    level: levelSchema,
    parent: z.string().nullable(),
    levels: z.partialRecord(levelSchema, coverageCountsSchema),
    bounds: z.partialRecord(levelSchema, coverageBoundsSchema).optional().meta({ description: 'back-cast figures only: per level where the rule leaves room (communes); provinces are exact' }),
    rows: z.array(coverageRowSchema).meta({ description: 'sorted by code' }),
  })
  .meta({ id: 'Coverage' });
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

/**
 * The months whose posts make a page active at `asOf` with monthly data: the last month complete
 * at asOf and the month before — never a month still running, whose figure tells what happened
 * after asOf. activeMonths('2022-03-05') → ['2022-02', '2022-01']; activeMonths('2022-03-31') → ['2022-03', '2022-02']
 */
export function activeMonths(asOf: string): [string, string] {
  const month = lastCompleteMonth(asOf);
  return [month, previousMonth(month)];
}

/** The levels of `scheme` strictly below `level`: ('legacy63', 'province') → ['district', 'commune'] */
export function levelsBelow(scheme: SchemeId, level: Level): Level[] {
  const levels = SCHEMES[scheme].levels;
  return levels.slice(levels.indexOf(level) + 1);
}

/** One page's status history, as the coverage rules need it; events in date order. */
export interface PageHistory {
  launchedOn: string;
  events: ReadonlyArray<{ status: string; effectiveOn: string }>;
}

/**
 * A page counts at `asOf` when launched on or before it and not closed or rejected by it — unless
 * reopened afterwards: the latest closed / rejected / reopened event on or before asOf decides
 * (events of one day in their order). The reference rule that PAGE_IS_LIVE in apps/api implements.
 */
export function isPageLive(page: PageHistory, asOf: string): boolean {
  if (page.launchedOn > asOf) return false;
  let latest: string | undefined;
  for (const e of page.events) {
    if (e.effectiveOn <= asOf && (e.status === 'closed' || e.status === 'rejected' || e.status === 'reopened')) {
      latest = e.status;
    }
  }
  return latest === undefined || latest === 'reopened';
}

/** A live page was verified by central staff on or before `asOf`. */
export function isPageVerified(page: PageHistory, asOf: string): boolean {
  return isPageLive(page, asOf) && page.events.some((e) => e.status === 'verified' && e.effectiveOn <= asOf);
}

/** A unit as the coverage roll-up needs it. */
export interface UnitNode {
  code: string;
  level: Level;
  name: string;
  kind: string;
  parentCode: string | null;
  provinceCode: string;
}

/** A covered unit's live pages at asOf. Units without an entry are not covered. */
export interface UnitState {
  pages: number;
  isActive: boolean;
  isVerified: boolean;
}

const emptyCounts = (): CoverageCounts => ({ total: 0, covered: 0, active: 0, verified: 0 });

function addUnit(counts: CoverageCounts, state: UnitState | undefined): void {
  counts.total += 1;
  if (!state) return;
  counts.covered += 1;
  if (state.isActive) counts.active += 1;
  if (state.isVerified) counts.verified += 1;
}

/** Is `unit` inside the subtree of `parent` (null: the whole country)? The parent itself is not. */
export function isUnitInside(unit: UnitNode, parent: UnitNode | null): boolean {
  if (!parent) return true;
  if (parent.level === 'province') return unit.provinceCode === parent.code && unit.code !== parent.code;
  return unit.parentCode === parent.code;
}

/** The ancestor of `unit` at `level` (province or district). */
function ancestorAt(unit: UnitNode, level: Level): string | null {
  if (level === 'province') return unit.provinceCode;
  if (level === 'district') return unit.level === 'commune' ? unit.parentCode : null;
  return null;
}

/**
 * Coverage of a subtree: counts per level at or below `level`, and one row per unit of `level`
 * with its descendants' counts. `units` are all units of one scheme, `states` the covered ones.
 */
export function rollUpCoverage(
  scheme: SchemeId,
  units: readonly UnitNode[],
  states: ReadonlyMap<string, UnitState>,
  level: Level,
  parent: UnitNode | null,
): Pick<CoverageResponse, 'levels' | 'rows'> {
  const lower = levelsBelow(scheme, level);
  const levels: Partial<Record<Level, CoverageCounts>> = { [level]: emptyCounts() };
  for (const l of lower) levels[l] = emptyCounts();
  const rows: CoverageRow[] = [];
  const rowByCode = new Map<string, CoverageRow>();
  for (const unit of units) {
    if (unit.level !== level || !isUnitInside(unit, parent)) continue;
    const state = states.get(unit.code);
    const row: CoverageRow = {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      covered: state !== undefined,
      active: state?.isActive ?? false,
      verified: state?.isVerified ?? false,
      pages: state?.pages ?? 0,
      descendants: Object.fromEntries(lower.map((l) => [l, emptyCounts()])),
    };
    rows.push(row);
    rowByCode.set(unit.code, row);
    addUnit(levels[level]!, state);
  }
  if (lower.length > 0) {
    for (const unit of units) {
      if (!lower.includes(unit.level) || !isUnitInside(unit, parent)) continue;
      const state = states.get(unit.code);
      addUnit(levels[unit.level]!, state);
      const ancestor = ancestorAt(unit, level);
      const row = ancestor ? rowByCode.get(ancestor) : undefined;
      if (row) addUnit(row.descendants[unit.level]!, state);
    }
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { levels, rows };
}
