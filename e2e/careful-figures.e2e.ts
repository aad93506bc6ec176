import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnChart, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

/** Polls that wait for the server's work (publishing, a first chart) get more than the default second. */
const SLOW = { timeout: 20_000 };

const currentSlide = (page: Page) => page.locator('.slide-frame.current .slide');
const slideNumber = (page: Page) => currentSlide(page).getAttribute('data-slide');

/** Presses a key `times` times within one task, as fast as any hand: no frame is drawn between them. */
function pressAtOnce(page: Page, key: string, times: number): Promise<void> {
  return page.evaluate(
    ([key, times]) => {
      for (let i = 0; i < times; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    },
    [key, times] as const,
  );
}

const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

describe('figures a careful reader checks', () => {
  it('shows on the 12/08/2022 activity slide the figures of July, the last complete month, and says so', async () => {
    const page = await app.signedInPage('central', { width: 1920, height: 1080 });
    const july = (await (await page.request.get('/api/v1/metrics/summary?scheme=legacy63&asOf=2022-07-31')).json()) as { current: { posts: { sum: number }; interactions: { sum: number } } };
    const august = (await (await page.request.get('/api/v1/metrics/summary?scheme=legacy63&asOf=2022-08-31')).json()) as { current: { posts: { sum: number } } };
    expect(july.current.posts.sum).not.toBe(august.current.posts.sum);

    await page.goto('/present?scheme=legacy63&asOf=2022-08-12');
    await currentSlide(page).waitFor();
    const activity = page.locator('.slide-activity');
    const number = await activity.getAttribute('data-slide');
    await page.keyboard.press(number!);
    await expect.poll(() => slideNumber(page)).toBe(number);
    const text = await currentSlide(page).innerText();
    expect(text).toContain('Lượt theo dõi, bài đăng và tương tác: tháng 7/2022 — tháng đủ gần nhất trước ngày 12/08/2022.');
    expect(text).toContain(`${vi(july.current.posts.sum)}\nbài đăng trong tháng 7/2022`);
    expect(text).toContain(`${vi(july.current.interactions.sum)}\nlượt tương tác trong tháng 7/2022`);
    expect(text).not.toContain(vi(august.current.posts.sum));
    // August (whole or as a month) appears nowhere; 12/08/2022 is the date of the figures
    expect(text).not.toMatch(/(?<!\d\/)\b0?8\/2022/);
    expect(text).toContain('Số liệu đến ngày 12/08/2022');
  });

  it('moves one slide for each of many quick arrow presses, forwards and back', async () => {
    const page = await app.signedInPage('central', { width: 1366, height: 768 });
    await page.goto('/present?scheme=legacy63&asOf=2022-08-12&province=01');
    await currentSlide(page).waitFor();
    const total = await page.locator('.slide-frame').count();
    expect(total).toBeGreaterThanOrEqual(10);

    await pressAtOnce(page, 'ArrowRight', total - 1);
    await expect.poll(() => slideNumber(page)).toBe(String(total));
    expect(new URL(page.url()).searchParams.get('slide')).toBe(String(total));
    await pressAtOnce(page, 'ArrowLeft', 4);
    await expect.poll(() => slideNumber(page)).toBe(String(total - 4));
    await pressAtOnce(page, 'ArrowLeft', total);
    await expect.poll(() => slideNumber(page)).toBe('1');
    await pressAtOnce(page, 'ArrowRight', 3);
    await expect.poll(() => slideNumber(page)).toBe('4');
  });

  it('sorts the overview province table by any column, saying the order with aria-sort', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/?scheme=legacy63&asOf=2022-08-12');
    const table = page.locator('table.coverage-table');
    await table.locator('tbody tr').first().waitFor(SLOW);
    const header = (name: string) => table.locator('thead th', { has: page.getByRole('button', { name }) });
    const shares = async () =>
      (await table.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((text) => Number(text.replace(/[<>%]/g, '').replace(',', '.')));
    const names = () => table.locator('tbody tr th').allInnerTexts();
    expect((await names())[0]).toBe('Thành phố Hà Nội');
    expect(await header('Tỷ lệ').getAttribute('aria-sort')).toBeNull();

    await header('Tỷ lệ').getByRole('button').click();
    await expect.poll(() => header('Tỷ lệ').getAttribute('aria-sort')).toBe('descending');
    const descending = await shares();
    expect(descending).toHaveLength(63);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending[62]!);

    await header('Tỷ lệ').getByRole('button').click();
    await expect.poll(() => header('Tỷ lệ').getAttribute('aria-sort')).toBe('ascending');
    const ascending = await shares();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await header('Tỉnh, thành').getByRole('button').click();
    await expect.poll(() => header('Tỉnh, thành').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Tỷ lệ').getAttribute('aria-sort')).toBeNull();
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort(new Intl.Collator('vi').compare));
    // keyboard users sort too: the header is a button
    await header('Tỉnh, thành').getByRole('button').press('Enter');
    await expect.poll(() => header('Tỉnh, thành').getAttribute('aria-sort')).toBe('descending');
  });

  it('warns before publishing the same snapshot name and date twice, and a snapshot’s page draws its charts', async () => {
    const name = 'Giao ban tháng 8/2022';
    const page = await app.signedInPage('central');
    await page.goto('/snapshots?scheme=legacy63&asOf=2022-08-12');
    const form = page.locator('.publish-form');
    await form.getByLabel('Tên bản chốt').fill(name);
    await form.getByRole('button', { name: 'Công bố bản chốt' }).click();
    await expect.poll(() => page.locator('.publish-status').innerText(), SLOW).toContain(`Đã công bố bản chốt «${name}».`);

    await form.getByLabel('Tên bản chốt').fill(name);
    await form.getByRole('button', { name: 'Công bố bản chốt' }).click();
    const warning = form.getByRole('alert');
    await expect.poll(() => warning.innerText(), SLOW).toContain(`Đã có bản chốt «${name}» với số liệu đến ngày 12/08/2022`);
    await expect.poll(() => page.locator('.snapshot-item', { hasText: name }).count()).toBe(1);
    await warning.getByRole('button', { name: 'Vẫn công bố bản mới' }).click();
    await expect.poll(() => page.locator('.snapshot-item', { hasText: name }).count(), SLOW).toBe(2);

    const href = await page.locator('.snapshot-item', { hasText: name }).first().getByRole('link', { name: `Xem bản chốt ${name}` }).getAttribute('href');
    await page.goto(href!);
    const charts = page.locator('.frozen-charts');
    await charts.getByRole('heading', { name: 'Biểu đồ' }).waitFor();
    // each chart is drawn as it is scrolled to
    for (const figure of await charts.locator('.chart-figure').all()) await drawnChart(figure);
    expect(await charts.locator('.chart-figure .recharts-wrapper').count()).toBe(2);
    // each chart keeps its table (folded under the chart): the frozen 12/08/2022 figures
    expect(await charts.innerText()).toContain('12/08/2022');
    expect(await charts.textContent()).toContain('5.777');
  });

  it('names the page, its unit with the province and the snapshot in the audit trail, with ids on hover', async () => {
    const page = await app.signedInPage('central');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const created = await page.request.post('/api/v1/pages', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        platform: 'facebook',
        url: 'https://www.facebook.com/mttq.e2e.audit.names',
        name: 'Ủy ban MTTQ phường Phúc Xá (thử)',
        launchedOn: '2022-03-01',
        unit: { scheme: 'legacy63', code: '00001' },
        confirmSecondFrontPage: true,
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };

    await page.goto('/report/audit?entity=page_status_event');
    const row = page.locator('.audit-table tbody tr').first();
    await row.waitFor(SLOW);
    const cell = row.locator('td').nth(3);
    const text = await cell.innerText();
    expect(text).toContain('Trạng thái trang');
    expect(text).toContain('Ủy ban MTTQ phường Phúc Xá (thử)');
    expect(text).toContain('Thành phố Hà Nội');
    expect(text).not.toMatch(/\b\d{3,}\b/);
    expect(await cell.getByText('Ủy ban MTTQ phường Phúc Xá (thử)').getAttribute('title')).toBe(`Mã: ${id}`);

    // the assignment names the unit the page was given, with its province
    await page.goto(`/report/audit?entity=page_assignment&entityId=${id}/legacy63`);
    const assignment = page.locator('.audit-table tbody tr').first();
    await assignment.waitFor(SLOW);
    const unit = assignment.locator('td').nth(3).getByText('Phường Phúc Xá, Thành phố Hà Nội');
    expect(await unit.getAttribute('title')).toBe('Mã: legacy63:00001');
  });
});
