/**
 * What the web app learns about the deployment, and the Content-Security-Policy of its pages.
 *
 * Map tiles are off by default (DESIGN.md §9: no request leaves the machine). A deployment that
 * has a tile server sets MAP_TILE_URL (and MAP_TILE_ATTRIBUTION); the bubble map then draws it,
 * and the CSP allows images from that origin and from nowhere else.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface WebConfig {
  /** A Leaflet tile URL template (http or https, with {z}, {x} and {y}); null: no tile layer. */
  mapTileUrl: string | null;
  /** Shown in the map's attribution control; null: none. */
  mapTileAttribution: string | null;
}

export const NO_WEB_CONFIG: WebConfig = Object.freeze({ mapTileUrl: null, mapTileAttribution: null });

const TEMPLATE_EXAMPLE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const PLACEHOLDER = /\{[^}]*\}/;
/** A host as it may appear in a CSP source: letters, digits, dots, hyphens, an optional port. */
const PLAIN_HOST = /^[a-z0-9.-]+(:\d{1,5})?$/;

/**
 * Reads a tile URL template: the CSP source that covers all its tiles, or why it is unusable.
 * A placeholder such as {s} may only sit in the host's first label, which becomes the wildcard:
 * 'https://{s}.tile.example.org/{z}/{x}/{y}.png' → { source: 'https://*.tile.example.org' }
 */
function readTileTemplate(template: string): { source: string } | { problem: string } {
  const example = `, e.g. ${TEMPLATE_EXAMPLE} (or leave it unset for no map tiles)`;
  if (/\s/.test(template)) return { problem: `must not contain spaces${example}` };
  const match = /^(https?):\/\/([^/?#]*)/i.exec(template);
  if (!match) return { problem: `must start with http:// or https://${example}` };
  const hasY = template.includes('{y}') || template.includes('{-y}');
  if (!template.includes('{z}') || !template.includes('{x}') || !hasY) {
    return { problem: `must contain {z}, {x} and {y} where each tile's zoom and position go${example}` };
  }
  const protocol = `${match[1]!.toLowerCase()}:`;
  let host = match[2]!;
  const isWildcard = PLACEHOLDER.test(host);
  if (isWildcard) {
    const dot = host.indexOf('.');
    if (dot <= 0 || PLACEHOLDER.test(host.slice(dot + 1))) {
      return { problem: 'may use a placeholder such as {s} in the host name only in its first part, e.g. https://{s}.tile.example.org/{z}/{x}/{y}.png' };
    }
    host = `x${host.slice(dot)}`;
  }
  let url: URL;
  try {
    url = new URL(`${protocol}//${host}/`);
  } catch {
    return { problem: `has a host name that is not valid ("${match[2]}")${example}` };
  }
  if (url.username || url.password) return { problem: 'must not contain a user name or password; use a tile server that needs none' };
  if (!url.hostname || !PLAIN_HOST.test(url.host)) return { problem: `has a host name that is not valid ("${match[2]}")${example}` };
  return { source: `${protocol}//${isWildcard ? `*${url.host.slice(1)}` : url.host}` };
}

/**
 * Why a MAP_TILE_URL cannot be used, in words for the person starting the server; null when it
 * can. describeTileUrlProblem('ftp://x/{z}/{x}/{y}') → 'must start with http:// or https://, e.g. …'
 */
export function describeTileUrlProblem(template: string): string | null {
  const read = readTileTemplate(template);
  return 'problem' in read ? read.problem : null;
}

/**
 * The CSP source that covers every tile of a valid template.
 * tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png') → 'https://*.tile.example.org'
 */
export function tileSource(template: string): string {
  const read = readTileTemplate(template);
  if ('problem' in read) throw new Error(`MAP_TILE_URL ${read.problem}`);
  return read.source;
}

/**
 * The web app's Content-Security-Policy: everything from its own origin, inline styles (React and
 * Leaflet position things with style attributes), data:/blob: images (bundled icons, exports),
 * plus the tile server's origin when one is configured. The API docs page has its own, stricter one.
 */
export function webAppCsp(config: WebConfig): string {
  const images = ["'self'", 'data:', 'blob:'];
  if (config.mapTileUrl) images.push(tileSource(config.mapTileUrl));
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(' ')}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Sets the web app's CSP on every response that passes through (the HTML and its assets). */
export function webAppCspHeader(config: WebConfig): MiddlewareHandler {
  const policy = webAppCsp(config);
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', policy);
  };
}

/**
 * GET /api/web-config: public (no session), since the sign-in page is drawn before any session.
 * publicRead tells the web app whether a visitor without a session may read (PUBLIC_READ=1), so it
 * sends them to sign-in before asking for anything else.
 */
export function webConfigHandler(config: WebConfig, { publicRead }: { publicRead: boolean }) {
  const body = { mapTileUrl: config.mapTileUrl, mapTileAttribution: config.mapTileAttribution, publicRead };
  return (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(body);
  };
}
