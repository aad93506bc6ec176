import { describe, expect, it } from 'vitest';
import { canOpen, reportingScreens } from './access';

describe('reportingScreens', () => {
  it.each([
    ['admin', ['units', 'import', 'metrics', 'monthly', 'successors', 'verify', 'audit']],
    ['central', ['units', 'import', 'metrics', 'monthly', 'successors', 'verify', 'audit']],
    ['province', ['units', 'import', 'metrics', 'monthly', 'successors']],
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
