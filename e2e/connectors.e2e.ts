/**
 * Connectors in the browser: an admin adds a credential and checks the connection, central staff
 * start "collect now" against the platform stand-ins, watch the progress, and find the collected
 * figures with their source in a page's details.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FACEBOOK_TOKEN, DEMO_YOUTUBE_KEY } from '../apps/api/src/connectors/stand-ins';
import { seriousA11yViolations, startAppWithStandIns, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startAppWithStandIns();
});
afterAll(async () => {
  await app?.stop();
});

describe('connectors', () => {
  it('an admin adds credentials and checks the connection; the token is never shown again', async () => {
    const page = await app.signedInPage('admin');
    await page.goto('/connectors');
    await page.getByRole('heading', { name: 'Thu thập số liệu tự động' }).waitFor();
    const form = page.locator('form.credential-form');
    await form.getByLabel('Tên gọi').fill('Tài khoản doanh nghiệp MTTQ');
    await form.getByLabel('Mã truy cập (access token)').fill(DEMO_FACEBOOK_TOKEN);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByRole('status').filter({ hasText: 'Đã lưu thông tin xác thực' }).waitFor();
    await form.getByLabel('Loại thông tin').selectOption('api_key');
    await form.getByLabel('Tên gọi').fill('Dự án Google Cloud');
    await form.getByLabel('Khóa API').fill(DEMO_YOUTUBE_KEY);
    await form.getByRole('button', { name: 'Lưu' }).click();
    const row = page.locator('table.credentials tbody tr', { hasText: 'Tài khoản doanh nghiệp MTTQ' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await row.getByText('Kết nối được').waitFor();
    await page.locator('table.credentials tbody tr', { hasText: 'Dự án Google Cloud' }).waitFor();
    expect(await page.content()).not.toContain(DEMO_FACEBOOK_TOKEN);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('central staff collect now, watch the progress and see the collected figures with their source', { timeout: 300_000 }, async () => {
    const page = await app.signedInPage('central');
    await page.goto('/connectors');
    // Central staff run collections but do not see credentials.
    await page.getByRole('heading', { name: 'Thu thập ngay' }).waitFor();
    expect(await page.locator('table.credentials').count()).toBe(0);
    await page.getByRole('button', { name: 'Thu thập ngay' }).click();
    const progress = page.locator('.run-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 5_000 }).toBeTruthy();
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add((await progress.locator('.run-counts').innerText()).split(':')[0]!);
          return progress.getAttribute('data-status');
        },
        { timeout: 280_000, interval: 500 },
      )
      .toBe('finished');
    expect(await progress.innerText()).toMatch(/Đã thu thập xong số liệu tháng/);
    // The server's summary of the run, written in the user's language.
    expect(await progress.innerText()).toMatch(/\d+ trang đã lấy, \d+ bỏ qua, \d+ lỗi/);
    // The counter moved while the run went on (polled progress), and the failures list is there.
    expect(seen.size).toBeGreaterThan(1);
    await page.getByRole('heading', { name: /Trang lỗi/ }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A Facebook page's details: the month just collected says where its figures came from.
    const id = await page.evaluate(async () => {
      const answer = await fetch('/api/v1/pages?platform=facebook&status=live&limit=1').then((r) => r.json());
      return answer.items[0].id as number;
    });
    await page.goto(`/pages?id=${id}`);
    const dialog = page.locator('dialog.page-dialog');
    const collected = dialog.locator('table.monthly-figures tbody tr[data-source="collected"]').first();
    await collected.waitFor();
    expect(await collected.locator('.figure-source').innerText()).toMatch(/^Thu thập từ Facebook lúc/);
    expect(await collected.locator('td.num').first().innerText()).toMatch(/^\d[\d.]*/);
    expect(app.offsiteRequests).toEqual([]);
  });
});
