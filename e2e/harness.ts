/**
 * Browser tests: the built app served by the real server on a copy of a seeded demo database,
 * driven in Debian's headless Chromium through playwright-core. Requests that would leave the
 * machine are refused and recorded, so a test can assert there were none.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startServer, stopServer } from '../apps/api/bench/server-process';
import { startStandIns, type StandIns } from '../apps/api/src/connectors/stand-ins';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for root in a sandbox with a closed network (see the environment notes in DESIGN.md §9). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEMO_PASSWORD = 'demo';

export interface RunningApp {
  url: string;
  browser: Browser;
  /** Addresses the pages tried to reach outside the app's own origin (refused). */
  offsiteRequests: string[];
  /** A fresh browser context (own cookies) at 1366×768, or the size given. */
  newPage(options?: { width?: number; height?: number; locale?: 'vi' | 'en' }): Promise<Page>;
  /** A fresh context, signed in through the sign-in form as `username` (password `demo`). */
  signedInPage(username: string, options?: { width?: number; height?: number }): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts the server on a copy of the seeded demo database and launches Chromium. Call stop() in afterAll. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-run-'));
  const dbPath = join(dir, 'app.db');
  copyFileSync(inject('templateDbPath'), dbPath);
  const server = await startServer(dbPath, { DEMO: '1', DEMO_PASSWORD, COLLECT_DAY: 'off', ...env });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const offsiteRequests: string[] = [];
  const contexts: BrowserContext[] = [];

  const newPage: RunningApp['newPage'] = async (options = {}) => {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1366, height: options.height ?? 768 },
      baseURL: server.url,
    });
    contexts.push(context);
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (target.startsWith(server.url) || target.startsWith('data:') || target.startsWith('blob:')) return route.continue();
      offsiteRequests.push(target);
      return route.abort('blockedbyclient');
    });
    if (options.locale === 'en') await context.addInitScript(() => localStorage.setItem('mttq.locale', 'en'));
    return context.newPage();
  };

  const signedInPage: RunningApp['signedInPage'] = async (username, options) => {
    const page = await newPage(options);
    await page.goto('/sign-in');
    await signIn(page, username);
    return page;
  };

  return {
    url: server.url,
    browser,
    offsiteRequests,
    newPage,
    signedInPage,
    async stop() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await stopServer(server.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the sign-in form on the current page (shown at /sign-in) and waits until it is gone. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  const form = page.locator('form.sign-in');
  await form.waitFor();
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  const login = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'), { timeout: 30_000 }).catch(() => null);
  await form.locator('button[type=submit]').click();
  try {
    await form.waitFor({ state: 'detached' });
  } catch (error) {
    // Say what the page showed: the sign-in's answer, its alert, where the page is.
    const answer = await login;
    const alert = await page.locator('form.sign-in [role=alert]').allInnerTexts();
    throw new Error(`sign-in as ${username} did not leave the form: login answered ${answer ? `${answer.status()} ${await answer.text().catch(() => '')}` : 'nothing'}; alert ${JSON.stringify(alert)}; at ${page.url()}`, { cause: error });
  }
}

/**
 * The drawn chart (its outer <svg>) inside `container`, scrolled to first: the app draws a chart
 * only when it comes near the viewport, as a user scrolling to it would see, and some charts in
 * stages (marked data-drawing until the last).
 */
export async function drawnChart(container: Locator): Promise<Locator> {
  await container.scrollIntoViewIfNeeded();
  const svg = container.locator('.recharts-wrapper > svg').first();
  await svg.waitFor();
  await container.locator('[data-drawing]').waitFor({ state: 'detached' });
  return svg;
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page; answers the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  // evaluate, not an inline <script>: the app's Content-Security-Policy forbids inline scripts
  await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    return run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * The app with the platform stand-ins (loopback ports, in this process) and a fresh CONNECTOR_KEY:
 * FACEBOOK_API_URL, YOUTUBE_API_URL, ZALO_API_URL and ZALO_OAUTH_URL point the server's connectors
 * at them. stop() stops both.
 */
export async function startAppWithStandIns(env: Record<string, string> = {}): Promise<RunningApp & { standIns: StandIns }> {
  const standIns = await startStandIns();
  const app = await startApp({ ...standIns.env, CONNECTOR_KEY: randomBytes(32).toString('base64'), ...env }).catch(async (error: unknown) => {
    await standIns.close();
    throw error;
  });
  return {
    ...app,
    standIns,
    async stop() {
      await app.stop();
      await standIns.close();
    },
  };
}
