import type { Level } from '@mttq/core';
import { formatPercent, monthLabel } from '../i18n/format';
import type { Locale } from '../i18n/messages';

/** The dashboard's chart palette; colour-blind safe hues, each ≥ 3:1 against white, told apart by dash pattern too. */
export const LEVEL_STYLE: Record<Level, { color: string; dash: string | undefined }> = {
  province: { color: '#0b4f8a', dash: undefined },
  district: { color: '#a34700', dash: '8 4' },
  commune: { color: '#1a7a4c', dash: '2 3' },
};

export const CHART_TEXT = '#1b1f24';
export const CHART_MUTED = '#555e6b';
/** Reference lines: the 12/08/2022 conference, the 01/07/2025 reform. */
export const CHART_MARKER = '#8a1c1c';
export const AXIS_TICK = { fill: CHART_MUTED, fontSize: 12 };
/** Share axes (0…1) in quarters. */
export const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Month labels on a time axis: at most this many (about one per 80 px of a desktop-wide chart). */
export const TIME_TICKS = 12;

/**
 * At most `max` of the month times for a time axis, evenly spaced, first and last kept. Given to
 * recharts with `interval={0}`, so it never measures each label in the DOM to thin them out
 * (which cost the overview ~80 ms of forced layouts when a chart was first drawn).
 */
export function spacedTicks(times: readonly number[], max: number): number[] {
  if (times.length <= max) return [...times];
  const step = Math.ceil((times.length - 1) / (max - 1));
  const ticks = times.filter((_, i) => i % step === 0);
  const lastIndex = times.length - 1;
  // the last month always shows; the one before it goes when they would sit closer than half a step
  if (lastIndex % step !== 0) {
    if (lastIndex % step < step / 2) ticks.pop();
    ticks.push(times[lastIndex]!);
  }
  return ticks;
}

/** A time axis of month ends (recharts XAxis props): at most TIME_TICKS labels, chosen up front. */
export function monthAxisProps(times: readonly number[], locale: Locale) {
  return {
    dataKey: 'time',
    type: 'number',
    scale: 'time',
    ticks: spacedTicks(times, TIME_TICKS),
    interval: 0,
    tickFormatter: (time: number) => monthLabel(time, locale),
    tick: AXIS_TICK,
  } as const;
}

/** A share axis from 0 to 100% in quarters (recharts YAxis props for a line chart). */
export function shareAxisProps(locale: Locale) {
  return {
    domain: [0, 1],
    ticks: SHARE_TICKS,
    interval: 0,
    tickFormatter: (share: number) => formatPercent(share, locale),
    tick: AXIS_TICK,
    width: 48,
  } as const;
}
