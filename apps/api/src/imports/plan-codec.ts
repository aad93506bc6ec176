/**
 * An ImportPlan as stored in import_plans.plan_gz: V8's serialization of it (node:v8, the
 * structured clone format, written straight to bytes with no JSON text in between), gzipped.
 * Plans are plain data (strings, numbers, null, arrays, objects), so the round trip gives back
 * an equal plan; commit.ts compares the pages' states read at commit time with the stored ones
 * as JSON anyway. Plans stored as gzipped JSON by earlier versions (a day old at most) are read
 * too. Compressing runs on libuv's thread pool (node:zlib's callback API), so a 20,000-row plan
 * does not stall other requests.
 */
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { gunzip, gzip, constants } from 'node:zlib';
import type { ImportPlan } from './plan';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Level 1: a nationwide plan (some 20 MB serialized with its upload) compresses in about half
 * the time of zlib's default level 6, to about 1.4 times its size; a plan is stored for a day at most.
 */
const LEVEL = constants.Z_BEST_SPEED;

/** The first byte of V8's serialization (its version tag); JSON starts with '{'. */
const V8_TAG = 0xff;

/** encodePlan(plan) → the gzipped bytes */
export async function encodePlan(plan: ImportPlan): Promise<Buffer> {
  return gzipAsync(serialize(plan), { level: LEVEL });
}

/** decodePlan(await encodePlan(plan)) deep-equals plan */
export async function decodePlan(bytes: Uint8Array): Promise<ImportPlan> {
  const raw = await gunzipAsync(bytes);
  return (raw[0] === V8_TAG ? deserialize(raw) : JSON.parse(raw.toString('utf8'))) as ImportPlan;
}
