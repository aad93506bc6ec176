/**
 * Every text the API writes for people (errors, field and row messages, warnings, plan lines)
 * is a Message: a stable key and its parameters. The catalogue (./index.ts) holds each key's
 * Vietnamese and English template; `render` fills it in the request's language. Modules declare
 * their own part with `defineCatalogue` beside their code and it is registered in ./index.ts.
 *
 * Templates name parameters in braces: 'Dòng {row}: …'. A number parameter is written the way
 * the language writes numbers (10.599 in Vietnamese, 10,599 in English); pass years, codes and
 * ids as strings.
 */
import type { Lang } from './language';

export interface CatalogueEntry {
  vi: string;
  en: string;
}

export type Catalogue = Record<string, CatalogueEntry>;

/** A parameter is text, a number, or another message rendered in the same language. */
export type MessageParams = { [name: string]: string | number | Message };

/** A text to render in the reader's language. */
export interface Message {
  key: string;
  params: MessageParams;
}

/** A module's part of the catalogue, typed so that its keys are checked where they are used. */
export function defineCatalogue<const C extends Catalogue>(catalogue: C): C {
  return catalogue;
}

const NUMBER_LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

/** Fills `template`'s {name} placeholders; an unknown one stays visible rather than vanishing. */
export function fillTemplate(template: string, params: MessageParams, lang: Lang, renderNested: (message: Message) => string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return value.toLocaleString(NUMBER_LOCALES[lang]);
    return typeof value === 'string' ? value : renderNested(value);
  });
}
