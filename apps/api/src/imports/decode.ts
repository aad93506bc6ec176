/**
 * The bytes of an uploaded text file → text. Vietnamese spreadsheets arrive as UTF-8 (with or
 * without a BOM), as Excel's "Unicode text" (UTF-16 with a BOM) or, from older Excel, as
 * Windows-1258, which writes tone marks as combining characters: every result is NFC.
 */
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Detects the encoding (BOM → UTF-8 / UTF-16; else valid UTF-8 → UTF-8; else Windows-1258)
 * and decodes, BOM dropped, NFC.
 * decodeText(Buffer.from('\ufeffMã xã')) → { text: 'Mã xã', encoding: 'utf-8-bom' }
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let encoding: TextEncodingName;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8-bom';
    text = buffer.subarray(3).toString('utf8');
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    text = iconv.decode(buffer.subarray(2), 'utf-16le');
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    text = iconv.decode(buffer.subarray(2), 'utf-16be');
  } else {
    try {
      text = STRICT_UTF8.decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = iconv.decode(buffer, 'windows-1258');
      encoding = 'windows-1258';
    }
  }
  return { text: text.normalize('NFC'), encoding };
}

/** The first bytes of an XLSX (a zip archive). */
export const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
/** The first bytes of a legacy .xls (an OLE2 compound file). */
export const isLegacyExcel = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
