import { describe, expect, it } from 'vitest';
import { canOpen, reportingScreens, todayIso } from './access';

describe('reportingScreens', () => {
  it.each([
    ['admin', ['units', 'import', 'metrics', 'monthly', 'verify', 'audit']],
    ['central', ['units', 'import', 'metrics', 'monthly', 'verify', 'audit']],
    ['province', ['units', 'import', 'metrics', 'monthly']],
    ['viewer', []],
  ] as const)('%s opens %j', (role, screens) => {
    expect(reportingScreens(role)).toEqual(screens);
  });

  it('keeps the verification queue and the audit trail for central staff and admins', () => {
    expect(canOpen('province', 'verify')).toBe(false);
    expect(canOpen('province', 'audit')).toBe(false);
    expect(canOpen('central', 'verify')).toBe(true);
  });
});

describe('todayIso', () => {
  it('counts the day in UTC, as the server does', () => {
    expect(todayIso(new Date('2026-11-27T20:00:00-05:00'))).toBe('2026-11-28');
  });
});
