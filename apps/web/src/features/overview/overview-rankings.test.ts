import type { RankingRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { overviewMessages } from './messages';
import { rankChangeText, toRankingExtremes } from './overview-rankings';

const ranked = (n: number): RankingRow[] =>
  Array.from({ length: n }, (_, i) => ({
    rank: i + 1,
    code: String(i + 1).padStart(2, '0'),
    name: `Tỉnh ${i + 1}`,
    value: 1 - i / 100,
    numerator: 100 - i,
    denominator: 100,
    previousRank: i + 1,
    rankChange: 0,
  }));

describe('toRankingExtremes', () => {
  it('takes the five best and the five worst of 63 provinces', () => {
    const { ahead, behind } = toRankingExtremes(ranked(63));
    expect(ahead.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(behind.map((r) => r.rank)).toEqual([59, 60, 61, 62, 63]);
  });

  it('leaves provinces without a rank out of both lists', () => {
    const rows = [...ranked(12), { ...ranked(1)[0]!, code: '99', rank: null, value: null }];
    expect(toRankingExtremes(rows).behind.map((r) => r.rank)).toEqual([8, 9, 10, 11, 12]);
  });

  it('does not list a province twice when there are fewer than ten', () => {
    const { ahead, behind } = toRankingExtremes(ranked(7));
    expect(ahead.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(behind.map((r) => r.rank)).toEqual([6, 7]);
    expect(toRankingExtremes([]).behind).toEqual([]);
  });
});

describe('rankChangeText', () => {
  it.each([
    [2, 'vi', '▲ 2', 'tăng 2 bậc', 'up'],
    [-1, 'vi', '▼ 1', 'giảm 1 bậc', 'down'],
    [0, 'vi', '=', 'giữ nguyên', 'same'],
    [null, 'vi', '·', 'chưa có hạng', 'none'],
    [3, 'en', '▲ 3', 'up 3', 'up'],
  ] as const)('shows a change of %s (%s) as %s, read as "%s"', (change, locale, symbol, words, direction) => {
    expect(rankChangeText(change, overviewMessages[locale], locale)).toEqual({ symbol, words, direction });
  });
});
