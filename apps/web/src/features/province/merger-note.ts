/**
 * What a unit was made of, or became, in the 2025 reorganisation, read from the crosswalk links of
 * GET /units/{scheme}/{code} (`formerly` for reform34, `nowPartOf` for legacy63), never from names:
 * reform34:51 "Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)", legacy63:62 "Nay thuộc tỉnh Quảng Ngãi",
 * reform34:01 "Không sáp nhập".
 */
import type { CrosswalkLink, UnitDetailResponse } from '@mttq/core';
import { fill, type Locale } from '../../i18n/messages';

export type MergerNote =
  /** a reform34 unit made of several old units, or of part of one */
  | { kind: 'formedFrom'; parts: ReadonlyArray<{ link: CrosswalkLink; isPart: boolean }> }
  /** a unit with exactly one counterpart, which has no other: not merged */
  | { kind: 'unchanged'; counterpart: CrosswalkLink }
  /** a legacy63 unit merged into one new unit (with others) */
  | { kind: 'nowPartOf'; successor: CrosswalkLink }
  /** a legacy63 unit divided between several new units */
  | { kind: 'dividedBetween'; successors: readonly CrosswalkLink[] }
  /** no counterpart known (or, for a legacy63 commune, not placed by the crosswalk) */
  | { kind: 'none' };

/**
 * The note for a unit. For a legacy63 unit with one successor, whether it was merged depends on the
 * successor's own `formerly` (`successorFormerly`, when known): one predecessor only means unchanged.
 * mergerNote({ scheme: 'reform34', unit: 51, formerly: [legacy63:51, legacy63:62] }) → { kind: 'formedFrom', parts: [51, 62] }
 */
export function mergerNote(
  detail: Pick<UnitDetailResponse, 'scheme' | 'unit' | 'nowPartOf' | 'formerly'>,
  successorFormerly?: readonly CrosswalkLink[],
): MergerNote {
  const level = detail.unit.level;
  if (detail.scheme === 'reform34') {
    const formerly = detail.formerly ?? [];
    if (formerly.length === 0) return { kind: 'none' };
    const only = formerly.length === 1 ? formerly[0]! : null;
    if (only && !only.isSplit && only.level === level) return { kind: 'unchanged', counterpart: only };
    return { kind: 'formedFrom', parts: formerly.map((link) => ({ link, isPart: link.isSplit })) };
  }
  const now = detail.nowPartOf ?? [];
  if (now.length === 0) return { kind: 'none' };
  if (now.length > 1) return { kind: 'dividedBetween', successors: now };
  const successor = now[0]!;
  const isAlone = successorFormerly !== undefined && successorFormerly.length === 1 && successorFormerly[0]?.code === detail.unit.code;
  if (isAlone && successor.level === level) return { kind: 'unchanged', counterpart: successor };
  return { kind: 'nowPartOf', successor };
}

/** The legacy63 unit's one successor whose `formerly` decides between "unchanged" and "now part of"; null when none is needed. */
export function successorToCheck(detail: Pick<UnitDetailResponse, 'scheme' | 'unit' | 'nowPartOf'>): CrosswalkLink | null {
  if (detail.scheme !== 'legacy63') return null;
  const now = detail.nowPartOf ?? [];
  const only = now.length === 1 ? now[0]! : null;
  return only && only.level === detail.unit.level ? only : null;
}

/** 'a', 'a và b', 'a, b và c' (en: 'a and b', 'a, b and c'). */
export function joinList(items: readonly string[], locale: Locale): string {
  const and = locale === 'vi' ? ' và ' : ' and ';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** A unit's name inside a Vietnamese sentence: 'Tỉnh Quảng Ngãi' → 'tỉnh Quảng Ngãi'. */
export function nameInSentence(name: string): string {
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}

/** Vietnamese kind prefixes and their English words, longest first. */
const KINDS: ReadonlyArray<readonly [prefix: string, one: string, many: string]> = [
  ['Thành phố', 'city', 'cities'],
  ['Đặc khu', 'special zone', 'special zones'],
  ['Thị trấn', 'township', 'townships'],
  ['Thị xã', 'town', 'towns'],
  ['Phường', 'ward', 'wards'],
  ['Huyện', 'district', 'districts'],
  ['Quận', 'district', 'districts'],
  ['Tỉnh', 'province', 'provinces'],
  ['Xã', 'commune', 'communes'],
];

/**
 * A name split into its proper part and its kind in English:
 * englishName('Tỉnh Kon Tum') → { proper: 'Kon Tum', one: 'province', many: 'provinces' }
 */
export function englishName(name: string): { proper: string; one: string; many: string } {
  for (const [prefix, one, many] of KINDS) {
    if (name.startsWith(`${prefix} `)) return { proper: name.slice(prefix.length + 1), one, many };
  }
  return { proper: name, one: '', many: '' };
}

const withKind = (name: string) => {
  const { proper, one } = englishName(name);
  return one ? `${proper} ${one}` : proper;
};

/** 'the former Quảng Ngãi and Kon Tum provinces' (one kind) or 'the former Hồ Chí Minh city and Bình Dương province' (several). */
function formerEnglish(names: readonly string[]): string {
  const parsed = names.map(englishName);
  const kinds = new Set(parsed.map((p) => p.many));
  if (names.length > 1 && kinds.size === 1 && parsed[0]!.many) return `the former ${joinList(parsed.map((p) => p.proper), 'en')} ${parsed[0]!.many}`;
  return `the former ${joinList(names.map(withKind), 'en')}`;
}

/** The words the note is written with (the province catalogue's merger_* messages). */
export interface MergerWords {
  merger_formedFrom: string;
  merger_unchangedFormerly: string;
  merger_unchangedNow: string;
  merger_nowPartOf: string;
  merger_dividedBetween: string;
  merger_none: string;
  merger_part: string;
}

/**
 * The note as one sentence in the user's language.
 * vi: 'Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)'; en: 'Formed from the former Quảng Ngãi and Kon Tum provinces'
 */
export function mergerNoteText(note: MergerNote, words: MergerWords, locale: Locale): string {
  const vi = locale === 'vi';
  switch (note.kind) {
    case 'formedFrom': {
      if (vi) {
        const items = note.parts.map(({ link, isPart }) => (isPart ? fill(words.merger_part, { name: nameInSentence(link.name) }) : nameInSentence(link.name)));
        return fill(words.merger_formedFrom, { list: joinList(items, 'vi') });
      }
      const whole = note.parts.filter((p) => !p.isPart).map((p) => p.link.name);
      const parts = note.parts.filter((p) => p.isPart).map((p) => fill(words.merger_part, { name: formerEnglish([p.link.name]) }));
      return fill(words.merger_formedFrom, { list: joinList([...(whole.length > 0 ? [formerEnglish(whole)] : []), ...parts], 'en') });
    }
    case 'unchanged': {
      const name = vi ? nameInSentence(note.counterpart.name) : withKind(note.counterpart.name);
      return fill(note.counterpart.scheme === 'legacy63' ? words.merger_unchangedFormerly : words.merger_unchangedNow, { name });
    }
    case 'nowPartOf':
      return fill(words.merger_nowPartOf, { name: vi ? nameInSentence(note.successor.name) : withKind(note.successor.name) });
    case 'dividedBetween':
      return fill(words.merger_dividedBetween, { list: joinList(note.successors.map((l) => (vi ? nameInSentence(l.name) : withKind(l.name))), locale) });
    case 'none':
      return words.merger_none;
  }
}
