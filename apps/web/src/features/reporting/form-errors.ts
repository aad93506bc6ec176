/**
 * Form errors from two sources, keyed by the API's field path ('name', 'unit.code', 'followers'):
 * the shared zod schemas run in the browser before sending, and the server's 400 details after.
 */
import { fill } from '../../i18n/messages';
import type { ReportingMessages } from './messages';

/** The parts of a zod issue the forms read (structural, so the web app needs no zod import). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
  readonly origin?: string;
  readonly maximum?: unknown;
  readonly minimum?: unknown;
}

/** What a field holds, which decides how its problems are put into words. */
export type FieldKind = 'text' | 'date' | 'month' | 'unitCode' | 'count' | 'choice' | 'deadline' | 'periodMonth';

/** Field path → message; a field without a problem has no entry. */
export type FieldErrors = Readonly<Partial<Record<string, string>>>;

/** ['unit', 'code'] → 'unit.code' (the API's details use the same dotted paths). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * An issue in the user's language. Checks whose wording depends on the field (dates, counts,
 * codes) take it from the field's kind; anything unexpected keeps the schema's own message.
 * issueText({ code: 'too_small', origin: 'string', minimum: 1, … }, 'text', m) → 'Không được để trống.'
 */
export function issueText(issue: SchemaIssue, kind: FieldKind, m: ReportingMessages): string {
  switch (kind) {
    case 'count':
      return m.errCount;
    case 'date':
      return m.errDate;
    case 'month':
      return m.errMonth;
    case 'unitCode':
      return m.errUnitCode;
    case 'choice':
      return m.errChoose;
    case 'deadline':
      return issue.code === 'custom' && !/real calendar date/.test(issue.message) ? m.errDeadline : m.errDate;
    case 'periodMonth':
      return issue.code === 'custom' ? m.errPeriodMonth : m.errMonth;
    case 'text':
      if (issue.code === 'too_small' || issue.code === 'invalid_type') return m.errRequired;
      if (issue.code === 'too_big') return fill(m.errTooLong, { max: String(issue.maximum) });
      return issue.message;
  }
}

/**
 * The first problem of each field, in words. Issues of fields the form does not know (or of the
 * whole body) go under '' so they are still shown.
 * toFieldErrors(issues, { name: 'text', launchedOn: 'date' }, m) → { name: 'Không được để trống.' }
 */
export function toFieldErrors(issues: readonly SchemaIssue[], kinds: Readonly<Record<string, FieldKind>>, m: ReportingMessages): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issuePath(issue.path);
    const kind = kinds[path];
    const key = kind ? path : '';
    if (key in errors) continue;
    errors[key] = kind ? issueText(issue, kind, m) : issue.message;
  }
  return errors;
}
