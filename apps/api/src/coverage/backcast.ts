/**
 * Back-cast figures: reform34 before 01/07/2025, from legacy63 facts through the crosswalk.
 * A reform34 unit's state at such a date combines the states of the legacy63 units that went
 * wholly into it (pages summed, active and verified if any was) with its own pages that have no
 * legacy63 unit (db/assignment-source.ts says the same for per-page figures). Where the rule
 * leaves room, the bounds:
 * - lower: the commune had a live page and every one of its predecessors was covered (active,
 *   verified), none of them split: all of its territory agrees;
 * - upper: the commune had a live page, or any predecessor did, split ones included (the page of a
 *   split commune may have served this part).
 * Provinces merged whole, so a reform34 province's figure is exact: covered when one of its
 * legacy63 provinces was.
 */
import { rollUpCoverage, type CoverageBound, type CoverageBounds, type CoverageCounts, type Level, type UnitState } from '@mttq/core';
import type { Services } from '../http/services';
import { crosswalkOf } from '../units/crosswalk-index';
import type { CoverageFilters } from './queries';
import { reform34OnlyUnit } from './page-histories';

const FLAGS = ['covered', 'active', 'verified'] as const;
type Flag = (typeof FLAGS)[number];

/** A unit state's flag: covered (a live page), active or verified. */
const flagOf = (state: UnitState | undefined, flag: Flag) => (state === undefined ? false : flag === 'covered' ? state.pages > 0 : flag === 'active' ? state.isActive : state.isVerified);

/** One reform34 commune's flags under the lower and upper rule, from its own and its predecessors' flags. */
export function communeBounds(own: boolean, predecessors: ReadonlyArray<{ flag: boolean; isSplit: boolean }>): { lower: boolean; upper: boolean } {
  const lower = own && predecessors.every((p) => p.flag && !p.isSplit);
  const upper = own || predecessors.some((p) => p.flag);
  return { lower, upper };
}

/** The lower and upper unit states of reform34's communes at a back-cast date; provinces as the figure. */
export function backcastStates(services: Services, point: ReadonlyMap<string, UnitState>, legacy: ReadonlyMap<string, UnitState>): { lower: Map<string, UnitState>; upper: Map<string, UnitState> } {
  const { forward, backward } = crosswalkOf(services);
  const lower = new Map<string, UnitState>();
  const upper = new Map<string, UnitState>();
  for (const unit of services.units('reform34')) {
    const own = point.get(unit.code);
    if (unit.level !== 'commune') {
      if (own) {
        lower.set(unit.code, own);
        upper.set(unit.code, own);
      }
      continue;
    }
    const predecessors = (backward.get(unit.code) ?? []).map((code) => ({ state: legacy.get(code), isSplit: (forward.get(code)?.length ?? 0) > 1 }));
    const bounds = Object.fromEntries(
      FLAGS.map((flag) => [flag, communeBounds(flagOf(own, flag), predecessors.map((p) => ({ flag: flagOf(p.state, flag), isSplit: p.isSplit })))]),
    ) as Record<Flag, { lower: boolean; upper: boolean }>;
    if (bounds.covered.lower) lower.set(unit.code, { pages: own!.pages, isActive: bounds.active.lower, isVerified: bounds.verified.lower });
    if (bounds.covered.upper) upper.set(unit.code, { pages: Math.max(own?.pages ?? 0, 1), isActive: bounds.active.upper, isVerified: bounds.verified.upper });
  }
  return { lower, upper };
}

/**
 * The back-cast unit states of reform34 at `filters.asOf` (before the reform), from the legacy63
 * states at that date and reform34's own pages.
 * getBackcastUnitStates(services, { scheme: 'reform34', asOf: '2022-08-12', … }, legacyStates) → Map { '01' → {…}, '00004' → {…}, … }
 */
export function getBackcastUnitStates(services: Services, filters: CoverageFilters, legacy: ReadonlyMap<string, UnitState>): Map<string, UnitState> {
  const { forward } = crosswalkOf(services);
  const states = services.histories.unitStates(filters, reform34OnlyUnit);
  for (const [code, state] of legacy) {
    const targets = forward.get(code);
    if (targets?.length !== 1) continue;
    const target = targets[0]!;
    const current = states.get(target);
    states.set(
      target,
      current
        ? { pages: current.pages + state.pages, isActive: current.isActive || state.isActive, isVerified: current.isVerified || state.isVerified }
        : { ...state },
    );
  }
  return states;
}

const toBound = (counts: CoverageCounts | undefined): CoverageBound => ({ covered: counts?.covered ?? 0, active: counts?.active ?? 0, verified: counts?.verified ?? 0 });

/**
 * The commune bounds of a back-cast /coverage answer, rolled up like the figure itself.
 * backcastBounds(services, states, legacyStates, 'province', null) → { commune: { lower: {…}, upper: {…} } }
 */
export function backcastBounds(
  services: Services,
  point: ReadonlyMap<string, UnitState>,
  legacy: ReadonlyMap<string, UnitState>,
  level: Level,
  parent: Parameters<typeof rollUpCoverage>[4],
): Partial<Record<Level, CoverageBounds>> {
  const { lower, upper } = backcastStates(services, point, legacy);
  const units = services.units('reform34');
  const low = rollUpCoverage('reform34', units, lower, level, parent).levels.commune;
  const high = rollUpCoverage('reform34', units, upper, level, parent).levels.commune;
  return low === undefined ? {} : { commune: { lower: toBound(low), upper: toBound(high) } };
}
