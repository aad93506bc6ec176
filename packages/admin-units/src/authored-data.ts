import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { REGIONS, type Region } from '@mttq/core';
import { RegistrySourceError } from './source-error';

const DATA_DIR = new URL('../../../data/', import.meta.url);

/** Reads `data/<file>` and validates it; a bad file fails naming the file and the field. */
export function readDataFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(new URL(file, DATA_DIR), 'utf8'));
  } catch (error) {
    throw new RegistrySourceError(`data/${file}`, `cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistrySourceError(`data/${file}`, `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

const provinceCode = z.string().regex(/^\d{2}$/, 'expected a two-digit province code');

const regionFileSchema = z
  .object(Object.fromEntries(REGIONS.map((r) => [r, z.array(provinceCode)])) as Record<Region, z.ZodArray<typeof provinceCode>>)
  .loose();

/** legacy63 province code → region, e.g. "01" → "red-river-delta". */
export function readLegacyProvinceRegions(): Map<string, Region> {
  const file = readDataFile('province-regions.json', regionFileSchema);
  const regions = new Map<string, Region>();
  for (const region of REGIONS) {
    for (const code of file[region]) {
      if (regions.has(code)) {
        throw new RegistrySourceError('data/province-regions.json', `province ${code} is listed in two regions`);
      }
      regions.set(code, region);
    }
  }
  return regions;
}

const crosswalkFileSchema = z.record(
  z.string(),
  z.union([z.string(), z.array(provinceCode).min(1)]),
);

/** reform34 province code → legacy63 codes merged into it, the kept code first. */
export function readProvinceMerges(): Map<string, string[]> {
  const file = crosswalkFileSchema.parse(readDataFile('province-crosswalk.json', crosswalkFileSchema));
  const merges = new Map<string, string[]>();
  for (const [code, olds] of Object.entries(file)) {
    if (code.startsWith('$')) continue;
    if (!/^\d{2}$/.test(code) || typeof olds === 'string') {
      throw new RegistrySourceError('data/province-crosswalk.json', `${code}: expected a province code mapped to a list of codes`);
    }
    merges.set(code, olds);
  }
  return merges;
}
