import { describe, expect, it } from 'vitest';
import { clampSlide, exitHref, parsePresentationSearch, presentHref, serializePresentationSearch, slideForKey } from './presentation-search';

describe('parsePresentationSearch', () => {
  it('reads the view, the slide, the province and auto-advance', () => {
    expect(parsePresentationSearch('?scheme=legacy63&asOf=2022-08-12&slide=3&province=01&auto=20&owner=youth_union')).toEqual({
      scheme: 'legacy63',
      asOf: '2022-08-12',
      owner: 'youth_union',
      snapshot: null,
      slide: 3,
      province: '01',
      auto: 20,
    });
  });

  it.each([
    ['slide=0', { slide: 1 }],
    ['slide=-2', { slide: 1 }],
    ['slide=2.5', { slide: 1 }],
    ['auto=1', { auto: null }],
    ['auto=601', { auto: null }],
    ['auto=abc', { auto: null }],
    ['province=001', { province: null }],
    ['snapshot=0', { snapshot: null }],
    ['snapshot=12', { snapshot: 12 }],
    ['owner=everyone', { owner: 'front' }],
    ['scheme=reform34&asOf=2022-08-12', { scheme: 'reform34', asOf: null }],
  ])('falls back to the default for a bad value: %s', (query, expected) => {
    expect(parsePresentationSearch(query)).toMatchObject(expected);
  });

  it('round-trips through the URL and leaves the defaults out', () => {
    const query = 'scheme=legacy63&asOf=2022-08-12&owner=all&province=79&slide=4&auto=30';
    expect(serializePresentationSearch(parsePresentationSearch(query)).toString()).toBe(query);
    expect(serializePresentationSearch(parsePresentationSearch('', '2026-12-02')).toString()).toBe('scheme=reform34');
    expect(serializePresentationSearch(parsePresentationSearch('', '2022-08-12')).toString()).toBe('scheme=legacy63');
  });

  it('writes a snapshot link without scheme or date: the snapshot has its own', () => {
    expect(presentHref({ snapshot: 4, slide: 2 })).toBe('/present?snapshot=4&slide=2');
  });
});

describe('exitHref', () => {
  it('leads to the overview of the same view, or to the snapshot', () => {
    expect(exitHref({ snapshot: null, scheme: 'legacy63', asOf: '2022-08-12' })).toBe('/?scheme=legacy63&asOf=2022-08-12');
    expect(exitHref({ snapshot: null, scheme: 'reform34', asOf: null })).toBe('/?scheme=reform34');
    expect(exitHref({ snapshot: 9, scheme: 'legacy63', asOf: null })).toBe('/snapshots/9');
  });
});

describe('slideForKey', () => {
  it.each([
    ['ArrowRight', 3, 4],
    ['ArrowLeft', 3, 2],
    ['PageDown', 3, 4],
    ['PageUp', 1, 1],
    [' ', 9, 9],
    ['Home', 5, 1],
    ['End', 2, 9],
    ['3', 7, 3],
    ['0', 7, 7],
  ])('%s on slide %s of 9 goes to %s', (key, current, expected) => {
    expect(slideForKey({ key }, current, 9)?.slide).toBe(expected);
  });

  it('steps back with shift+space', () => {
    expect(slideForKey({ key: ' ', shiftKey: true }, 3, 9)?.slide).toBe(2);
  });

  it('joins digits typed in a row into one slide number when it exists', () => {
    const first = slideForKey({ key: '1' }, 5, 12)!;
    expect(first).toEqual({ slide: 1, typed: '1' });
    expect(slideForKey({ key: '2' }, first.slide, 12, first.typed)).toEqual({ slide: 12, typed: '12' });
    expect(slideForKey({ key: '3' }, 12, 12, '12')).toEqual({ slide: 3, typed: '3' });
  });

  it('ignores keys that are not the slideshow’s', () => {
    expect(slideForKey({ key: 'a' }, 3, 9)).toBeNull();
    expect(slideForKey({ key: 'Tab' }, 3, 9)).toBeNull();
  });
});

describe('clampSlide', () => {
  it('keeps a slide number inside the slides', () => {
    expect(clampSlide(12, 9)).toBe(9);
    expect(clampSlide(0, 9)).toBe(1);
    expect(clampSlide(3, 0)).toBe(1);
  });
});
