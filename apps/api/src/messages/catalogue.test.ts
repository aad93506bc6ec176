/**
 * The one message catalogue: every key in Vietnamese and English with the same parameters, the
 * Vietnamese really Vietnamese, every error code of the OpenAPI document in it, and answers in the
 * language the request asks for.
 */
import { createReportingPeriodBodySchema, isoDateSchema, unitListQuerySchema, usernameSchema } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, send, type Served } from '../auth/test-http';
import { toFieldIssues } from '../http/router';
import { openDemoApp } from '../test/demo-app';
import { CATALOGUE, pickLanguage, render } from '.';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Nothing but placeholders, punctuation and spaces: '{path}: {problem}', '{first}; {rest}'. */
const isOnlyPlaceholders = (template: string) => /^[\s\p{P}\p{S}]*$/u.test(template.replace(/\{\w+\}/g, ''));

/** A letter only Vietnamese writes: a vowel with a tone or hat, or đ. */
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Vietnamese texts that are right without such a letter: codes, names and examples written the
 * same in both languages. Keep it short: a text here is not checked for leftover English.
 */
const NO_VIETNAMESE_LETTER_NEEDED = new Set<string>([]);

/**
 * Keys whose languages knowingly use different placeholders, and why. Every other key uses the same
 * ones in both: a parameter shown in one language and lost in the other is a mistake.
 */
const DIFFERENT_PLACEHOLDERS: Record<string, string> = {
  import_text: 'a text given in both languages: each language shows its own parameter',
  import_unit_name_elsewhere: 'the Vietnamese leaves out the scheme',
  import_unit_outside_scope: 'the Vietnamese leaves out the scheme',
  import_page_outside_scope: 'the Vietnamese leaves out the scheme',
};

const entries = Object.entries(CATALOGUE);

describe('the catalogue', () => {
  it('has texts', () => {
    expect(entries.length).toBeGreaterThan(50);
  });

  it.each(entries)('%s has a Vietnamese and an English text with the same placeholders', (key, entry) => {
    expect(entry.vi.trim()).not.toBe('');
    expect(entry.en.trim()).not.toBe('');
    if (!(key in DIFFERENT_PLACEHOLDERS)) expect(placeholders(entry.vi)).toEqual(placeholders(entry.en));
  });

  it.each(entries)('%s is translated: Vietnamese differs from English and is written in Vietnamese', (key, entry) => {
    if (isOnlyPlaceholders(entry.vi)) return;
    expect(entry.vi).not.toBe(entry.en);
    if (!NO_VIETNAMESE_LETTER_NEEDED.has(key)) expect(entry.vi.replace(/\{\w+\}/g, '')).toMatch(VIETNAMESE_LETTER);
  });

  it('renders parameters in the language: numbers, dates and nested messages', () => {
    const message = { key: 'account_file_rows_have_errors', params: { bad: 1234, total: 10599 } };
    expect(render(message, 'vi')).toBe('1.234 trong 10.599 dòng có lỗi; chưa tài khoản nào được tạo. Hãy sửa các dòng đó (chạy thử sẽ liệt kê) rồi tải tệp lên lại.');
    expect(render(message, 'en')).toBe('1,234 of 10,599 rows have errors; nothing was created. Fix them (a dry run lists them) and upload the file again.');
    const date = { key: 'param_date_before_backcast', params: { date: { key: 'date_value', params: { year: '2008', month: '07', day: '31' } }, first: '2008-08-01' } };
    expect(render(date, 'vi')).toMatch(/^ngày 31\/07\/2008 trước 2008-08-01/);
    expect(render(date, 'en')).toMatch(/^2008-07-31 is before 2008-08-01/);
  });
});

describe("the shared schemas' messages", () => {
  const issuesOf = (result: { success: boolean; error?: unknown }) => toFieldIssues(result.error as Parameters<typeof toFieldIssues>[0]);

  it('are recognised with their parameters, whether the schema writes English or a key', () => {
    expect(issuesOf(isoDateSchema.safeParse('2022-02-30'))).toEqual([{ path: '(query)', message: { key: 'schema_date_not_real', params: {} } }]);
    expect(issuesOf(unitListQuerySchema.safeParse({ limit: '0' }))).toEqual([{ path: 'limit', message: { key: 'schema_whole_number_range', params: { max: '500' } } }]);
    expect(issuesOf(createReportingPeriodBodySchema.safeParse({ scheme: 'reform34', month: '2025-08', deadline: '2025-07-31' }))).toEqual([
      { path: 'deadline', message: { key: 'schema_deadline_before_month', params: { first: '2025-08-01', deadline: '2025-07-31' } } },
    ]);
    expect(issuesOf(usernameSchema.safeParse('two words'))).toEqual([{ path: '(query)', message: { key: 'account_row_username_invalid', params: {} } }]);
  });

  it("keep the schema's English in English and say the same in Vietnamese", () => {
    const [issue] = issuesOf(unitListQuerySchema.safeParse({ limit: '501' }));
    expect(render(issue!.message as never, 'en')).toBe('must be a whole number from 1 to 500');
    expect(render(issue!.message as never, 'vi')).toBe('phải là số nguyên từ 1 đến 500');
  });
});

describe('pickLanguage', () => {
  it.each([
    ['?lang=en wins over Accept-Language', 'en', 'vi', 'en'],
    ['?lang=vi wins over Accept-Language', 'vi', 'en-US,en;q=0.9', 'vi'],
    ['an unknown ?lang falls back to Accept-Language', 'fr', 'en', 'en'],
    ['the highest q weight wins', undefined, 'vi;q=0.4,en;q=0.8', 'en'],
    ['regional tags count as their language', undefined, 'en-GB', 'en'],
    ['equal weights keep the order given', undefined, 'vi,en', 'vi'],
    ['q=0 means never', undefined, 'en;q=0', 'vi'],
    ['an unknown language is Vietnamese', undefined, 'fr-FR,de;q=0.9', 'vi'],
    ['no header is Vietnamese', undefined, undefined, 'vi'],
  ])('%s', (_, query, header, expected) => {
    expect(pickLanguage(query, header)).toBe(expected);
  });
});

describe('over HTTP', () => {
  let demo: ReturnType<typeof openDemoApp>;
  let served: Served;
  beforeAll(async () => {
    demo = openDemoApp();
    served = await serveApp(demo.app);
  });
  afterAll(async () => {
    await served.close();
    demo.close();
  });

  it('the OpenAPI document lists every error code, and each has a text in both languages', async () => {
    const document = (await send(`${served.origin}/api/openapi.json`)).json();
    const codes: string[] = document.components.schemas.Error.properties.error.properties.code.enum;
    expect(codes).toEqual(expect.arrayContaining(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'storage_full', 'plan_expired', 'csrf']));
    for (const code of codes) expect(CATALOGUE[code], code).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
  });

  it('answers an error in Vietnamese by default, in English when Accept-Language or ?lang asks, with the same key and parameters', async () => {
    const path = '/api/v1/units?scheme=reform34&level=district';
    const vi = await send(`${served.origin}${path}`);
    const byHeader = await send(`${served.origin}${path}`, { headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' } });
    const byQuery = await send(`${served.origin}${path}&lang=en`, { headers: { 'accept-language': 'vi' } });
    for (const answer of [vi, byHeader, byQuery]) expect(answer.status).toBe(400);
    const [viError, headerError, queryError] = [vi, byHeader, byQuery].map((answer) => answer.json().error);
    expect(viError.details[0]).toMatchObject({
      path: 'level',
      message: 'reform34 không có cấp quận, huyện; hãy dùng một trong: province, commune',
      key: 'param_scheme_no_level',
    });
    expect(viError.message).toBe('level: reform34 không có cấp quận, huyện; hãy dùng một trong: province, commune');
    for (const english of [headerError, queryError]) {
      expect(english.message).toBe('level: reform34 has no district level; use one of province, commune');
      expect(english.details[0].message).toBe('reform34 has no district level; use one of province, commune');
      expect({ key: english.key, params: english.params, details: english.details.map((d: { key: string; params: unknown }) => [d.key, d.params]) }).toEqual({
        key: viError.key,
        params: viError.params,
        details: viError.details.map((d: { key: string; params: unknown }) => [d.key, d.params]),
      });
    }
  });
});
