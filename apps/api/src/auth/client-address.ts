import { isIPv4, isIPv6 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The address of requests that come without a socket (in-process requests, as in tests). */
export const NO_ADDRESS = 'unknown';

/**
 * The client a sign-in is counted against: the socket's remote address; with TRUST_PROXY=1 the
 * last address of x-forwarded-for instead (the one the proxy in front of this server added; the
 * ones before it are whatever the client wrote). IPv4-mapped IPv6 addresses count as IPv4, and
 * an IPv6 client counts as its /64 network (one subscriber's allocation), so an attacker cannot
 * rotate through the addresses of a prefix.
 * clientAddress(c, false) → '203.0.113.7' | '2001:db8:1:2::/64'
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (forwarded) return normalizeAddress(forwarded);
  }
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    // No node socket behind this request (app.request in tests).
    remote = undefined;
  }
  return remote ? normalizeAddress(remote) : NO_ADDRESS;
}

/**
 * normalizeAddress('::ffff:10.0.0.1') → '10.0.0.1'; normalizeAddress('[2001:db8::1]:443') →
 * '2001:db8:0:0::/64'; '10.0.0.1:5000' → '10.0.0.1'; anything else is kept, shortened.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (v4WithPort) address = v4WithPort[1]!;
  address = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return ipv6Network(address.toLowerCase());
  return `other:${address.slice(0, 64)}`;
}

/** The /64 network of a valid IPv6 address: ipv6Network('2001:db8::1') → '2001:db8:0:0::/64'. */
function ipv6Network(address: string): string {
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
