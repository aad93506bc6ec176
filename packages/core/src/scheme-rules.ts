
/** The two administrative schemes (DESIGN.md §2). A unit's identity is (scheme, code). */
export const SCHEME_IDS = ['legacy63', 'reform34'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

export interface SchemeInfo {
  id: SchemeId;
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  /** Last day in force, YYYY-MM-DD, or null while it is current. */
  validTo: string | null;
  levels: readonly Level[];
}

export const SCHEMES: Record<SchemeId, SchemeInfo> = {
  legacy63: {
    id: 'legacy63',
    validFrom: '2008-08-01',
    validTo: '2025-06-30',
    levels: ['province', 'district', 'commune'],
  },
  reform34: {
    id: 'reform34',
    validFrom: '2025-07-01',
    validTo: null,
    levels: ['province', 'commune'],
  },
};

/** The day the district level was abolished and 63 provinces became 34. */
export const REFORM_DATE = '2025-07-01';

/** Does `scheme` have this level? e.g. hasLevel('reform34', 'district') → false */
export function hasLevel(scheme: SchemeId, level: Level): boolean {
  return SCHEMES[scheme].levels.includes(level);
}

/**
 * The default as-of date: today, clamped into the scheme's validity.
 * defaultAsOf('legacy63', '2026-11-27') → '2025-06-30'
 */
export function defaultAsOf(scheme: SchemeId, today: string): string {
  const { validFrom, validTo } = SCHEMES[scheme];
  if (today < validFrom) return validFrom;
  if (validTo && today > validTo) return validTo;
  return today;
}

/** Is `date` inside the scheme's validity? */
export function isWithinScheme(scheme: SchemeId, date: string): boolean {
  const { validFrom, validTo } = SCHEMES[scheme];
  return date >= validFrom && (validTo === null || date <= validTo);
}

/**
 * The scheme in force on a date: the one whose validity holds it (the latest for later dates).
 * schemeInForce('2026-12-02') → 'reform34'; schemeInForce('2022-08-12') → 'legacy63'
 */
export function schemeInForce(date: string): SchemeId {
  return SCHEME_IDS.find((scheme) => isWithinScheme(scheme, date)) ?? SCHEME_IDS[SCHEME_IDS.length - 1]!;
}
