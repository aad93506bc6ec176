import { describe, expect, it } from 'vitest';
import { spacedTicks } from './chart-style';

const months = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2020, i + 1, 0));

describe('spacedTicks', () => {
  it('keeps every month when they fit', () => {
    expect(spacedTicks(months(12), 12)).toEqual(months(12));
    expect(spacedTicks([], 12)).toEqual([]);
  });

  it('thins a long axis to at most the count, evenly, with the first and last month', () => {
    for (const n of [13, 24, 37, 60, 61, 120, 197]) {
      const times = months(n);
      const ticks = spacedTicks(times, 12);
      expect(ticks.length).toBeLessThanOrEqual(12);
      expect(ticks.length).toBeGreaterThanOrEqual(6);
      expect(ticks[0]).toBe(times[0]);
      expect(ticks.at(-1)).toBe(times.at(-1));
      // no two labels closer than half the step, so none overlap
      const indexes = ticks.map((t) => times.indexOf(t));
      const step = indexes[1]! - indexes[0]!;
      for (let i = 1; i < indexes.length; i += 1) expect(indexes[i]! - indexes[i - 1]!).toBeGreaterThanOrEqual(step / 2);
    }
  });

  it('60 months: every sixth month and the last', () => {
    const times = months(60);
    expect(spacedTicks(times, 12).map((t) => times.indexOf(t))).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 59]);
  });
});
