/** Longest slug kept in a file name; the as-of date and the extension come on top. */
const MAX_SLUG_LENGTH = 60;

/**
 * A title as a lower-case ASCII slug for file names: diacritics dropped, đ → d, anything else
 * between words → one hyphen. slugify('Độ phủ xã') → 'do-phu-xa'; slugify('63/63 tỉnh, thành') → '63-63-tinh-thanh'
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/gu, (ch) => (ch === 'đ' ? 'd' : 'D'))
    .toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/u, '') || 'bang-so-lieu';
}

export type ExportFormat = 'png' | 'svg' | 'csv' | 'xlsx';

/** exportFileName('Tên biểu đồ', '2022-08-12', 'svg') → 'ten-bieu-do_2022-08-12.svg' */
export function exportFileName(title: string, asOf: string, format: ExportFormat): string {
  return `${slugify(title)}_${asOf}.${format}`;
}
