import type { CoverageRow } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { filterUnitRows, parseUnitStatusFilter } from './units-filter';

const unit = (code: string, name: string, covered: boolean, verified = false, active = false): CoverageRow => ({
  code,
  name,
  kind: 'xa',
  covered,
  verified,
  active,
  pages: covered ? 1 : 0,
  descendants: {},
});
const rows = [unit('00001', 'Phường Phúc Xá', true, true, true), unit('00424', 'Xã Xuân Giang', false), unit('00454', 'Thị trấn Đông Anh', true, false, false), unit('09847', 'Xã Đức Giang', true, true, false)];

describe('filterUnitRows', () => {
  it.each([
    ['all', ['00001', '00424', '00454', '09847']],
    ['uncovered', ['00424']],
    ['covered', ['00001', '00454', '09847']],
    ['unverified', ['00454']],
    ['inactive', ['00454', '09847']],
  ] as const)('status %s', (status, codes) => {
    expect(filterUnitRows(rows, status, '').map((r) => r.code)).toEqual(codes);
  });

  it('finds names without tone marks and by code', () => {
    expect(filterUnitRows(rows, 'all', 'duc giang').map((r) => r.code)).toEqual(['09847']);
    expect(filterUnitRows(rows, 'all', 'GIANG').map((r) => r.code)).toEqual(['00424', '09847']);
    expect(filterUnitRows(rows, 'all', '0042').map((r) => r.code)).toEqual(['00424']);
  });
});

describe('parseUnitStatusFilter', () => {
  it('falls back to all for an unknown status', () => {
    expect(parseUnitStatusFilter('uncovered')).toBe('uncovered');
    expect(parseUnitStatusFilter('bogus')).toBe('all');
    expect(parseUnitStatusFilter(null)).toBe('all');
  });
});
