/**
 * An ImportPlan as stored in import_plans.plan_gz: JSON, gzipped. Plans are plain data (strings,
 * numbers, null, arrays, objects), so the JSON round trip gives back an equal plan, and
 * commit.ts compares the pages' states read at commit time with the stored ones as JSON anyway.
 * Compressing runs on libuv's thread pool (node:zlib's callback API), so a 20,000-row plan does
 * not stall other requests; JSON of such a plan (some MB) shrinks about tenfold.
 */
import { promisify } from 'node:util';
import { gunzip, gzip, constants } from 'node:zlib';
import type { ImportPlan } from './plan';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Level 1: a nationwide plan (some 13 MB of JSON with its upload) compresses in about half the
 * time of zlib's default level 6, to about 1.4 times its size; the dry run waits for it, and a
 * plan is stored for a day at most.
 */
const LEVEL = constants.Z_BEST_SPEED;

/** encodePlan(plan) → the gzipped JSON bytes */
export async function encodePlan(plan: ImportPlan): Promise<Buffer> {
  return gzipAsync(Buffer.from(JSON.stringify(plan), 'utf8'), { level: LEVEL });
}

/** decodePlan(await encodePlan(plan)) deep-equals plan */
export async function decodePlan(bytes: Uint8Array): Promise<ImportPlan> {
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as ImportPlan;
}
