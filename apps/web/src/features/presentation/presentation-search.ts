import type { OwnerFilter, SchemeId } from '@mttq/core';
import { DEFAULT_SEARCH, parseDashboardSearch, serializeDashboardSearch } from '../../url/dashboard-search';
import { todayIso } from '../../url/today';

/** The owner filter values of the API (`owner=`); 'front' is its default. */
export const OWNER_FILTERS = ['front', 'youth_union', 'women_union', 'farmers_union', 'veterans_union', 'trade_union', 'all'] as const satisfies readonly OwnerFilter[];

/** Auto-advance intervals offered in the toolbar, in seconds; the URL accepts any whole number in AUTO_RANGE. */
export const AUTO_CHOICES = [10, 20, 30, 60] as const;
export const AUTO_RANGE = { min: 3, max: 600 } as const;

/**
 * The slideshow's view state as it lives in the URL (API names where the API has one), so a
 * copied link shows the same briefing at the same slide.
 */
export interface PresentationSearch {
  scheme: SchemeId;
  /** YYYY-MM-DD inside the scheme; null: the server's default (today, clamped) */
  asOf: string | null;
  owner: OwnerFilter;
  /** a published snapshot id: every figure comes from its frozen answers (scheme and asOf are the snapshot's) */
  snapshot: number | null;
  /** 1-based slide number; clamped to the slide count when the slides are known */
  slide: number;
  /** a province code whose own slides follow the national ones */
  province: string | null;
  /** seconds per slide when auto-advancing; null: off */
  auto: number | null;
}

const SNAPSHOT_ID = /^[1-9]\d{0,9}$/;
const PROVINCE_CODE = /^\d{2}$/;
const WHOLE = /^[1-9]\d{0,5}$/;

const isOwnerFilter = (value: string | null): value is OwnerFilter => OWNER_FILTERS.includes(value as OwnerFilter);

/**
 * URL → slideshow state; unknown keys are dropped, bad values fall back to their default.
 * parsePresentationSearch('?scheme=legacy63&asOf=2022-08-12&slide=3') → { scheme: 'legacy63', asOf: '2022-08-12', slide: 3, … }
 */
export function parsePresentationSearch(input: string | URLSearchParams, today: string = todayIso()): PresentationSearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const { scheme, asOf } = parseDashboardSearch(params, today);
  const rawOwner = params.get('owner');
  const rawSnapshot = params.get('snapshot');
  const rawSlide = params.get('slide');
  const rawProvince = params.get('province');
  const rawAuto = params.get('auto');
  const auto = rawAuto !== null && WHOLE.test(rawAuto) ? Number(rawAuto) : null;
  return {
    scheme,
    asOf,
    owner: isOwnerFilter(rawOwner) ? rawOwner : 'front',
    snapshot: rawSnapshot !== null && SNAPSHOT_ID.test(rawSnapshot) ? Number(rawSnapshot) : null,
    slide: rawSlide !== null && WHOLE.test(rawSlide) ? Number(rawSlide) : 1,
    province: rawProvince !== null && PROVINCE_CODE.test(rawProvince) ? rawProvince : null,
    auto: auto !== null && auto >= AUTO_RANGE.min && auto <= AUTO_RANGE.max ? auto : null,
  };
}

/**
 * Slideshow state → URL, in a fixed key order; defaults are left out. A snapshot link carries no
 * scheme or date: the snapshot has its own.
 */
export function serializePresentationSearch(search: PresentationSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.snapshot !== null) {
    params.set('snapshot', String(search.snapshot));
  } else {
    params.set('scheme', search.scheme);
    if (search.asOf) params.set('asOf', search.asOf);
    if (search.owner !== 'front') params.set('owner', search.owner);
  }
  if (search.province) params.set('province', search.province);
  if (search.slide !== 1) params.set('slide', String(search.slide));
  if (search.auto !== null) params.set('auto', String(search.auto));
  return params;
}

/**
 * Where Esc leads: the snapshot's page, or the overview of the same scheme and date.
 * exitHref({ snapshot: null, scheme: 'legacy63', asOf: '2022-08-12', … }) → '/?scheme=legacy63&asOf=2022-08-12'
 */
export function exitHref(search: Pick<PresentationSearch, 'snapshot' | 'scheme' | 'asOf'>): string {
  if (search.snapshot !== null) return `/snapshots/${search.snapshot}`;
  return `/?${serializeDashboardSearch({ ...DEFAULT_SEARCH, scheme: search.scheme, asOf: search.asOf }).toString()}`;
}

/** The slideshow of a snapshot: presentHref({ snapshot: 4 }) → '/present?snapshot=4' */
export function presentHref(search: Partial<PresentationSearch>): string {
  const full: PresentationSearch = { scheme: DEFAULT_SEARCH.scheme, asOf: null, owner: 'front', snapshot: null, slide: 1, province: null, auto: null, ...search };
  return `/present?${serializePresentationSearch(full).toString()}`;
}

/** A slide number inside 1…count (count ≥ 1). */
export function clampSlide(slide: number, count: number): number {
  return Math.min(Math.max(1, Math.trunc(slide)), Math.max(1, count));
}

/**
 * The slide a key press asks for, or null when the key is not a slideshow key. Digits are typed
 * into `typed` (the digits pressed in the last moment) so "1" then "2" reaches slide 12.
 * slideForKey({ key: 'ArrowRight' }, 3, 9) → 4; slideForKey({ key: 'End' }, 3, 9) → 9
 */
export function slideForKey(event: { key: string; shiftKey?: boolean }, current: number, count: number, typed = ''): { slide: number; typed: string } | null {
  const step = (delta: number) => ({ slide: clampSlide(current + delta, count), typed: '' });
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return step(1);
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return step(-1);
    case ' ':
    case 'Spacebar':
      return step(event.shiftKey ? -1 : 1);
    case 'Home':
      return { slide: 1, typed: '' };
    case 'End':
      return { slide: Math.max(1, count), typed: '' };
    default:
      break;
  }
  if (/^[0-9]$/.test(event.key)) {
    const joined = typed + event.key;
    const asTyped = Number(joined);
    if (asTyped >= 1 && asTyped <= count) return { slide: asTyped, typed: joined };
    const alone = Number(event.key);
    if (alone >= 1 && alone <= count) return { slide: alone, typed: event.key };
    return { slide: current, typed: '' };
  }
  return null;
}
