import type { RankingRow, SchemeId } from '@mttq/core';
import { formatNumber } from '../../i18n/format';
import { fill, type Locale } from '../../i18n/messages';
import type { OverviewMessages } from './messages';

/** How many provinces each of "ahead" and "behind" lists. */
export const EXTREMES_COUNT = 5;

/**
 * The first and the last `count` ranked rows (rows come by rank from /rankings; rows without a
 * rank, nothing to divide by, are neither ahead nor behind). With fewer than 2 × count ranked
 * rows the lists do not overlap: "behind" takes what "ahead" left.
 * toRankingExtremes(rows of 63 provinces) → { ahead: ranks 1…5, behind: ranks 59…63 }
 */
export function toRankingExtremes(rows: readonly RankingRow[], count = EXTREMES_COUNT): { ahead: RankingRow[]; behind: RankingRow[] } {
  const ranked = rows.filter((row) => row.rank !== null);
  const ahead = ranked.slice(0, count);
  const behind = ranked.slice(Math.max(ahead.length, ranked.length - count));
  return { ahead, behind };
}

/**
 * A rank change as a symbol for the eye and words for screen readers:
 * rankChangeText(2, m, 'vi') → { symbol: '▲ 2', words: 'tăng 2 bậc', direction: 'up' }
 */
export function rankChangeText(rankChange: number | null, m: OverviewMessages, locale: Locale): { symbol: string; words: string; direction: 'up' | 'down' | 'same' | 'none' } {
  if (rankChange === null) return { symbol: '·', words: m.rankNew, direction: 'none' };
  if (rankChange === 0) return { symbol: '=', words: m.rankSame, direction: 'same' };
  const n = formatNumber(Math.abs(rankChange), locale);
  return rankChange > 0 ? { symbol: `▲ ${n}`, words: fill(m.rankUp, { n }), direction: 'up' } : { symbol: `▼ ${n}`, words: fill(m.rankDown, { n }), direction: 'down' };
}
