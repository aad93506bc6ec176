import type { CoverageResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { overviewMessages } from './messages';
import { headlineCardText, monthChangeText, sortCoverageRows, toCoverageTableRows, toHeadlineCards, toMonthChange, type CoverageTableRow } from './overview-cards';

const legacy: CoverageResponse = {
  scheme: 'legacy63',
  asOf: '2022-08-12',
  demo: true,
  basis: 'recorded',
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
    expect(texts[2]?.verifiedShare).toBe('11,3% đã xác minh');
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

const point = (date: string, covered: number, total = 10599) => ({ date, total, covered, active: 0, verified: 0, basis: 'recorded' as const });

describe('toMonthChange', () => {
  it('compares the as-of date with the point at the end of the month before', () => {
    const timeline = { scheme: 'legacy63' as const, from: '2021-09-01', to: '2022-08-12', points: [point('2022-06-30', 5000), point('2022-07-31', 5765), point('2022-08-12', 5777)] };
    expect(toMonthChange(timeline)).toEqual({ previousAsOf: '2022-07-31', previousCovered: 5765, covered: 5777, delta: 12 });
  });

  it('takes the month before a month end, not the month end itself', () => {
    const timeline = { scheme: 'legacy63' as const, from: '2021-09-01', to: '2022-07-31', points: [point('2022-06-30', 5000), point('2022-07-31', 4990)] };
    expect(toMonthChange(timeline)).toMatchObject({ previousAsOf: '2022-06-30', delta: -10 });
  });

  it('counts nothing covered at a month end before the first page launch', () => {
    const timeline = { scheme: 'legacy63' as const, from: '2021-09-01', to: '2021-09-30', points: [point('2021-09-30', 4)] };
    expect(toMonthChange(timeline)).toEqual({ previousAsOf: '2021-08-31', previousCovered: 0, covered: 4, delta: 4 });
  });

  it('has no change in the first month of reform34: the month before belongs to legacy63', () => {
    const timeline = { scheme: 'reform34' as const, from: '2025-07-01', to: '2025-07-20', points: [point('2025-07-20', 3100, 3321)] };
    expect(toMonthChange(timeline)).toBeNull();
    expect(toMonthChange({ ...timeline, to: '2025-08-05', points: [point('2025-07-31', 3180, 3321), point('2025-08-05', 3190, 3321)] })).toMatchObject({ delta: 10 });
  });
});

describe('monthChangeText', () => {
  const m = overviewMessages;
  const change = (delta: number) => ({ previousAsOf: '2022-07-31', previousCovered: 5000, covered: 5000 + delta, delta });

  it.each([
    [12, 'vi', '+12 so với cuối tháng trước (31/07/2022)'],
    [1234, 'vi', '+1.234 so với cuối tháng trước (31/07/2022)'],
    [-3, 'vi', '−3 so với cuối tháng trước (31/07/2022)'],
    [0, 'vi', 'Không đổi so với cuối tháng trước (31/07/2022)'],
    [12, 'en', '+12 since the end of last month (31 Jul 2022)'],
    [0, 'en', 'No change since the end of last month (31 Jul 2022)'],
  ] as const)('writes a change of %i in %s', (delta, locale, text) => {
    expect(monthChangeText(change(delta), 'legacy63', '2022-08-12', m[locale], locale)).toBe(text);
  });

  it('says why there is no change: the scheme starts this month, or it could not be worked out', () => {
    expect(monthChangeText(null, 'reform34', '2025-07-20', m.vi, 'vi')).toBe('Chưa có tháng trước trong cơ cấu này (bắt đầu từ 01/07/2025)');
    expect(monthChangeText(null, 'legacy63', '2022-08-12', m.vi, 'vi')).toBe(m.vi.changeFailed);
  });
});

describe('sortCoverageRows', () => {
  const row = (code: string, name: string, communesCovered: number, communesTotal: number): CoverageTableRow => ({
    code,
    name,
    communesCovered,
    communesTotal,
    share: communesTotal > 0 ? communesCovered / communesTotal : null,
  });
  const rows = [row('01', 'Hà Nội', 561, 579), row('02', 'Hà Giang', 23, 193), row('11', 'Điện Biên', 50, 100), row('12', 'Đà Nẵng', 0, 0), row('14', 'Sơn La', 50, 100)];
  const codes = (sorted: CoverageTableRow[]) => sorted.map((r) => r.code);

  it('keeps the API order without a sort', () => {
    expect(codes(sortCoverageRows(rows, null))).toEqual(['01', '02', '11', '12', '14']);
  });

  it('sorts names the Vietnamese way, both ways', () => {
    expect(sortCoverageRows(rows, { key: 'name', direction: 'ascending' }).map((r) => r.name)).toEqual(['Đà Nẵng', 'Điện Biên', 'Hà Giang', 'Hà Nội', 'Sơn La']);
    expect(sortCoverageRows(rows, { key: 'name', direction: 'descending' }).map((r) => r.name)).toEqual(['Sơn La', 'Hà Nội', 'Hà Giang', 'Điện Biên', 'Đà Nẵng']);
  });

  it('sorts by share with ties in code order and units without communes last either way', () => {
    expect(codes(sortCoverageRows(rows, { key: 'share', direction: 'descending' }))).toEqual(['01', '11', '14', '02', '12']);
    expect(codes(sortCoverageRows(rows, { key: 'share', direction: 'ascending' }))).toEqual(['02', '11', '14', '01', '12']);
  });

  it('sorts by communes with a page', () => {
    expect(codes(sortCoverageRows(rows, { key: 'communes', direction: 'descending' }))).toEqual(['01', '11', '14', '02', '12']);
  });
});
