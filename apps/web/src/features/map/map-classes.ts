/**
 * The map screen's classes follow the figures shown. The fixed share classes (0–25–50–75–90–100%)
 * keep a province's colour the same as on the slides and the time-lapse while the shares spread
 * over at least MIN_FIXED_CLASSES of them; when they bunch up (reform34 today: 34/34 above 90%)
 * and for a count, the classes are cut over the shown figures instead: the smallest, the quartiles
 * and the largest, each rounded down to a readable step, so every class holds a province.
 */
import type { CoverageRow, SchemeId } from '@mttq/core';
import { CLASS_COLORS, colorOf, figureOf, FIXED_CLASSES, measureUnit, measureValue, toMapProvinces, type MapClasses, type MapProvince, type Measure, type MeasureUnit } from './map-data';

/** Fewer fixed classes in use than this, and the shares are classed over their own range. */
export const MIN_FIXED_CLASSES = 3;

/** The colours of 1…5 classes, spread over the palette so neighbours stay apart. */
const SPREAD: Record<number, number[]> = { 1: [2], 2: [1, 3], 3: [0, 2, 4], 4: [0, 1, 3, 4], 5: [0, 1, 2, 3, 4] };

/**
 * Breaks over figures in whole steps: tenths of a percent for shares, units for counts. The step
 * is a power of ten near a fifth of the range, so 91,2%…100% gives whole percents and 0…300
 * communes tens. adaptiveBreaks([912, 950, 981, 1000, 1000]) → [910, 950, 980, 1000]
 */
export function adaptiveBreaks(steps: readonly number[]): number[] {
  const sorted = [...steps].sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined) return [];
  const step = max > min ? Math.max(1, 10 ** Math.floor(Math.log10((max - min) / 5))) : 1;
  const down = (x: number) => Math.floor(x / step + 1e-9) * step;
  const quartiles = [1, 2, 3].map((k) => sorted[Math.floor((k * sorted.length) / 4)] ?? max);
  return [...new Set([min, ...quartiles, max].map(down))].sort((a, b) => a - b);
}

/**
 * The classes for the figures shown: fixed for shares spread over MIN_FIXED_CLASSES fixed classes
 * or more; else adaptive (constant when every figure is the same). With no figure, the fixed
 * classes for a share and none for a count.
 * classesFor('share', [0.912, 0.95, 1, 1]) → { kind: 'adaptive', classes: [from 0.91, from 0.95, from 1], range: { min: 0.912, max: 1 } }
 */
export function classesFor(unit: MeasureUnit, figures: readonly number[]): MapClasses {
  if (figures.length === 0) return unit === 'share' ? FIXED_CLASSES : { kind: 'adaptive', unit, classes: [], range: null };
  const min = Math.min(...figures);
  const max = Math.max(...figures);
  if (unit === 'share') {
    const fixedInUse = new Set(figures.map((share) => colorOf({ numerator: share, denominator: 1, share }, FIXED_CLASSES)));
    if (fixedInUse.size >= MIN_FIXED_CLASSES) return { ...FIXED_CLASSES, range: { min, max } };
  }
  const scale = unit === 'share' ? 1000 : 1;
  const breaks = adaptiveBreaks(figures.map((figure) => figure * scale)).slice(0, CLASS_COLORS.length);
  const colors = SPREAD[breaks.length] ?? [];
  const classes = breaks.map((from, i) => ({ from: from / scale, to: i + 1 < breaks.length ? breaks[i + 1]! / scale : null, color: colors[i] ?? 0 }));
  return { kind: min === max ? 'constant' : 'adaptive', unit, classes, range: { min, max } };
}

/**
 * The map screen's provinces and the classes they are coloured by, from the /coverage rows.
 * toMapView('reform34', rows, 'withoutPage') → { provinces: [… classIndex by count …], classes: { kind: 'adaptive', unit: 'count', … } }
 */
export function toMapView(scheme: SchemeId, rows: readonly Pick<CoverageRow, 'code' | 'name' | 'descendants'>[], measure: Measure): { provinces: MapProvince[]; classes: MapClasses } {
  const unit = measureUnit(measure);
  const figures = rows.flatMap((row) => {
    const value = measureValue(row.descendants, measure);
    const figure = value ? figureOf(value, unit) : null;
    return figure === null ? [] : [figure];
  });
  const classes = classesFor(unit, figures);
  return { provinces: toMapProvinces(scheme, rows, measure, classes), classes };
}
