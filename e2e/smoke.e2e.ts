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

  it('signs in even when the page\'s first "who am I" answer (signed out) arrives after the sign-in', async () => {
    const page = await app.newPage();
    let held = 0;
    // the first /api/auth/me was asked before signing in; hold its "signed out" answer until the sign-in is done
    let releaseFirst: () => void = () => undefined;
    const signedIn = new Promise<void>((resolve) => (releaseFirst = resolve));
    await page.route('**/api/v1/auth/me*', async (route) => {
      if (held++ > 0) return route.continue();
      const response = await route.fetch();
      await signedIn;
      await route.fulfill({ response });
    });
    await page.route('**/api/v1/auth/login', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response });
      releaseFirst();
    });
    await page.goto('/sign-in');
    await page.locator('input[name=username]').fill('central');
    await page.locator('input[name=password]').fill('demo');
    await page.locator('form.sign-in button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('.session').innerText()).toContain('central');
    // the late "signed out" answer has long arrived: the user is still signed in, here and on the next screen
    await page.waitForTimeout(500);
    expect(await page.locator('.session').innerText()).toContain('central');
    await page.locator('.main-nav a[href^="/map"]').click();
    await page.waitForURL((url) => url.pathname === '/map');
    await page.locator('.map-frame path[data-code]').first().waitFor();
    expect(await page.locator('form.sign-in').count()).toBe(0);
  });
});
