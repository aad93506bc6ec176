import { describe, expect, it } from 'vitest';
import type { SessionUser } from './queries';
import { describeScopes, scopeProvinces, scopeRoot, userSchemes, workingProvince, workingScheme } from './session';

const TODAY = '2026-12-02';

const officerOf51: SessionUser = {
  id: 25,
  username: 'province-51',
  role: 'province',
  scopes: [{ scheme: 'reform34', code: '51', name: 'Tỉnh Quảng Ngãi', level: 'province' }],
  provinces: { legacy63: ['51', '62'], reform34: ['51'] },
};
const legacyOfficer: SessionUser = {
  id: 72,
  username: 'province-legacy63-62',
  role: 'province',
  scopes: [{ scheme: 'legacy63', code: '62', name: 'Tỉnh Kon Tum', level: 'province' }],
  provinces: { legacy63: ['62'], reform34: ['51'] },
};
const communeOfficer: SessionUser = {
  id: 38,
  username: 'commune-21025',
  role: 'province',
  scopes: [{ scheme: 'reform34', code: '21025', name: 'Phường Cẩm Thành', level: 'commune' }],
  provinces: { legacy63: ['51'], reform34: ['51'] },
};
const central: SessionUser = { id: 2, username: 'central', role: 'central', scopes: [], provinces: { legacy63: [], reform34: [] } };

describe('workingScheme', () => {
  it('is the scheme in force today unless the URL asks for another the user works in', () => {
    expect(workingScheme(officerOf51, null, TODAY)).toBe('reform34');
    expect(workingScheme(officerOf51, 'legacy63', TODAY)).toBe('legacy63');
    expect(workingScheme(legacyOfficer, null, TODAY)).toBe('reform34');
    expect(workingScheme(central, null, TODAY)).toBe('reform34');
    expect(workingScheme(central, 'legacy63', TODAY)).toBe('legacy63');
    expect(workingScheme(central, 'legacy99', TODAY)).toBe('reform34');
    expect(workingScheme(central, null, '2022-08-12')).toBe('legacy63');
  });

  it('keeps an officer in a scheme their scope reaches', () => {
    const onlyLegacy: SessionUser = { ...legacyOfficer, provinces: { legacy63: ['62'], reform34: [] } };
    expect(userSchemes(onlyLegacy)).toEqual(['legacy63']);
    expect(workingScheme(onlyLegacy, 'reform34', TODAY)).toBe('legacy63');
  });
});

describe('the provinces a user works on', () => {
  it('lists an officer’s provinces per scheme, and none for central staff (everywhere)', () => {
    expect(scopeProvinces(officerOf51, 'legacy63')).toEqual(['51', '62']);
    expect(scopeProvinces(officerOf51, 'reform34')).toEqual(['51']);
    expect(scopeProvinces(central, 'reform34')).toBeNull();
  });

  it('takes the asked province when the user may work there, else the officer’s first', () => {
    expect(workingProvince(officerOf51, 'legacy63', '62')).toBe('62');
    expect(workingProvince(officerOf51, 'legacy63', '01')).toBe('51');
    expect(workingProvince(officerOf51, 'legacy63', null)).toBe('51');
    expect(workingProvince(central, 'legacy63', '01')).toBe('01');
    expect(workingProvince(central, 'legacy63', null)).toBeNull();
    expect(workingProvince(central, 'legacy63', '<x>')).toBeNull();
  });

  it('opens an officer’s unit list on the scope unit, or the province of a commune scope', () => {
    expect(scopeRoot(officerOf51, 'reform34')).toBe('51');
    expect(scopeRoot(officerOf51, 'legacy63')).toBe('51');
    expect(scopeRoot(communeOfficer, 'reform34')).toBe('51');
    expect(scopeRoot({ ...legacyOfficer, scopes: [{ scheme: 'legacy63', code: '622', name: 'Huyện Đắk Glei', level: 'district' }] }, 'legacy63')).toBe('622');
    expect(scopeRoot(central, 'reform34')).toBeNull();
  });
});

describe('describeScopes', () => {
  it('names every scope unit with its scheme and code', () => {
    expect(describeScopes(officerOf51.scopes)).toBe('Tỉnh Quảng Ngãi (reform34:51)');
    expect(describeScopes([...officerOf51.scopes, ...legacyOfficer.scopes])).toBe('Tỉnh Quảng Ngãi (reform34:51), Tỉnh Kon Tum (legacy63:62)');
    expect(describeScopes([])).toBeNull();
  });
});
