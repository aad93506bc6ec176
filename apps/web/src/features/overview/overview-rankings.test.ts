import type { RankingRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { overviewMessages } from './messages';
import { orderByTieBreaks, rankChangeText, toRankingExtremes } from './overview-rankings';

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

describe('ties', () => {
  const row = (code: string, value: number, rank: number): RankingRow => ({ rank, code, name: `Tỉnh ${code}`, value, numerator: 0, denominator: 1, previousRank: null, rankChange: null });

  it('breaks a coverage tie by active share, then verified share, then code', () => {
    const coverage = [row('01', 0.9, 1), row('02', 0.9, 1), row('03', 0.9, 1), row('04', 0.5, 4)];
    const active = [row('01', 0.2, 3), row('02', 0.6, 1), row('03', 0.6, 1), row('04', 0.9, 1)];
    const verified = [row('01', 0.9, 1), row('02', 0.1, 3), row('03', 0.3, 2), row('04', 0, 4)];
    expect(orderByTieBreaks(coverage, active, verified).map((r) => r.code)).toEqual(['03', '02', '01', '04']);
    expect(orderByTieBreaks(coverage).map((r) => r.code)).toEqual(['01', '02', '03', '04']);
    const { ahead, behind } = toRankingExtremes(coverage, 2, { active, verified });
    expect(ahead.map((r) => r.code)).toEqual(['03', '02']);
    expect(behind.map((r) => r.code)).toEqual(['01', '04']);
  });

  it('tells 8 provinces at 100% as such instead of listing five by code', () => {
    const rows = [...Array.from({ length: 8 }, (_, i) => row(String(i + 1).padStart(2, '0'), 1, 1)), ...Array.from({ length: 10 }, (_, i) => row(String(i + 20), 0.5 - i / 100, 9 + i))];
    const extremes = toRankingExtremes(rows);
    expect(extremes.ahead).toEqual([]);
    expect(extremes.atFull).toHaveLength(8);
    expect(extremes.behind.map((r) => r.code)).toEqual(['25', '26', '27', '28', '29']);
    // a few at 100%: listed, and still said
    const few = toRankingExtremes(rows.slice(6));
    expect(few.ahead.map((r) => r.code)).toEqual(['07', '08', '20', '21', '22']);
    expect(few.atFull.map((r) => r.code)).toEqual(['07', '08']);
    expect(toRankingExtremes(rows.slice(7)).atFull).toEqual([]);
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
