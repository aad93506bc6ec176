/**
 * The language a request is answered in: `?lang=vi|en`, else the first of vi / en in
 * Accept-Language (by its q weights), else Vietnamese. The web app sends its own switch's language.
 */
import type { Context } from 'hono';

export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

const isLang = (value: string | undefined | null): value is Lang => value === 'vi' || value === 'en';

/**
 * pickLanguage(undefined, 'en-US,en;q=0.9,vi;q=0.8') → 'en'; pickLanguage('vi', 'en') → 'vi';
 * pickLanguage(undefined, 'fr') → 'vi'
 */
export function pickLanguage(queryLang: string | undefined | null, acceptLanguage: string | undefined | null): Lang {
  if (isLang(queryLang)) return queryLang;
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLang) ?? 'vi';
}

/** The language of this request's answer. */
export function languageOf(c: Context): Lang {
  return pickLanguage(c.req.query('lang'), c.req.header('accept-language'));
}
