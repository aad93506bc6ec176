import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBytes as saveDownload } from './downloads';
import { drawnChart, seriousA11yViolations, startApp, type RunningApp } from './harness';

let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  page = await app.signedInPage('central');
});
afterAll(() => app?.stop());

const search = (name: string) => new URL(page.url()).searchParams.get(name);
const headline = () => page.locator('.timelapse-cards').innerText();
const slider = () => page.getByRole('slider', { name: 'Tháng hiển thị' });
const chartToolbar = () => page.locator('.timelapse-chart .export-toolbar');

const downloadBytes = (trigger: () => Promise<void>) => saveDownload(page, trigger);

describe('time-lapse', () => {
  it("shows a frame's headline, steps a month forward and keeps the frame in the URL", async () => {
    await page.goto('/timelapse?scheme=legacy63&asOf=2022-08-31');
    await expect.poll(headline).toContain('63/63 tỉnh, thành');
    await expect.poll(headline).toContain('5.967/10.599 xã, phường, thị trấn');
    expect(await page.locator('.frame-month').innerText()).toBe('Tháng 08/2022');
    const before = Number(await slider().inputValue());
    expect(await slider().getAttribute('aria-valuetext')).toContain('31/08/2022');

    await page.getByRole('button', { name: 'Tháng sau' }).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2022-09-30');
    expect(search('scheme')).toBe('legacy63');
    await expect.poll(async () => Number(await slider().inputValue())).toBe(before + 1);
    await expect.poll(() => page.locator('#timelapse-headline-title').innerText()).toContain('30/09/2022');
    expect(await slider().getAttribute('aria-valuetext')).toContain('30/09/2022');
  });

  it('stays in reform34 across 01/07/2025: back-cast figures before, recorded after, the seam marked', async () => {
    await page.goto('/timelapse?scheme=reform34&asOf=2025-06-30');
    await expect.poll(headline).toMatch(/\d+\/34 tỉnh, thành/);
    await expect.poll(() => page.locator('.frame-meta').innerText()).toContain('ước tính qua bảng chuyển đổi');
    expect(await page.locator('.reform-notice').innerText()).toContain('Số liệu trước mốc này được ước tính theo địa giới 34 tỉnh, thành qua bảng chuyển đổi');
    expect(await page.locator('.reform-mark').innerText()).toBe('01/07/2025: sắp xếp ĐVHC');
    await page.getByRole('button', { name: 'Tháng sau' }).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2025-07-31');
    expect(search('scheme')).toBe('reform34');
    await expect.poll(headline).toMatch(/\d+\/34 tỉnh, thành/);
    await expect.poll(() => page.locator('.frame-meta').innerText()).not.toContain('ước tính');

    // and back with the left arrow key, from the page itself: still reform34
    await page.locator('h1').click();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2025-06-30');
    expect(search('scheme')).toBe('reform34');
    await expect.poll(headline).toMatch(/\d+\/34 tỉnh, thành/);
  });

  it('shows legacy63 up to 30/06/2025 only, chosen in the page', async () => {
    await page.goto('/timelapse?scheme=reform34&asOf=2022-08-31');
    await expect.poll(headline).toMatch(/\d+\/34 tỉnh, thành/);
    await page.getByLabel('Địa giới').selectOption('legacy63');
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'legacy63' && url.searchParams.get('asOf') === '2022-08-31');
    await expect.poll(headline).toContain('63/63 tỉnh, thành');
    await page.goto('/timelapse?scheme=legacy63&asOf=2025-09-30');
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2025-06-30');
    expect(search('scheme')).toBe('legacy63');
    await expect.poll(headline).toContain('/63 tỉnh, thành');
    expect(await page.getByRole('button', { name: 'Tháng sau' }).isDisabled()).toBe(true);
  });

  it('plays reform34 from 2021 to today without ever changing the scheme, the 01/07/2025 seam marked', { timeout: 180_000 }, async () => {
    await page.goto('/timelapse?scheme=reform34&asOf=2021-09-30&speed=fast');
    await expect.poll(headline).toMatch(/\d+\/34 tỉnh, thành/);
    expect(await page.locator('.reform-mark').innerText()).toBe('01/07/2025: sắp xếp ĐVHC');
    // every URL the player writes, recorded in the page
    await page.evaluate(() => {
      const seen = ((window as unknown as { seenSchemes: string[] }).seenSchemes = [] as string[]);
      setInterval(() => seen.push(new URLSearchParams(location.search).get('scheme') ?? ''), 20);
    });
    await page.getByRole('button', { name: 'Phát diễn biến từng tháng' }).click();
    await expect.poll(() => search('play')).toBe('1');
    const last = await page.locator('.slider-scale span').last().innerText();
    await expect.poll(() => search('play'), { timeout: 150_000, interval: 500 }).toBeNull();
    expect(await page.locator('.frame-month').innerText()).toBe(`Tháng ${last}`);
    const seen = await page.evaluate(() => (window as unknown as { seenSchemes: string[] }).seenSchemes);
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen)).toEqual(new Set(['reform34']));
    // the line drawn to today has its back-cast part, named in the legend, and the seam marker
    await drawnChart(page.locator('.timelapse-chart'));
    expect(await page.locator('.timelapse-chart .recharts-legend-wrapper').innerText()).toContain('Ước tính qua bảng chuyển đổi (trước 01/07/2025)');
    expect(await page.locator('.timelapse-chart .recharts-wrapper > svg').first().innerHTML()).toContain('01/07/2025: sắp xếp ĐVHC');
  });

  it('plays: the frame advances on its own, and pauses', async () => {
    await page.goto('/timelapse?scheme=legacy63&asOf=2021-09-30&speed=fast');
    await expect.poll(headline).toContain('tỉnh, thành');
    await page.getByRole('button', { name: 'Phát diễn biến từng tháng' }).click();
    await expect.poll(() => search('play')).toBe('1');
    await expect.poll(() => search('asOf'), { timeout: 20_000 }).not.toBe('2021-09-30');
    await page.getByRole('button', { name: 'Dừng phát' }).click();
    await expect.poll(() => search('play')).toBeNull();
    const stopped = search('asOf');
    expect(stopped! > '2021-09-30').toBe(true);
  });

  it('opens a link that plays and at the right speed', async () => {
    await page.goto('/timelapse?asOf=2022-01-31&play=1&speed=fast');
    await expect.poll(() => search('asOf'), { timeout: 20_000 }).not.toBe('2022-01-31');
    await page.keyboard.press('Space');
    await expect.poll(() => search('play')).toBeNull();
    expect(await page.getByLabel('Tốc độ').inputValue()).toBe('fast');
    expect(search('scheme')).toBe('reform34');
  });

  it('steps without tweening when the reader asks for reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/timelapse?scheme=legacy63&asOf=2022-08-31');
    await page.locator('.timelapse.reduced-motion').waitFor();
    await page.getByRole('button', { name: 'Tháng sau' }).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2022-09-30');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.locator('.timelapse:not(.reduced-motion)').waitFor();
  });

  it('has no serious accessibility violation, in Vietnamese and at 360 px without horizontal scroll', async () => {
    await page.goto('/timelapse?scheme=reform34&asOf=2025-07-31');
    await expect.poll(headline).toContain('/34 tỉnh, thành');
    await drawnChart(page.locator('.timelapse-chart'));
    expect(await seriousA11yViolations(page)).toEqual([]);

    const phone = await app.signedInPage('central', { width: 360, height: 740 });
    await phone.goto('/timelapse?scheme=legacy63&asOf=2022-08-31');
    await expect.poll(() => phone.locator('.timelapse-cards').innerText()).toContain('63/63 tỉnh, thành');
    await drawnChart(phone.locator('.timelapse-chart'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });
});

describe('chart and table exports', () => {
  beforeAll(async () => {
    await page.goto('/timelapse?scheme=legacy63&asOf=2022-08-31');
    await page.locator('.timelapse-cards', { hasText: '63/63 tỉnh, thành' }).waitFor();
    await drawnChart(page.locator('.timelapse-chart'));
  });

  it('downloads the chart as SVG with its title and as-of date inside', async () => {
    const { download, bytes } = await downloadBytes(() => chartToolbar().getByRole('button', { name: /dạng SVG$/ }).click());
    expect(download.suggestedFilename()).toBe('dien-bien-do-phu_2022-08-31.svg');
    const svg = bytes.toString('utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('Diễn biến độ phủ lũy kế theo cấp');
    expect(svg).toContain('Số liệu đến ngày 31/08/2022');
    expect(svg).toContain('Dữ liệu minh họa');
    const chart = await page.locator('.timelapse-chart .recharts-wrapper > svg').first().boundingBox();
    expect(Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1])).toBe(Math.round(chart!.width));
  });

  it('downloads the chart as a PNG at twice the SVG size', async () => {
    const svg = (await downloadBytes(() => chartToolbar().getByRole('button', { name: /dạng SVG$/ }).click())).bytes.toString('utf8');
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(100);

    const { download, bytes } = await downloadBytes(() => chartToolbar().getByRole('button', { name: 'Tải biểu đồ “Diễn biến độ phủ lũy kế theo cấp” dạng PNG' }).click());
    expect(download.suggestedFilename()).toBe('dien-bien-do-phu_2022-08-31.png');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBe(2 * width);
    expect(bytes.readUInt32BE(20)).toBe(2 * height);
    expect(await chartToolbar().getByRole('status').innerText()).toContain('dien-bien-do-phu_2022-08-31.png');
  });

  it('downloads the table as CSV with a BOM, the as-of date and the header', async () => {
    const { download, bytes } = await downloadBytes(() => chartToolbar().getByRole('button', { name: /dạng CSV$/ }).click());
    expect(download.suggestedFilename()).toBe('dien-bien-do-phu_2022-08-31.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Diễn biến độ phủ lũy kế theo cấp');
    expect(lines[1]).toContain('Số liệu đến ngày 31/08/2022');
    expect(lines[2]).toBe('Ngày,Cơ cấu,"Tỉnh, thành có trang (%)","Quận, huyện có trang (%)","Xã, phường có trang (%)",Cơ sở');
    expect(lines[3]).toMatch(/^2021-09-30,legacy63,[\d.]+,[\d.]+,[\d.]+,ghi nhận$/);
    expect(lines).toContain('2022-08-31,legacy63,100,78.6,56.3,ghi nhận');
  });

  it('downloads the table as XLSX with the title row and numbers as numbers', async () => {
    const { download, bytes } = await downloadBytes(() => chartToolbar().getByRole('button', { name: /dạng XLSX$/ }).click());
    expect(download.suggestedFilename()).toBe('dien-bien-do-phu_2022-08-31.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Diễn biến độ phủ lũy kế theo cấp');
    expect(String(sheet.getCell('A2').value)).toContain('Số liệu đến ngày 31/08/2022');
    expect(sheet.getCell('A3').value).toBe('Ngày');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('2022-08-31');
    expect(last.getCell(3).value).toBe(100);
  });

  it('downloads the map table as CSV: every province of the frame with its figures', async () => {
    const mapToolbar = page.locator('.timelapse-map .export-toolbar');
    const { download, bytes } = await downloadBytes(() => mapToolbar.getByRole('button', { name: 'Tải bảng “Tỷ lệ xã, phường, thị trấn có trang” dạng CSV' }).click());
    expect(download.suggestedFilename()).toBe('do-phu-xa-theo-tinh_2022-08-31.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[1]).toContain('Số liệu đến ngày 31/08/2022 · 63 tỉnh, thành — có cấp huyện');
    expect(lines[2]).toBe('Mã,"Tỉnh, thành",Xã có trang,Tổng số xã,Tỷ lệ (%)');
    expect(lines).toHaveLength(3 + 63);
    expect(lines).toContain('01,Thành phố Hà Nội,562,579,97.1');
  });

  it('made no request outside the app', () => {
    expect(app.offsiteRequests).toEqual([]);
  });
});
