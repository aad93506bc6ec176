import * as core from '@mttq/core';
import fc from 'fast-check';
import { schemeInForce } from '@mttq/core/rules';
import { todayIso } from '../../url/today';
import { describe, expect, it } from 'vitest';
import { formatMonth } from '../../i18n/format';
import { OWNER_FILTERS, OWNERS, PAGE_LIMITS, PAGE_SORTS, PAGE_STATUS_FILTERS, PLATFORMS } from './registry-constants';
import {
  DEFAULT_REGISTRY_SEARCH,
  exportPagesHref,
  pageRange,
  parseRegistrySearch,
  readRegistryHistory,
  serializeRegistrySearch,
  toPageListQuery,
  withFilters,
  type RegistrySearch,
} from './registry-search';

describe('the option lists', () => {
  it('are the same as the API enums', () => {
    expect([...PLATFORMS]).toEqual([...core.PLATFORMS]);
    expect([...OWNERS]).toEqual([...core.OWNERS]);
    expect([...PAGE_STATUS_FILTERS]).toEqual([...core.PAGE_STATUS_FILTERS]);
    expect([...PAGE_SORTS]).toEqual([...core.PAGE_SORTS]);
    expect(Math.max(...PAGE_LIMITS)).toBe(core.PAGE_LIMIT.max);
  });

  it('every URL state makes a GET /pages query the API accepts', () => {
    fc.assert(
      fc.property(
        fc.record({
          scheme: fc.constantFrom('legacy63' as const),
          status: fc.constantFrom(...PAGE_STATUS_FILTERS),
          platform: fc.option(fc.constantFrom(...PLATFORMS)),
          owner: fc.constantFrom(...OWNER_FILTERS),
          q: fc.string({ maxLength: 200 }),
          sort: fc.constantFrom(...PAGE_SORTS),
          limit: fc.constantFrom(...PAGE_LIMITS),
        }),
        (state) => {
          const query = Object.fromEntries(Object.entries(toPageListQuery({ ...DEFAULT_REGISTRY_SEARCH, ...state })).filter(([, v]) => v !== null && v !== ''));
          expect(core.pageListQuerySchema.safeParse(query).success).toBe(true);
        },
      ),
    );
  });
});

describe('parseRegistrySearch', () => {
  it('reads every key under the API names', () => {
    expect(parseRegistrySearch('?scheme=legacy63&asOf=2022-08-12&parent=01&status=verified&platform=zalo&owner=front&q=ha%20noi&sort=-followers&limit=100&cursor=WyJ1bml0IiwiMDEiLDFd&id=42')).toEqual({
      scheme: 'legacy63',
      asOf: '2022-08-12',
      parent: '01',
      status: 'verified',
      platform: 'zalo',
      owner: 'front',
      q: 'ha noi',
      sort: '-followers',
      limit: 100,
      cursor: 'WyJ1bml0IiwiMDEiLDFd',
      id: 42,
    });
  });

  it('gives the defaults for an empty URL', () => {
    expect(parseRegistrySearch('')).toEqual(DEFAULT_REGISTRY_SEARCH);
  });

  it.each([
    ['status=deleted', { status: 'all' }],
    ['platform=myspace', { platform: null }],
    ['owner=everyone', { owner: 'all' }],
    ['sort=followers', { sort: 'unit' }],
    ['limit=1000', { limit: 50 }],
    ['limit=abc', { limit: 50 }],
    ['cursor=%3Cscript%3E', { cursor: null }],
    ['id=0', { id: null }],
    ['id=12a', { id: null }],
    ['parent=1', { parent: null }],
    ['scheme=reform34&asOf=2022-08-12', { scheme: 'reform34', asOf: null }],
  ])('falls back to the default for a bad value: %s', (query, expected) => {
    expect(parseRegistrySearch(query)).toMatchObject(expected);
  });

  it('round-trips every state it produces', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('scheme', 'asOf', 'parent', 'status', 'platform', 'owner', 'q', 'sort', 'limit', 'cursor', 'id', 'x'), fc.string()), (dict) => {
        const once = parseRegistrySearch(new URLSearchParams(dict));
        expect(parseRegistrySearch(serializeRegistrySearch(once))).toEqual(once);
      }),
    );
  });

  it('writes only the scheme for the default view', () => {
    expect(serializeRegistrySearch(DEFAULT_REGISTRY_SEARCH).toString()).toBe(`scheme=${DEFAULT_REGISTRY_SEARCH.scheme}`);
  });

  it('opens in the scheme in force today', () => {
    expect(DEFAULT_REGISTRY_SEARCH.scheme).toBe(schemeInForce(todayIso()));
  });
});


describe('exportPagesHref', () => {
  it('downloads the same scheme, date and place, in the format asked for', () => {
    expect(exportPagesHref({ ...DEFAULT_REGISTRY_SEARCH, scheme: 'legacy63', asOf: '2022-08-12', parent: '01' }, '2022-08-12', 'csv', 'vi')).toBe(
      '/api/v1/exports/pages?scheme=legacy63&asOf=2022-08-12&parent=01&format=csv&lang=vi',
    );
  });

  it("uses the date the list was answered for when the URL leaves it to the server", () => {
    expect(exportPagesHref({ ...DEFAULT_REGISTRY_SEARCH, scheme: 'reform34', asOf: null, parent: null }, '2025-09-30', 'xlsx', 'en')).toBe('/api/v1/exports/pages?scheme=reform34&asOf=2025-09-30&format=xlsx&lang=en');
  });

  it("carries the list's filters, and only parameters GET /exports/pages accepts", () => {
    const search = { ...DEFAULT_REGISTRY_SEARCH, scheme: 'legacy63' as const, asOf: '2022-08-12', parent: '01', status: 'live' as const, platform: 'zalo' as const, owner: 'front' as const, q: 'ba dinh', sort: 'name' as const, cursor: 'abc', limit: 200 };
    const href = exportPagesHref(search, null, 'xlsx', 'vi');
    expect(href).toBe('/api/v1/exports/pages?scheme=legacy63&asOf=2022-08-12&parent=01&status=live&platform=zalo&owner=front&q=ba+dinh&sort=name&format=xlsx&lang=vi');
    // lang (the language of the file's texts) is taken by every endpoint besides its own parameters.
    const { lang, ...query } = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(lang).toBe('vi');
    expect(core.exportPagesQuerySchema.safeParse(query).success).toBe(true);
  });
});

describe('pageRange', () => {
  it.each([
    [0, 50, 11293, { first: 1, last: 50 }],
    [50, 50, 11293, { first: 51, last: 100 }],
    [11250, 43, 11293, { first: 11251, last: 11293 }],
    [0, 0, 0, null],
  ])('offset %i, %i items of %i → %j', (offset, count, total, expected) => {
    expect(pageRange(offset, count, total)).toEqual(expected);
  });
});

describe('readRegistryHistory', () => {
  it.each([
    [{ previous: ['', 'abc'] }, { previous: ['', 'abc'] }],
    [null, null],
    [{ previous: [1] }, null],
    ['x', null],
    [{ other: true }, null],
  ])('reads %j', (state, expected) => {
    expect(readRegistryHistory(state)).toEqual(expected);
  });
});

describe('formatMonth', () => {
  it.each([
    ['2022-08', 'vi', '08/2022'],
    ['2022-08', 'en', 'Aug 2022'],
    ['2025-01', 'vi', '01/2025'],
  ] as const)('%s in %s → %s', (month, locale, expected) => {
    expect(formatMonth(month, locale)).toBe(expected);
  });
});
