/**
 * Page addresses as people paste them → one canonical form per page, so the same page typed
 * twice (with or without www., from the mobile site, with a share tracker) is found as a
 * duplicate. Pure: no database, no network.
 */
import { PLATFORMS, type Platform } from '@mttq/core';
import { badRequest } from '../http/errors';
import { msg, type Message } from '../messages';

/** What a pasted address became: the canonical URL, or why it cannot be a page of the platform. */
export type PageUrlResult = { ok: true; url: string } | { ok: false; message: Message };

interface PlatformHosts {
  /** Accepted host → canonical host. */
  hosts: Record<string, string>;
  /** The accepted hosts as told to a person. */
  shown: string;
  example: string;
}

const PLATFORM_HOSTS: Record<Platform, PlatformHosts> = {
  facebook: {
    hosts: {
      'facebook.com': 'www.facebook.com',
      'www.facebook.com': 'www.facebook.com',
      'm.facebook.com': 'www.facebook.com',
      'mobile.facebook.com': 'www.facebook.com',
      'web.facebook.com': 'www.facebook.com',
      'fb.com': 'www.facebook.com',
      'www.fb.com': 'www.facebook.com',
    },
    shown: 'facebook.com (www., m., web.), fb.com',
    example: 'https://www.facebook.com/mttq.phuongphucxa',
  },
  zalo: {
    hosts: { 'zalo.me': 'zalo.me', 'www.zalo.me': 'zalo.me', 'oa.zalo.me': 'oa.zalo.me' },
    shown: 'zalo.me, oa.zalo.me',
    example: 'https://zalo.me/1234567890123456789',
  },
  tiktok: {
    hosts: { 'tiktok.com': 'www.tiktok.com', 'www.tiktok.com': 'www.tiktok.com', 'm.tiktok.com': 'www.tiktok.com' },
    shown: 'tiktok.com/@…',
    example: 'https://www.tiktok.com/@mttq.phuongphucxa',
  },
  youtube: {
    hosts: { 'youtube.com': 'www.youtube.com', 'www.youtube.com': 'www.youtube.com', 'm.youtube.com': 'www.youtube.com' },
    shown: 'youtube.com/@…, youtube.com/channel/…, youtube.com/c/…, youtube.com/user/…',
    example: 'https://www.youtube.com/@mttqphuongphucxa',
  },
};

/** Query parameters that identify a page; every other one (utm_*, fbclid, mibextid, si, …) is dropped. */
const KEPT_PARAMS: Record<Platform, readonly string[]> = {
  facebook: ['id'], // profile.php?id=100012345678901
  zalo: [],
  tiktok: [],
  youtube: [],
};

/** YouTube channel tabs: the same channel, so dropped. */
const YOUTUBE_TABS = new Set(['featured', 'videos', 'shorts', 'streams', 'live', 'playlists', 'community', 'about', 'posts', 'releases', 'podcasts', 'store']);

const fail = (message: Message): PageUrlResult => ({ ok: false, message });

/** The platform whose host this is, or null: platformOfHost('m.facebook.com') → 'facebook' */
function platformOfHost(host: string): Platform | null {
  return PLATFORMS.find((platform) => host in PLATFORM_HOSTS[platform].hosts) ?? (host === 'youtu.be' ? 'youtube' : null);
}

/** Adds https:// to a bare 'facebook.com/x'; refuses javascript:, data:, mailto: and the like. */
function withScheme(text: string): string | null {
  if (text.startsWith('//')) return `https:${text}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  // 'facebook.com:443/x' has a dot before the colon: a host, not a scheme.
  if (scheme && !scheme[1]!.includes('.')) return null;
  return `https://${text}`;
}

/** The canonical path of a page, or a message saying what is wrong with it. */
function canonicalPath(platform: Platform, segments: string[], example: string): { path: string } | { message: Message } {
  if (segments.length === 0) return { message: msg('url_no_page', { example }) };
  const lower = segments.map((s) => s.toLowerCase());
  switch (platform) {
    case 'facebook':
    case 'zalo':
      // Page names are case-insensitive on both platforms.
      return { path: `/${lower.join('/')}` };
    case 'tiktok': {
      const [handle] = lower;
      if (!handle!.startsWith('@') || handle!.length < 2) return { message: msg('url_tiktok_profile', { example }) };
      if (segments.length > 1) return { message: msg('url_tiktok_video', { profile: `https://www.tiktok.com/${handle}` }) };
      return { path: `/${handle}` };
    }
    case 'youtube': {
      const [first] = lower;
      let channel: string[] | null = null;
      if (first!.startsWith('@') && first!.length > 1) channel = [first!];
      // Channel ids are case-sensitive (UCxxxx); custom and user names are not.
      else if (first === 'channel' && segments[1]) channel = ['channel', segments[1]];
      else if ((first === 'c' || first === 'user') && segments[1]) channel = [first, lower[1]!];
      if (!channel) return { message: msg('url_youtube_not_channel', { example }) };
      const rest = lower.slice(channel.length);
      if (rest.length > 1 || (rest.length === 1 && !YOUTUBE_TABS.has(rest[0]!))) {
        return { message: msg('url_youtube_bad_channel', { example }) };
      }
      return { path: `/${channel.join('/')}` };
    }
  }
}

/**
 * Checks a pasted page address against its platform and returns its canonical form: https, the
 * platform's canonical host (www.facebook.com, zalo.me, www.tiktok.com, www.youtube.com), a
 * lower-case path (YouTube channel ids keep their case), no tracking parameters, no fragment,
 * no trailing slash.
 * parsePageUrl('facebook', 'http://m.facebook.com/MTTQ.HaNoi/?ref=page_internal&mibextid=ZbWKwL#top')
 *   → { ok: true, url: 'https://www.facebook.com/mttq.hanoi' }
 */
export function parsePageUrl(platform: Platform, input: string): PageUrlResult {
  const allowed = PLATFORM_HOSTS[platform];
  const text = input.trim();
  if (text === '') return fail(msg('field_not_empty'));
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail(msg('url_whitespace'));
  const withHttps = withScheme(text);
  if (withHttps === null) return fail(msg('url_not_http', { example: allowed.example }));
  let url: URL;
  try {
    url = new URL(withHttps);
  } catch {
    return fail(msg('url_not_web', { example: allowed.example }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(msg('url_not_http', { example: allowed.example }));
  if (url.username || url.password) return fail(msg('url_credentials'));
  if (url.port) return fail(msg('url_port'));
  const host = url.hostname.replace(/\.$/, '');
  if (platform === 'youtube' && host === 'youtu.be') return fail(msg('url_youtu_be', { example: allowed.example }));
  const canonicalHost = allowed.hosts[host];
  if (!canonicalHost) {
    const other = platformOfHost(host);
    if (other) return fail(msg('url_other_platform', { other, platform, shown: allowed.shown }));
    return fail(msg('url_wrong_host', { shown: allowed.shown, platform, example: allowed.example }));
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const path = canonicalPath(platform, segments, allowed.example);
  if ('message' in path) return fail(path.message);
  const kept = new URLSearchParams();
  for (const name of KEPT_PARAMS[platform]) {
    const value = url.searchParams.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.size > 0 ? `?${kept.toString()}` : '';
  const canonical = `https://${canonicalHost}${path.path}${query}`;
  if (canonical.length > 2048) return fail(msg('field_max_chars', { max: 2048 }));
  return { ok: true, url: canonical };
}

/**
 * The platform a page address belongs to, from its host; null when it is none of them.
 * platformOfPageUrl('fb.com/mttq.hanoi') → 'facebook'
 */
export function platformOfPageUrl(input: string): Platform | null {
  const withHttps = withScheme(input.trim());
  if (withHttps === null) return null;
  try {
    return platformOfHost(new URL(withHttps).hostname.replace(/\.$/, ''));
  } catch {
    return null;
  }
}

/**
 * parsePageUrl, or a 400 naming the field `path` (default 'url') with what to fix.
 * normalisePageUrl('tiktok', 'tiktok.com/@MTTQ.VN?lang=vi') → 'https://www.tiktok.com/@mttq.vn'
 */
export function normalisePageUrl(platform: Platform, input: string, path = 'url'): string {
  const result = parsePageUrl(platform, input);
  if (!result.ok) throw badRequest(path, result.message);
  return result.url;
}
