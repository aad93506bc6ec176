/**
 * The publish form's values and checks. The body is checked with the API's own schema
 * (createSnapshotBodySchema), then against the rules the server adds (inside the scheme, not in
 * the future), so most mistakes are named before sending; the server's details are shown the same way.
 */
import { createSnapshotBodySchema, defaultAsOf, isWithinScheme, SCHEMES, type CreateSnapshotBody, type SchemeId } from '@mttq/core';
import { formatDate } from '../../i18n/format';
import { fill, type Locale } from '../../i18n/messages';
import type { SnapshotMessages } from './messages';

export const SNAPSHOT_FIELDS = ['name', 'scheme', 'asOf'] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
export type SnapshotFieldErrors = Partial<Record<SnapshotField, string>>;

export const NAME_MAX = 160;

export interface SnapshotFormValues {
  name: string;
  scheme: SchemeId;
  /** YYYY-MM-DD as the date input holds it; '' when cleared */
  asOf: string;
}

/**
 * A new snapshot of the dashboard's current view: its scheme and date, or today (clamped into
 * the scheme) when the view follows the server's default.
 * emptySnapshotForm({ scheme: 'legacy63', asOf: null }, '2026-11-27') → { name: '', scheme: 'legacy63', asOf: '2025-06-30' }
 */
export function emptySnapshotForm(view: { scheme: SchemeId; asOf: string | null }, today: string): SnapshotFormValues {
  return { name: '', scheme: view.scheme, asOf: view.asOf ?? defaultAsOf(view.scheme, today) };
}

/** The dates a scheme's snapshot may freeze: its validity, up to today. */
export function asOfBounds(scheme: SchemeId, today: string): { min: string; max: string } {
  const { validFrom, validTo } = SCHEMES[scheme];
  return { min: validFrom, max: validTo && validTo < today ? validTo : today };
}

/**
 * The body to send, or each field's first problem in the user's language.
 * validateSnapshotForm({ name: ' ', scheme: 'legacy63', asOf: '2022-08-12' }, '2026-11-27', m, 'vi') → { errors: { name: 'Hãy đặt tên…' } }
 */
export function validateSnapshotForm(
  values: SnapshotFormValues,
  today: string,
  m: SnapshotMessages,
  locale: Locale,
): { body: CreateSnapshotBody; errors?: undefined } | { body?: undefined; errors: SnapshotFieldErrors } {
  const errors: SnapshotFieldErrors = {};
  const parsed = createSnapshotBodySchema.safeParse({ name: values.name, scheme: values.scheme, asOf: values.asOf });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'name' && !errors.name) errors.name = issue.code === 'too_big' ? fill(m.errNameLong, { max: NAME_MAX }) : m.errName;
      if (field === 'scheme' && !errors.scheme) errors.scheme = m.errScheme;
      if (field === 'asOf' && !errors.asOf) errors.asOf = m.errAsOf;
    }
  }
  if (!errors.asOf && !errors.scheme) {
    const { validFrom, validTo } = SCHEMES[values.scheme];
    const range = `${formatDate(validFrom, locale)} – ${validTo ? formatDate(validTo, locale) : '…'}`;
    if (!isWithinScheme(values.scheme, values.asOf)) errors.asOf = fill(m.errAsOfScheme, { range });
    else if (values.asOf > today) errors.asOf = m.errAsOfFuture;
  }
  if (parsed.success && Object.keys(errors).length === 0) return { body: parsed.data };
  return { errors };
}
