/** Pure reshaping of the province screen's API answers for its notes and charts. */
import type { CrosswalkLink, TimelineResponse, UnitDetailResponse } from '@mttq/core';
import type { UnitTableRow } from './unit-table';

/**
 * The unit's links across the 2025 reform: a legacy63 unit's "now part of", a reform34 unit's
 * "formerly". crosswalkLinks({ scheme: 'reform34', formerly: [tienGiang, dongThap] }) → [tienGiang, dongThap]
 */
export function crosswalkLinks(detail: Pick<UnitDetailResponse, 'scheme' | 'nowPartOf' | 'formerly'>): CrosswalkLink[] {
  return (detail.scheme === 'legacy63' ? detail.nowPartOf : detail.formerly) ?? [];
}

/** One month end of the province's commune timeline, shares 0…1 (null without communes). */
export interface TimelineShareRow {
  date: string;
  /** `date` at 00:00 UTC in ms: the chart's x value */
  time: number;
  total: number;
  covered: number;
  active: number;
  verified: number;
  coveredShare: number | null;
  activeShare: number | null;
  verifiedShare: number | null;
  /** recorded, or back-cast through the crosswalk (reform34 before 01/07/2025) */
  basis?: 'recorded' | 'crosswalk';
  /** back-cast points: the communes covered at least and at most */
  bounds?: { lower: number; upper: number };
}

/**
 * The /coverage/timeline points with their shares, oldest first.
 * toTimelineShareRows({ points: [{ date: '2022-08-12', total: 4, covered: 2, active: 1, verified: 0 }] })[0].coveredShare → 0.5
 */
export function toTimelineShareRows(timeline: Pick<TimelineResponse, 'points'>): TimelineShareRow[] {
  const share = (part: number, total: number) => (total > 0 ? part / total : null);
  return timeline.points.map((p) => ({
    date: p.date,
    time: Date.parse(`${p.date}T00:00:00Z`),
    total: p.total,
    covered: p.covered,
    active: p.active,
    verified: p.verified,
    coveredShare: share(p.covered, p.total),
    activeShare: share(p.active, p.total),
    verifiedShare: share(p.verified, p.total),
    basis: p.basis,
    ...(p.lower && p.upper ? { bounds: { lower: p.lower.covered, upper: p.upper.covered } } : {}),
  }));
}

/** A district's bar: the share of its communes with a page. */
export interface DistrictShareRow {
  code: string;
  name: string;
  covered: number;
  total: number;
  share: number;
}

/**
 * Districts with communes, lowest share first (the ones to chase), ties by `compareText` on the name.
 * Districts without communes have no share and are left out.
 */
export function toDistrictShareRows(rows: readonly UnitTableRow[], compareText: (a: string, b: string) => number): DistrictShareRow[] {
  const bars: DistrictShareRow[] = [];
  for (const row of rows) {
    if (!row.communes || row.share === null) continue;
    bars.push({ code: row.code, name: row.name, covered: row.communes.covered, total: row.communes.total, share: row.share });
  }
  return bars.sort((a, b) => a.share - b.share || compareText(a.name, b.name));
}

/**
 * A district's name without its kind, for a narrow chart axis: 'Quận Ba Đình' → 'Ba Đình',
 * 'Thành phố Sơn Tây' → 'Sơn Tây', 'Thị xã Sơn Tây' → 'Sơn Tây'.
 */
export function withoutKind(name: string): string {
  return name.replace(/^(Quận|Huyện|Thị xã|Thành phố)\s+/u, '');
}
