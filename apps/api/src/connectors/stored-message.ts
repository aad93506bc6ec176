/**
 * The connectors' tables keep a message (a run's, a page's outcome, a credential check's) as its
 * key and parameters in JSON, and answer it in the reader's language. Text stored before
 * messages had keys is answered as it was stored.
 *   storeMessage(msg('connector_no_outcome')) → '{"key":"connector_no_outcome","params":{}}'
 */
import { render, type Lang, type Message } from '../messages';

export const storeMessage = (message: Message): string => JSON.stringify(message);

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).key === 'string' && typeof (value as Message).params === 'object';

/** The stored message in `lang`: renderStored('{"key":"connector_no_outcome","params":{}}', 'vi') → 'Bộ kết nối không cho kết quả nào với trang này' */
export function renderStored(stored: string, lang: Lang): string {
  if (!stored.startsWith('{')) return stored;
  try {
    const parsed: unknown = JSON.parse(stored);
    return isMessage(parsed) ? render(parsed, lang) : stored;
  } catch {
    return stored;
  }
}
