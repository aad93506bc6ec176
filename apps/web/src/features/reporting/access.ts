/** Who opens which reporting screen (the API enforces the same rules; this only explains them). */
import type { SessionUser } from '../../api/queries';

export type Role = SessionUser['role'];
export const REPORTING_SCREENS = ['units', 'import', 'metrics', 'monthly', 'successors', 'verify', 'audit'] as const;
export type ReportingScreen = (typeof REPORTING_SCREENS)[number];

/** verify and audit are central staff's and admins'; viewers open none. */
export function canOpen(role: Role, screen: ReportingScreen): boolean {
  if (role === 'viewer') return false;
  if (screen === 'verify' || screen === 'audit') return role === 'admin' || role === 'central';
  return true;
}

/** The screens of the sub-navigation for a role, in order: reportingScreens('province') → ['units', 'import', 'metrics', 'monthly', 'successors'] */
export function reportingScreens(role: Role): ReportingScreen[] {
  return REPORTING_SCREENS.filter((screen) => canOpen(role, screen));
}

/** Can the user review pages (verify, reject) and manage reporting periods? */
export const isCentral = (role: Role): boolean => role === 'admin' || role === 'central';

