import { describe, expect, it } from 'vitest';
import { parseQueueSearch, reviewOutcome, selectAllState, toggleAll, toggleOne, waitingDays } from './verify-queue';

describe('parseQueueSearch', () => {
  it('reads the filters under the API names', () => {
    expect(parseQueueSearch('?province=51&platform=zalo&owner=front&offset=50')).toEqual({ view: 'queue', province: '51', platform: 'zalo', owner: 'front', offset: 50 });
    expect(parseQueueSearch('?view=duplicates').view).toBe('duplicates');
  });

  it.each([
    ['province=5', { province: null }],
    ['platform=myspace', { platform: null }],
    ['owner=everyone', { owner: null }],
    ['offset=-50', { offset: 0 }],
    ['offset=70', { offset: 50 }],
    ['offset=abc', { offset: 0 }],
    ['view=other', { view: 'queue' }],
  ])('falls back to the default for %s', (query, expected) => {
    expect(parseQueueSearch(query)).toMatchObject(expected);
  });
});

describe('waitingDays', () => {
  it('counts calendar days, never negative', () => {
    expect(waitingDays('2026-11-30', '2026-12-02')).toBe(2);
    expect(waitingDays('2026-12-02', '2026-12-02')).toBe(0);
    expect(waitingDays('2026-12-03', '2026-12-02')).toBe(0);
  });
});

describe('selection', () => {
  it('selects all on the page, then none, keeping pages of other pages', () => {
    const all = toggleAll(new Set([99]), [1, 2, 3]);
    expect([...all].sort()).toEqual([1, 2, 3, 99]);
    expect(selectAllState(all, [1, 2, 3])).toBe('all');
    expect([...toggleAll(all, [1, 2, 3])]).toEqual([99]);
    const some = toggleOne(new Set(), 2);
    expect(selectAllState(some, [1, 2, 3])).toBe('some');
    expect([...toggleAll(some, [1, 2, 3])].sort()).toEqual([1, 2, 3]);
    expect(selectAllState(new Set(), [1, 2])).toBe('none');
    expect(selectAllState(new Set(), [])).toBe('none');
    expect([...toggleOne(some, 2)]).toEqual([]);
  });
});

describe('reviewOutcome', () => {
  it('counts what was written and names every page refused, with the reason', () => {
    const names = new Map([
      [1, 'Trang A'],
      [2, 'Trang B'],
    ]);
    const outcome = reviewOutcome(
      'verified',
      {
        done: 1,
        results: [
          { pageId: 1, ok: true, message: null },
          { pageId: 2, ok: false, message: 'page 2 is closed' },
          { pageId: 3, ok: false, message: null },
        ],
      },
      names,
    );
    expect(outcome).toEqual({
      status: 'verified',
      count: 3,
      done: 1,
      failed: [
        { pageId: 2, name: 'Trang B', message: 'page 2 is closed' },
        { pageId: 3, name: '#3', message: '' },
      ],
    });
  });
});
