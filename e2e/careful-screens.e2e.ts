/**
 * What a careful user notices (issue 18): dates written the Vietnamese way whatever the browser's
 * language, a link's date outside its scheme named on screen, the registry search finding places,
 * phones (menu, headline first, task rows as cards), signed-out deep links, unknown addresses.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type RunningApp } from './harness';

const PHONE = { width: 360, height: 740 };

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

/** A context whose browser speaks American English (so native date inputs would show mm/dd/yyyy), signed in. */
async function englishBrowserPage(username: string, size = { width: 1366, height: 768 }): Promise<Page> {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: size, baseURL: app.url });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, username);
  return page;
}

describe('date fields in an en-US browser', () => {
  it('show the as-of date as dd/mm/yyyy, refuse an impossible day inline, and apply a typed one', async () => {
    const page = await englishBrowserPage('central');
    await page.goto('/?scheme=legacy63&asOf=2022-08-12');
    const field = page.getByLabel('Số liệu đến ngày', { exact: true });
    await expect.poll(() => field.inputValue()).toBe('12/08/2022');
    expect(await page.locator('.as-of .date-field-hint').innerText()).toContain('dd/mm/yyyy');

    await field.fill('31/02/2022');
    await field.press('Tab');
    const problem = page.locator('.as-of .date-field-problem');
    expect(await problem.innerText()).toContain('31/02/2022');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2022-08-12');

    await field.fill('01/07/2020');
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2020-07-01');
    await expect.poll(() => page.locator('.as-of-note').first().innerText()).toBe('Số liệu đến ngày 01/07/2020');
    expect(await problem.count()).toBe(0);

    // ↑ moves a day on; the calendar opens on the date, picks a day, and Escape closes it
    await field.press('ArrowUp');
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2020-07-02');
    const open = page.getByRole('button', { name: 'Mở lịch chọn ngày' });
    await open.click();
    const calendar = page.getByRole('dialog', { name: 'Lịch chọn ngày' });
    expect(await calendar.innerText()).toContain('tháng 7/2020');
    await calendar.getByRole('button', { name: '15/07/2020' }).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === '2020-07-15');
    expect(await field.inputValue()).toBe('15/07/2020');
    await open.click();
    await page.keyboard.press('Escape');
    expect(await calendar.count()).toBe(0);
    expect(await open.getAttribute('aria-expanded')).toBe('false');
  });

  it('write a month as "tháng 6/2025" in Vietnamese and "June 2025" in English', async () => {
    const page = await englishBrowserPage('central');
    await page.goto('/report/monthly');
    const month = page.getByLabel('Tháng', { exact: true });
    await month.fill('6/2025');
    await month.press('Tab');
    expect(await month.inputValue()).toBe('tháng 6/2025');
    const deadline = page.getByLabel('Hạn nộp', { exact: true });
    await deadline.fill('10/07/2025');
    await deadline.press('Tab');
    expect(await deadline.inputValue()).toBe('10/07/2025');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByLabel('Month', { exact: true }).inputValue()).toBe('June 2025');
    expect(await page.getByLabel('Deadline', { exact: true }).inputValue()).toBe('10/07/2025');
  });

  it('name the requested and the used date when a link asks for a date outside the scheme', async () => {
    const page = await englishBrowserPage('central');
    await page.goto('/?scheme=legacy63&asOf=2026-01-01');
    const note = page.locator('.as-of-outside');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.innerText()).toBe('Ngày 01/01/2026 trong đường dẫn nằm ngoài thời gian hiệu lực của cơ cấu này: số liệu hiển thị tính đến ngày 30/06/2025.');

    await page.goto('/pages?scheme=legacy63&asOf=2026-01-01');
    await expect.poll(() => page.locator('.as-of-outside').innerText()).toContain('01/01/2026');
  });
});

describe('the registry search finds places', () => {
  it('"hagiang" lists the pages of Hà Giang and names the province', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/pages?scheme=legacy63&asOf=2022-08-12');
    await page.getByLabel('Tìm theo tên, đường dẫn hoặc địa bàn').fill('hagiang');
    await page.getByLabel('Tìm theo tên, đường dẫn hoặc địa bàn').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'hagiang');
    const notes = page.locator('.registry-search-notes');
    await expect.poll(() => notes.innerText()).toContain('Tỉnh Hà Giang');
    const count = await page.locator('#registry-count').innerText();
    const total = Number(/\/ ([\d.]+) trang/.exec(count)?.[1]?.replace(/\./g, ''));
    expect(total).toBeGreaterThan(4);
    const provinces = await page.locator('.registry-table tbody tr').allInnerTexts();
    expect(provinces.length).toBeGreaterThan(0);
  });

  it('"TP.HCM" finds the city, and a search spread over many provinces suggests the province filter', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/pages?scheme=legacy63&asOf=2022-08-12&q=TP.HCM');
    await expect.poll(() => page.locator('.registry-search-notes').innerText()).toContain('Thành phố Hồ Chí Minh');
    await page.goto('/pages?scheme=legacy63&asOf=2022-08-12&q=mttq');
    await expect.poll(() => page.locator('.registry-search-notes').innerText()).toContain('Kết quả thuộc 63 tỉnh, thành: chọn một tỉnh');
  });
});

/** The page's horizontal overflow: 0 when nothing scrolls sideways. */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('on a 360×740 phone', () => {
  it('folds the navigation behind one menu button and shows the first headline figure without scrolling', async () => {
    const page = await app.signedInPage('central', PHONE);
    await page.goto('/?scheme=legacy63&asOf=2022-08-12');
    const firstCard = page.locator('.cards .card').first();
    await firstCard.waitFor();
    const toggle = page.getByRole('button', { name: 'Danh mục' });
    expect(await toggle.isVisible()).toBe(true);
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    // one row: the title, the language switch and the menu button side by side
    const header = await page.locator('header.top').boundingBox();
    const toggleBox = await toggle.boundingBox();
    expect(header!.height).toBeLessThan(2.2 * toggleBox!.height);
    const card = await firstCard.boundingBox();
    expect(card!.y + card!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await sidewaysScroll(page)).toBe(0);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('link', { name: 'Danh sách trang' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('nav-toggle');

    await toggle.click();
    await page.getByRole('link', { name: 'Danh sách trang' }).click();
    await page.waitForURL((url) => url.pathname === '/pages');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the units as cards with their actions on screen, and the import screen without sideways scroll', async () => {
    const page = await app.signedInPage('central', PHONE);
    await page.goto('/report?scheme=legacy63&parent=01');
    const firstRow = page.locator('.units-table tbody tr').first();
    await firstRow.waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    const action = firstRow.locator('td.actions a').first();
    const box = await action.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await firstRow.evaluate((row) => getComputedStyle(row).display)).toBe('block');
    // wide screens keep the table
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await firstRow.evaluate((row) => getComputedStyle(row).display)).toBe('table-row');

    await page.setViewportSize(PHONE);
    await page.goto('/report/import');
    await page.locator('main h1').waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
  });
});

describe('small breaks', () => {
  it('sends a signed-out deep link to sign-in before any screen asks for data', async () => {
    const page = await app.newPage();
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) refused.push(response.url());
    });
    const asked: string[] = [];
    page.on('request', (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/v1/') && path !== '/api/v1/auth/me') asked.push(path);
    });
    await page.goto('/pages?scheme=legacy63&q=hagiang');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/pages?scheme=legacy63&q=hagiang');
    await page.locator('form.sign-in').waitFor();
    expect(refused).toEqual([]);
    expect(asked).toEqual([]);
    await signIn(page, 'central');
    await page.waitForURL((url) => url.pathname === '/pages');
  });

  it('says an unknown address is not found, with a link home, in both languages', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/khong-co-trang-nay');
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Không tìm thấy trang này');
    expect(await page.locator('main').innerText()).toContain('/khong-co-trang-nay');
    expect(page.url()).toContain('/khong-co-trang-nay');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Page not found');
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it.each(['/map?scheme=legacy63&asOf=2022-08-12', '/snapshots?scheme=legacy63&asOf=2022-08-12', '/report'])(
    'logs no warning or error on %s (no HydrateFallback warning, no CSP eval violation)',
    async (path) => {
      const page = await app.newPage();
      await page.goto('/sign-in');
      await signIn(page, 'central');
      const logged: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => logged.push(`pageerror: ${error.message}`));
      // a fresh load, as from a link: the router's first render and the lazy screen
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(logged).toEqual([]);
    },
  );
});
