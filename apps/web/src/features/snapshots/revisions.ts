import type { CoverageCounts, CoverageResponse, Level, SnapshotSummary } from '@mttq/core';
import { LEVELS } from '@mttq/core/rules';
import { formatDate, formatNumber } from '../../i18n/format';
import { defineMessages, fill, type Locale } from '../../i18n/messages';

/**
 * Revisions: a live figure for a past date that differs from the snapshot published for that date
 * (same scheme, asOf and owner), e.g. 548 communes covered when the snapshot froze 548 and 549 now
 * that a page was added with an earlier start.
 */

export const REVISED_MEASURES = ['covered', 'active', 'verified'] as const;
export type RevisedMeasure = (typeof REVISED_MEASURES)[number];

export interface Revision {
  level: Level;
  measure: RevisedMeasure;
  /** the snapshot's figure */
  frozen: number;
  /** the live /coverage figure */
  live: number;
}

/**
 * Every level and measure where the live answer differs from the frozen headline, in LEVELS order.
 * findRevisions({ district: { covered: 548, … } }, { levels: { district: { covered: 549, … } } })
 *   → [{ level: 'district', measure: 'covered', frozen: 548, live: 549 }]
 */
export function findRevisions(frozen: Partial<Record<Level, CoverageCounts>>, live: Pick<CoverageResponse, 'levels'>): Revision[] {
  const revisions: Revision[] = [];
  for (const level of LEVELS) {
    const before = frozen[level];
    const now = live.levels[level];
    if (!before || !now) continue;
    for (const measure of REVISED_MEASURES) {
      if (before[measure] !== now[measure]) revisions.push({ level, measure, frozen: before[measure], live: now[measure] });
    }
  }
  return revisions;
}

/**
 * The snapshot a live answer is compared with: published for the same scheme, date and owner (the
 * newest, as the list comes newest first); null when there is none.
 */
export function snapshotFor(
  snapshots: readonly SnapshotSummary[],
  live: Pick<CoverageResponse, 'scheme' | 'asOf'>,
  owner = 'front',
): SnapshotSummary | null {
  return snapshots.find((s) => s.scheme === live.scheme && s.asOf === live.asOf && s.owner === owner) ?? null;
}

export const revisionMessages = defineMessages({
  vi: {
    title: 'Số liệu đã cập nhật sau khi chốt',
    line: '{what}: {frozen} → {live}, cập nhật sau khi chốt số liệu {date}',
    measure_covered: '{units} có trang',
    measure_active: '{units} có trang hoạt động',
    measure_verified: '{units} có trang xác minh',
  },
  en: {
    title: 'Figures updated after the snapshot',
    line: '{what}: {frozen} → {live}, updated after the snapshot of {date}',
    measure_covered: '{units} with a page',
    measure_active: '{units} with an active page',
    measure_verified: '{units} with a verified page',
  },
});
export type RevisionMessages = (typeof revisionMessages)['vi'];

/**
 * revisionText({ level: 'district', measure: 'covered', frozen: 548, live: 549 }, '2022-08-12', 'Quận, huyện', m, 'vi')
 *   → 'Quận, huyện có trang: 548 → 549, cập nhật sau khi chốt số liệu 12/08/2022'
 */
export function revisionText(revision: Revision, snapshotAsOf: string, units: string, m: RevisionMessages, locale: Locale): string {
  return fill(m.line, {
    what: fill(m[`measure_${revision.measure}`], { units }),
    frozen: formatNumber(revision.frozen, locale),
    live: formatNumber(revision.live, locale),
    date: formatDate(snapshotAsOf, locale),
  });
}

