import { createPageBodySchema, createReportingPeriodBodySchema, metricBodySchema } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { reportingMessages } from './messages';
import { splitServerErrors } from '../../api/server-errors';
import { issuePath, toFieldErrors } from './form-errors';
import { PAGE_FIELD_KINDS, PAGE_FIELDS } from './page-form';
import { METRIC_FIELD_KINDS } from './metrics-form';

const vi = reportingMessages.vi;
const en = reportingMessages.en;

describe('toFieldErrors', () => {
  it('words the shared page schema problems in Vietnamese, keyed by the API path', () => {
    const result = createPageBodySchema.safeParse({ platform: 'facebook', url: ' ', name: '', owner: 'front', launchedOn: '2022-02-30', unit: { scheme: 'legacy63', code: '1' } });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!.issues, PAGE_FIELD_KINDS, vi)).toEqual({
      url: vi.errRequired,
      name: vi.errRequired,
      launchedOn: vi.errDate,
      'unit.code': vi.errUnitCode,
    });
  });

  it('names the limit of a text that is too long, in English too', () => {
    const result = createPageBodySchema.safeParse({ platform: 'facebook', url: 'https://fb.com/x', name: 'x'.repeat(301), launchedOn: '2022-01-01', unit: { scheme: 'legacy63', code: '01' } });
    expect(toFieldErrors(result.error!.issues, PAGE_FIELD_KINDS, en)).toEqual({ name: 'Longer than 300 characters; shorten it.' });
  });

  it.each([
    ['a negative count', { followers: -1, posts: 0, interactions: 0 }, { followers: vi.errCount }],
    ['a fraction', { followers: 1, posts: 1.5, interactions: 0 }, { posts: vi.errCount }],
    ['a missing count', { followers: 1, posts: 1 }, { interactions: vi.errCount }],
    ['not a number', { followers: Number.NaN, posts: 1, interactions: 1 }, { followers: vi.errCount }],
  ])('says a count must be a whole number: %s', (_name, body, expected) => {
    const result = metricBodySchema.safeParse(body);
    expect(toFieldErrors(result.error!.issues, METRIC_FIELD_KINDS, vi)).toEqual(expected);
  });

  it("keeps the reporting rules' own checks apart: month outside the scheme, deadline before the month", () => {
    const result = createReportingPeriodBodySchema.safeParse({ scheme: 'legacy63', month: '2025-08', deadline: '2025-07-31' });
    expect(toFieldErrors(result.error!.issues, { scheme: 'choice', month: 'periodMonth', deadline: 'deadline' }, vi)).toEqual({
      month: vi.errPeriodMonth,
      deadline: vi.errDeadline,
    });
    const unreal = createReportingPeriodBodySchema.safeParse({ scheme: 'legacy63', month: '2025-02', deadline: '2025-02-30' });
    expect(toFieldErrors(unreal.error!.issues, { month: 'periodMonth', deadline: 'deadline' }, vi)).toEqual({ deadline: vi.errDate });
  });

  it("puts an unknown field's problem under '' with the schema's own words", () => {
    expect(toFieldErrors([{ path: ['extra'], code: 'unrecognized_keys', message: 'Unrecognized key: "extra"' }], PAGE_FIELD_KINDS, vi)).toEqual({ '': 'Unrecognized key: "extra"' });
  });
});

describe('issuePath', () => {
  it('joins nested paths with dots, as the API details do', () => {
    expect(issuePath(['unit', 'code'])).toBe('unit.code');
    expect(issuePath([])).toBe('');
  });
});

describe('splitServerErrors', () => {
  it('puts details naming a field next to it and the rest above the form', () => {
    const error = {
      status: 400,
      message: 'url: must be on facebook.com; reportedOn: is in the future',
      details: [
        { path: 'url', message: 'must be on facebook.com' },
        { path: 'reportedOn', message: 'is in the future' },
      ],
    };
    expect(splitServerErrors(error, PAGE_FIELDS)).toEqual({ fields: { url: 'must be on facebook.com' }, general: ['reportedOn: is in the future'] });
  });

  it('shows the message of an answer without details (a 409 naming the existing page)', () => {
    expect(splitServerErrors({ status: 409, message: 'Page 42 "MTTQ" already has the address', details: [] }, PAGE_FIELDS)).toEqual({
      fields: {},
      general: ['Page 42 "MTTQ" already has the address'],
    });
  });

  it('maps a nested path such as unit.code', () => {
    expect(splitServerErrors({ status: 400, message: 'x', details: [{ path: 'unit.code', message: '99999 is not a unit' }] }, PAGE_FIELDS).fields).toEqual({
      'unit.code': '99999 is not a unit',
    });
  });
});
