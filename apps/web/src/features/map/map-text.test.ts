import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { toMapProvinces } from './map-data';
import { toMapView } from './map-classes';
import { classRanges, fractionColumn, mapExportTable, measureName, provinceCount, shapeLabel, tipLines } from './map-text';
import { mapMessages } from './messages';

const HA_GIANG = {
  code: '02',
  name: 'Tỉnh Hà Giang',
  descendants: { district: { total: 11, covered: 3, active: 3, verified: 3 }, commune: { total: 193, covered: 23, active: 23, verified: 19 } },
};

describe('map text', () => {
  it('has the same keys and placeholders in Vietnamese and English', () => {
    expect(Object.keys(mapMessages.en).sort()).toEqual(Object.keys(mapMessages.vi).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(mapMessages.vi) as Array<keyof typeof mapMessages.vi>) {
      expect(placeholders(mapMessages.en[key]), key).toEqual(placeholders(mapMessages.vi[key]));
    }
  });

  it('names the measures with the scheme’s commune words', () => {
    expect(measureName('coverage', 'legacy63', mapMessages.vi, MESSAGES.vi)).toBe('Tỷ lệ xã, phường, thị trấn có trang');
    expect(measureName('active', 'reform34', mapMessages.vi, MESSAGES.vi)).toBe('Tỷ lệ xã, phường, đặc khu có trang hoạt động');
    expect(measureName('verified', 'legacy63', mapMessages.en, MESSAGES.en)).toBe('Share of communes, wards and townships with a verified page');
  });

  it('writes the class ranges in vi-VN percent', () => {
    expect(classRanges(mapMessages.vi, 'vi')).toEqual(['Từ 0% đến dưới 25,0%', 'Từ 25,0% đến dưới 50,0%', 'Từ 50,0% đến dưới 75,0%', 'Từ 75,0% đến dưới 90,0%', 'Từ 90,0% trở lên']);
    expect(classRanges(mapMessages.en, 'en')[4]).toBe('90.0% and above');
  });

  it('counts provinces in words', () => {
    expect(provinceCount(12, mapMessages.vi, 'vi')).toBe('12 tỉnh, thành');
    expect(provinceCount(1, mapMessages.en, 'en')).toBe('1 province');
    expect(provinceCount(0, mapMessages.en, 'en')).toBe('0 provinces');
  });

  it('gives each shape its figures as its accessible name', () => {
    const [province] = toMapProvinces('legacy63', [HA_GIANG], 'coverage').filter((p) => p.code === '02');
    expect(shapeLabel(province!, mapMessages.vi, 'vi')).toBe('Tỉnh Hà Giang: 11,9% (23/193)');
    const [noRow] = toMapProvinces('legacy63', [], 'coverage').filter((p) => p.code === '02');
    expect(shapeLabel(noRow!, mapMessages.vi, 'vi')).toBe('02: chưa có số liệu');
    const [without] = toMapProvinces('legacy63', [HA_GIANG], 'withoutPage').filter((p) => p.code === '02');
    expect(shapeLabel(without!, mapMessages.vi, 'vi')).toBe('Tỉnh Hà Giang: 170 chưa có trang (170/193)');
  });

  it('lists every measure of the scheme in the tooltip', () => {
    expect(tipLines(HA_GIANG, 'legacy63', mapMessages.vi, MESSAGES.vi, 'vi')).toEqual([
      { measure: 'coverage', label: 'Xã, phường, thị trấn có trang', text: '23/193 (11,9%)' },
      { measure: 'districtCoverage', label: 'Quận, huyện có trang', text: '3/11 (27,3%)' },
      { measure: 'active', label: 'Xã, phường, thị trấn có trang hoạt động', text: '23/193 (11,9%)' },
      { measure: 'verified', label: 'Xã, phường, thị trấn có trang đã xác minh', text: '19/193 (9,8%)' },
      { measure: 'withoutPage', label: 'Chưa có trang', text: '170', short: true },
    ]);
    expect(tipLines({ descendants: { commune: { total: 0, covered: 0, active: 0, verified: 0 } } }, 'reform34', mapMessages.en, MESSAGES.en, 'en').map((l) => l.text)).toEqual([
      'No data yet',
      'No data yet',
      'No data yet',
      'No data yet',
    ]);
  });
});

describe('the map table download', () => {
  it('lists every province with raw counts, the share in percent and its class', () => {
    const provinces = toMapProvinces('legacy63', [HA_GIANG], 'coverage');
    const table = mapExportTable(provinces, 'coverage', 'legacy63', mapMessages.vi, MESSAGES.vi, 'vi');
    expect(table.columns).toEqual(['Mã', 'Tỉnh, thành', 'Xã, phường, thị trấn có trang', 'Tổng số xã, phường, thị trấn', 'Tỷ lệ (%)', 'Nhóm']);
    expect(table.rows).toHaveLength(63);
    expect(table.rows.find((row) => row[0] === '02')).toEqual(['02', 'Tỉnh Hà Giang', 23, 193, 11.9, 'Từ 0% đến dưới 25,0%']);
    // a province without a row has no data, not zero
    expect(table.rows.find((row) => row[0] === '01')).toEqual(['01', '01', null, null, null, 'Chưa có số liệu']);
  });

  it('names the count of units without a page and its classes over the figures shown', () => {
    const rows = [HA_GIANG, { ...HA_GIANG, code: '04', name: 'Tỉnh Cao Bằng', descendants: { commune: { total: 199, covered: 190, active: 0, verified: 0 } } }];
    const { provinces, classes } = toMapView('legacy63', rows, 'withoutPage');
    const table = mapExportTable(provinces, 'withoutPage', 'legacy63', mapMessages.vi, MESSAGES.vi, 'vi', classes);
    expect(table.columns.slice(2, 4)).toEqual(['Xã, phường, thị trấn chưa có trang', 'Tổng số xã, phường, thị trấn']);
    expect(table.rows.find((row) => row[0] === '02')?.slice(2, 4)).toEqual([170, 193]);
    expect(table.rows.find((row) => row[0] === '02')?.[5]).toBe('170');
    expect(table.rows.find((row) => row[0] === '04')?.[5]).toBe('Từ 0 đến 169');
    expect(fractionColumn('withoutPage', mapMessages.vi)).toBe('Chưa có / tổng số');
  });

  it('counts districts for the district measure, in English too', () => {
    const table = mapExportTable(toMapProvinces('legacy63', [HA_GIANG], 'districtCoverage'), 'districtCoverage', 'legacy63', mapMessages.en, MESSAGES.en, 'en');
    expect(table.columns.slice(2, 4)).toEqual(['Districts with a page', 'Total districts']);
    expect(table.rows.find((row) => row[0] === '02')?.slice(2, 5)).toEqual([3, 11, 27.3]);
  });
});
