/** Helpers for browser tests of the download buttons (components/export): read what a click saves. */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';

/** Clicks (or does) `trigger` and answers the file it downloads, with its bytes. */
export async function downloadBytes(page: Page, trigger: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

/** True when the file starts with the UTF-8 byte order mark, which Excel needs to read Vietnamese. */
export function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** A CSV download's lines after the BOM, without the final empty line: [title, source line, header, …rows]. */
export function csvLines(bytes: Buffer): string[] {
  return bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0).toString('utf8').trimEnd().split('\r\n');
}

/** The width and height written on an SVG download's root element, in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  return { width: Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]), height: Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG download's size from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const isPng = PNG_SIGNATURE.every((byte, i) => bytes[i] === byte) && bytes.subarray(12, 16).toString('ascii') === 'IHDR';
  return isPng ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : null;
}
