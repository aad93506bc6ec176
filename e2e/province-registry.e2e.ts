import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLines, downloadBytes, hasUtf8Bom } from './downloads';
import { seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());


const PROVINCE_01 = '/province/01?scheme=legacy63&asOf=2022-08-12';
const REGISTRY = '/pages?scheme=legacy63&asOf=2022-08-12';
const viCompare = new Intl.Collator('vi').compare;
/** Waits for what a user would see; a search folds every page name on a cold server, so allow time. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** The number in "1–50 / 6.650 trang" or "6.650 trang": the total after the slash, vi-VN grouping. */
async function registryTotal(page: Page): Promise<number> {
  const text = await page.locator('#registry-count').innerText();
  const match = /(?:\/\s*)?([\d.]+) trang$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`no total in "${text}"`);
  return Number(match[1].replace(/\./g, ''));
}

const unitNames = (page: Page) => page.locator('.unit-table tbody th[scope=row]').allInnerTexts();
const searchParam = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe('the province drill-down', () => {
  it('shows Hà Nội with its figures, its district table and what it is now part of', async () => {
    const page = await app.signedInPage('central');
    await page.goto(PROVINCE_01);
    await poll(() => page.locator('h1').innerText()).toBe('Thành phố Hà Nội');
    await poll(() => page.locator('.province-cards').innerText()).toContain('30/30 quận, huyện có trang');
    expect(await page.locator('.province-cards').innerText()).toContain('561/579 xã, phường, thị trấn có trang');
    await poll(() => page.locator('.unit-table caption').innerText()).toBe('Quận, huyện của Thành phố Hà Nội — số liệu đến ngày 12/08/2022');
    expect(await page.locator('.unit-table tbody tr').count()).toBe(30);
    expect(await page.locator('.unit-table tbody tr').first().innerText()).toContain('Quận Ba Đình');

    const reform = page.locator('section[aria-labelledby=reform-title]');
    // read from the crosswalk: Hà Nội kept its borders (the successor has no other predecessor)
    await poll(() => reform.locator('.merger-note').innerText()).toBe('Không sáp nhập (từ 01/07/2025 là thành phố Hà Nội)');
    expect(await reform.locator('a').first().getAttribute('href')).toBe('/province/01?scheme=reform34');

    // the province's own pages open outside, safely
    const external = page.locator('.own-pages a[target=_blank]').first();
    expect(await external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.locator('.demo-banner').count()).toBe(1);
    // every chart has its table alternative
    expect(await page.locator('.chart-figure details summary').allInnerTexts()).toEqual(['Bảng số liệu', 'Bảng số liệu']);

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('sorts by a clicked column header and keeps the order in the URL', async () => {
    const page = await app.signedInPage('central');
    await page.goto(PROVINCE_01);
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(30);
    const before = await unitNames(page);

    const nameHeader = page.locator('.unit-table thead th').first();
    await nameHeader.locator('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
    await poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await poll(() => unitNames(page)).toEqual([...before].sort(viCompare));
    expect([...before].sort(viCompare)).not.toEqual(before);

    await nameHeader.locator('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-name');
    await poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await poll(() => unitNames(page)).toEqual([...before].sort(viCompare).reverse());

    // a copied link reproduces the order
    const copy = await app.signedInPage('central');
    await copy.goto(page.url());
    await poll(() => unitNames(copy)).toEqual([...before].sort(viCompare).reverse());
  });

  it('filters units by a name typed without diacritics and by status, at commune level', async () => {
    const page = await app.signedInPage('central');
    await page.goto(PROVINCE_01);
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(30);

    await page.getByLabel('Lọc theo tên (không cần dấu)').fill('ba dinh');
    await poll(() => unitNames(page)).toEqual(['Quận Ba Đình']);
    await poll(() => searchParam(page, 'q')).toBe('ba dinh');

    await page.getByText('Xã, phường, thị trấn', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('level') === 'commune');
    await page.getByLabel('Lọc theo tên (không cần dấu)').fill('');
    await page.getByLabel('Trạng thái', { exact: true }).selectOption('uncovered');
    // 579 communes, 561 with a page on 12 Aug 2022
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(18);
    expect(await page.locator('.units-section').innerText()).toContain('Hiển thị 18/579 xã, phường, thị trấn');
    expect(searchParam(page, 'status')).toBe('uncovered');
    // each commune's district is shown beside it
    await poll(() => page.locator('.unit-table tbody tr td').first().innerText()).toMatch(/^(Quận|Huyện|Thị xã) /);

    // a commune with pages links to the registry filtered to it
    await page.getByLabel('Trạng thái', { exact: true }).selectOption('verified');
    // 501 of them verified
    await poll(() => page.locator('.units-section').innerText()).toContain('Hiển thị 501/579');
    const link = page.locator('.unit-table tbody a').first();
    expect(await link.getAttribute('href')).toMatch(/^\/pages\?scheme=legacy63&asOf=2022-08-12&parent=\d{5}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('follows the scheme switch across the reform: to the one province it became part of, or to a choice', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/province/82?scheme=legacy63&asOf=2022-08-12');
    await poll(() => page.locator('h1').innerText()).toBe('Tỉnh Tiền Giang');
    await page.locator('.scheme-switch label', { hasText: '34 tỉnh' }).click();
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'reform34');
    await poll(() => page.locator('h1').innerText()).toBe('Tỉnh Đồng Tháp');
    const formerly = page.locator('section[aria-labelledby=reform-title]');
    await poll(() => formerly.locator('li').allInnerTexts()).toEqual([expect.stringContaining('Tỉnh Tiền Giang'), expect.stringContaining('Tỉnh Đồng Tháp')]);

    await page.locator('.scheme-switch label', { hasText: '63 tỉnh' }).click();
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'legacy63');
    await poll(() => page.locator('h1').innerText()).toBe('Chọn tỉnh, thành trong 63 tỉnh, thành — có cấp huyện');
    const choices = page.locator('main ul a');
    expect(await choices.allInnerTexts()).toEqual(['Tỉnh Tiền Giang', 'Tỉnh Đồng Tháp']);
    await choices.nth(1).click();
    await poll(() => page.locator('h1').innerText()).toBe('Tỉnh Đồng Tháp');
    expect(new URL(page.url()).pathname).toBe('/province/87');
  });

  it('is usable on a 360 px phone without horizontal page scroll', async () => {
    const page = await app.signedInPage('central', { width: 360, height: 740 });
    await page.goto(`${PROVINCE_01}&level=commune`);
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(579);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    // the wide table scrolls inside its own named, focusable region
    const region = page.locator('.unit-table').locator('xpath=..');
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.getAttribute('aria-label')).toBeTruthy();
    expect(app.offsiteRequests).toEqual([]);
  });
});

describe('province downloads', () => {
  it('downloads the district table as CSV: a BOM, the province and date, every district with raw figures', async () => {
    const page = await app.signedInPage('central');
    await page.goto(PROVINCE_01);
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(30);
    const { download, bytes } = await downloadBytes(page, () => page.getByRole('button', { name: 'Tải bảng “Danh sách đơn vị” dạng CSV' }).click());
    expect(download.suggestedFilename()).toBe('quan-huyen-cua-thanh-pho-ha-noi_2022-08-12.csv');
    expect(hasUtf8Bom(bytes)).toBe(true);
    const lines = csvLines(bytes);
    expect(lines[0]).toBe('"Quận, huyện của Thành phố Hà Nội"');
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành');
    expect(lines[2]).toBe('Mã,"Quận, huyện",Trạng thái,Số trang,Xã có trang,Tổng số xã,Tỷ lệ (%)');
    expect(lines).toHaveLength(3 + 30);
    expect(lines[3]).toMatch(/^001,Quận Ba Đình,.*,\d+,\d+,14,[\d.]+$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('downloads every filtered commune in the order shown, not only those on screen', async () => {
    const page = await app.signedInPage('central');
    await page.goto(`${PROVINCE_01}&level=commune&status=uncovered&sort=-name`);
    await poll(() => page.locator('.unit-table tbody tr').count()).toBe(18);
    await poll(() => page.locator('.unit-table tbody tr td').first().innerText()).toMatch(/^(Quận|Huyện|Thị xã) /);
    const { download, bytes } = await downloadBytes(page, () => page.getByRole('button', { name: 'Tải bảng “Danh sách đơn vị” dạng CSV' }).click());
    expect(download.suggestedFilename()).toBe('xa-phuong-thi-tran-cua-thanh-pho-ha-noi_2022-08-12.csv');
    const lines = csvLines(bytes);
    expect(lines[0]).toBe('"Xã, phường, thị trấn của Thành phố Hà Nội (đã lọc: 18/579)"');
    expect(lines[2]).toBe('Mã,"Xã, phường","Thuộc quận, huyện",Trạng thái,Số trang');
    expect(lines).toHaveLength(3 + 18);
    expect(lines.slice(3).every((line) => line.endsWith(',Chưa có trang,0'))).toBe(true);
    // the same names in the same order as the table
    const names = lines.slice(3).map((line) => /^\d{5},("[^"]*"|[^,]*)/.exec(line)?.[1]?.replace(/^"|"$/g, ''));
    expect(names).toEqual(await unitNames(page));
  });

  it('downloads the timeline chart as CSV with raw counts, naming the province', async () => {
    const page = await app.signedInPage('central');
    await page.goto(PROVINCE_01);
    const toolbar = page.getByRole('group', { name: 'Tải biểu đồ “Xã có trang theo thời gian”' });
    await toolbar.waitFor();
    const { download, bytes } = await downloadBytes(page, () => toolbar.getByRole('button', { name: /dạng CSV$/ }).click());
    expect(download.suggestedFilename()).toBe('xa-co-trang-theo-thoi-gian-thanh-pho-ha-noi_2022-08-12.csv');
    expect(hasUtf8Bom(bytes)).toBe(true);
    const lines = csvLines(bytes);
    expect(lines[0]).toBe('Xã có trang theo thời gian — Thành phố Hà Nội');
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022');
    expect(lines[2]).toBe('Cuối tháng,Tổng số xã,Có trang,Hoạt động,Đã xác minh');
    expect(lines.at(-1)).toMatch(/^2022-08-12,579,561,\d+,\d+$/);
    expect(lines.length - 3).toBe(await page.locator('.chart-figure').first().locator('tbody tr').count());
  });
});

describe('the page registry', () => {
  it('finds every page in Hà Nội with a search typed without diacritics, and names the city', async () => {
    const page = await app.signedInPage('central');
    await page.goto(REGISTRY);
    await poll(() => registryTotal(page)).toBeGreaterThan(1000);
    const all = await registryTotal(page);
    await page.getByLabel('Tìm theo tên, đường dẫn hoặc địa bàn').fill('ha noi');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'ha noi');
    await poll(() => registryTotal(page)).toBeLessThan(all);
    expect(await registryTotal(page)).toBeGreaterThan(100);
    expect(await page.locator('.registry-search-notes').innerText()).toContain('Thành phố Hà Nội');
    const rows = page.locator('.registry-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await poll(() => rows.first().locator('td').nth(1).innerText()).toBe('Hà Nội');
    expect(await rows.first().locator('th a').first().innerText()).toContain('Hà Nội');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('changes the total when filtering by status, and pages through with the cursor', async () => {
    const page = await app.signedInPage('central');
    await page.goto(REGISTRY);
    await poll(() => page.locator('#registry-count').innerText()).toMatch(/^1–50 \/ [\d.]+ trang$/);
    const all = await registryTotal(page);

    await page.getByLabel('Trạng thái', { exact: true }).selectOption('verified');
    await page.waitForURL((url) => url.searchParams.get('status') === 'verified');
    await poll(() => registryTotal(page)).not.toBe(all);
    const verified = await registryTotal(page);
    expect(verified).toBeLessThan(all);
    expect(verified).toBeGreaterThan(50);

    const firstName = await page.locator('.registry-table tbody tr').first().locator('th a').first().innerText();
    await page.getByRole('button', { name: /Trang sau/ }).click();
    await page.waitForURL((url) => url.searchParams.has('cursor'));
    const total = verified.toLocaleString('vi-VN');
    await poll(() => page.locator('#registry-count').innerText()).toBe(`51–100 / ${total} trang`);
    expect(await page.locator('.registry-table tbody tr').count()).toBe(50);
    expect(await page.locator('.registry-table tbody tr').first().locator('th a').first().innerText()).not.toBe(firstName);

    await page.getByRole('button', { name: /Trang trước/ }).click();
    await poll(() => page.locator('#registry-count').innerText()).toBe(`1–50 / ${total} trang`);
    expect(searchParam(page, 'cursor')).toBeNull();
    await poll(() => page.locator('.registry-table tbody tr').first().locator('th a').first().innerText()).toBe(firstName);
  });

  it('shows the empty state when nothing matches', async () => {
    const page = await app.signedInPage('central');
    await page.goto(`${REGISTRY}&q=khong-co-trang-nao-nhu-the`);
    await poll(() => page.locator('.registry-results').innerText()).toContain('Không có trang nào khớp bộ lọc');
    expect(await page.locator('#registry-count').innerText()).toBe('0 trang');
  });

  it('downloads a CSV of exactly the filtered list: header, filters named, row count equal to the total', async () => {
    const page = await app.signedInPage('central');
    await page.goto(`${REGISTRY}&parent=01&status=verified`);
    await poll(() => page.locator('#registry-count').innerText()).toMatch(/^1–50 \//);
    const total = await registryTotal(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('trang-cong-dong_legacy63_2022-08-12_01.csv');
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trimEnd().split(/\r\n/);
    expect(lines[0]).toContain(`Thành phố Hà Nội (01) — trạng thái: verified — ${total} trang`);
    expect(lines[1]?.split(',').slice(0, 8)).toEqual(['Mã tỉnh', 'Tỉnh', 'Mã huyện', 'Huyện', 'Mã xã', 'Tên xã', 'Tên trang', 'Nền tảng']);
    expect(lines.length - 2).toBe(total);
    expect(await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).getAttribute('href')).toBe('/api/v1/exports/pages?scheme=legacy63&asOf=2022-08-12&parent=01&status=verified&format=xlsx&lang=vi');
  });

  it("opens a page's details in a dialog that a link reproduces and Esc closes", async () => {
    const page = await app.signedInPage('central');
    await page.goto(`${REGISTRY}&parent=00001`);
    await poll(() => page.locator('.unit-filter').innerText()).toContain('Chỉ các trang của: Phường Phúc Xá');
    await page.locator('.registry-table tbody tr').first().getByRole('link', { name: /^Chi tiết/ }).click();
    await page.waitForURL((url) => url.searchParams.has('id'));
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.locator('h2').innerText()).toContain('Phúc Xá');
    expect(await dialog.innerText()).toContain('Lịch sử trạng thái');
    expect(await dialog.innerText()).toContain('Số liệu theo tháng');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('id'));
    expect(await dialog.isVisible()).toBe(false);
  });

  it('is usable on a 360 px phone without horizontal page scroll, and in English', async () => {
    const page = await app.newPage({ width: 360, height: 740, locale: 'en' });
    await page.goto('/sign-in');
    await signIn(page, 'viewer');
    await page.goto(REGISTRY);
    await poll(() => page.locator('h1').innerText()).toBe('Community page registry');
    await poll(() => page.locator('#registry-count').innerText()).toMatch(/^1–50 of [\d,]+ pages$/);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    expect(await page.locator('.registry-table').locator('xpath=..').getAttribute('tabindex')).toBe('0');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });
});
