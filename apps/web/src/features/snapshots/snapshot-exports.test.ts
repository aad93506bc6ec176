import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { snapshotMessages } from './messages';
import { percentOf, provincesExportTable, timelineExportTable } from './snapshot-exports';

const counts = (total: number, covered: number) => ({ total, covered, active: 0, verified: 0 });
const HA_NOI = { code: '01', name: 'Thành phố Hà Nội', covered: true, descendants: { district: counts(30, 30), commune: counts(579, 561) } };

describe('snapshot downloads', () => {
  it('rounds shares to one decimal and leaves nothing-to-divide empty', () => {
    expect(percentOf(561, 579)).toBe(96.9);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('lists the provinces with raw counts, districts only where the scheme has them', () => {
    const legacy = provincesExportTable({ scheme: 'legacy63', rows: [HA_NOI] as never }, true, snapshotMessages.vi, MESSAGES.vi);
    expect(legacy.columns).toEqual(['Mã', 'Tỉnh, thành', 'Trang của tỉnh, thành', 'Quận, huyện có trang', 'Tổng số quận, huyện', 'Xã, phường, thị trấn có trang', 'Tổng số xã, phường, thị trấn', 'Tỷ lệ xã có trang (%)']);
    expect(legacy.rows).toEqual([['01', 'Thành phố Hà Nội', 'Có', 30, 30, 561, 579, 96.9]]);

    const reform = provincesExportTable({ scheme: 'reform34', rows: [{ ...HA_NOI, covered: false, descendants: { commune: counts(126, 100) } }] as never }, false, snapshotMessages.en, MESSAGES.en);
    expect(reform.columns).toHaveLength(6);
    expect(reform.rows).toEqual([['01', 'Thành phố Hà Nội', 'Not yet', 100, 126, 79.4]]);
  });

  it('lists each month end with the units with a page and in total per level', () => {
    const series = {
      levels: ['province', 'commune'] as const,
      rows: [{ date: '2022-07-31', time: 0, counts: { province: counts(63, 62), commune: counts(10599, 5000) }, shares: {} }],
    };
    const table = timelineExportTable('legacy63', { levels: [...series.levels], rows: series.rows }, snapshotMessages.vi, MESSAGES.vi);
    expect(table.columns).toEqual(['Ngày', 'Tỉnh, thành có trang', 'Tổng số tỉnh, thành', 'Xã, phường, thị trấn có trang', 'Tổng số xã, phường, thị trấn']);
    expect(table.rows).toEqual([['2022-07-31', 62, 63, 5000, 10599]]);
  });
});
