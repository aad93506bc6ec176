/** The monthly metrics form: values as typed, and the PUT /pages/{id}/metrics/{month} body. */
import type { PageMonthMetrics } from '@mttq/core';
import type { FieldKind } from './form-errors';

export interface MetricsFormValues {
  followers: string;
  posts: string;
  interactions: string;
  views: string;
  lastPostOn: string;
}

export const METRIC_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  month: 'month',
  followers: 'count',
  posts: 'count',
  interactions: 'count',
  views: 'count',
  lastPostOn: 'date',
};
export const METRIC_FIELDS = Object.keys(METRIC_FIELD_KINDS);

const GROUPED = /^\d{1,3}([.,\s\u00a0]\d{3})+$/;

/**
 * A count as people type it: thousands may be grouped with dots (vi), commas (en) or spaces.
 * Blank is undefined (the schema then says it is needed); anything else that is not a number is NaN.
 * parseCount('1.234') → 1234; parseCount(' 12 ') → 12; parseCount('1,5') → NaN; parseCount('') → undefined
 */
export function parseCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (GROUPED.test(trimmed)) return Number(trimmed.replace(/[.,\s\u00a0]/g, ''));
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The body to check with metricBodySchema: blank views and last-post date are sent as null. */
export function toMetricInput(values: MetricsFormValues): Record<string, unknown> {
  return {
    followers: parseCount(values.followers),
    posts: parseCount(values.posts),
    interactions: parseCount(values.interactions),
    views: values.views.trim() === '' ? null : parseCount(values.views),
    lastPostOn: values.lastPostOn.trim() === '' ? null : values.lastPostOn.trim(),
  };
}

/** The form for a month: its stored figures, or blank. */
export function metricsFormFrom(metrics: PageMonthMetrics | undefined): MetricsFormValues {
  if (!metrics) return { followers: '', posts: '', interactions: '', views: '', lastPostOn: '' };
  return {
    followers: String(metrics.followers),
    posts: String(metrics.posts),
    interactions: String(metrics.interactions),
    views: metrics.views === null ? '' : String(metrics.views),
    lastPostOn: metrics.lastPostOn ?? '',
  };
}
