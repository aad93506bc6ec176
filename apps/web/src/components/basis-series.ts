import type { CoverageBound, FigureBasis, Level } from '@mttq/core';
import { formatNumber, formatPercent } from '../i18n/format';
import { defineMessages, fill, type Locale } from '../i18n/messages';

/**
 * Lines that show the seam: a level's points cut into segments wherever the basis (back-cast
 * through the crosswalk or recorded) or the unit count changes. Segments of one unit count share
 * the point where the basis changes, so the line joins while its styles differ; a change of unit
 * count (legacy63 → reform34) is never joined.
 */

/** The back-cast part is dashed and lighter than recorded data. */
export const BACKCAST_STYLE = { dash: '6 4', opacity: 0.5 } as const;

/**
 * A segment's line in a series' own colour: dashed and lighter when back-cast, in the series'
 * own dash when recorded. `backcastDash` for larger drawings (the slides).
 * <Line {...segmentStroke(segment.basis, LEVEL_STYLE.commune)} />
 */
export function segmentStroke(basis: FigureBasis, style: { color: string; dash: string | undefined } | undefined, backcastDash: string = BACKCAST_STYLE.dash) {
  const backCast = basis === 'crosswalk';
  return { stroke: style?.color, strokeOpacity: backCast ? BACKCAST_STYLE.opacity : 1, strokeDasharray: backCast ? backcastDash : style?.dash };
}

export interface BasisPoint {
  time: number;
  basis: FigureBasis;
  /** units counted at this point: a new total starts a new line */
  total: number;
  value: number | null;
}

export interface BasisSegment<S extends string = string> {
  /** the recharts dataKey: `${series}~${n}` */
  key: string;
  series: S;
  basis: FigureBasis;
  total: number;
  /** the first segment of its series: the one that carries the legend entry */
  first: boolean;
}

/**
 * splitByBasis({ commune: [crosswalk 2025-05-31, crosswalk 2025-06-30, recorded 2025-07-31] })
 *   → segments [commune~0 (crosswalk), commune~1 (recorded)];
 *     rows [{ time: May, 'commune~0': … }, { time: June, 'commune~0': x, 'commune~1': x }, { time: July, 'commune~1': … }]
 */
export function splitByBasis<S extends string>(
  points: Partial<Record<S, readonly BasisPoint[]>>,
  order: readonly S[],
): { segments: BasisSegment<S>[]; rows: Array<{ time: number } & Record<string, number | null>> } {
  const segments: BasisSegment<S>[] = [];
  const byTime = new Map<number, { time: number } & Record<string, number | null>>();
  const put = (time: number, key: string, value: number | null) => {
    let row = byTime.get(time);
    if (!row) {
      row = { time } as { time: number } & Record<string, number | null>;
      byTime.set(time, row);
    }
    row[key] = value;
  };
  for (const series of order) {
    const list = [...(points[series] ?? [])].sort((a, b) => a.time - b.time);
    let current: BasisSegment<S> | null = null;
    let previous: BasisPoint | null = null;
    for (const point of list) {
      if (!current || previous === null || point.basis !== current.basis || point.total !== current.total) {
        const sameUnits = current !== null && previous !== null && point.total === current.total;
        current = { key: `${series}~${segments.filter((s) => s.series === series).length}`, series, basis: point.basis, total: point.total, first: !segments.some((s) => s.series === series) };
        segments.push(current);
        // the seam point belongs to both segments, so the line joins
        if (sameUnits && previous) put(previous.time, current.key, previous.value);
      }
      put(point.time, current.key, point.value);
      previous = point;
    }
  }
  return { segments, rows: [...byTime.values()].sort((a, b) => a.time - b.time) };
}

export const basisMessages = defineMessages({
  vi: {
    legend: 'Ước tính qua bảng chuyển đổi (trước 01/07/2025)',
    column: 'Cơ sở',
    recorded: 'ghi nhận',
    crosswalk: 'ước tính',
    bounds: 'từ {lower} đến {upper}',
    seamMarker: '01/07/2025: sắp xếp ĐVHC',
  },
  en: {
    legend: 'Estimated through the crosswalk (before 01/07/2025)',
    column: 'Basis',
    recorded: 'recorded',
    crosswalk: 'estimated',
    bounds: 'from {lower} to {upper}',
    seamMarker: '01/07/2025: reform',
  },
});
export type BasisMessages = (typeof basisMessages)['vi'];

/**
 * The basis cell of a table: basisText('crosswalk', { covered: 540 }, { covered: 560 }, m, 'vi')
 *   → 'ước tính, từ 540 đến 560'; basisText('recorded', …) → 'ghi nhận'
 */
export function basisText(
  basis: FigureBasis | undefined,
  lower: Pick<CoverageBound, 'covered'> | undefined,
  upper: Pick<CoverageBound, 'covered'> | undefined,
  m: BasisMessages,
  locale: Locale,
): string {
  if (basis === undefined) return '–';
  if (basis === 'recorded') return m.recorded;
  if (!lower || !upper) return m.crosswalk;
  return `${m.crosswalk}, ${fill(m.bounds, { lower: formatNumber(lower.covered, locale), upper: formatNumber(upper.covered, locale) })}`;
}

/**
 * The basis beside a share (a chart's tooltip), its bounds as shares of `total`:
 * basisShareText('crosswalk', { lower: 48, upper: 51 }, 126, m, 'vi') → 'ước tính, từ 38,1% đến 40,5%';
 * basisShareText('recorded', undefined, 126, m, 'vi') → 'ghi nhận'
 */
export function basisShareText(basis: FigureBasis, bounds: { lower: number; upper: number } | undefined, total: number, m: BasisMessages, locale: Locale): string {
  if (basis === 'recorded') return m.recorded;
  if (!bounds || !(total > 0)) return m.crosswalk;
  return `${m.crosswalk}, ${fill(m.bounds, { lower: formatPercent(bounds.lower / total, locale), upper: formatPercent(bounds.upper / total, locale) })}`;
}

/** A dated row of several levels, each with its basis and, where back-cast with room, its bounds. */
export interface LevelBasisRow {
  bases?: Partial<Record<Level, FigureBasis>>;
  bounds?: Partial<Record<Level, { lower: Pick<CoverageBound, 'covered'>; upper: Pick<CoverageBound, 'covered'> }>>;
}

/**
 * The basis cell of a row of several levels: the basis of its lowest level, with that level's
 * bounds. rowBasisText({ bases: { province: 'crosswalk', commune: 'crosswalk' }, bounds: { commune: … } }, ['province', 'commune'], m, 'vi')
 *   → 'ước tính, từ 5.770 đến 5.790'
 */
export function rowBasisText(row: LevelBasisRow, levels: readonly Level[], m: BasisMessages, locale: Locale): string {
  const level = [...levels].reverse().find((l) => row.bases?.[l] !== undefined);
  const bounds = level ? row.bounds?.[level] : undefined;
  return basisText(level ? row.bases?.[level] : undefined, bounds?.lower, bounds?.upper, m, locale);
}
