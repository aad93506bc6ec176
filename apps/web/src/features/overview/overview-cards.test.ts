import type { CoverageResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { headlineCardText, toCoverageTableRows, toHeadlineCards } from './overview-cards';

const legacy: CoverageResponse = {
  scheme: 'legacy63',
  asOf: '2022-08-12',
  demo: true,
  level: 'province',
  parent: null,
  levels: {
    province: { total: 63, covered: 63, active: 60, verified: 50 },
    commune: { total: 10599, covered: 5777, active: 4000, verified: 1200 },
    district: { total: 705, covered: 548, active: 500, verified: 300 },
  },
  rows: [
    {
      code: '01',
      name: 'Thành phố Hà Nội',
      kind: 'thanh-pho-trung-uong',
      covered: true,
      active: true,
      verified: true,
      pages: 1,
      descendants: { district: { total: 30, covered: 30, active: 30, verified: 30 }, commune: { total: 579, covered: 300, active: 200, verified: 100 } },
    },
    {
      code: '02',
      name: 'Tỉnh Hà Giang',
      kind: 'tinh',
      covered: true,
      active: false,
      verified: false,
      pages: 1,
      descendants: { district: { total: 11, covered: 0, active: 0, verified: 0 }, commune: { total: 0, covered: 0, active: 0, verified: 0 } },
    },
  ],
};

describe('toHeadlineCards', () => {
  it('orders the levels as the scheme does, with shares of the total', () => {
    const cards = toHeadlineCards(legacy);
    expect(cards.map((c) => c.level)).toEqual(['province', 'district', 'commune']);
    expect(cards[0]?.coveredShare).toBe(1);
    expect(cards[2]?.verifiedShare).toBeCloseTo(1200 / 10599);
  });

  it('has no district card in reform34 and no share for an empty level', () => {
    const cards = toHeadlineCards({ scheme: 'reform34', levels: { province: { total: 34, covered: 34, active: 0, verified: 0 }, commune: { total: 0, covered: 0, active: 0, verified: 0 } } });
    expect(cards.map((c) => c.level)).toEqual(['province', 'commune']);
    expect(cards[1]?.coveredShare).toBeNull();
  });
});

describe('headlineCardText', () => {
  it('writes the cards as people say them, in Vietnamese', () => {
    const texts = toHeadlineCards(legacy).map((card) => headlineCardText(card, 'legacy63', MESSAGES.vi, 'vi'));
    expect(texts.map((t) => t.fraction)).toEqual(['63/63 tỉnh, thành', '548/705 quận, huyện', '5.777/10.599 xã, phường, thị trấn']);
    expect(texts[2]?.coveredShare).toBe('54,5% có trang');
    expect(texts[2]?.verifiedShare).toBe('11,3% đã được xác minh');
  });

  it('names reform34 communes with the special zones, and switches to English', () => {
    const [, commune] = toHeadlineCards({ scheme: 'reform34', levels: { province: { total: 34, covered: 34, active: 0, verified: 0 }, commune: { total: 3321, covered: 2000, active: 0, verified: 0 } } });
    expect(headlineCardText(commune!, 'reform34', MESSAGES.vi, 'vi').fraction).toBe('2.000/3.321 xã, phường, đặc khu');
    expect(headlineCardText(commune!, 'reform34', MESSAGES.en, 'en').fraction).toBe('2,000/3,321 communes, wards and special zones');
  });
});

describe('toCoverageTableRows', () => {
  it('gives each row its communes covered of total, with no share for none', () => {
    expect(toCoverageTableRows(legacy)).toEqual([
      { code: '01', name: 'Thành phố Hà Nội', communesCovered: 300, communesTotal: 579, share: 300 / 579 },
      { code: '02', name: 'Tỉnh Hà Giang', communesCovered: 0, communesTotal: 0, share: null },
    ]);
  });

  it('counts a commune row as itself', () => {
    const rows = toCoverageTableRows({ rows: [{ ...legacy.rows[0]!, code: '00001', descendants: {} }] });
    expect(rows[0]).toMatchObject({ communesCovered: 1, communesTotal: 1, share: 1 });
  });
});
