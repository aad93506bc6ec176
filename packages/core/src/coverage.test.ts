import { describe, expect, it } from 'vitest';
import { activeMonths, isPageLive, isPageVerified, levelsBelow, rollUpCoverage, type UnitNode, type UnitState } from './coverage';
import { defaultAsOf } from './scheme-rules';

const unit = (code: string, level: UnitNode['level'], parentCode: string | null, provinceCode = '01'): UnitNode => ({
  code,
  level,
  name: `Unit ${code}`,
  kind: level === 'province' ? 'tinh' : level === 'district' ? 'huyen' : 'xa',
  parentCode,
  provinceCode,
});

// Two provinces; province 01 has districts 001 (communes 00001, 00004) and 002 (commune 00007).
const UNITS: UnitNode[] = [
  unit('01', 'province', null),
  unit('02', 'province', null, '02'),
  unit('001', 'district', '01'),
  unit('002', 'district', '01'),
  unit('003', 'district', '02', '02'),
  unit('00001', 'commune', '001'),
  unit('00004', 'commune', '001'),
  unit('00007', 'commune', '002'),
  unit('00010', 'commune', '003', '02'),
];
const STATES = new Map<string, UnitState>([
  ['01', { pages: 1, isActive: false, isVerified: true }],
  ['001', { pages: 2, isActive: true, isVerified: false }],
  ['00001', { pages: 1, isActive: true, isVerified: true }],
  ['00010', { pages: 1, isActive: false, isVerified: false }],
]);

describe('rollUpCoverage', () => {
  it('counts every level below the requested one for the whole country', () => {
    const { levels } = rollUpCoverage('legacy63', UNITS, STATES, 'province', null);
    expect(levels).toEqual({
      province: { total: 2, covered: 1, active: 0, verified: 1 },
      district: { total: 3, covered: 1, active: 1, verified: 0 },
      commune: { total: 4, covered: 2, active: 1, verified: 1 },
    });
  });

  it("gives each province row its own districts' and communes' counts", () => {
    const { rows } = rollUpCoverage('legacy63', UNITS, STATES, 'province', null);
    expect(rows.map((r) => [r.code, r.covered, r.pages, r.descendants])).toEqual([
      ['01', true, 1, { district: { total: 2, covered: 1, active: 1, verified: 0 }, commune: { total: 3, covered: 1, active: 1, verified: 1 } }],
      ['02', false, 0, { district: { total: 1, covered: 0, active: 0, verified: 0 }, commune: { total: 1, covered: 1, active: 0, verified: 0 } }],
    ]);
  });

  it('limits rows and counts to the subtree of a district parent', () => {
    const { levels, rows } = rollUpCoverage('legacy63', UNITS, STATES, 'commune', UNITS[2]!);
    expect(levels).toEqual({ commune: { total: 2, covered: 1, active: 1, verified: 1 } });
    expect(rows.map((r) => r.code)).toEqual(['00001', '00004']);
  });

  it('lists the communes of a province under a province parent, without the province itself', () => {
    const { levels } = rollUpCoverage('legacy63', UNITS, STATES, 'commune', UNITS[0]!);
    expect(levels.commune).toEqual({ total: 3, covered: 1, active: 1, verified: 1 });
  });

  it('never reports "no page" units as covered: an empty state map covers nothing', () => {
    const { levels } = rollUpCoverage('legacy63', UNITS, new Map(), 'province', null);
    expect(Object.values(levels).map((c) => c.covered)).toEqual([0, 0, 0]);
  });
});

describe('page rules', () => {
  const page = {
    launchedOn: '2022-01-10',
    events: [
      { status: 'reported', effectiveOn: '2022-01-12' },
      { status: 'verified', effectiveOn: '2022-02-01' },
      { status: 'closed', effectiveOn: '2023-05-01' },
    ],
  };

  it.each([
    ['2022-01-09', false, false],
    ['2022-01-10', true, false],
    ['2022-02-01', true, true],
    ['2023-04-30', true, true],
    ['2023-05-01', false, false],
  ])('at %s the page is live=%s, verified=%s', (asOf, live, verified) => {
    expect(isPageLive(page, asOf)).toBe(live);
    expect(isPageVerified(page, asOf)).toBe(verified);
  });

  it('counts a closed page again from the day it is reopened, until it closes again', () => {
    const reopened = {
      launchedOn: '2022-01-10',
      events: [
        { status: 'closed', effectiveOn: '2022-03-01' },
        { status: 'reopened', effectiveOn: '2022-04-01' },
        { status: 'closed', effectiveOn: '2022-06-01' },
      ],
    };
    expect(['2022-02-28', '2022-03-01', '2022-04-01', '2022-05-31', '2022-06-01'].map((d) => isPageLive(reopened, d))).toEqual([true, false, true, true, false]);
  });

  it('does not count a rejected page from the day it was rejected', () => {
    const rejected = { launchedOn: '2022-01-10', events: [{ status: 'rejected', effectiveOn: '2022-03-01' }] };
    expect(isPageLive(rejected, '2022-02-28')).toBe(true);
    expect(isPageLive(rejected, '2022-03-01')).toBe(false);
  });
});

describe('dates and levels', () => {
  it.each([
    ['legacy63', '2026-11-27', '2025-06-30'],
    ['legacy63', '2022-08-12', '2022-08-12'],
    ['reform34', '2024-01-01', '2025-07-01'],
    ['reform34', '2026-11-27', '2026-11-27'],
  ] as const)('defaults asOf for %s on %s to %s', (scheme, today, asOf) => {
    expect(defaultAsOf(scheme, today)).toBe(asOf);
  });

  it('counts posts of the last month complete at asOf and the month before, across a year end', () => {
    expect(activeMonths('2022-01-15')).toEqual(['2021-12', '2021-11']);
    expect(activeMonths('2022-02-10')).toEqual(['2022-01', '2021-12']);
    expect(activeMonths('2022-01-31')).toEqual(['2022-01', '2021-12']);
    // never a month still running: 12/08/2022 reads July and June, not August
    expect(activeMonths('2022-08-12')).toEqual(['2022-07', '2022-06']);
  });

  it('knows reform34 has no district below its provinces', () => {
    expect(levelsBelow('reform34', 'province')).toEqual(['commune']);
    expect(levelsBelow('legacy63', 'province')).toEqual(['district', 'commune']);
  });
});
