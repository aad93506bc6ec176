import { SCHEMES } from '@mttq/core/rules';
import type { CoverageCounts, CoverageResponse, Level, SchemeId } from '@mttq/core';
import { formatNumber, formatPercent } from '../../i18n/format';
import { fill, type Locale, type MessageKey, type Messages } from '../../i18n/messages';

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

/** The plural noun people use for a level: reform34 communes include the special zones. */
export function unitsKey(scheme: SchemeId, level: Level): MessageKey {
  return level === 'commune' ? `units_commune_${scheme}` : `units_${level}`;
}

/** A card as people say it: '5.777/10.599 xã, phường, thị trấn', '54,5% có trang', '12% đã được xác minh'. */
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
