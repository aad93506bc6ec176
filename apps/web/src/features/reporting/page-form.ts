/**
 * The page form's values (strings, as inputs hold them) and the request bodies built from them.
 * The bodies are checked with the API's own schemas (createPageBodySchema, updatePageBodySchema).
 */
import { isWithinScheme } from '@mttq/core/rules';
import type { PageDetail, SchemeId } from '@mttq/core';
import { todayIso } from '../../url/today';
import type { FieldKind } from './form-errors';

export interface PageFormValues {
  name: string;
  platform: string;
  url: string;
  owner: string;
  launchedOn: string;
  unitScheme: SchemeId;
  unitCode: string;
  platformId: string;
}

/** How each field's problems are worded (paths as the API names them). */
export const PAGE_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  name: 'text',
  platform: 'choice',
  url: 'text',
  owner: 'choice',
  launchedOn: 'date',
  'unit.code': 'unitCode',
  'unit.scheme': 'choice',
  platformId: 'text',
};
export const PAGE_FIELDS = Object.keys(PAGE_FIELD_KINDS);

/**
 * A new page for a unit: Facebook and the Front committee, as most pages are, launched today when
 * the scheme is in force today (a page of a past scheme gets no date rather than a moved one).
 * emptyPageForm('reform34', '21025', '2026-12-02').launchedOn → '2026-12-02'; emptyPageForm('legacy63', '00004', '2026-12-02').launchedOn → ''
 */
export function emptyPageForm(scheme: SchemeId, unitCode: string, today: string = todayIso()): PageFormValues {
  const launchedOn = isWithinScheme(scheme, today) ? today : '';
  return { name: '', platform: 'facebook', url: '', owner: 'front', launchedOn, unitScheme: scheme, unitCode, platformId: '' };
}

/** The form showing a stored page. */
export function pageFormFromDetail(page: PageDetail, scheme: SchemeId): PageFormValues {
  const assignment = page.assignments.find((a) => a.scheme === scheme) ?? page.assignments[0];
  return {
    name: page.name,
    platform: page.platform,
    url: page.url,
    owner: page.owner,
    launchedOn: page.launchedOn,
    unitScheme: assignment?.scheme ?? scheme,
    unitCode: assignment?.code ?? '',
    platformId: page.platformId ?? '',
  };
}

/**
 * The POST /pages body (unchecked: the schema decides). An empty platform id is left out.
 * toCreatePageInput({ name: 'MTTQ xã A', …, unitScheme: 'legacy63', unitCode: '00004', platformId: '' })
 *   → { platform, url, name: 'MTTQ xã A', owner, launchedOn, unit: { scheme: 'legacy63', code: '00004' } }
 */
export function toCreatePageInput(values: PageFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    platform: values.platform,
    url: values.url,
    name: values.name,
    owner: values.owner,
    launchedOn: values.launchedOn,
    unit: { scheme: values.unitScheme, code: values.unitCode.trim() },
  };
  if (values.platformId.trim() !== '') body.platformId = values.platformId;
  return body;
}

/**
 * The PATCH /pages/{id} body: only the fields that differ from the stored page. Emptying the
 * platform id sends null (the API's way to clear it). An empty object means nothing changed.
 */
export function toUpdatePageInput(values: PageFormValues, page: PageDetail): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.name !== page.name) body.name = values.name;
  if (values.platform !== page.platform) body.platform = values.platform;
  if (values.url !== page.url) body.url = values.url;
  if (values.owner !== page.owner) body.owner = values.owner;
  if (values.launchedOn !== page.launchedOn) body.launchedOn = values.launchedOn;
  const platformId = values.platformId.trim();
  if (platformId !== (page.platformId ?? '')) body.platformId = platformId === '' ? null : values.platformId;
  return body;
}

const PLATFORM_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/(^|\.)(facebook\.com|fb\.com|fb\.me)$/, 'facebook'],
  [/(^|\.)zalo\.me$/, 'zalo'],
  [/(^|\.)tiktok\.com$/, 'tiktok'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
];

/**
 * The platform an address is on, to pick it for the user; null when it cannot tell.
 * platformOfUrl('https://m.facebook.com/mttq.x') → 'facebook'; platformOfUrl('mttq') → null
 */
export function platformOfUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) ? url.trim() : `https://${url.trim()}`).hostname.toLowerCase();
  } catch {
    return null;
  }
  return PLATFORM_HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? null;
}

/** The live Front page a 409 second_front_page names. */
export interface ExistingPage {
  id: number;
  name: string;
  url: string;
}

/**
 * The page named by the server's 409 second_front_page message (Vietnamese or English), to link
 * to it; null when the message names none (it is shown as it is then).
 * namedExistingPage('reform34:21025 đã có một trang … đang hoạt động: trang 12 “MTTQ phường Cẩm Thành” (https://www.facebook.com/x). …')
 *   → { id: 12, name: 'MTTQ phường Cẩm Thành', url: 'https://www.facebook.com/x' }
 */
export function namedExistingPage(message: string): ExistingPage | null {
  const match = /\b(?:page|trang) (\d+) ["“](.*)["”] \((https?:\/\/[^\s)]+)\)/u.exec(message);
  if (!match) return null;
  return { id: Number(match[1]), name: match[2]!, url: match[3]! };
}
