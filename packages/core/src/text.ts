/**
 * ASCII-folded lowercase form with whitespace collapsed (đ → d, all marks dropped), for matching
 * what people type without a Vietnamese keyboard: foldDiacritics('  Phường  Phúc Xá ') → 'phuong phuc xa'.
 * The browser and the server fold the same way.
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * The search form of a text: foldDiacritics with everything but letters and digits dropped, so
 * spaces and dots do not matter: searchKey('TP. Hồ Chí Minh') → 'tphochiminh',
 * searchKey('ha giang') === searchKey('HàGiang') → 'hagiang'.
 */
export function searchKey(s: string): string {
  return foldDiacritics(s).replace(/[^a-z0-9]/gu, '');
}
