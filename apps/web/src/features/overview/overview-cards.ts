import { isWithinScheme, previousMonthEnd, SCHEMES } from '@mttq/core/rules';
import type { CoverageCounts, CoverageResponse, Level, SchemeId, TimelineResponse } from '@mttq/core';
import { formatDate, formatNumber, formatPercent, viCollator } from '../../i18n/format';
import { fill, type Locale, type MessageKey, type Messages } from '../../i18n/messages';
import type { OverviewMessages } from './messages';

/** One headline figure: a level's coverage in the scope of the answer. */
export interface HeadlineCard {
  level: Level;
  counts: CoverageCounts;
  /** covered / total; null when the level has no units in scope */
  coveredShare: number | null;
  /** verified / total */
  verifiedShare: number | null;
}

/** A row of the table alternative: one unit and the communes below it (or itself, at commune level). */
export interface CoverageTableRow {
  code: string;
  name: string;
  communesCovered: number;
  communesTotal: number;
  share: number | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The answer's `levels` as cards, top level first, in the scheme's level order. */
export function toHeadlineCards(response: Pick<CoverageResponse, 'scheme' | 'levels'>): HeadlineCard[] {
  return SCHEMES[response.scheme].levels.flatMap((level) => {
    const counts = response.levels[level];
    if (!counts) return [];
    return [{ level, counts, coveredShare: share(counts.covered, counts.total), verifiedShare: share(counts.verified, counts.total) }];
  });
}

/** The answer's rows with their commune coverage, in the API's order (by code). */
export function toCoverageTableRows(response: Pick<CoverageResponse, 'rows'>): CoverageTableRow[] {
  return response.rows.map((row) => {
    const communes = row.descendants.commune ?? { total: 1, covered: row.covered ? 1 : 0 };
    return {
      code: row.code,
      name: row.name,
      communesCovered: communes.covered,
      communesTotal: communes.total,
      share: share(communes.covered, communes.total),
    };
  });
}

/** The columns the province table sorts by, and which way. */
export type CoverageSortKey = 'name' | 'communes' | 'share';
export interface CoverageSort {
  key: CoverageSortKey;
  direction: 'ascending' | 'descending';
}

/**
 * The table's rows in the chosen order; ties (and units without a share, always last) keep the
 * API's order by code. Names sort the Vietnamese way (Đ after D).
 * sortCoverageRows(rows, { key: 'share', direction: 'descending' }) → highest share first
 */
export function sortCoverageRows(rows: readonly CoverageTableRow[], sort: CoverageSort | null): CoverageTableRow[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: CoverageTableRow, b: CoverageTableRow): number => {
    if (sort.key === 'name') return viCollator.compare(a.name, b.name);
    if (sort.key === 'communes') return a.communesCovered - b.communesCovered;
    return (a.share ?? 0) - (b.share ?? 0);
  };
  const withoutShare = (row: CoverageTableRow) => sort.key === 'share' && row.share === null;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => Number(withoutShare(a.row)) - Number(withoutShare(b.row)) || sign * compare(a.row, b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The plural noun people use for a level: reform34 communes include the special zones. */
export function unitsKey(scheme: SchemeId, level: Level): MessageKey {
  return level === 'commune' ? `units_commune_${scheme}` : `units_${level}`;
}

/** A card as people say it: '5.777/10.599 xã, phường, thị trấn', '54,5% có trang', '12% đã xác minh'. */
export function headlineCardText(card: HeadlineCard, scheme: SchemeId, t: Messages, locale: Locale) {
  return {
    fraction: fill(t.cardFraction, {
      covered: formatNumber(card.counts.covered, locale),
      total: formatNumber(card.counts.total, locale),
      units: t[unitsKey(scheme, card.level)],
    }),
    coveredShare: fill(t.cardCoveredShare, { share: formatPercent(card.coveredShare, locale) }),
    verifiedShare: fill(t.cardVerifiedShare, { share: formatPercent(card.verifiedShare, locale) }),
  };
}

/** Covered units of a level at the end of the month before the timeline's last date, and now. */
export interface MonthChange {
  /** the previous month end, YYYY-MM-DD */
  previousAsOf: string;
  previousCovered: number;
  covered: number;
  /** covered − previousCovered */
  delta: number;
}

/**
 * The change of a headline card against the end of last month, read from the level's timeline
 * (the chart fetches it anyway, so the change costs no request of its own; each point equals
 * /coverage levels[level] at its date, the API's contract). The timeline ends on the as-of date
 * and has a point at every month end before it, back to its `from`: the scheme's first day or the
 * first page launch. A previous month end before that launch had no page, so 0 were covered.
 * Null when there is no previous month end in the scheme (reform34 in July 2025) or, against the
 * contract, no point for it.
 * toMonthChange({ scheme: 'legacy63', from: '2021-09-01', to: '2022-08-12', points: [… 2022-07-31: 60, 2022-08-12: 63] })
 *   → { previousAsOf: '2022-07-31', previousCovered: 60, covered: 63, delta: 3 }
 */
export function toMonthChange(timeline: Pick<TimelineResponse, 'scheme' | 'from' | 'to' | 'points'>): MonthChange | null {
  const previousAsOf = previousMonthEnd(timeline.to);
  const last = timeline.points[timeline.points.length - 1];
  if (!last || !isWithinScheme(timeline.scheme, previousAsOf)) return null;
  const previous = timeline.points.find((p) => p.date === previousAsOf);
  let previousCovered: number;
  if (previous) previousCovered = previous.covered;
  else if (previousAsOf < timeline.from) previousCovered = 0;
  else return null;
  return { previousAsOf, previousCovered, covered: last.covered, delta: last.covered - previousCovered };
}

/**
 * '+12 so với cuối tháng trước (31/07/2022)'; without a change: when the scheme starts if that is
 * why, otherwise that it could not be worked out.
 */
export function monthChangeText(change: MonthChange | null, scheme: SchemeId, asOf: string, m: OverviewMessages, locale: Locale): string {
  if (!change) {
    return isWithinScheme(scheme, previousMonthEnd(asOf))
      ? m.changeFailed
      : fill(m.changeOutsideScheme, { date: formatDate(SCHEMES[scheme].validFrom, locale) });
  }
  const date = formatDate(change.previousAsOf, locale);
  if (change.delta === 0) return fill(m.changeNone, { date });
  const delta = formatNumber(Math.abs(change.delta), locale);
  return fill(change.delta > 0 ? m.changeUp : m.changeDown, { delta, date });
}
