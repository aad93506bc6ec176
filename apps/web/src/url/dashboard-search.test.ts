import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSearch, parseDashboardSearch, provinceHref, serializeDashboardSearch, withScheme, type DashboardSearch } from './dashboard-search';

describe('parseDashboardSearch', () => {
  it('reads every key under the API names', () => {
    expect(parseDashboardSearch('?scheme=legacy63&asOf=2022-08-12&level=district&parent=01')).toEqual({
      scheme: 'legacy63',
      asOf: '2022-08-12',
      level: 'district',
      parent: '01',
    });
  });

  it('gives the defaults for an empty URL: the scheme in force today', () => {
    expect(parseDashboardSearch('', '2026-12-02')).toEqual({ scheme: 'reform34', asOf: null, level: 'province', parent: null });
    expect(parseDashboardSearch('', '2026-12-02')).toEqual(defaultSearch('2026-12-02'));
    expect(parseDashboardSearch('', '2025-07-01').scheme).toBe('reform34');
    expect(parseDashboardSearch('', '2025-06-30').scheme).toBe('legacy63');
  });

  it('keeps legacy63 when the URL asks for it', () => {
    expect(parseDashboardSearch('?scheme=legacy63', '2026-12-02').scheme).toBe('legacy63');
  });

  it('drops unknown keys', () => {
    expect(serializeDashboardSearch(parseDashboardSearch('?scheme=reform34&utm_source=x&foo=1')).toString()).toBe('scheme=reform34');
  });

  it.each([
    ['scheme=legacy99', { scheme: 'reform34' }],
    ['asOf=2022-02-30', { asOf: null }],
    ['asOf=12/08/2022', { asOf: null }],
    ['scheme=reform34&asOf=2022-08-12', { scheme: 'reform34', asOf: null }],
    ['scheme=legacy63&asOf=2025-07-01', { asOf: null }],
    ['scheme=reform34&level=district', { scheme: 'reform34', level: 'province' }],
    ['level=ward', { level: 'province' }],
    ['parent=1', { parent: null }],
    ['parent=0001', { parent: null }],
    ['parent=00004', { parent: '00004' }],
  ])('falls back to the default for a bad value: %s', (query, expected) => {
    expect(parseDashboardSearch(query, '2026-12-02')).toMatchObject(expected);
  });
});

const searchArb: fc.Arbitrary<DashboardSearch> = fc.oneof(
  fc.record({
    scheme: fc.constant('legacy63' as const),
    asOf: fc.option(fc.date({ min: new Date('2008-08-01T00:00:00Z'), max: new Date('2025-06-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    level: fc.constantFrom('province' as const, 'district' as const, 'commune' as const),
    parent: fc.option(fc.stringMatching(/^\d{2}(\d|\d{3})?$/)),
  }),
  fc.record({
    scheme: fc.constant('reform34' as const),
    asOf: fc.option(fc.date({ min: new Date('2025-07-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    level: fc.constantFrom('province' as const, 'commune' as const),
    parent: fc.option(fc.stringMatching(/^\d{2}(\d|\d{3})?$/)),
  }),
);

describe('round trip', () => {
  it('parse(serialize(s)) = s for every valid view state', () => {
    fc.assert(fc.property(searchArb, (search) => {
      expect(parseDashboardSearch(serializeDashboardSearch(search))).toEqual(search);
    }));
  });

  it('serialize(parse(url)) is a fixed point for any query string', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('scheme', 'asOf', 'level', 'parent', 'x'), fc.string()), (dict) => {
      const once = serializeDashboardSearch(parseDashboardSearch(new URLSearchParams(dict)));
      expect(serializeDashboardSearch(parseDashboardSearch(once)).toString()).toBe(once.toString());
    }));
  });
});

describe('withScheme', () => {
  it('drops what does not carry over to the other scheme', () => {
    expect(withScheme({ scheme: 'legacy63', asOf: '2022-08-12', level: 'district', parent: '01' }, 'reform34')).toEqual({
      scheme: 'reform34',
      asOf: null,
      level: 'province',
      parent: null,
    });
  });
});

describe('provinceHref', () => {
  it('opens the province screen for the same scheme and date', () => {
    expect(provinceHref('01', 'legacy63', '2022-08-12')).toBe('/province/01?scheme=legacy63&asOf=2022-08-12');
    expect(provinceHref('82', 'reform34', '2026-03-31')).toBe('/province/82?scheme=reform34&asOf=2026-03-31');
  });

  it('writes the same search as the dashboard’s own serialisation, with or without a date', () => {
    for (const [scheme, asOf] of [['reform34', null], ['legacy63', '2022-08-12'], ['reform34', '2025-07-01']] as const) {
      expect(provinceHref('01', scheme, asOf)).toBe(`/province/01?${serializeDashboardSearch({ scheme, asOf, level: 'province', parent: null })}`);
    }
  });
});
