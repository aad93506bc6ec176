/**
 * `npx tsx apps/web/scripts/build-boundaries.ts`: writes data/boundaries/vietnam-provinces.topo.json
 * from the geoBoundaries source (data/boundaries/source/), the code table
 * (data/boundaries/province-codes.json) and the province crosswalk (data/province-crosswalk.json),
 * and prints its size. Run it after changing any of them; the web app's tests fail until then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildBoundaries, type SourceTopology } from './boundaries';

const DATA = new URL('../../../data/', import.meta.url);
const read = <T>(path: string) => JSON.parse(readFileSync(new URL(path, DATA), 'utf8')) as T;

const source = read<SourceTopology>('boundaries/source/VNM-ADM1_simplified.topojson');
const codes = read<Record<string, string>>('boundaries/province-codes.json');
const crosswalk = read<Record<string, string[]>>('province-crosswalk.json');
delete codes.$comment;

const built = buildBoundaries(source, codes, crosswalk);
const text = `${JSON.stringify(built)}\n`;
const out = new URL('boundaries/vietnam-provinces.topo.json', DATA);
writeFileSync(out, text);

const points = built.arcs.reduce((sum, arc) => sum + arc.length, 0);
const { legacy63, reform34, archipelagos } = built.objects;
console.log(
  `${out.pathname}: ${legacy63.geometries.length} legacy63 + ${reform34.geometries.length} reform34 provinces, ${archipelagos.geometries.length} archipelagos; ` +
    `${built.arcs.length} arcs, ${points} points; ${(text.length / 1000).toFixed(1)} KB, gzip ${(gzipSync(text).length / 1000).toFixed(1)} KB`,
);
