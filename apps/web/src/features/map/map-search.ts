import type { SchemeId } from '@mttq/core';
import { DEFAULT_MEASURE, DEFAULT_MODE, MAP_MODES, measuresOf, type MapMode, type Measure } from './map-data';

/** The map's own view state, beside the dashboard's (scheme, asOf): URL keys `measure` and `mode`. */
export interface MapSearch {
  measure: Measure;
  mode: MapMode;
}

/**
 * URL → map state; a bad or unknown value, or a measure the scheme lacks, gives the default.
 * parseMapSearch('?measure=districtCoverage', 'reform34') → { measure: 'coverage', mode: 'provinces' }
 */
export function parseMapSearch(input: string | URLSearchParams, scheme: SchemeId): MapSearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const rawMeasure = params.get('measure');
  const rawMode = params.get('mode');
  return {
    measure: measuresOf(scheme).find((m) => m === rawMeasure) ?? DEFAULT_MEASURE,
    mode: MAP_MODES.find((m) => m === rawMode) ?? DEFAULT_MODE,
  };
}

/**
 * Writes the map state into a copy of `params`, keeping every other key (scheme, asOf, …) as it
 * is; defaults are left out so the plain /map link stays short.
 * withMapSearch('scheme=legacy63', { measure: 'active', mode: 'provinces' }) → 'scheme=legacy63&measure=active'
 */
export function withMapSearch(params: string | URLSearchParams, map: MapSearch): URLSearchParams {
  const next = new URLSearchParams(params);
  if (map.measure === DEFAULT_MEASURE) next.delete('measure');
  else next.set('measure', map.measure);
  if (map.mode === DEFAULT_MODE) next.delete('mode');
  else next.set('mode', map.mode);
  return next;
}
