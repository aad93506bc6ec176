/**
 * Pieces of the import's messages that each language writes its own way: dates (15/03/2022 in
 * Vietnamese, 2022-03-15 in English), months, statuses, schemes, unit levels, lists; and the
 * flat form of a message that leaves the API (nested messages rendered into its params).
 */
import { PAGE_STATUS_LABELS, type Level, type PageStatus, type SchemeId } from '@mttq/core';
import { msg, render, type Lang, type Message } from '../messages';

/** A value written differently in each language: both('tháng 5/2025', '2025-05'). */
export const both = (vi: string, en: string): Message => msg('import_text', { vi, en });

/** dateText('2022-03-15') → 15/03/2022 in Vietnamese, 2022-03-15 in English. */
export function dateText(iso: string): Message {
  const [year, month, day] = iso.split('-');
  return both(`${day}/${month}/${year}`, iso);
}

/** monthText('2025-05') → tháng 5/2025 in Vietnamese, 2025-05 in English. */
export function monthText(yearMonth: string): Message {
  const [year, month] = yearMonth.split('-');
  return both(`tháng ${Number(month)}/${year}`, yearMonth);
}

export const statusText = (status: PageStatus): Message => both(PAGE_STATUS_LABELS[status].vi, PAGE_STATUS_LABELS[status].en);

const SCHEME_VI: Record<SchemeId, string> = { legacy63: '63 tỉnh, thành', reform34: '34 tỉnh, thành' };
export const schemeText = (scheme: SchemeId): Message => both(SCHEME_VI[scheme], scheme);

const LEVEL_VI: Record<Level, string> = { province: 'tỉnh, thành', district: 'quận, huyện', commune: 'xã, phường' };
export const levelText = (level: Level): Message => both(LEVEL_VI[level], level);

/** '2026-11-27T14:05:00Z' → 21:05 ngày 27/11/2026 (giờ Việt Nam) / 2026-11-27 21:05 Vietnam time (UTC+7). */
export function vietnamTime(iso: string): Message {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return msg('import_vietnam_time', { date: dateText(local.slice(0, 10)), time: local.slice(11, 16) });
}

const LAST_JOIN = { and: 'import_join_and', or: 'import_join_or', comma: 'import_join' } as const;

/** Items joined with commas, the last one with `last`: listOf(['a', 'b', 'c'], 'or') → 'a, b hoặc c' / 'a, b or c'. */
export function listOf(items: ReadonlyArray<string | Message>, last: keyof typeof LAST_JOIN = 'and'): string | Message {
  if (items.length === 0) return '';
  let joined: string | Message = items[items.length - 1]!;
  for (let i = items.length - 2; i >= 0; i -= 1) joined = msg(i === items.length - 2 ? LAST_JOIN[last] : 'import_join', { first: items[i]!, rest: joined });
  return joined;
}

/** A message as the API answers it: its key, and its params with nested messages rendered in `lang`. */
export interface FlatMessage {
  key: string;
  params: Record<string, string | number>;
}

export function flatten(message: Message, lang: Lang): FlatMessage {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params)) params[name] = typeof value === 'object' ? render(value, lang) : value;
  return { key: message.key, params };
}
