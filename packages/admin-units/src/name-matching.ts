/**
 * Vietnamese administrative-unit name matching: the one place that decides when two typed
 * names mean the same unit. Used by imports, search boxes and the crosswalk's name fallback.
 */
import type { Level, Unit } from '@mttq/core';
import { foldDiacritics } from '@mttq/core/rules';

// Tone marks (huyền, sắc, ngã, hỏi, nặng) as NFD combining characters. They are the only
// marks whose position varies between the two spelling conventions (Hoà/Hòa, Thuỵ/Thụy).
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
// Vowel-quality marks (circumflex, breve, horn): â ă ê ô ơ ư. These are part of the letter.
const QUALITY_MARK = /[\u0302\u0306\u031b]/u;
const COMBINING = /[\u0300-\u036f]/u;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const DASHES = /[-‐‑‒–—―−_]/gu;
const APOSTROPHES = /[’‘ʼ`´]/gu;

interface Letter {
  base: string;
  marks: string;
}

/** Split an NFD word into base characters, each with the combining marks that follow it. */
function toLetters(word: string): Letter[] {
  const letters: Letter[] = [];
  for (const ch of word) {
    const last = letters[letters.length - 1];
    if (COMBINING.test(ch) && last) last.marks += ch;
    else letters.push({ base: ch, marks: '' });
  }
  return letters;
}

/**
 * Move a word's tone mark to one canonical vowel, so that every spelling of the same syllable
 * produces the same string whichever convention (or mistake) placed it. Input and output are
 * NFD.
 */
function placeTone(word: string): string {
  const letters = toLetters(word);
  let tone = '';
  let toneAt = -1;
  letters.forEach((letter, i) => {
    const found = letter.marks.match(TONE_MARKS);
    if (found) {
      tone = found[found.length - 1] ?? '';
      toneAt = i;
      letter.marks = letter.marks.replace(TONE_MARKS, '');
    }
  });
  if (!tone) return word;

  // The vowel run that carried the tone; loanword syllables (Krông, H'Leo) have one run too.
  const isVowel = (i: number) => VOWELS.has(letters[i]?.base ?? '');
  let start = toneAt;
  let end = toneAt;
  if (isVowel(toneAt)) {
    while (isVowel(start - 1)) start--;
    while (isVowel(end + 1)) end++;
  }
  let run: number[] = [];
  for (let i = start; i <= end; i++) run.push(i);

  // "qu" and "gi" + vowel: the u / i is part of the initial consonant, not the rhyme
  // (quý, già), so it never takes the tone.
  const first = run[0];
  if (run.length > 1 && first !== undefined) {
    const before = letters[first - 1]?.base;
    const firstBase = letters[first]?.base;
    if ((before === 'q' && firstBase === 'u') || (before === 'g' && firstBase === 'i')) {
      run = run.slice(1);
    }
  }

  let target = toneAt;
  const withQuality = run.filter((i) => QUALITY_MARK.test(letters[i]?.marks ?? ''));
  const last = run[run.length - 1];
  if (!isVowel(toneAt) || last === undefined) {
    target = toneAt;
  } else if (withQuality.length > 0) {
    // ươ, uô, iê, uyê...: the tone sits on the last vowel with a quality mark.
    target = withQuality[withQuality.length - 1] ?? toneAt;
  } else if (run.length === 1) {
    target = last;
  } else if (last < letters.length - 1) {
    // A closed syllable (hoàn, huỳnh) puts the tone on the last vowel in both styles.
    target = last;
  } else if (run.length === 2) {
    // Open oa / oe / uy are the only rhymes whose spelling is disputed (Hoà or Hòa, Thuỵ or
    // Thụy). The key follows the GSO lists, which put the tone on the first vowel like every
    // other open two-vowel rhyme (mái, mía, múa), so keys read like the official names.
    target = run[0] ?? last;
  } else {
    // Three open vowels (oai, uya, khuỷu): the middle one.
    target = run[1] ?? last;
  }
  const targetLetter = letters[target];
  if (targetLetter) targetLetter.marks += tone;
  return letters.map((l) => l.base + l.marks).join('');
}

/** NFC, lowercase, unified dashes/apostrophes/whitespace and canonical tone placement. */
function normaliseSpelling(name: string): string {
  const spaced = name
    .normalize('NFD')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DASHES, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.,;:]+|[.,;:]+$/gu, '')
    .trim();
  return spaced
    .split(' ')
    .map(placeTone)
    .join(' ')
    .normalize('NFC');
}

type KindHint =
  | 'tinh'
  | 'thanh-pho'
  | 'quan'
  | 'huyen'
  | 'thi-xa'
  | 'thi-tran'
  | 'xa'
  | 'phuong'
  | 'dac-khu';

// Full words before abbreviations, so "thành phố" is not read as "t..." and "tp" is tried
// before "p". A prefix needs a space, a dot ("TP.HCM", "P.01") or a number ("P1") after it.
const KIND_PREFIXES: ReadonlyArray<readonly [string, KindHint]> = [
  ['thành phố', 'thanh-pho'],
  ['thị trấn', 'thi-tran'],
  ['thị xã', 'thi-xa'],
  ['đặc khu', 'dac-khu'],
  ['phường', 'phuong'],
  ['huyện', 'huyen'],
  ['quận', 'quan'],
  ['tỉnh', 'tinh'],
  ['xã', 'xa'],
  ['tp', 'thanh-pho'],
  ['tx', 'thi-xa'],
  ['tt', 'thi-tran'],
  ['q', 'quan'],
  ['h', 'huyen'],
  ['x', 'xa'],
  ['p', 'phuong'],
];

// Typed without diacritics these words are also real names (Quan Hóa, Tĩnh Gia, Phương Sơn,
// Xa Lý), so they are stripped only before a number ("phuong 1"), where no name can follow.
const ASCII_KIND_PREFIXES: ReadonlyArray<readonly [string, KindHint]> = [
  ['thanh pho', 'thanh-pho'],
  ['thi tran', 'thi-tran'],
  ['thi xa', 'thi-xa'],
  ['dac khu', 'dac-khu'],
  ['phuong', 'phuong'],
  ['huyen', 'huyen'],
  ['quan', 'quan'],
  ['tinh', 'tinh'],
  ['xa', 'xa'],
];

const NUMBERED = /^0*(\d+)$/u;

function stripPrefix(
  spelled: string,
  prefixes: ReadonlyArray<readonly [string, KindHint]>,
  { numberedOnly }: { numberedOnly: boolean },
): { rest: string; kind: KindHint | null } {
  for (const [prefix, kind] of prefixes) {
    if (!spelled.startsWith(prefix)) continue;
    const after = spelled.slice(prefix.length);
    const hasDot = after.startsWith('.');
    let rest: string;
    if (hasDot) rest = after.slice(1).trimStart();
    else if (after.startsWith(' ')) rest = after.trimStart();
    // "P1", "Q3", "phường1": a prefix glued to a number is still a prefix.
    else if (/^\d/u.test(after)) rest = after;
    // Otherwise the "prefix" is the start of a word: "h" in "hà", "tp" in "tphcm".
    else continue;
    if (rest === '') continue;
    // A bare letter is an abbreviation only with a dot or before a number: "p. phúc xá" and
    // "p 1" are wards, but a single letter before a name is more likely an initial.
    if (prefix.length === 1 && !hasDot && !NUMBERED.test(rest)) continue;
    if (numberedOnly && !NUMBERED.test(rest)) continue;
    return { rest, kind };
  }
  return { rest: spelled, kind: null };
}

function canonicalNumber(rest: string): string {
  const numbered = NUMBERED.exec(rest);
  return numbered?.[1] ?? rest;
}

interface ParsedName {
  /** The comparison key: see nameKey. */
  key: string;
  /** The kind named by a stripped prefix, if any ("Tỉnh" → tinh). */
  kind: KindHint | null;
}

function parseName(name: string): ParsedName {
  const spelled = normaliseSpelling(name);
  let stripped = stripPrefix(spelled, KIND_PREFIXES, { numberedOnly: false });
  if (stripped.kind === null) {
    stripped = stripPrefix(spelled, ASCII_KIND_PREFIXES, { numberedOnly: true });
  }
  return { key: canonicalNumber(stripped.rest), kind: stripped.kind };
}

/**
 * Canonical comparison key for a unit name. Two spellings of the same name get the same key:
 * NFC or NFD input, any case and spacing, old- or new-style tone placement, with or without a
 * kind prefix (Tỉnh, TP., Q., Phường...), numbered wards with or without leading zeros.
 * Diacritics are kept, because they distinguish real names (Hà Tĩnh vs Hà Tiên).
 *
 * nameKey('Tỉnh Hoà Bình') === nameKey('hòa  bình') === 'hòa bình'
 * nameKey('Phường 01') === nameKey('P.1') === '1'
 */
export function nameKey(name: string): string {
  return parseName(name).key;
}

export { foldDiacritics };

// ---------------------------------------------------------------------------------------------
// Matching a typed name against a list of units
// ---------------------------------------------------------------------------------------------

export type MatchReason =
  /** The input is the unit's full or short name as written in the source data. */
  | 'exact'
  /** Same nameKey: differs only in prefix, tone placement, spacing, case or number padding. */
  | 'same-name-key'
  /** A well-known short form of a province (TP.HCM, HN, BR-VT, TT-Huế). */
  | 'alias'
  /** Equal once diacritics are removed. */
  | 'no-diacritics'
  /** The input is the start of the name. */
  | 'prefix'
  /** A small edit distance on the diacritics-free key: a typo. */
  | 'fuzzy';

export interface UnitCandidate {
  unit: Unit;
  /** 0..1, higher is better; comparable only within one call. */
  score: number;
  reason: MatchReason;
}

export interface UnitMatch {
  /** The one unit the input unambiguously names, or null when a person has to choose. */
  unit: Unit | null;
  /** Best first, at most options.limit (default MAX_CANDIDATES). */
  candidates: UnitCandidate[];
}

export interface MatchUnitOptions {
  /** Only units whose parentCode or provinceCode is this code. */
  parentCode?: string;
  level?: Level;
  /** How many candidates to return; default MAX_CANDIDATES, Infinity for every match. */
  limit?: number;
}

export const MAX_CANDIDATES = 10;

// Confident reasons score 0.8 and above; everything a person should confirm scores below, and
// the kind-mismatch penalty is large enough to push any confident match under that line. That
// keeps the rule "the chosen unit is always candidates[0]".
const SCORES = {
  exact: 1,
  'same-name-key': 0.95,
  alias: 0.9,
  'no-diacritics': 0.8,
  // Typed with diacritics that disagree with the name (Hà Năm for Hà Nam): maybe a typo,
  // maybe another unit, so never chosen automatically.
  conflictingDiacritics: 0.7,
  prefixMax: 0.65,
  prefixMin: 0.5,
  fuzzyMax: 0.5,
} as const;
const CONFIDENT_SCORE = 0.8;
const KIND_MISMATCH_PENALTY = 0.2;

// Province short forms people write in reports and spreadsheets. A unit is an alias target
// when its name is one of `names`; the input is an alias when it is one of `aliases`. The
// canonical names are not aliases of themselves, so "ha noi" is reported as a no-diacritics
// match, not an alias. "ĐN" is listed under three provinces on purpose: it is ambiguous.
interface AliasGroup {
  names: readonly string[];
  aliases: readonly string[];
}
const PROVINCE_ALIASES: readonly AliasGroup[] = [
  {
    names: ['Hồ Chí Minh'],
    aliases: ['TP.HCM', 'TPHCM', 'HCM', 'HCMC', 'Sài Gòn', 'SG'],
  },
  { names: ['Hà Nội'], aliases: ['HN', 'TPHN'] },
  // legacy63 has "Tỉnh Thừa Thiên Huế", reform34 "Thành phố Huế": either name finds either.
  {
    names: ['Thừa Thiên Huế', 'Huế'],
    aliases: ['Thừa Thiên Huế', 'Huế', 'TT-Huế', 'TTH'],
  },
  { names: ['Bà Rịa - Vũng Tàu'], aliases: ['BR-VT', 'BRVT', 'Bà Rịa', 'Vũng Tàu'] },
  { names: ['Đà Nẵng'], aliases: ['ĐN', 'DN'] },
  { names: ['Đồng Nai'], aliases: ['ĐN', 'DN'] },
  { names: ['Đắk Nông'], aliases: ['ĐN', 'DN'] },
];

const foldedKey = (name: string) => foldDiacritics(nameKey(name));

/** Folded alias → folded names of the provinces it may mean. */
const ALIAS_TARGETS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const targets = new Map<string, Set<string>>();
  for (const { names, aliases } of PROVINCE_ALIASES) {
    for (const alias of aliases) {
      const key = foldedKey(alias);
      const set = targets.get(key) ?? new Set<string>();
      for (const name of names) set.add(foldedKey(name));
      targets.set(key, set);
    }
  }
  return targets;
})();

interface UnitKeys {
  exact: ReadonlySet<string>;
  keys: ReadonlySet<string>;
  folded: ReadonlySet<string>;
  kinds: ReadonlySet<KindHint>;
}

// Registries hold thousands of communes and imports match every row against them, so each
// unit's keys are computed once per Unit object.
const unitKeysCache = new WeakMap<Unit, UnitKeys>();

function tidy(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function unitKeys(unit: Unit): UnitKeys {
  const cached = unitKeysCache.get(unit);
  if (cached) return cached;
  const full = parseName(unit.name);
  const short = parseName(unit.shortName);
  const kinds = new Set<KindHint>();
  kinds.add(unit.kind === 'thanh-pho-trung-uong' ? 'thanh-pho' : unit.kind);
  // The source data has a few units whose kind field and name prefix disagree (DESIGN.md §2);
  // a person typing the prefix they see in the name must not be penalised for it.
  if (full.kind) kinds.add(full.kind);
  const keys: UnitKeys = {
    exact: new Set([tidy(unit.name), tidy(unit.shortName)]),
    keys: new Set([full.key, short.key]),
    folded: new Set([foldDiacritics(full.key), foldDiacritics(short.key)]),
    kinds,
  };
  unitKeysCache.set(unit, keys);
  return keys;
}

const isNumbered = (key: string) => NUMBERED.test(key);

// Imports match every row against thousands of communes, so the two DP rows are reused
// between calls and the scan stops as soon as a row exceeds the allowed edits.
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Levenshtein distance, or max + 1 as soon as it is known to exceed max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

// Short inputs have too many neighbours for an edit to mean "typo" rather than "another name".
function allowedEdits(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  if (length <= 12) return 2;
  return 3;
}

interface Scored {
  score: number;
  reason: MatchReason;
  isConfident: boolean;
}

interface Query {
  typed: string;
  parsed: ParsedName;
  folded: string;
  isTypedWithoutDiacritics: boolean;
  asciiStripped: { rest: string; kind: KindHint | null };
  aliasTargets: ReadonlySet<string> | undefined;
  maxEdits: number;
}

// Module-level rather than closures inside matchUnit: it runs once per unit per call, and
// per-call closures cost more than the comparisons themselves under tsx.
function scored(
  keys: UnitKeys,
  score: number,
  reason: MatchReason,
  kind: KindHint | null,
  isConfident: boolean,
): Scored {
  return kind === null || keys.kinds.has(kind)
    ? { score, reason, isConfident }
    : { score: score - KIND_MISMATCH_PENALTY, reason, isConfident: false };
}

function isAliasOf(keys: UnitKeys, targets: ReadonlySet<string>): boolean {
  for (const key of keys.folded) if (targets.has(key)) return true;
  return false;
}

function better(best: Scored | null, candidate: Scored): Scored {
  return best && best.score >= candidate.score ? best : candidate;
}

function scoreUnit(unit: Unit, q: Query): Scored | null {
  const keys = unitKeys(unit);
  const kind = q.parsed.kind;
  let best: Scored | null = null;
  // Several rules can apply at once; a penalised one must not hide a better one ("TT-Huế"
  // is a same-key thị trấn mismatch for Thành phố Huế but also its alias).
  if (keys.exact.has(q.typed)) {
    best = better(best, scored(keys, SCORES.exact, 'exact', kind, true));
  }
  if (keys.keys.has(q.parsed.key)) {
    best = better(best, scored(keys, SCORES['same-name-key'], 'same-name-key', kind, true));
  }
  // An alias names a province, whatever kind word came with it ("TT" in TT-Huế).
  if (unit.level === 'province' && q.aliasTargets && isAliasOf(keys, q.aliasTargets)) {
    best = better(best, { score: SCORES.alias, reason: 'alias', isConfident: true });
  }
  const foldedKind = keys.folded.has(q.folded)
    ? kind
    : q.asciiStripped.kind !== null && keys.folded.has(q.asciiStripped.rest)
      ? q.asciiStripped.kind
      : undefined;
  if (foldedKind !== undefined) {
    const folded = q.isTypedWithoutDiacritics
      ? scored(keys, SCORES['no-diacritics'], 'no-diacritics', foldedKind, true)
      : scored(keys, SCORES.conflictingDiacritics, 'no-diacritics', foldedKind, false);
    best = better(best, folded);
  }
  if (best || isNumbered(q.folded)) return best;

  for (const key of keys.folded) {
    if (isNumbered(key)) continue;
    if (q.folded.length >= 2 && key.startsWith(q.folded)) {
      const share = q.folded.length / key.length;
      const score = SCORES.prefixMin + (SCORES.prefixMax - SCORES.prefixMin) * share;
      best = better(best, scored(keys, score, 'prefix', kind, false));
      continue;
    }
    if (q.maxEdits === 0) continue;
    const distance = editDistance(q.folded, key, q.maxEdits);
    if (distance <= q.maxEdits) {
      const score = SCORES.fuzzyMax * (1 - distance / Math.max(q.folded.length, key.length));
      best = better(best, scored(keys, score, 'fuzzy', kind, false));
    }
  }
  return best;
}

const collator = new Intl.Collator('vi');

/**
 * Find the unit a typed name refers to. `unit` is set only when exactly one unit matches
 * confidently (exact, same key, alias, or a diacritics-free input equal to one name); ties,
 * conflicting diacritics, prefixes and typos leave it null for a person to choose from
 * `candidates`.
 *
 * matchUnit('TP.HCM', provinces).unit?.name === 'Thành phố Hồ Chí Minh'
 * matchUnit('DN', provinces).unit === null // Đà Nẵng, Đồng Nai or Đắk Nông
 */
export function matchUnit(
  input: string,
  units: readonly Unit[],
  options: MatchUnitOptions = {},
): UnitMatch {
  const typed = tidy(input);
  const parsed = parseName(typed);
  if (parsed.key === '') return { unit: null, candidates: [] };

  const folded = foldDiacritics(parsed.key);
  const query: Query = {
    typed,
    parsed,
    folded,
    isTypedWithoutDiacritics: folded === parsed.key,
    // "tinh ha giang": without diacritics the kind words are only stripped for the folded
    // comparison, because "quan hoa" is also Huyện Quan Hóa.
    asciiStripped:
      parsed.kind === null
        ? stripPrefix(folded, ASCII_KIND_PREFIXES, { numberedOnly: false })
        : { rest: folded, kind: null },
    aliasTargets: ALIAS_TARGETS.get(folded),
    maxEdits: isNumbered(folded) ? 0 : allowedEdits(folded.length),
  };

  const matches: Array<UnitCandidate & { isConfident: boolean }> = [];
  for (const unit of units) {
    if (options.level && unit.level !== options.level) continue;
    if (
      options.parentCode !== undefined &&
      unit.parentCode !== options.parentCode &&
      unit.provinceCode !== options.parentCode
    ) {
      continue;
    }
    const result = scoreUnit(unit, query);
    if (result) {
      matches.push({ ...result, unit, score: Math.round(result.score * 1000) / 1000 });
    }
  }

  matches.sort(
    (a, b) =>
      b.score - a.score ||
      collator.compare(a.unit.name, b.unit.name) ||
      (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0),
  );
  const confident = matches.filter((m) => m.isConfident && m.score >= CONFIDENT_SCORE);
  return {
    unit: confident.length === 1 ? (confident[0]?.unit ?? null) : null,
    candidates: matches
      .slice(0, options.limit ?? MAX_CANDIDATES)
      .map(({ unit, score, reason }) => ({ unit, score, reason })),
  };
}
