/**
 * Credentials at rest: AES-256-GCM (node:crypto) under CONNECTOR_KEY. A stored secret is
 * iv (12 random bytes) | tag (16 bytes) | ciphertext; the credential's platform and kind are the
 * additional authenticated data, so a secret moved to another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const CONNECTOR_KEY_HELP =
  'must be 32 random bytes written as 64 hex digits or in base64, e.g. the output of `openssl rand -base64 32`';

/** The 32-byte key of CONNECTOR_KEY (64 hex digits or base64), or null with the problem. */
export function parseConnectorKey(value: string | undefined | null): { key: Buffer | null; problem: string | null } {
  const text = (value ?? '').trim();
  if (!text) return { key: null, problem: null };
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) key = Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (!key || key.length !== 32) return { key: null, problem: CONNECTOR_KEY_HELP };
  return { key, problem: null };
}

export class SecretUnreadableError extends Error {
  override name = 'SecretUnreadableError';
}

/** Encrypts a credential's secret (any JSON value) for the database. */
export function encryptSecret(key: Buffer, aad: string, value: unknown): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Decrypts what encryptSecret stored; a wrong key or a changed byte throws SecretUnreadableError. */
export function decryptSecret<T>(key: Buffer, aad: string, stored: Buffer): T {
  try {
    const iv = stored.subarray(0, IV_BYTES);
    const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    throw new SecretUnreadableError('The stored secret cannot be read with this CONNECTOR_KEY (was the key changed?); add the credential again.');
  }
}
