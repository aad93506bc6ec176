import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

describe('sign-in and the overview', () => {
  it('sends a signed-out visitor to sign-in and back to the view they asked for', async () => {
    const page = await app.newPage();
    await page.goto('/?scheme=legacy63&asOf=2022-08-12');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.locator('input[name=username]').fill('central');
    await page.locator('input[name=password]').fill('demo');
    await page.locator('form.sign-in button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('asOf') === '2022-08-12');
    await expect.poll(() => page.locator('.cards').innerText()).toContain('63/63 tỉnh, thành');
    expect(app.offsiteRequests).toEqual([]);
  });
});
