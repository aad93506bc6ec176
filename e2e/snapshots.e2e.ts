import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLines, downloadBytes, hasUtf8Bom } from './downloads';
import { seriousA11yViolations, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());


/** Polls that wait for the server's work (publishing freezes four answers) get more than the default second. */
const SLOW = { timeout: 20_000 };

const NAME = 'Hội nghị trực tuyến toàn quốc 12/08/2022';
const item = (page: Page, name = NAME) => page.locator('.snapshot-item', { hasText: name });
const publishHeading = (page: Page) => page.getByRole('heading', { name: 'Công bố bản chốt số liệu' });

async function openList(page: Page, search = ''): Promise<void> {
  await page.goto(`/snapshots${search}`);
  await page.getByRole('heading', { name: 'Các bản chốt đã công bố' }).waitFor();
  await expect.poll(() => page.locator('.snapshot-list').innerText(), SLOW).not.toContain('Đang tải…');
}

describe('frozen snapshots', () => {
  let snapshotId = '';

  it('central staff publish a named, dated snapshot from the form, and the list shows its frozen headline', async () => {
    const page = await app.signedInPage('central');
    await openList(page, '?scheme=legacy63&asOf=2022-08-12');
    expect(await page.locator('.snapshot-list').innerText()).toContain('Chưa có bản chốt số liệu nào.');

    // the form starts from the dashboard view in the URL
    expect(await page.getByLabel('Cơ cấu hành chính').inputValue()).toBe('legacy63');
    expect(await page.getByLabel('Số liệu đến ngày').inputValue()).toBe('12/08/2022');

    // the shared schema's checks, named next to their field before anything is sent
    await page.getByRole('button', { name: 'Công bố bản chốt' }).click();
    await expect.poll(() => page.locator('.publish-form').innerText()).toContain('Hãy đặt tên cho bản chốt, ví dụ theo tên hội nghị.');
    expect(await page.getByLabel('Tên bản chốt').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');

    await page.getByLabel('Tên bản chốt').fill(NAME);
    await page.getByRole('button', { name: 'Công bố bản chốt' }).click();
    await expect.poll(() => page.locator('.publish-status').innerText(), SLOW).toContain(`Đã công bố bản chốt «${NAME}».`);
    expect(await page.getByLabel('Tên bản chốt').inputValue()).toBe('');

    await item(page).waitFor();
    const text = await item(page).innerText();
    expect(text).toContain('63/63 tỉnh, thành');
    expect(text).toContain('548/705 quận, huyện');
    expect(text).toContain('5.777/10.599 xã, phường, thị trấn');
    expect(text).toContain('số liệu đến ngày 12/08/2022');
    expect(text).toContain('người công bố: central');
    expect(text).toContain('Dữ liệu minh họa');
    // central staff publish, only admins delete
    expect(await item(page).getByRole('button', { name: /Xóa/ }).count()).toBe(0);

    const href = await item(page).getByRole('link', { name: `Xem bản chốt ${NAME}` }).getAttribute('href');
    snapshotId = /\/snapshots\/(\d+)$/.exec(href ?? '')?.[1] ?? '';
    expect(snapshotId).not.toBe('');
    expect(await item(page).getByRole('link', { name: `Trình chiếu bản chốt ${NAME}` }).getAttribute('href')).toBe(`/present?snapshot=${snapshotId}`);

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('keeps a snapshot’s figures after new data changes the live dashboard', async () => {
    const page = await app.signedInPage('central');
    // a new Front page, launched on 1 Aug 2022, in a commune of Hà Nội without one on 12 Aug 2022,
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const communes = (await (await page.request.get('/api/v1/coverage?scheme=legacy63&asOf=2022-08-12&level=commune&parent=01')).json()) as {
      rows: Array<{ code: string; name: string; covered: boolean }>;
    };
    const commune = communes.rows.find((row) => !row.covered);
    expect(commune).toBeDefined();
    // imported the way a province sends it: a spreadsheet, a dry run, then the commit
    const csv = `Mã xã,URL,Tên trang,Ngày lập\r\n${commune!.code},https://www.facebook.com/mttq.e2e.snapshot.frozen,Ủy ban MTTQ ${commune!.name},2022-08-01\r\n`;
    const dryRun = await page.request.post('/api/v1/imports/dry-run', {
      headers: { 'x-csrf-token': me.csrfToken },
      // the units are legacy63 ones: the scheme in force (reform34) is the default
      multipart: { file: { name: 'them-trang.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') }, scheme: 'legacy63' },
    });
    expect(dryRun.status()).toBe(200);
    const plan = (await dryRun.json()) as { planId: string; totals: { create: number; error: number } };
    expect(plan.totals).toMatchObject({ create: 1, error: 0 });
    const commit = await page.request.post(`/api/v1/imports/${plan.planId}/commit`, { headers: { 'x-csrf-token': me.csrfToken } });
    expect(commit.status()).toBe(200);

    await page.goto('/?scheme=legacy63&asOf=2022-08-12');
    await expect.poll(() => page.locator('main').innerText(), SLOW).toContain('5.778/10.599');
    // the live overview for the snapshot's scheme and date says the figure was revised, with both numbers
    await expect.poll(() => page.locator('.revision-notice').innerText(), SLOW).toContain('5.777 → 5.778, cập nhật sau khi chốt số liệu 12/08/2022');

    await page.goto(`/snapshots/${snapshotId}`);
    await page.locator('.frozen-banner').waitFor();
    const detail = await page.locator('main').innerText();
    expect(detail).toContain(NAME);
    expect(detail).toContain('Bản chốt số liệu — không thay đổi');
    expect(detail).toContain('Số liệu đến ngày 12/08/2022');
    expect(detail).toContain('người công bố: central');
    expect(detail).toContain('5.777/10.599 xã, phường, thị trấn');
    // the frozen headline keeps 5.777; the revision note beside it gives both numbers
    expect(await page.locator('section[aria-labelledby="frozen-headline-title"]').innerText()).not.toContain('5.778');
    await expect.poll(() => page.locator('.revision-notice').innerText(), SLOW).toContain('Xã, phường, thị trấn có trang: 5.777 → 5.778, cập nhật sau khi chốt số liệu 12/08/2022');
    // the province table and the month-by-month table come from the frozen figures too
    expect(await page.getByRole('region', { name: /Bảng độ phủ theo tỉnh, thành/ }).locator('tbody tr').count()).toBe(63);
    expect(await page.getByRole('region', { name: /Bảng diễn biến theo tháng/ }).innerText()).toContain('12/08/2022');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/present?snapshot=${snapshotId}&slide=2`);
    const slide = page.locator('.slide-frame.current .slide');
    await slide.waitFor();
    const slideText = await slide.innerText();
    expect(slideText).toMatch(/63\/63\s+tỉnh, thành/);
    expect(slideText).toContain('5.777/10.599 xã, phường, thị trấn');
    expect(slideText).not.toContain('5.778');
    expect(slideText).toContain(`Bản chốt «${NAME}»`);
    expect(slideText).toContain('Số liệu đến ngày 12/08/2022');
    // Esc leads back to the snapshot
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === `/snapshots/${snapshotId}`);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('downloads the frozen tables as CSV, titled with the snapshot and its date', async () => {
    const page = await app.signedInPage('central');
    await page.goto(`/snapshots/${snapshotId}`);
    await page.locator('.frozen-banner').waitFor();

    const provinces = await downloadBytes(page, () => page.getByRole('button', { name: 'Tải bảng “Độ phủ theo tỉnh, thành” dạng CSV' }).click());
    expect(provinces.download.suggestedFilename()).toMatch(/^do-phu-theo-tinh-thanh-ban-chot-hoi-nghi-truc-tuyen[a-z-]*_2022-08-12\.csv$/);
    expect(hasUtf8Bom(provinces.bytes)).toBe(true);
    let lines = csvLines(provinces.bytes);
    expect(lines[0]).toBe(`"Độ phủ theo tỉnh, thành — bản chốt «${NAME}»"`);
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành');
    expect(lines[1]).toContain('Dữ liệu minh họa');
    expect(lines[2]).toBe('Mã,"Tỉnh, thành","Trang của tỉnh, thành","Quận, huyện có trang","Tổng số quận, huyện","Xã, phường, thị trấn có trang","Tổng số xã, phường, thị trấn",Tỷ lệ xã có trang (%)');
    expect(lines).toHaveLength(3 + 63);
    // frozen: the page added after publishing is not in it
    expect(lines[3]).toMatch(/^01,Thành phố Hà Nội,(Có|Chưa),30,30,561,579,96.9$/);

    const months = await downloadBytes(page, () => page.getByRole('button', { name: 'Tải bảng “Diễn biến theo tháng” dạng CSV' }).click());
    expect(months.download.suggestedFilename()).toMatch(/^dien-bien-theo-thang-ban-chot-hoi-nghi[a-z-]*_2022-08-12\.csv$/);
    lines = csvLines(months.bytes);
    expect(lines[0]).toBe(`Diễn biến theo tháng — bản chốt «${NAME}»`);
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022');
    expect(lines[2]).toBe('Ngày,"Tỉnh, thành có trang","Tổng số tỉnh, thành","Quận, huyện có trang","Tổng số quận, huyện","Xã, phường, thị trấn có trang","Tổng số xã, phường, thị trấn"');
    expect(lines.length - 3).toBe(await page.getByRole('region', { name: /Bảng diễn biến theo tháng/ }).locator('tbody tr').count());
    expect(lines.at(-1)).toBe('2022-08-12,63,63,548,705,5777,10599');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('shows the list to a province officer without the publish form or the delete button', async () => {
    const page = await app.signedInPage('province-01');
    await openList(page);
    await item(page).waitFor();
    expect(await item(page).innerText()).toContain('5.777/10.599');
    expect(await publishHeading(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Xóa/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lets an admin delete a snapshot after confirming in a dialog, and it disappears', async () => {
    const page = await app.signedInPage('admin');
    await openList(page);
    expect(await publishHeading(page).count()).toBe(1);
    const remove = item(page).getByRole('button', { name: `Xóa bản chốt ${NAME}` });

    // from the keyboard: Enter opens the dialog, Esc cancels it and focus returns to the button
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Xóa bản chốt số liệu?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Bản chốt «${NAME}» sẽ bị xóa`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => remove.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await item(page).count()).toBe(1);

    await remove.click();
    await dialog.getByRole('button', { name: 'Xóa bản chốt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => item(page).count(), SLOW).toBe(0);
    expect(await page.locator('.list-status').innerText()).toBe(`Đã xóa bản chốt «${NAME}».`);
    expect(await page.locator('.snapshot-list').innerText()).toContain('Chưa có bản chốt số liệu nào.');

    // its link now says it is gone
    await page.goto(`/snapshots/${snapshotId}`);
    await expect.poll(() => page.locator('main').innerText(), SLOW).toContain('Không tìm thấy bản chốt số liệu này');
    expect(app.offsiteRequests).toEqual([]);
  });
});
