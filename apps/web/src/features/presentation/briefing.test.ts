import type { CoverageResponse, CoverageRow, MetricsSummaryResponse, RankingResponse, Snapshot, TimelineResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { overviewMessages } from '../overview/messages';
import { fromSnapshot, toBriefing, type BriefingFigures, type BriefingText, type Slide } from './briefing';
import { presentationMessages } from './messages';

const vi: BriefingText = { locale: 'vi', t: MESSAGES.vi, m: presentationMessages.vi, o: overviewMessages.vi };
const en: BriefingText = { locale: 'en', t: MESSAGES.en, m: presentationMessages.en, o: overviewMessages.en };

const counts = (total: number, covered: number) => ({ total, covered, active: covered, verified: Math.floor(covered / 2) });

const row = (code: string, name: string, descendants: CoverageRow['descendants'], covered = true): CoverageRow => ({
  code,
  name,
  kind: 'tinh',
  covered,
  active: covered,
  verified: covered,
  pages: covered ? 1 : 0,
  descendants,
});

/** A hand-made national answer: 3 provinces stand for the 63, the headline says 63/63. */
const coverage: CoverageResponse = {
  scheme: 'legacy63',
  asOf: '2022-08-12',
  demo: true,
  basis: 'recorded',
  level: 'province',
  parent: null,
  levels: { province: counts(63, 63), district: counts(705, 548), commune: counts(10599, 5777) },
  rows: [
    row('01', 'Thành phố Hà Nội', { district: counts(30, 30), commune: counts(579, 561) }),
    row('02', 'Tỉnh Hà Giang', { district: counts(11, 5), commune: counts(193, 20) }),
    row('79', 'Thành phố Hồ Chí Minh', { district: counts(22, 22), commune: counts(0, 0) }),
  ],
};

const timeline = (level: 'province' | 'district' | 'commune', total: number, covered: [number, number]): TimelineResponse => ({
  scheme: 'legacy63',
  level,
  parent: null,
  interval: 'month',
  from: '2022-07-01',
  to: '2022-08-12',
  demo: true,
  points: [
    { date: '2022-07-31', ...counts(total, covered[0]), basis: 'recorded' },
    { date: '2022-08-12', ...counts(total, covered[1]), basis: 'recorded' },
  ],
  markers: [{ date: '2022-08-12', label: 'Hội nghị toàn quốc: 63/63 tỉnh, thành' }],
});

const rankings: RankingResponse = {
  scheme: 'legacy63',
  asOf: '2022-08-12',
  previousAsOf: '2022-07-31',
  demo: true,
  basis: 'recorded',
  level: 'province',
  parent: null,
  metric: 'coverage',
  rows: [
    { rank: 1, code: '01', name: 'Thành phố Hà Nội', value: 561 / 579, numerator: 561, denominator: 579, previousRank: 1, rankChange: 0 },
    { rank: 2, code: '02', name: 'Tỉnh Hà Giang', value: 20 / 193, numerator: 20, denominator: 193, previousRank: 2, rankChange: 0 },
    { rank: null, code: '79', name: 'Thành phố Hồ Chí Minh', value: null, numerator: 0, denominator: 0, previousRank: null, rankChange: null },
  ],
};

const figures = (n: number) => ({ sum: n, median: 1 });
const metrics: MetricsSummaryResponse = {
  scheme: 'legacy63',
  asOf: '2022-08-12',
  month: '2022-07',
  demo: true,
  basis: 'recorded',
  parent: null,
  current: { asOf: '2022-08-12', month: '2022-07', pages: 6388, reportingPages: 6388, followers: figures(7617476), posts: figures(54274), interactions: figures(3325925), activePages: 6318, activeShare: 0.989 },
  previous: null,
  change: null,
};

const live: BriefingFigures = {
  origin: { kind: 'live' },
  owner: 'front',
  coverage,
  timelines: { province: timeline('province', 63, [60, 63]), district: timeline('district', 705, [540, 548]), commune: timeline('commune', 10599, [5746, 5777]) },
  rankings,
  metrics,
  province: null,
};

const snapshot: Snapshot = {
  id: 7,
  name: 'Hội nghị trực tuyến toàn quốc 12/08/2022',
  scheme: 'legacy63',
  asOf: '2022-08-12',
  owner: 'front',
  demo: true,
  // 18:30 UTC on the 11th is already the 12th in Vietnam
  createdAt: '2022-08-11T18:30:00.000Z',
  createdBy: 'central',
  levels: coverage.levels,
  figures: { coverage, timelines: live.timelines, rankings, metrics },
};

const of = <K extends Slide['kind']>(slides: Slide[], kind: K) => slides.find((s): s is Extract<Slide, { kind: K }> => s.kind === kind)!;

describe('toBriefing', () => {
  it('builds the national slides in order, with the title date and the headline as people say it', () => {
    const { slides, footer } = toBriefing(live, vi);
    expect(slides.map((s) => s.kind)).toEqual(['title', 'headline', 'levels', 'map', 'regions', 'ranking', 'trend', 'activity']);
    expect(of(slides, 'title').dateLine).toBe('Số liệu đến ngày 12/08/2022');
    const headline = of(slides, 'headline');
    expect(`${headline.figure} ${headline.units}`).toBe('63/63 tỉnh, thành');
    expect(headline.others).toEqual(['548/705 quận, huyện (77,7%)', '5.777/10.599 xã, phường, thị trấn (54,5%)']);
    expect(footer).toEqual({
      asOf: 'Số liệu đến ngày 12/08/2022',
      source: 'Nguồn: Ban Thường trực UBTW MTTQ Việt Nam — Bảng theo dõi Trang cộng đồng',
      snapshot: null,
      demo: 'DỮ LIỆU MINH HỌA',
    });
  });

  it('writes every level with its fraction and shares', () => {
    const levels = of(toBriefing(live, vi).slides, 'levels');
    expect(levels.rows.map((r) => [r.label, r.fraction, r.coveredText])).toEqual([
      ['Tỉnh, thành', '63/63', '100% có trang'],
      ['Quận, huyện', '548/705', '77,7% có trang'],
      ['Xã, phường, thị trấn', '5.777/10.599', '54,5% có trang'],
    ]);
  });

  it('colours each province by its commune share and counts the classes, with no data apart', () => {
    const map = of(toBriefing(live, vi).slides, 'map');
    // 96,9% and 10,4% fill only two of the fixed classes, so the classes follow the shares shown
    const [top, lower] = map.legend.map((entry) => entry.bucket);
    expect(top).not.toBe(lower);
    expect(map.tiles.map((t) => [t.code, t.bucket])).toEqual([
      ['01', top],
      ['02', lower],
      ['79', null],
    ]);
    expect(map.legend.map((l) => `${l.label}: ${l.count}`)).toEqual([
      'từ 90,0% trở lên: 1 tỉnh, thành',
      'từ 10,0% đến dưới 90,0%: 1 tỉnh, thành',
      'chưa có số liệu: 1 tỉnh, thành',
    ]);
    expect(map.classesNote).toBe('Các nhóm chia theo khoảng số liệu đang hiển thị: 10,4% – 96,9%');
    expect(map.summary).toBe('Cả nước: 5.777/10.599 xã, phường, thị trấn có trang (54,5%)');
  });

  it('lists the ranked provinces only, ahead before behind', () => {
    const ranking = of(toBriefing(live, vi).slides, 'ranking');
    expect(ranking.ahead.map((r) => `${r.rank}. ${r.name} ${r.shareText} ${r.fraction}`)).toEqual(['1. Thành phố Hà Nội 96,9% 561/579', '2. Tỉnh Hà Giang 10,4% 20/193']);
    expect(ranking.behind).toEqual([]);
  });

  it('writes the trend from the first to the last point of each level, and the conference marker', () => {
    const trend = of(toBriefing(live, vi).slides, 'trend');
    expect(trend.lines.map((l) => `${l.label}: ${l.change}`)).toEqual([
      'Tỉnh, thành: 95,2% (31/07/2022) → 100% (12/08/2022)',
      'Quận, huyện: 76,6% (31/07/2022) → 77,7% (12/08/2022)',
      'Xã, phường, thị trấn: 54,2% (31/07/2022) → 54,5% (12/08/2022)',
    ]);
    expect(Object.values(trend.eventLabels)).toEqual(['Hội nghị toàn quốc']);
    expect(trend.table.rows[1]).toEqual(['12/08/2022', '100% (63/63)', '77,7% (548/705)', '54,5% (5.777/10.599)']);
  });

  it('gives the trend table a basis column, with the communes’ bounds, when figures are back-cast', () => {
    const backCast = (level: 'province' | 'commune', total: number, covered: [number, number]): TimelineResponse => {
      const recorded = timeline(level, total, covered);
      const [first, last] = recorded.points as [TimelineResponse['points'][number], TimelineResponse['points'][number]];
      const bounds = level === 'commune' ? { lower: { covered: 1500, active: 0, verified: 0 }, upper: { covered: 1540, active: 0, verified: 0 } } : {};
      return { ...recorded, scheme: 'reform34', points: [{ ...first, basis: 'crosswalk', ...bounds }, last] };
    };
    const reform: BriefingFigures = { ...live, coverage: { ...coverage, scheme: 'reform34' }, timelines: { province: backCast('province', 34, [34, 34]), commune: backCast('commune', 3321, [1520, 1600]) } };
    const trend = of(toBriefing(reform, vi).slides, 'trend');
    expect(trend.table.columns.at(-1)).toBe('Cơ sở');
    expect(trend.table.rows.map((row) => row.at(-1))).toEqual(['ước tính, từ 1.500 đến 1.540', 'ghi nhận']);
    // recorded figures only: no basis column
    expect(of(toBriefing(live, vi).slides, 'trend').table.columns).not.toContain('Cơ sở');
  });

  it('says when there is no previous month to compare activity with', () => {
    const activity = of(toBriefing(live, vi).slides, 'activity');
    expect(activity.items[0]).toEqual({ value: '6.388', label: 'trang cộng đồng', change: 'chưa có tháng trước để so sánh' });
    expect(activity.items[3]?.label).toBe('bài đăng trong tháng 7/2022');
    expect(activity.note).toBe('Lượt theo dõi, bài đăng và tương tác: tháng 7/2022 — tháng đủ gần nhất trước ngày 12/08/2022.');
  });

  it('says so when frozen figures hold a month that had not ended on the as-of date', () => {
    const running = { ...metrics, month: '2022-08', current: { ...metrics.current, month: '2022-08' } };
    const activity = of(toBriefing({ ...live, metrics: running }, vi).slides, 'activity');
    expect(activity.note).toBe(
      'Lượt theo dõi, bài đăng và tương tác: cả tháng 8/2022, gồm cả những ngày sau ngày 12/08/2022 (ảnh chụp xuất bản trước khi sửa quy tắc này).',
    );
    expect(of(toBriefing(live, en).slides, 'activity').note).toBe('Followers, posts and interactions: July 2022, the latest complete month before 12 Aug 2022.');
  });

  it('gives a snapshot the same slides as the live answers it froze; only the title and footer name it', () => {
    const fromLive = toBriefing(live, vi);
    const frozen = toBriefing(fromSnapshot(snapshot, null), vi);
    expect(frozen.slides.slice(1)).toEqual(fromLive.slides.slice(1));
    expect(of(frozen.slides, 'title').lines).toEqual([
      'Cơ cấu hành chính: 63 tỉnh, thành — có cấp huyện',
      'Bản chốt số liệu: Hội nghị trực tuyến toàn quốc 12/08/2022',
      'Công bố ngày 12/08/2022, người công bố: central',
    ]);
    expect(frozen.footer.snapshot).toBe('Bản chốt «Hội nghị trực tuyến toàn quốc 12/08/2022», công bố 12/08/2022');
  });

  it('adds a province slide from its frozen row, and its districts when live', () => {
    const lower: CoverageResponse = {
      ...coverage,
      level: 'district',
      parent: '02',
      levels: { district: counts(3, 1), commune: counts(30, 12) },
      rows: [row('024', 'Huyện B', { commune: counts(10, 2) }), row('026', 'Huyện A', { commune: counts(10, 10) }), row('025', 'Huyện C', { commune: counts(10, 0) }, false)],
    };
    const withLive = toBriefing({ ...live, province: { code: '02', lower } }, vi).slides;
    expect(withLive.slice(-2).map((s) => s.kind)).toEqual(['province', 'districts']);
    const province = of(withLive, 'province');
    expect(province.title).toBe('Tỉnh Hà Giang');
    expect(province.rank).toBe('Xếp thứ 2/2 cả nước về tỷ lệ xã có trang');
    expect(province.figures.map((f) => f.fraction)).toEqual(['5/11 quận, huyện', '20/193 xã, phường, thị trấn']);
    const districts = of(withLive, 'districts');
    expect(districts.note).toBe('1/3 quận, huyện đã có trang ở mọi xã; dưới đây là các nơi thấp nhất.');
    expect(districts.rows.map((r) => `${r.name} ${r.shareText}`)).toEqual(['Huyện C 0%', 'Huyện B 20,0%']);

    const frozen = toBriefing(fromSnapshot(snapshot, '02'), vi).slides;
    expect(frozen.slice(-1).map((s) => s.kind)).toEqual(['province']);
    expect(of(frozen, 'province')).toEqual(province);
  });

  it('skips the province slides for a code that is no province of the answer', () => {
    expect(toBriefing({ ...live, province: { code: '03', lower: null } }, vi).slides.map((s) => s.kind)).not.toContain('province');
  });

  it('names reform34 communes with the special zones and lists those without a page', () => {
    const reform: CoverageResponse = {
      ...coverage,
      scheme: 'reform34',
      asOf: '2025-07-01',
      levels: { province: counts(34, 34), commune: counts(3321, 2000) },
      rows: [row('01', 'Thành phố Hà Nội', { commune: counts(126, 110) })],
    };
    const communes: CoverageResponse = {
      ...reform,
      level: 'commune',
      parent: '01',
      levels: { commune: counts(15, 1) },
      rows: [
        row('00004', 'Phường Ba Đình', {}),
        ...['Xã Yên Xuân', 'Phường Đống Đa', 'Phường Cầu Giấy', 'Xã An Khánh', 'Phường Hoàn Kiếm', 'Xã Bát Tràng', 'Phường Dương Nội', 'Xã Đông Anh', 'Phường Tây Hồ', 'Xã Gia Lâm', 'Phường Long Biên', 'Xã Ô Diên', 'Phường Hà Đông', 'Xã Ba Vì'].map((name, i) =>
          row(String(10 + i).padStart(5, '0'), name, {}, false),
        ),
      ],
    };
    const briefing = toBriefing({ ...live, coverage: reform, timelines: {}, province: { code: '01', lower: communes } }, vi);
    expect(of(briefing.slides, 'headline').others).toEqual(['2.000/3.321 xã, phường, đặc khu (60,2%)']);
    const missing = of(briefing.slides, 'communes');
    expect(missing.names.slice(0, 4)).toEqual(['Phường Cầu Giấy', 'Phường Dương Nội', 'Phường Đống Đa', 'Phường Hà Đông']);
    expect(missing.names).toHaveLength(12);
    expect(missing.more).toBe('và 2 xã khác');
    expect(of(briefing.slides, 'trend').empty).toBe('Chưa có trang nào đến ngày này.');
  });

  it('writes everything in English on the English switch', () => {
    const { slides, footer } = toBriefing(fromSnapshot(snapshot, null), en);
    const headline = of(slides, 'headline');
    expect(`${headline.figure} ${headline.units}`).toBe('63/63 provinces and cities');
    expect(headline.others[1]).toBe('5,777/10,599 communes, wards and townships (54.5%)');
    expect(footer.asOf).toBe('Figures as of 12 Aug 2022');
    expect(footer.demo).toBe('DEMO DATA');
    expect(of(slides, 'regions').rows.map((r) => r.name)).toEqual(['Northern Midlands and Mountains', 'Red River Delta', 'Southeast']);
  });

  it('leaves the activity slide out without metrics', () => {
    expect(toBriefing({ ...live, metrics: null }, vi).slides.map((s) => s.kind)).not.toContain('activity');
  });
});

