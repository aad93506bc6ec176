/**
 * The API's one message catalogue: every module's part, merged, each key once.
 *   msg('plan_expired', { at: '…' }) → a Message; render(message, 'vi') → the Vietnamese text.
 */
import { fillTemplate, type Catalogue, type Message, type MessageParams } from './catalogue';
import type { Lang } from './language';
import { accountMessages } from './account-messages';
import { connectorMessages } from './connector-messages';
import { domainMessages } from './domain-messages';
import { httpMessages } from './http-messages';
import { importMessages } from './import-messages';
import { importRouteMessages } from './import-route-messages';

export type { Message, MessageParams } from './catalogue';
export { languageOf, pickLanguage, LANGUAGES, type Lang } from './language';

const PARTS: readonly Catalogue[] = [httpMessages, accountMessages, domainMessages, connectorMessages, importMessages, importRouteMessages];

function merge(parts: readonly Catalogue[]): Catalogue {
  const merged: Catalogue = {};
  for (const part of parts) {
    for (const [key, entry] of Object.entries(part)) {
      if (key in merged) throw new Error(`Message key "${key}" is defined twice in the catalogue`);
      merged[key] = entry;
    }
  }
  return merged;
}

/** Every key with its Vietnamese and English template. */
export const CATALOGUE: Readonly<Catalogue> = merge(PARTS);

export type MessageKey =
  | keyof typeof httpMessages
  | keyof typeof accountMessages
  | keyof typeof domainMessages
  | keyof typeof connectorMessages
  | keyof typeof importMessages
  | keyof typeof importRouteMessages;

/** A message to render later in the reader's language. */
export function msg(key: MessageKey, params: MessageParams = {}): Message {
  return { key, params };
}

/** The message in `lang`; an unknown key (only possible from untyped data) renders as itself. */
export function render(message: Message, lang: Lang): string {
  const entry = CATALOGUE[message.key];
  if (!entry) return message.key;
  return fillTemplate(entry[lang], message.params, lang, (nested) => render(nested, lang));
}
