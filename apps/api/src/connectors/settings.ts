/** Configuration checks of the connectors, used by config.ts. */
export { parseConnectorKey } from './crypto';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A platform API base URL: https anywhere, or plain http only to this machine (the local
 * stand-ins, which listen on loopback addresses only). null when fine.
 * describePlatformUrlProblem('http://127.0.0.1:4001/v23.0') → null
 */
export function describePlatformUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as https://graph.facebook.com/v23.0';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.search || url.hash) return 'must be a base URL without ? or #';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return null;
  return 'must be https, or http to a loopback address (127.0.0.1, localhost, [::1]) for a local stand-in';
}
