import { describe, expect, it } from 'vitest';
import { basisMessages, basisShareText, basisText, rowBasisText, splitByBasis, type BasisPoint } from './basis-series';

const p = (time: number, basis: BasisPoint['basis'], total: number, value: number): BasisPoint => ({ time, basis, total, value });

describe('splitByBasis', () => {
  it('splits back-cast from recorded, sharing the seam point', () => {
    const { segments, rows } = splitByBasis({ commune: [p(1, 'crosswalk', 3321, 0.1), p(2, 'crosswalk', 3321, 0.2), p(3, 'recorded', 3321, 0.3)] }, ['commune']);
    expect(segments.map((s) => [s.key, s.basis, s.first])).toEqual([
      ['commune~0', 'crosswalk', true],
      ['commune~1', 'recorded', false],
    ]);
    expect(rows).toEqual([
      { time: 1, 'commune~0': 0.1 },
      { time: 2, 'commune~0': 0.2, 'commune~1': 0.2 },
      { time: 3, 'commune~1': 0.3 },
    ]);
  });

  it('never joins two unit counts', () => {
    const { segments, rows } = splitByBasis({ province: [p(1, 'recorded', 63, 1), p(2, 'recorded', 34, 1), p(3, 'recorded', 34, 1)] }, ['province']);
    expect(segments.map((s) => [s.key, s.total])).toEqual([
      ['province~0', 63],
      ['province~1', 34],
    ]);
    expect(rows[0]).toEqual({ time: 1, 'province~0': 1 });
    expect(rows[1]).toEqual({ time: 2, 'province~1': 1 });
  });

  it('keeps one segment for one basis and one total, several series in order', () => {
    const { segments } = splitByBasis({ commune: [p(1, 'recorded', 5, 0)], province: [p(1, 'recorded', 2, 0), p(2, 'recorded', 2, 1)] }, ['province', 'commune']);
    expect(segments.map((s) => s.key)).toEqual(['province~0', 'commune~0']);
  });
});

describe('basisText', () => {
  it('says recorded, estimated, and the commune bounds', () => {
    expect(basisText('recorded', undefined, undefined, basisMessages.vi, 'vi')).toBe('ghi nhận');
    expect(basisText('crosswalk', undefined, undefined, basisMessages.vi, 'vi')).toBe('ước tính');
    expect(basisText('crosswalk', { covered: 1540 }, { covered: 1560 }, basisMessages.vi, 'vi')).toBe('ước tính, từ 1.540 đến 1.560');
    expect(basisText('crosswalk', { covered: 1540 }, { covered: 1560 }, basisMessages.en, 'en')).toBe('estimated, from 1,540 to 1,560');
  });
});

describe('rowBasisText', () => {
  it('gives a row of several levels the basis and bounds of its lowest level', () => {
    const backCast = {
      bases: { province: 'crosswalk', commune: 'crosswalk' },
      bounds: { commune: { lower: { covered: 1540 }, upper: { covered: 1560 } } },
    } as const;
    expect(rowBasisText(backCast, ['province', 'commune'], basisMessages.vi, 'vi')).toBe('ước tính, từ 1.540 đến 1.560');
    expect(rowBasisText(backCast, ['province'], basisMessages.vi, 'vi')).toBe('ước tính');
    expect(rowBasisText({ bases: { province: 'recorded', commune: 'recorded' } }, ['province', 'commune'], basisMessages.en, 'en')).toBe('recorded');
    expect(rowBasisText({}, ['province'], basisMessages.vi, 'vi')).toBe('–');
  });
});

describe('basisShareText', () => {
  it('writes the bounds as shares beside a share, and only for back-cast figures', () => {
    expect(basisShareText('crosswalk', { lower: 48, upper: 51 }, 126, basisMessages.vi, 'vi')).toBe('ước tính, từ 38,1% đến 40,5%');
    expect(basisShareText('crosswalk', { lower: 0, upper: 51 }, 126, basisMessages.en, 'en')).toBe('estimated, from 0% to 40.5%');
    expect(basisShareText('crosswalk', undefined, 126, basisMessages.vi, 'vi')).toBe('ước tính');
    expect(basisShareText('recorded', { lower: 1, upper: 2 }, 126, basisMessages.vi, 'vi')).toBe('ghi nhận');
  });
});
