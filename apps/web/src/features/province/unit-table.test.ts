import type { CoverageResponse } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { viCollator } from '../../i18n/format';
import {
  applyUnitTable,
  DEFAULT_UNIT_TABLE,
  matchesStatus,
  nextSort,
  parseUnitTableState,
  serializeUnitTableState,
  sharePercent,
  statusRank,
  toUnitExportTable,
  toUnitTableRows,
  type UnitTableRow,
  type UnitTableState,
} from './unit-table';
import { crosswalkLinks, toDistrictShareRows, toTimelineShareRows, withoutKind } from './province-figures';

const row = (code: string, name: string, flags: Partial<UnitTableRow> = {}): UnitTableRow => ({
  code,
  name,
  districtName: null,
  isCovered: false,
  isActive: false,
  isVerified: false,
  pages: 0,
  communes: null,
  share: null,
  ...flags,
});

const ROWS: UnitTableRow[] = [
  row('00001', 'Phường Phúc Xá', { isCovered: true, isActive: true, isVerified: true, pages: 2, districtName: 'Quận Ba Đình' }),
  row('00004', 'Phường Trúc Bạch', { isCovered: true, pages: 1, districtName: 'Quận Ba Đình' }),
  row('00037', 'Phường Điện Biên', { districtName: 'Quận Ba Đình' }),
  row('00040', 'Phường Đội Cấn', { isCovered: true, isVerified: true, pages: 1, districtName: 'Quận Ba Đình' }),
  row('00070', 'Phường Dịch Vọng', { isCovered: true, isActive: true, pages: 3, districtName: 'Quận Cầu Giấy' }),
];

const codes = (rows: readonly UnitTableRow[]) => rows.map((r) => r.code);
const ALL_COLUMNS = ['name', 'district', 'status', 'pages', 'share'] as const;

describe('the unit table URL state', () => {
  it('reads sort, status and q under their URL names', () => {
    expect(parseUnitTableState('?sort=-pages&status=verified&q=ba%20dinh')).toEqual({
      sort: { key: 'pages', isDescending: true },
      status: 'verified',
      q: 'ba dinh',
    });
  });

  it.each([
    ['sort=population', { sort: null }],
    ['sort=--name', { sort: null }],
    ['status=closed', { status: null }],
    ['', DEFAULT_UNIT_TABLE],
  ])('falls back to the default for a bad value: %s', (query, expected) => {
    expect(parseUnitTableState(query)).toMatchObject(expected);
  });

  it.each<UnitTableState>([
    DEFAULT_UNIT_TABLE,
    { sort: { key: 'name', isDescending: false }, status: null, q: '' },
    { sort: { key: 'share', isDescending: true }, status: 'uncovered', q: 'Phúc Xá' },
  ])('round-trips %j and keeps the view keys', (state) => {
    const params = serializeUnitTableState(state, new URLSearchParams('scheme=legacy63&asOf=2022-08-12&level=commune'));
    expect(params.get('scheme')).toBe('legacy63');
    expect(params.get('level')).toBe('commune');
    expect(parseUnitTableState(params)).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeUnitTableState({ sort: null, status: null, q: '  ' }, new URLSearchParams('scheme=legacy63&sort=name&status=active&q=x')).toString()).toBe(
      'scheme=legacy63',
    );
  });

  it('sorts a new column ascending and flips the sorted one', () => {
    expect(nextSort(null, 'pages')).toEqual({ key: 'pages', isDescending: false });
    expect(nextSort({ key: 'pages', isDescending: false }, 'pages')).toEqual({ key: 'pages', isDescending: true });
    expect(nextSort({ key: 'pages', isDescending: true }, 'pages')).toEqual({ key: 'pages', isDescending: false });
    expect(nextSort({ key: 'pages', isDescending: true }, 'name')).toEqual({ key: 'name', isDescending: false });
  });
});

describe('filtering and sorting the units', () => {
  it('finds a name typed without diacritics', () => {
    expect(codes(applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, q: 'doi can' }, ALL_COLUMNS, viCollator.compare))).toEqual(['00040']);
    expect(codes(applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, q: 'PHUONG D' }, ALL_COLUMNS, viCollator.compare))).toEqual(['00037', '00040', '00070']);
  });

  it.each([
    ['uncovered', ['00037']],
    ['covered', ['00001', '00004', '00040', '00070']],
    ['active', ['00001', '00070']],
    ['verified', ['00001', '00040']],
  ] as const)('keeps only %s units', (status, expected) => {
    expect(codes(applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, status }, ALL_COLUMNS, viCollator.compare))).toEqual(expected);
    expect(ROWS.filter((r) => matchesStatus(r, status)).map((r) => r.code)).toEqual(expected);
  });

  it('sorts names the Vietnamese way, Đ after D', () => {
    const sorted = applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'name', isDescending: false } }, ALL_COLUMNS, viCollator.compare);
    expect(sorted.map((r) => r.name)).toEqual(['Phường Dịch Vọng', 'Phường Điện Biên', 'Phường Đội Cấn', 'Phường Phúc Xá', 'Phường Trúc Bạch']);
  });

  it('sorts by pages descending with ties by code', () => {
    const sorted = applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'pages', isDescending: true } }, ALL_COLUMNS, viCollator.compare);
    expect(codes(sorted)).toEqual(['00070', '00001', '00004', '00040', '00037']);
  });

  it('ranks statuses from no page to active and verified', () => {
    expect(ROWS.map(statusRank)).toEqual([3, 1, 0, 2, 2]);
    const sorted = applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'status', isDescending: false } }, ALL_COLUMNS, viCollator.compare);
    expect(codes(sorted)).toEqual(['00037', '00004', '00040', '00070', '00001']);
  });

  it('sorts by district, then by name', () => {
    const sorted = applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'district', isDescending: true } }, ALL_COLUMNS, viCollator.compare);
    expect(codes(sorted)).toEqual(['00070', '00004', '00001', '00040', '00037']);
  });

  it('ignores a sort on a column the table does not show, and keeps the API order', () => {
    const sorted = applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'share', isDescending: true } }, ['name', 'status', 'pages'], viCollator.compare);
    expect(codes(sorted)).toEqual(codes(ROWS));
  });

  it('does not reorder the rows it was given', () => {
    const before = codes(ROWS);
    applyUnitTable(ROWS, { ...DEFAULT_UNIT_TABLE, sort: { key: 'name', isDescending: true } }, ALL_COLUMNS, viCollator.compare);
    expect(codes(ROWS)).toEqual(before);
  });
});

describe('table rows from /coverage', () => {
  const coverage: Pick<CoverageResponse, 'rows'> = {
    rows: [
      { code: '001', name: 'Quận Ba Đình', kind: 'quan', covered: true, active: false, verified: true, pages: 1, descendants: { commune: { total: 14, covered: 7, active: 5, verified: 3 } } },
      { code: '002', name: 'Quận Hoàn Kiếm', kind: 'quan', covered: false, active: false, verified: false, pages: 0, descendants: { commune: { total: 0, covered: 0, active: 0, verified: 0 } } },
    ],
  };

  it("carries a district's communes and their covered share (none without communes)", () => {
    const rows = toUnitTableRows(coverage);
    expect(rows[0]).toMatchObject({ code: '001', isCovered: true, isVerified: true, pages: 1, share: 0.5, communes: { total: 14, covered: 7 } });
    expect(rows[1]).toMatchObject({ isCovered: false, share: null });
  });

  it("puts each commune's district beside it", () => {
    const rows = toUnitTableRows({ rows: [{ ...coverage.rows[0]!, code: '00001', name: 'Phường Phúc Xá', descendants: {} }] }, new Map([['00001', 'Quận Ba Đình']]));
    expect(rows[0]).toMatchObject({ districtName: 'Quận Ba Đình', communes: null, share: null });
  });

  it('draws the lowest district share first and leaves out districts without communes', () => {
    const bars = toDistrictShareRows(toUnitTableRows(coverage), viCollator.compare);
    expect(bars).toEqual([{ code: '001', name: 'Quận Ba Đình', covered: 7, total: 14, share: 0.5 }]);
  });
});

describe('province figures', () => {
  it('computes the timeline shares, null without units', () => {
    const rows = toTimelineShareRows({
      points: [
        { date: '2021-09-30', total: 0, covered: 0, active: 0, verified: 0, basis: 'recorded' },
        { date: '2022-08-12', total: 4, covered: 2, active: 1, verified: 3, basis: 'recorded' },
      ],
    });
    expect(rows.map((r) => [r.date, r.coveredShare, r.activeShare, r.verifiedShare])).toEqual([
      ['2021-09-30', null, null, null],
      ['2022-08-12', 0.5, 0.25, 0.75],
    ]);
    expect(rows[1]!.time).toBe(Date.UTC(2022, 7, 12));
  });

  it("links a legacy63 province to what it is now part of, a reform34 one to what it was formed from", () => {
    const link = (scheme: 'legacy63' | 'reform34', code: string, name: string) => ({ scheme, code, name, level: 'province' as const, basis: 'manual' as const, isSplit: false });
    expect(crosswalkLinks({ scheme: 'legacy63', nowPartOf: [link('reform34', '82', 'Tỉnh Đồng Tháp')] })).toHaveLength(1);
    expect(crosswalkLinks({ scheme: 'reform34', formerly: [link('legacy63', '82', 'Tỉnh Tiền Giang'), link('legacy63', '87', 'Tỉnh Đồng Tháp')] }).map((l) => l.code)).toEqual(['82', '87']);
    expect(crosswalkLinks({ scheme: 'reform34' })).toEqual([]);
  });

  it.each([
    ['Quận Ba Đình', 'Ba Đình'],
    ['Huyện Ba Vì', 'Ba Vì'],
    ['Thị xã Sơn Tây', 'Sơn Tây'],
    ['Thành phố Thủ Đức', 'Thủ Đức'],
    ['Phường Phúc Xá', 'Phường Phúc Xá'],
  ])('shortens %s to %s for the chart axis', (name, expected) => {
    expect(withoutKind(name)).toBe(expected);
  });
});

describe('the unit table download', () => {
  const headings = { code: 'Mã', name: 'Tên', district: 'Thuộc', status: 'Trạng thái', pages: 'Số trang', communesCovered: 'Có trang', communesTotal: 'Tổng', sharePercent: '%' };
  const status = (r: UnitTableRow) => (r.isCovered ? 'có' : 'không');

  it('keeps shares as percent numbers with one decimal', () => {
    expect(sharePercent(0.97064)).toBe(97.1);
    expect(sharePercent(1)).toBe(100);
    expect(sharePercent(null)).toBeNull();
  });

  it('gives districts their commune counts as numbers, in the order given', () => {
    const district = { ...row('001', 'Quận Ba Đình', { isCovered: true, pages: 2 }), communes: { total: 14, covered: 13, active: 10, verified: 5 }, share: 13 / 14 };
    const table = toUnitExportTable([district, row('002', 'Quận Hoàn Kiếm')], { level: 'district', hasDistrictColumn: false }, headings, status);
    expect(table.columns).toEqual(['Mã', 'Tên', 'Trạng thái', 'Số trang', 'Có trang', 'Tổng', '%']);
    expect(table.rows[0]).toEqual(['001', 'Quận Ba Đình', 'có', 2, 13, 14, 92.9]);
    expect(table.rows[1]?.[0]).toBe('002');
  });

  it('gives communes their district when the table shows it, and no commune counts', () => {
    const table = toUnitExportTable([row('00001', 'Phường Phúc Xá', { districtName: 'Quận Ba Đình' })], { level: 'commune', hasDistrictColumn: true }, headings, status);
    expect(table.columns).toEqual(['Mã', 'Tên', 'Thuộc', 'Trạng thái', 'Số trang']);
    expect(table.rows).toEqual([['00001', 'Phường Phúc Xá', 'Quận Ba Đình', 'không', 0]]);
  });
});
