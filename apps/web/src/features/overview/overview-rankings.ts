import type { RankingRow, SchemeId } from '@mttq/core';
import { formatNumber } from '../../i18n/format';
import { fill, type Locale } from '../../i18n/messages';
import type { OverviewMessages } from './messages';

/** How many provinces each of "ahead" and "behind" lists. */
export const EXTREMES_COUNT = 5;

/** The extremes of a ranking: ahead and behind, and the provinces sharing 100% when several do. */
export interface RankingExtremes {
  ahead: RankingRow[];
  behind: RankingRow[];
  /** the provinces at 100% when two or more share it (ordered like `ahead`); else empty */
  atFull: RankingRow[];
}

/**
 * The ranked rows ordered by coverage, ties broken by the next measure: active share, then
 * verified share (rows of /rankings?metric=active and metric=verified, matched by code), then code.
 */
export function orderByTieBreaks(rows: readonly RankingRow[], ...next: ReadonlyArray<readonly RankingRow[] | undefined>): RankingRow[] {
  const values = next.map((list) => new Map((list ?? []).map((row) => [row.code, row.value ?? -1])));
  return rows
    .filter((row) => row.rank !== null)
    .map((row) => ({ row, keys: [row.value ?? -1, ...values.map((byCode) => byCode.get(row.code) ?? -1)] }))
    .sort((a, b) => {
      for (let i = 0; i < a.keys.length; i += 1) {
        const d = (b.keys[i] ?? -1) - (a.keys[i] ?? -1);
        if (d !== 0) return d;
      }
      return a.row.code.localeCompare(b.row.code);
    })
    .map(({ row }) => row);
}

/**
 * The first and the last `count` ranked rows, ties broken by active then verified share (see
 * orderByTieBreaks; rows without a rank, nothing to divide by, are neither ahead nor behind). With
 * fewer than 2 × count ranked rows the lists do not overlap: "behind" takes what "ahead" left.
 * When more than `count` provinces share 100%, "ahead" is empty and `atFull` holds them all, to be
 * told as "8 tỉnh đạt 100%" rather than five picked by code.
 * toRankingExtremes(rows of 63 provinces) → { ahead: ranks 1…5, behind: ranks 59…63, atFull: [] }
 */
export function toRankingExtremes(
  rows: readonly RankingRow[],
  count = EXTREMES_COUNT,
  tieBreaks: { active?: readonly RankingRow[]; verified?: readonly RankingRow[] } = {},
): RankingExtremes {
  const ranked = orderByTieBreaks(rows, tieBreaks.active, tieBreaks.verified);
  const full = ranked.filter((row) => row.value === 1);
  const atFull = full.length >= 2 ? full : [];
  const ahead = atFull.length > count ? [] : ranked.slice(0, count);
  const taken = atFull.length > count ? atFull.length : ahead.length;
  const behind = ranked.slice(Math.max(taken, ranked.length - count));
  return { ahead, behind, atFull };
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
