/**
 * Pieces of the import's messages that each language writes its own way: dates (15/03/2022 in
 * Vietnamese, 2022-03-15 in English), months, statuses, schemes, unit levels, lists; and the
 * flat form of a message that leaves the API (nested messages rendered into its params).
 */
import { PAGE_STATUS_LABELS, type Level, type PageStatus, type SchemeId } from '@mttq/core';
import { CATALOGUE, msg, type Lang, type Message } from '../messages';

/** A value written differently in each language: both('tháng 5/2025', '2025-05'). */
export const both = (vi: string, en: string): Message => msg('import_text', { vi, en });

/** One Message per value, made once: a dry run quotes the same dates, months and statuses in thousands of rows. */
function memoised<T extends string>(make: (value: T) => Message): (value: T) => Message {
  const made = new Map<T, Message>();
  return (value) => {
    let message = made.get(value);
    if (!message) {
      // Dates since 2000 are some thousands; a bound keeps a long-running server's memory flat all the same.
      if (made.size >= 20_000) made.clear();
      made.set(value, (message = make(value)));
    }
    return message;
  };
}

/** dateText('2022-03-15') → 15/03/2022 in Vietnamese, 2022-03-15 in English. */
export const dateText = memoised((iso: string) => {
  const [year, month, day] = iso.split('-');
  return both(`${day}/${month}/${year}`, iso);
});

/** monthText('2025-05') → tháng 5/2025 in Vietnamese, 2025-05 in English. */
export const monthText = memoised((yearMonth: string) => {
  const [year, month] = yearMonth.split('-');
  return both(`tháng ${Number(month)}/${year}`, yearMonth);
});

export const statusText = memoised((status: PageStatus) => both(PAGE_STATUS_LABELS[status].vi, PAGE_STATUS_LABELS[status].en));

const SCHEME_VI: Record<SchemeId, string> = { legacy63: '63 tỉnh, thành', reform34: '34 tỉnh, thành' };
export const schemeText = memoised((scheme: SchemeId) => both(SCHEME_VI[scheme], scheme));

const LEVEL_VI: Record<Level, string> = { province: 'tỉnh, thành', district: 'quận, huyện', commune: 'xã, phường' };
export const levelText = memoised((level: Level) => both(LEVEL_VI[level], level));

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

/**
 * Rendering for a whole dry run (tens of thousands of texts), with the catalogue's output
 * (messages/index.ts render): templates are split once, numbers written by one formatter per
 * language, and a value of `both` is picked without a template.
 */
const NUMBERS: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
/** Template parts by language and key: literal text at even indexes, parameter names at odd ones. */
const PARTS: Record<Lang, Map<string, string[]>> = { vi: new Map(), en: new Map() };

function partsOf(key: string, lang: Lang): string[] | undefined {
  let parts = PARTS[lang].get(key);
  if (!parts) {
    const entry = CATALOGUE[key];
    if (!entry) return undefined;
    PARTS[lang].set(key, (parts = entry[lang].split(/\{(\w+)\}/u)));
  }
  return parts;
}

function fill(key: string, params: Record<string, string | number>, lang: Lang): string {
  const parts = partsOf(key, lang);
  if (!parts) return key;
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]!];
    text += (value === undefined ? `{${parts[i]}}` : typeof value === 'number' ? NUMBERS[lang].format(value) : value) + parts[i + 1]!;
  }
  return text;
}

function renderNested(message: Message, lang: Lang): string {
  if (message.key === 'import_text') return message.params[lang] as string;
  return fill(message.key, flatten(message, lang).params, lang);
}

export function flatten(message: Message, lang: Lang): FlatMessage {
  const params: Record<string, string | number> = {};
  for (const name in message.params) {
    const value = message.params[name]!;
    params[name] = typeof value === 'object' ? renderNested(value, lang) : value;
  }
  return { key: message.key, params };
}

/** The message in `lang` and its flat form: renderFlat(m, 'vi') → { text: render(m, 'vi'), flat } */
export function renderFlat(message: Message, lang: Lang): { text: string; flat: FlatMessage } {
  const flat = flatten(message, lang);
  return { text: fill(message.key, flat.params, lang), flat };
}
