import { describe, expect, it } from 'vitest';
import { todayIso } from './today';

describe('todayIso', () => {
  it('counts the day in UTC, as the server does', () => {
    expect(todayIso(new Date('2026-11-27T20:00:00-05:00'))).toBe('2026-11-28');
  });
});
