import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnChart, seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

const AUGUST_2022 = '/?scheme=legacy63&asOf=2022-08-12';

/** Waits until every panel of the overview has its figures and both charts are drawn. */
async function waitForOverview(page: Page) {
  await page.locator('.cards .card').first().waitFor();
  await page.locator('.card-change').first().waitFor();
  await expect.poll(() => page.locator('.card-change').allInnerTexts()).not.toContainEqual(expect.stringMatching(/Đang tải|Loading/));
  // the timeline chart is drawn at once; the region chart, further down, when scrolled to
  await drawnChart(page.locator('.timeline-panel figure'));
  await drawnChart(page.locator('section[aria-labelledby="region-title"] figure'));
  expect(await page.locator('.recharts-wrapper').count()).toBe(2);
  await page.locator('.ranking-table').first().waitFor();
}

const cardTexts = (page: Page) => page.locator('.cards .card strong').allInnerTexts();

/** The data table under a figure, by the figure's title. */
const figureTable = (page: Page, title: string) => page.locator('figure.chart-figure', { has: page.getByRole('heading', { name: title }) }).locator('table');

describe('the overview (Tổng quan)', () => {
  it('shows the 12/08/2022 headline as people say it, with the change since the end of July', async () => {
    const page = await app.signedInPage('central');
    await page.goto(AUGUST_2022);
    await waitForOverview(page);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Tổng quan');
    const cards = await cardTexts(page);
    expect(cards[0]).toBe('63/63 tỉnh, thành');
    expect(cards[1]).toMatch(/^\d+\/705 quận, huyện$/);
    expect(cards[2]).toBe('5.777/10.599 xã, phường, thị trấn');
    expect(await page.locator('.cards').innerText()).toContain('54,5% có trang');
    const changes = await page.locator('.card-change').allInnerTexts();
    expect(changes).toHaveLength(3);
    // 63/63 already at the end of July: no change for the provinces
    expect(changes[0]).toBe('Không đổi so với cuối tháng trước (31/07/2022)');
    for (const change of changes.slice(1)) expect(change).toMatch(/^(\+[\d.]+|−[\d.]+|Không đổi) so với cuối tháng trước \(31\/07\/2022\)$/);
    await expect.poll(() => page.locator('.demo-banner').innerText()).toContain('Dữ liệu minh họa');
    expect(app.offsiteRequests).toEqual([]);
  });

  it('has the timeline with the conference marker, the regions and the provinces ahead and behind, each with its table', async () => {
    const page = await app.signedInPage('central');
    await page.goto(AUGUST_2022);
    await waitForOverview(page);

    const timeline = figureTable(page, 'Tỷ lệ đơn vị có trang cộng đồng, lũy kế đến cuối mỗi tháng');
    // the tables sit in closed <details>: read their text, not what is rendered
    const timelineHeaders = await timeline.locator('thead th').allTextContents();
    expect(timelineHeaders.map((h) => h.replace(/\s+/g, ' '))).toEqual([
      'Ngày',
      'Tỉnh, thành có trang (tổng 63)',
      'Quận, huyện có trang (tổng 705)',
      'Xã, phường, thị trấn có trang (tổng 10.599)',
    ]);
    const dates = await timeline.locator('tbody th').allTextContents();
    expect(dates.at(-2)).toBe('31/07/2022');
    expect(dates.at(-1)).toBe('12/08/2022');
    expect((await timeline.locator('tbody tr').last().textContent())?.replace(/\s+/g, ' ')).toContain('5.777 54,5%');
    expect(await page.locator('.timeline-panel figure').innerText()).toContain('12/08/2022 — Hội nghị toàn quốc: 63/63 tỉnh, thành');
    // the marker is drawn on the chart too
    expect(await page.locator('.recharts-wrapper').first().textContent()).toContain('Hội nghị toàn quốc');

    const regions = figureTable(page, 'Tỷ lệ xã có trang theo vùng kinh tế – xã hội');
    expect(await regions.locator('tbody th').allTextContents()).toEqual([
      'Trung du và miền núi phía Bắc',
      'Đồng bằng sông Hồng',
      'Bắc Trung Bộ và duyên hải miền Trung',
      'Tây Nguyên',
      'Đông Nam Bộ',
      'Đồng bằng sông Cửu Long',
    ]);
    // the six regions' provinces add up to 63
    const provinceCounts = await regions.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(provinceCounts.map(Number).reduce((a, b) => a + b, 0)).toBe(63);

    const [ahead, behind] = await page.locator('.ranking-table').all();
    expect(await ahead!.locator('caption').innerText()).toBe('5 tỉnh, thành dẫn đầu');
    expect(await ahead!.locator('tbody tr').count()).toBe(5);
    expect(await behind!.locator('caption').innerText()).toBe('5 tỉnh, thành xếp cuối');
    expect(await behind!.locator('tbody tr td:first-child').allTextContents()).toEqual(['59', '60', '61', '62', '63']);

    // every province name leads to its own screen for the same scheme and date
    const provinceLinks = page.locator('#provinces-title ~ table tbody th a');
    expect(await provinceLinks.count()).toBe(63);
    expect(await provinceLinks.first().getAttribute('href')).toBe('/province/01?scheme=legacy63&asOf=2022-08-12');
    const best = ahead!.locator('tbody th a').first();
    const href = await best.getAttribute('href');
    expect(href).toMatch(/^\/province\/\d{2}\?scheme=legacy63&asOf=2022-08-12$/);
    await best.click();
    await page.waitForURL((url) => url.pathname + url.search === href);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('switches to reform34 from the scheme control: 34 provinces, no districts, the URL says so', async () => {
    const page = await app.signedInPage('central');
    await page.goto(AUGUST_2022);
    await waitForOverview(page);
    await page.locator('.scheme-switch label', { hasText: '34 tỉnh, thành' }).click();
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'reform34');
    await expect.poll(() => cardTexts(page)).toEqual([expect.stringMatching(/^\d+\/34 tỉnh, thành$/), expect.stringMatching(/^[\d.]+\/3\.321 xã, phường, đặc khu$/)]);
    await waitForOverview(page);
    // the reform date is the marker of the reform34 timeline, and it has no district column
    expect(await page.locator('.timeline-panel figure').innerText()).toContain('01/07/2025 — Sắp xếp đơn vị hành chính');
    const headers = await figureTable(page, 'Tỷ lệ đơn vị có trang cộng đồng, lũy kế đến cuối mỗi tháng').locator('thead th').allTextContents();
    // date, provinces, communes, and the basis when the dates reach back before the reform
    expect(headers.filter((header) => header !== 'Cơ sở')).toHaveLength(3);
    const provinceLinks = page.locator('#provinces-title ~ table tbody th a');
    expect(await provinceLinks.count()).toBe(34);
    expect(await provinceLinks.first().getAttribute('href')).toMatch(/^\/province\/01\?scheme=reform34&asOf=\d{4}-\d{2}-\d{2}$/);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('draws the reform34 timeline back-cast before 01/07/2025 with its own legend entry, and says the basis in the table', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/?scheme=reform34');
    await waitForOverview(page);
    const figure = page.locator('.timeline-panel figure');
    await expect.poll(() => figure.locator('.recharts-legend-wrapper').innerText()).toContain('Ước tính qua bảng chuyển đổi (trước 01/07/2025)');
    expect(await figure.locator('.recharts-wrapper > svg').first().innerHTML()).toContain('stroke-dasharray="6 4"');
    expect(await figure.innerText()).toContain('01/07/2025');
    const table = figureTable(page, 'Tỷ lệ đơn vị có trang cộng đồng, lũy kế đến cuối mỗi tháng');
    expect(await table.locator('thead th').last().textContent()).toBe('Cơ sở');
    const basis = await table.locator('tbody tr td:last-child').allTextContents();
    expect(basis[0]).toMatch(/^ước tính, từ [\d.]+ đến [\d.]+$/);
    expect(basis[basis.length - 1]).toBe('ghi nhận');
  });

  it('speaks English after the language switch', async () => {
    const page = await app.signedInPage('central');
    await page.goto(AUGUST_2022);
    await waitForOverview(page);
    // the header's language switch (its accessible name may be its label or its visible text)
    await page.locator('header.top').getByRole('button', { name: /English/ }).click();
    await expect.poll(() => cardTexts(page)).toEqual(['63/63 provinces and cities', expect.stringMatching(/^\d+\/705 districts$/), '5,777/10,599 communes, wards and townships']);
    const overview = await page.locator('.overview').innerText();
    expect(overview).not.toContain('tỉnh, thành');
    expect(overview).toContain('No change since the end of last month (31 Jul 2022)');
    expect(overview).toContain('Coverage over time');
    expect(overview).toContain('Coverage by region');
    expect(overview).toContain('Top 5 provinces');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Overview');
    expect(app.offsiteRequests).toEqual([]);
  });

  for (const locale of ['vi', 'en'] as const) {
    for (const [width, height] of [
      [1366, 768],
      [360, 740],
    ] as const) {
      it(`passes axe and fits the screen in ${locale} at ${width}×${height}`, async () => {
        const page = await app.newPage({ width, height, locale });
        await page.goto('/sign-in');
        await signIn(page, 'central');
        await page.goto(AUGUST_2022);
        await waitForOverview(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(await seriousA11yViolations(page)).toEqual([]);
        // and with every data table open
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(await seriousA11yViolations(page)).toEqual([]);
        expect(app.offsiteRequests).toEqual([]);
      });
    }
  }
});
