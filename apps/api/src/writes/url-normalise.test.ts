import type { Platform } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { render, type Message } from '../messages';
import { normalisePageUrl, parsePageUrl, platformOfPageUrl } from './url-normalise';

describe('parsePageUrl', () => {
  it.each<[Platform, string, string]>([
    ['facebook', 'https://www.facebook.com/mttq.phucxa', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', 'http://facebook.com/MTTQ.PhucXa/', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', 'm.facebook.com/mttq.phucxa?ref=page_internal&mibextid=ZbWKwL', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', 'https://web.facebook.com/mttq.phucxa/?__tn__=kC-R&fbclid=IwAR0abc#posts', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', 'https://fb.com/mttq.phucxa?utm_source=zalo&utm_medium=share', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', '  https://WWW.FACEBOOK.COM//mttq.phucxa//  ', 'https://www.facebook.com/mttq.phucxa'],
    ['facebook', 'https://www.facebook.com/profile.php?id=100012345678901&sk=about&gclid=x', 'https://www.facebook.com/profile.php?id=100012345678901'],
    ['facebook', '//facebook.com/pages/MTTQ-Phuc-Xa/123456', 'https://www.facebook.com/pages/mttq-phuc-xa/123456'],
    ['zalo', 'zalo.me/1234567890123456789?src=qr', 'https://zalo.me/1234567890123456789'],
    ['zalo', 'https://oa.zalo.me/home/mttqphucxa/', 'https://oa.zalo.me/home/mttqphucxa'],
    ['tiktok', 'https://tiktok.com/@MTTQ.PhucXa?lang=vi-VN&is_from_webapp=1', 'https://www.tiktok.com/@mttq.phucxa'],
    ['tiktok', 'm.tiktok.com/@mttq.phucxa/', 'https://www.tiktok.com/@mttq.phucxa'],
    ['youtube', 'https://youtube.com/@MTTQPhucXa/videos?si=abc', 'https://www.youtube.com/@mttqphucxa'],
    ['youtube', 'https://m.youtube.com/channel/UCabcDEF123_-x/featured', 'https://www.youtube.com/channel/UCabcDEF123_-x'],
    ['youtube', 'https://www.youtube.com/c/MTTQPhucXa', 'https://www.youtube.com/c/mttqphucxa'],
    ['youtube', 'https://www.youtube.com/user/MTTQ', 'https://www.youtube.com/user/mttq'],
  ])('%s: %s → %s', (platform, input, expected) => {
    expect(parsePageUrl(platform, input)).toEqual({ ok: true, url: expected });
  });

  it.each<[Platform, string, RegExp]>([
    ['facebook', 'javascript:alert(document.cookie)', /http\(s\)/],
    ['facebook', 'JavaScript:alert(1)//facebook.com', /http\(s\)/],
    ['facebook', 'data:text/html,<script>alert(1)</script>', /must not contain spaces|http\(s\)/],
    ['facebook', 'data:text/html;base64,PHNjcmlwdD4=', /http\(s\)/],
    ['facebook', 'file:///etc/passwd', /http\(s\)/],
    ['facebook', 'ftp://facebook.com/mttq', /http\(s\)/],
    ['facebook', 'https://facebook.com.evil.example/mttq', /facebook\.com \(www\., m\., web\.\), fb\.com/],
    ['facebook', 'https://evil.example/facebook.com/mttq', /facebook\.com \(www\., m\., web\.\), fb\.com/],
    ['facebook', 'https://facebook.com@evil.example/mttq', /user name or password/],
    ['facebook', 'https://www.facebook.com:8443/mttq', /port/],
    ['facebook', 'https://www.facebook.com/', /names no page/],
    ['facebook', 'https://www.facebook.com/mttq phuc xa', /spaces/],
    ['facebook', 'https://www.tiktok.com/@mttq', /is a tiktok address; set platform to tiktok/],
    ['facebook', 'https://mttq.example.vn/trang', /must be an address on facebook\.com/],
    ['zalo', 'https://zalo.com/mttq', /zalo\.me, oa\.zalo\.me/],
    ['tiktok', 'https://www.tiktok.com/mttq', /tiktok\.com\/@name/],
    ['tiktok', 'https://www.tiktok.com/@mttq/video/7212345678901234567', /links to a video.*https:\/\/www\.tiktok\.com\/@mttq$/],
    ['youtube', 'https://youtu.be/dQw4w9WgXcQ', /youtu\.be links a video/],
    ['youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', /not a YouTube channel/],
    ['youtube', 'https://www.youtube.com/@mttq/watch/extra', /not a YouTube channel/],
    ['youtube', '', /must not be empty/],
  ])('%s: rejects %s', (platform, input, message) => {
    const result = parsePageUrl(platform, input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : render(result.message, 'en')).toMatch(message);
  });

  it('gives its own answer back unchanged: a canonical URL is a fixed point', () => {
    const inputs: [Platform, string][] = [
      ['facebook', 'http://m.facebook.com/MTTQ.HaNoi/?ref=page_internal#top'],
      ['facebook', 'fb.com/profile.php?id=42&utm_campaign=x'],
      ['zalo', 'zalo.me/0912345678/'],
      ['tiktok', 'tiktok.com/@MTTQ.VN'],
      ['youtube', 'youtube.com/channel/UCaBc/about'],
    ];
    for (const [platform, input] of inputs) {
      const once = parsePageUrl(platform, input);
      expect(once.ok).toBe(true);
      if (once.ok) expect(parsePageUrl(platform, once.url)).toEqual(once);
    }
  });

  it('accepts the addresses the demo data stores, unchanged', () => {
    expect(parsePageUrl('facebook', 'https://www.facebook.com/mttq.phuong-phuc-xa-00001.demo')).toEqual({ ok: true, url: 'https://www.facebook.com/mttq.phuong-phuc-xa-00001.demo' });
    expect(parsePageUrl('zalo', 'https://zalo.me/mttq-phuong-phuc-xa-00001-demo')).toEqual({ ok: true, url: 'https://zalo.me/mttq-phuong-phuc-xa-00001-demo' });
    expect(parsePageUrl('tiktok', 'https://www.tiktok.com/@mttq.phuong-phuc-xa-00001.demo')).toEqual({ ok: true, url: 'https://www.tiktok.com/@mttq.phuong-phuc-xa-00001.demo' });
    expect(parsePageUrl('youtube', 'https://www.youtube.com/@mttq.phuong-phuc-xa-00001-demo')).toEqual({ ok: true, url: 'https://www.youtube.com/@mttq.phuong-phuc-xa-00001-demo' });
  });
});

describe('normalisePageUrl', () => {
  it('throws a 400 naming the field and what to fix', () => {
    expect(normalisePageUrl('tiktok', 'tiktok.com/@MTTQ.VN?lang=vi')).toBe('https://www.tiktok.com/@mttq.vn');
    try {
      normalisePageUrl('facebook', 'javascript:alert(1)', 'rows.3.url');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      expect((error as ApiError).details).toEqual([{ path: 'rows.3.url', message: { key: 'url_not_http', params: { example: 'https://www.facebook.com/mttq.phuongphucxa' } } }]);
      expect(render((error as ApiError).details[0]!.message as Message, 'vi')).toBe('phải là địa chỉ http(s), ví dụ https://www.facebook.com/mttq.phuongphucxa');
    }
  });
});

describe('platformOfPageUrl', () => {
  it.each([
    ['fb.com/mttq.hanoi', 'facebook'],
    ['https://oa.zalo.me/x', 'zalo'],
    ['https://www.tiktok.com/@x', 'tiktok'],
    ['https://youtu.be/x', 'youtube'],
    ['https://mttq.example.vn/', null],
    ['javascript:alert(1)', null],
  ])('%s → %s', (input, platform) => {
    expect(platformOfPageUrl(input)).toBe(platform);
  });
});
