import { REFORM_DATE, SCHEME_IDS, SCHEMES, timelineDates, toIsoDate } from '@mttq/core/rules';
import type { SchemeId } from '@mttq/core';

/**
 * The time-lapse's frames and its view state in the URL. A frame is an as-of date: every month end
 * from `from` up to today, then today itself (the month so far), like /coverage/timeline's points.
 * Every frame is shown in the one geography the viewer picked: reform34 (the default, its figures
 * before 2025-07-01 back-cast through the crosswalk) or legacy63 (up to 2025-06-30). Playing never
 * changes the scheme.
 */

/** The first month with pages in the demo and in the 2021–2022 rollout (DESIGN.md §1). */
export const DEFAULT_FROM = '2021-09-30';

/** Milliseconds per frame while playing. */
export const SPEEDS = { slow: 2000, normal: 1000, fast: 500 } as const;
export type Speed = keyof typeof SPEEDS;
export const SPEED_IDS = Object.keys(SPEEDS) as Speed[];
const DEFAULT_SPEED: Speed = 'normal';

export interface TimelapseSearch {
  /** The geography of every frame; reform34 unless the URL names legacy63. */
  scheme: SchemeId;
  /** The current frame. */
  asOf: string;
  /** Where the frames start (snapped to that month's end). */
  from: string;
  play: boolean;
  speed: Speed;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string | null): value is string => value !== null && ISO_DATE.test(value) && toIsoDate(new Date(`${value}T00:00:00Z`)) === value;

/** Today in the browser's time zone, YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Every month end from `from`'s month to today, then today unless it is a month end.
 * listFrames('2025-05-10', '2025-08-20') → ['2025-05-31', '2025-06-30', '2025-07-31', '2025-08-20']
 */
export function listFrames(from: string, today: string): string[] {
  const start = from > today ? today : from;
  return timelineDates(start, today, 'month');
}

/** The last day legacy63 figures are told: the day before the reform. */
export const LEGACY_LAST = '2025-06-30';

/**
 * The frames of one geography: reform34 to today, legacy63 up to 30/06/2025.
 * framesOf('legacy63', '2025-05-10', '2025-08-20') → ['2025-05-31', '2025-06-30']
 */
export function framesOf(scheme: SchemeId, from: string, today: string): string[] {
  const last = scheme === 'legacy63' && today > LEGACY_LAST ? LEGACY_LAST : today;
  return listFrames(from > last ? last : from, last);
}

/**
 * The frame showing `date`: the end of its month, clamped to the first and last frame.
 * snapToFrame(frames, '2022-08-12') → '2022-08-31'
 */
export function snapToFrame(frames: readonly string[], date: string): string {
  const first = frames[0];
  if (first === undefined) return date;
  if (date <= first) return first;
  return frames.find((frame) => frame >= date) ?? frames[frames.length - 1]!;
}

/** The frame `delta` steps from `asOf`, clamped to the ends: stepFrame(frames, '2025-06-30', 1) → '2025-07-31' */
export function stepFrame(frames: readonly string[], asOf: string, delta: number): string {
  const index = frames.indexOf(snapToFrame(frames, asOf));
  const next = Math.min(frames.length - 1, Math.max(0, index + delta));
  return frames[next] ?? asOf;
}

/** The index of the first frame on or after the reform (01/07/2025), or -1 when the frames do not cross it. */
export function reformFrameIndex(frames: readonly string[]): number {
  const index = frames.findIndex((frame) => frame >= REFORM_DATE);
  return index > 0 ? index : -1;
}

/**
 * URL → view state. A missing or bad `from` is DEFAULT_FROM; the scheme is the one the URL names,
 * else reform34; `asOf` is snapped to a frame of that scheme, and without a (real) `asOf` it is the
 * scheme's last frame (today, or 30/06/2025 for legacy63).
 * parseTimelapseSearch('?scheme=reform34&asOf=2022-08-12', '2026-01-15') → { scheme: 'reform34', asOf: '2022-08-31', … }
 * parseTimelapseSearch('?scheme=legacy63&asOf=2025-09-30', '2026-01-15') → { scheme: 'legacy63', asOf: '2025-06-30', … }
 * parseTimelapseSearch('', '2026-01-15') → { scheme: 'reform34', asOf: '2026-01-15', … }
 */
export function parseTimelapseSearch(input: string | URLSearchParams, today: string): TimelapseSearch {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const rawFrom = params.get('from');
  const from = isRealDate(rawFrom) && rawFrom >= SCHEMES.legacy63.validFrom && rawFrom <= today ? rawFrom : DEFAULT_FROM;
  const rawScheme = params.get('scheme');
  const scheme = SCHEME_IDS.find((id) => id === rawScheme) ?? 'reform34';
  const frames = framesOf(scheme, from, today);
  const rawAsOf = params.get('asOf');
  const asOf = snapToFrame(frames, isRealDate(rawAsOf) ? rawAsOf : frames[frames.length - 1]!);
  const rawSpeed = params.get('speed');
  const speed = SPEED_IDS.includes(rawSpeed as Speed) ? (rawSpeed as Speed) : DEFAULT_SPEED;
  return { scheme, asOf, from, play: params.get('play') === '1', speed };
}

/** View state → URL, fixed key order, defaults left out (scheme and asOf are always written). */
export function serializeTimelapseSearch(search: TimelapseSearch): URLSearchParams {
  const params = new URLSearchParams();
  params.set('scheme', search.scheme);
  params.set('asOf', search.asOf);
  if (search.from !== DEFAULT_FROM) params.set('from', search.from);
  if (search.play) params.set('play', '1');
  if (search.speed !== DEFAULT_SPEED) params.set('speed', search.speed);
  return params;
}
