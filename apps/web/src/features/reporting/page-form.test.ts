import { createPageBodySchema, updatePageBodySchema, type PageDetail } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { emptyPageForm, namedExistingPage, pageFormFromDetail, platformOfUrl, toCreatePageInput, toUpdatePageInput } from './page-form';

const stored: PageDetail = {
  id: 42,
  name: 'Mặt trận Tổ quốc phường Phúc Xá',
  platform: 'facebook',
  url: 'https://www.facebook.com/mttq.phucxa',
  platformId: null,
  owner: 'front',
  launchedOn: '2022-05-29',
  demo: false,
  history: [],
  assignments: [{ scheme: 'legacy63', code: '00001', name: 'Phường Phúc Xá', level: 'commune', basis: 'direct' }],
  metrics: [],
};

describe('toCreatePageInput', () => {
  it('builds a body the API schema accepts, leaving out an empty platform id', () => {
    const values = { ...emptyPageForm('legacy63', ' 00004 '), name: 'MTTQ phường Trúc Bạch', url: 'https://www.facebook.com/mttq.trucbach', launchedOn: '2022-02-16' };
    const body = toCreatePageInput(values);
    expect(body).toEqual({
      platform: 'facebook',
      url: 'https://www.facebook.com/mttq.trucbach',
      name: 'MTTQ phường Trúc Bạch',
      owner: 'front',
      launchedOn: '2022-02-16',
      unit: { scheme: 'legacy63', code: '00004' },
    });
    expect(createPageBodySchema.safeParse(body).success).toBe(true);
  });
});

describe('toUpdatePageInput', () => {
  it('sends only what changed', () => {
    const values = { ...pageFormFromDetail(stored, 'legacy63'), name: 'MTTQ phường Phúc Xá' };
    expect(toUpdatePageInput(values, stored)).toEqual({ name: 'MTTQ phường Phúc Xá' });
  });

  it('sends nothing when nothing changed, which the schema refuses', () => {
    const body = toUpdatePageInput(pageFormFromDetail(stored, 'legacy63'), stored);
    expect(body).toEqual({});
    expect(updatePageBodySchema.safeParse(body).success).toBe(false);
  });

  it('clears a platform id with null', () => {
    const withId = { ...stored, platformId: '1234' };
    expect(toUpdatePageInput({ ...pageFormFromDetail(withId, 'legacy63'), platformId: '  ' }, withId)).toEqual({ platformId: null });
  });
});

describe('pageFormFromDetail', () => {
  it("shows the page's unit in the scheme asked for, else its first one", () => {
    expect(pageFormFromDetail(stored, 'legacy63')).toMatchObject({ unitScheme: 'legacy63', unitCode: '00001' });
    expect(pageFormFromDetail(stored, 'reform34')).toMatchObject({ unitScheme: 'legacy63', unitCode: '00001' });
  });
});

describe('platformOfUrl', () => {
  it.each([
    ['https://m.facebook.com/mttq.x', 'facebook'],
    ['fb.com/mttq.x', 'facebook'],
    ['https://zalo.me/123', 'zalo'],
    ['https://www.tiktok.com/@mttq', 'tiktok'],
    ['youtube.com/@mttq', 'youtube'],
    ['https://example.com/x', null],
    ['javascript:alert(1)', null],
    ['', null],
  ])('%s → %s', (url, platform) => {
    expect(platformOfUrl(url)).toBe(platform);
  });
});

describe('emptyPageForm', () => {
  it('dates a new page today when its scheme is in force, and leaves a past scheme undated', () => {
    expect(emptyPageForm('reform34', '21025', '2026-12-02')).toMatchObject({ unitScheme: 'reform34', unitCode: '21025', launchedOn: '2026-12-02', owner: 'front', platform: 'facebook' });
    expect(emptyPageForm('legacy63', '00004', '2026-12-02').launchedOn).toBe('');
  });
});

describe('namedExistingPage', () => {
  it('reads the existing page from the 409 second_front_page message', () => {
    const message =
      'reform34:21025 already has a live Front page: page 12 "Mặt trận phường "Cẩm Thành"" (https://www.facebook.com/mttq.camthanh). A unit has one official page; update that page, or send confirmSecondFrontPage: true to add this one as well.';
    expect(namedExistingPage(message)).toEqual({ id: 12, name: 'Mặt trận phường "Cẩm Thành"', url: 'https://www.facebook.com/mttq.camthanh' });
  });

  it('reads it from the Vietnamese message too', () => {
    const message =
      'reform34:21025 đã có một trang của Ủy ban MTTQ đang hoạt động: trang 12 “MTTQ phường Cẩm Thành” (https://www.facebook.com/mttq.camthanh). Mỗi đơn vị có một trang chính thức; hãy cập nhật trang đó, hoặc gửi confirmSecondFrontPage: true để vẫn thêm trang này.';
    expect(namedExistingPage(message)).toEqual({ id: 12, name: 'MTTQ phường Cẩm Thành', url: 'https://www.facebook.com/mttq.camthanh' });
  });

  it('gives null when the message names no page', () => {
    expect(namedExistingPage('The unit already has a page.')).toBeNull();
  });
});
