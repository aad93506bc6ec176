import { describe, expect, it } from 'vitest';
import { viCollator } from '../../i18n/format';
import { bareName, countStatuses, nextSquare, squaresInOrder, squareStatus, squareText, toSquareGroups } from './unit-squares';
import { unitSquaresMessages } from './unit-squares-messages';

const row = (code: string, name: string, flags: Partial<{ covered: boolean; active: boolean; verified: boolean; pages: number }> = {}) => ({
  code,
  name,
  covered: flags.covered ?? false,
  active: flags.active ?? false,
  verified: flags.verified ?? false,
  pages: flags.pages ?? (flags.covered ? 1 : 0),
});

describe('unit squares', () => {
  it('gives each unit the furthest status reached: verified, then active, then a page', () => {
    expect(squareStatus(row('1', 'a'))).toBe('none');
    expect(squareStatus(row('1', 'a', { covered: true }))).toBe('covered');
    expect(squareStatus(row('1', 'a', { covered: true, active: true }))).toBe('active');
    expect(squareStatus(row('1', 'a', { covered: true, verified: true }))).toBe('verified');
    expect(squareStatus(row('1', 'a', { covered: true, active: true, verified: true }))).toBe('verified');
    // a unit without a live page has no status, whatever else is said
    expect(squareStatus(row('1', 'a', { covered: false, verified: true }))).toBe('none');
  });

  it('orders names without their kind, in Vietnamese order', () => {
    expect(bareName('Huyện Ba Vì')).toBe('Ba Vì');
    expect(bareName('Phường Cẩm Thành')).toBe('Cẩm Thành');
    expect(bareName('Đặc khu Lý Sơn')).toBe('Lý Sơn');
    const [group] = toSquareGroups('reform34', [row('3', 'Xã Đức Phổ'), row('1', 'Phường Cẩm Thành'), row('2', 'Xã Ân Hảo'), row('4', 'Xã An Phú')], null, undefined, viCollator.compare);
    expect(group!.communes.map((s) => s.name)).toEqual(['Xã An Phú', 'Xã Ân Hảo', 'Phường Cẩm Thành', 'Xã Đức Phổ']);
    expect(group!.title).toBeNull();
  });

  it('groups legacy63 communes under their district, the district first, districts by name; unknown districts last', () => {
    const districts = [row('002', 'Quận Hoàn Kiếm', { covered: true }), row('001', 'Huyện Ba Vì')];
    const communes = [row('10', 'Xã Tản Lĩnh', { covered: true, active: true }), row('11', 'Phường Hàng Bạc', { covered: true, verified: true }), row('12', 'Xã Ba Trại'), row('13', 'Xã Lạ')];
    const districtOf = new Map([
      ['10', 'Huyện Ba Vì'],
      ['11', 'Quận Hoàn Kiếm'],
      ['12', 'Huyện Ba Vì'],
    ]);
    const groups = toSquareGroups('legacy63', communes, districts, districtOf, viCollator.compare);
    expect(groups.map((g) => [g.title, g.district?.code ?? null, g.communes.map((c) => c.code)])).toEqual([
      ['Huyện Ba Vì', '001', ['12', '10']],
      ['Quận Hoàn Kiếm', '002', ['11']],
      [null, null, ['13']],
    ]);
    expect(squaresInOrder(groups).map((s) => `${s.level}:${s.code}`)).toEqual(['district:001', 'commune:12', 'commune:10', 'district:002', 'commune:11', 'commune:13']);
    expect(countStatuses(groups)).toEqual({ none: 3, covered: 1, active: 1, verified: 1 });
    expect(groups[0]!.communes[1]!.districtName).toBe('Huyện Ba Vì');
  });

  it('says every flag and the pages in a square’s name', () => {
    const [group] = toSquareGroups('legacy63', [row('10', 'Xã Tản Lĩnh', { covered: true, active: true, pages: 2 })], [row('001', 'Huyện Ba Vì')], new Map([['10', 'Huyện Ba Vì']]), viCollator.compare);
    expect(squareText(group!.communes[0]!, unitSquaresMessages.vi, String)).toBe('Xã Tản Lĩnh (Huyện Ba Vì): có trang, hoạt động, chưa xác minh; 2 trang');
    expect(squareText(group!.district!, unitSquaresMessages.en, String)).toBe('Huyện Ba Vì: no page, not active, not verified; 0 pages');
  });

  it('moves with the arrow keys through a wrapped grid', () => {
    // a b c
    // d e
    const at = [
      { code: 'a', x: 0, y: 0 },
      { code: 'b', x: 10, y: 0 },
      { code: 'c', x: 20, y: 0 },
      { code: 'd', x: 0, y: 10 },
      { code: 'e', x: 10, y: 10 },
    ];
    expect(nextSquare(at, 'b', 'ArrowRight')).toBe('c');
    expect(nextSquare(at, 'c', 'ArrowRight')).toBe('d');
    expect(nextSquare(at, 'a', 'ArrowLeft')).toBeNull();
    expect(nextSquare(at, 'c', 'ArrowDown')).toBe('e');
    expect(nextSquare(at, 'e', 'ArrowUp')).toBe('b');
    expect(nextSquare(at, 'e', 'ArrowDown')).toBeNull();
    expect(nextSquare(at, 'c', 'Home')).toBe('a');
    expect(nextSquare(at, 'a', 'End')).toBe('e');
  });
});
