import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hashGate } from './hash-gate';

// scrypt parameters (N = 2^15, r = 8, p = 1): about 50 ms and 32 MB per hash on this class of
// machine, the OWASP minimum for scrypt. Stored with the hash so they can be raised later.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/** One scrypt derivation, through the hashing gate (hash-gate.ts): never more than a few at once. */
function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, gate: { bounded?: boolean } = {}): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: MAX_MEMORY };
  return hashGate.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
      ),
    gate,
  );
}

/** "scrypt$N$r$p$salt$hash" (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Constant-time check of `password` against a stored hash; false for a malformed hash. With
 * `bounded` (sign-in) a full hashing line rejects with HashQueueFullError instead of waiting.
 */
export async function verifyPassword(password: string, stored: string, options: { bounded?: boolean } = {}): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, options);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
