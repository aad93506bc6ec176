/**
 * The unit a row names: by code where a code is given, otherwise by name through matchUnit,
 * each level narrowed to the one above it. Codes and names that disagree, unknown codes and
 * ambiguous or unknown names are row errors that say what to write instead.
 */
import { matchUnit, type UnitMatch } from '@mttq/admin-units';
import { SCHEMES, type ImportColumnKey, type ImportUnitCandidate, type Level, type SchemeId, type Unit } from '@mttq/core';
import { msg, type Message } from '../messages';
import { padCode } from './cells';
import { levelText, listOf, schemeText } from './import-text';

/** A row's problem in one column, its message rendered when the answer is written. */
export interface RowProblem {
  column: string;
  message: Message;
  candidates: ImportUnitCandidate[];
}

const CODE_KEY: Record<Level, ImportColumnKey> = { province: 'provinceCode', district: 'districtCode', commune: 'communeCode' };
const NAME_KEY: Record<Level, ImportColumnKey> = { province: 'province', district: 'district', commune: 'commune' };
/** Candidates listed in an error message and its details. */
const MAX_LISTED = 5;

export type UnitResolution = { unit: Unit; error?: undefined } | { unit: null; error: RowProblem };

/** A scheme's units by code, and below each parent ('' for the whole country) by level. */
interface UnitIndex {
  byCode: Map<string, Unit>;
  below: Map<string, Map<Level, Unit[]>>;
}

/** Indexes by units list: a scheme's list is read once and kept for the server's life, so each is indexed once. */
const indexes = new WeakMap<readonly Unit[], UnitIndex>();

function indexOf(units: readonly Unit[]): UnitIndex {
  let index = indexes.get(units);
  if (index) return index;
  const byCode = new Map<string, Unit>();
  const below = new Map<string, Map<Level, Unit[]>>();
  const add = (parent: string, unit: Unit) => {
    let levels = below.get(parent);
    if (!levels) below.set(parent, (levels = new Map()));
    const list = levels.get(unit.level);
    if (list) list.push(unit);
    else levels.set(unit.level, [unit]);
  };
  for (const unit of units) {
    byCode.set(unit.code, unit);
    add('', unit);
    if (unit.parentCode !== null) add(unit.parentCode, unit);
    if (unit.provinceCode !== unit.code && unit.provinceCode !== unit.parentCode) add(unit.provinceCode, unit);
  }
  indexes.set(units, (index = { byCode, below }));
  return index;
}

/** Looks up units of one scheme for one import; memoises name matches, which repeat row after row. */
export class UnitResolver {
  private readonly byCode: Map<string, Unit>;
  /** parent code ('' for the whole country) → level → units below it at that level. */
  private readonly below: Map<string, Map<Level, Unit[]>>;
  private readonly matches = new Map<string, UnitMatch>();
  private readonly nameChecks = new Map<string, boolean>();
  /** level and parent → the units of that pool inside the uploader's scope. */
  private readonly scopePools = new Map<string, Unit[]>();
  private scopeProvinceCount: number | null = null;

  constructor(
    readonly scheme: SchemeId,
    units: readonly Unit[],
    /** The header of a column as written in the file, or its template header. */
    private readonly headerOf: (key: ImportColumnKey) => string,
    /** Units the uploader may write: the only ones offered as suggestions. */
    private readonly isInScope: (unit: Unit) => boolean = () => true,
  ) {
    ({ byCode: this.byCode, below: this.below } = indexOf(units));
  }

  unit(code: string): Unit | undefined {
    return this.byCode.get(code);
  }

  /** The unit's parent's name, to tell equal names apart: 'Huyện Ba Vì'. */
  parentName(unit: Unit): string | null {
    return unit.parentCode === null ? null : (this.byCode.get(unit.parentCode)?.name ?? null);
  }

  private candidate(unit: Unit): ImportUnitCandidate {
    return { code: unit.code, name: unit.name, parent: this.parentName(unit) };
  }

  private error(key: ImportColumnKey, message: Message, candidates: ImportUnitCandidate[] = []): UnitResolution {
    return { unit: null, error: { column: this.headerOf(key), message, candidates } };
  }

  /** Does the typed name confidently name this very unit? ('phuc xa' for Phường Phúc Xá: yes) */
  private isNameOf(name: string, unit: Unit): boolean {
    // The common case, a name copied from a template or an export, needs no matching.
    if (name === unit.name || name === unit.shortName) return true;
    const key = `${unit.code}\u0000${name}`;
    let isSame = this.nameChecks.get(key);
    if (isSame === undefined) this.nameChecks.set(key, (isSame = matchUnit(name, [unit]).unit !== null));
    return isSame;
  }

  private match(name: string, level: Level, parent: Unit | null): UnitMatch {
    const key = `${level}\u0000${parent?.code ?? ''}\u0000${name}`;
    let found = this.matches.get(key);
    if (!found) {
      const pool = this.below.get(parent?.code ?? '')?.get(level) ?? [];
      // Every candidate, so that those in the uploader's scope are found past the first few.
      const all = matchUnit(name, pool, { level, limit: pool.length });
      let unit = all.unit;
      // A name units of several provinces share names the uploader's own one when only one of
      // them is in the scope: 'Minh Tân' without a province, for a Tuyên Quang officer.
      if (!unit && all.candidates.some((c) => !this.isInScope(c.unit))) unit = matchUnit(name, this.scopePool(pool, level, parent), { level }).unit;
      found = { unit, candidates: all.candidates.filter((c) => this.isInScope(c.unit)).slice(0, MAX_LISTED) };
      this.matches.set(key, found);
    }
    return found;
  }

  private scopePool(pool: readonly Unit[], level: Level, parent: Unit | null): Unit[] {
    const key = `${level}\u0000${parent?.code ?? ''}`;
    let inScope = this.scopePools.get(key);
    if (!inScope) this.scopePools.set(key, (inScope = pool.filter((unit) => this.isInScope(unit))));
    return inScope;
  }

  /** How many provinces the uploader's scope touches: a province officer's one, the whole country's for central staff. */
  private provincesInScope(): number {
    if (this.scopeProvinceCount === null) {
      const units = (this.below.get('')?.values() ?? []) as Iterable<Unit[]>;
      const provinces = new Set<string>();
      for (const level of units) for (const unit of level) if (!provinces.has(unit.provinceCode) && this.isInScope(unit)) provinces.add(unit.provinceCode);
      this.scopeProvinceCount = provinces.size;
    }
    return this.scopeProvinceCount;
  }

  /**
   * What to write for a name that names no one unit: the code, or (a commune written without
   * its parents) the province when the scope has several, or the district when it has one
   * province whose communes share the name.
   */
  private nameFix(level: Level, parent: Unit | null, isAmbiguous: boolean): Message {
    const column = this.headerOf(CODE_KEY[level]);
    if (level !== 'commune' || parent) return msg('import_unit_fix_code', { column });
    if (this.provincesInScope() > 1) return msg('import_unit_fix_code_or_province', { column });
    if (isAmbiguous && SCHEMES[this.scheme].levels.includes('district')) return msg('import_unit_fix_code_or_district', { column });
    return msg('import_unit_fix_code', { column });
  }

  /**
   * Units of the uploader's scope called `name` under the parent's province but not under the
   * parent: a commune written under the wrong district. ('Tịnh Ấn Tây' under Huyện Sơn Tịnh → Xã Tịnh Ấn Tây, Thành phố Quảng Ngãi)
   */
  private elsewhere(name: string, level: Level, parent: Unit): ImportUnitCandidate[] {
    if (parent.level === 'province') return [];
    const province = this.byCode.get(parent.provinceCode);
    if (!province) return [];
    const match = this.match(name, level, province);
    const units = match.unit ? [match.unit] : match.candidates.map((c) => c.unit);
    return units.filter((unit) => unit.parentCode !== parent.code && this.isInScope(unit)).map((unit) => this.candidate(unit));
  }

  /**
   * The lowest unit the row names, each level checked against the one above.
   * resolve({ province: 'Hà Nội', commune: 'Phúc Xá' }) → { unit: Phường Phúc Xá }
   */
  resolve(values: Partial<Record<ImportColumnKey, string>>): UnitResolution {
    const levels = SCHEMES[this.scheme].levels;
    let parent: Unit | null = null;
    for (const level of ['province', 'district', 'commune'] as const) {
      const code = values[CODE_KEY[level]];
      const name = values[NAME_KEY[level]];
      if (!code && !name) continue;
      if (!levels.includes(level)) {
        return this.error(code ? CODE_KEY[level] : NAME_KEY[level], msg('import_unit_no_level', { scheme: schemeText(this.scheme), level: levelText(level) }));
      }
      let unit: Unit;
      if (code) {
        const padded = padCode(code, level);
        const found = padded === null ? undefined : this.byCode.get(padded);
        if (!found || found.level !== level) {
          return this.error(CODE_KEY[level], msg('import_unit_code_unknown', { code, level: levelText(level), scheme: schemeText(this.scheme) }));
        }
        unit = found;
        if (parent && unit.parentCode !== parent.code && unit.provinceCode !== parent.code) {
          return this.error(CODE_KEY[level], msg('import_unit_code_not_in', { code: unit.code, unit: unit.name, parent: parent.name, parentCode: parent.code }), [this.candidate(unit)]);
        }
        if (name && !this.isNameOf(name, unit)) {
          return this.error(NAME_KEY[level], msg('import_unit_code_name', { code: unit.code, unit: unit.name, name }), [this.candidate(unit)]);
        }
      } else {
        const match = this.match(name!, level, parent);
        if (!match.unit) {
          const candidates = match.candidates.map((c) => this.candidate(c.unit));
          const where = parent ? msg('import_in_parent', { parent: parent.name }) : '';
          const fix = this.nameFix(level, parent, candidates.length > 0);
          const elsewhere = candidates.length === 0 && parent ? this.elsewhere(name!, level, parent) : [];
          const listed = (units: ImportUnitCandidate[]) =>
            listOf(units.map((c) => (c.parent ? msg('import_unit_candidate_in', { name: c.name, code: c.code, parent: c.parent }) : msg('import_unit_candidate', { name: c.name, code: c.code }))), 'or');
          const common = { level: levelText(level), scheme: schemeText(this.scheme), where, name: name!, fix };
          const message =
            elsewhere.length > 0
              ? msg('import_unit_name_elsewhere', { ...common, parentLevel: levelText(parent!.level), listed: listed(elsewhere), parentColumn: this.headerOf(NAME_KEY[parent!.level]) })
              : candidates.length === 0
                ? msg('import_unit_name_unknown', common)
                : msg('import_unit_name_ambiguous', { name: name!, listed: listed(candidates), fix });
          return this.error(NAME_KEY[level], message, elsewhere.length > 0 ? elsewhere : candidates);
        }
        unit = match.unit;
      }
      parent = unit;
    }
    if (!parent) return this.error(CODE_KEY.commune, msg('import_unit_none'));
    return { unit: parent };
  }
}
