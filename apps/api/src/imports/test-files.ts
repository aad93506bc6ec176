/**
 * Test helpers: import files built byte by byte (each encoding and separator), and the upload
 * requests a browser would send.
 */
import iconv from 'iconv-lite';
import type { TestSession } from '../test/auth';

export type TestEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Text as Windows-1258 writes it: the vowel letters â ă ê ô ơ ư đ precomposed, tone marks as
 * combining characters after them (iconv-lite cannot encode 'ờ' otherwise).
 */
export function toWindows1258(text: string): Buffer {
  const decomposed = text.normalize('NFD');
  const clusters = decomposed.match(/\P{M}\p{M}*/gu) ?? [];
  const spelled = clusters
    .map((cluster) => {
      const tones = cluster.match(TONES)?.join('') ?? '';
      return cluster.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
  const bytes = iconv.encode(spelled, 'windows-1258');
  if (iconv.decode(bytes, 'windows-1258').normalize('NFC') !== text.normalize('NFC')) throw new Error(`cannot write ${text} in Windows-1258`);
  return bytes;
}

/** Encodes text with the BOM the encoding calls for. */
export function encodeText(text: string, encoding: TestEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'windows-1258':
      return toWindows1258(text);
  }
}

const quote = (cell: string, separator: string) => (cell.includes(separator) || /["\r\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell);

/** Rows → CSV text with the given separator and CRLF line ends. */
export function csvText(rows: readonly (readonly string[])[], separator = ','): string {
  return `${rows.map((row) => row.map((cell) => quote(cell, separator)).join(separator)).join('\r\n')}\r\n`;
}

/** Rows → the bytes of a CSV file. */
export function csvFile(rows: readonly (readonly string[])[], options: { separator?: string; encoding?: TestEncoding } = {}): Buffer {
  return encodeText(csvText(rows, options.separator ?? ','), options.encoding ?? 'utf-8');
}

/** A multipart upload of `bytes` as the form field file, as a browser sends it. */
export function uploadRequest(bytes: Uint8Array, session: TestSession, options: { fileName?: string; scheme?: string; month?: string } = {}): RequestInit {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], options.fileName ?? 'import.csv'));
  if (options.scheme) form.set('scheme', options.scheme);
  if (options.month) form.set('month', options.month);
  return { method: 'POST', headers: session.headers, body: form };
}

/** A JSON-less POST with the session's headers (the commit). */
export function postRequest(session: TestSession): RequestInit {
  return { method: 'POST', headers: session.headers };
}
