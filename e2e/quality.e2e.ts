/**
 * Cross-screen quality checks, the same on every screen, signed in as `central`: a loading state
 * and then content without error panels, no serious or critical axe violation, no horizontal
 * page scroll on a 360 px phone, a visible focus style on every element reached with Tab, no
 * error or warning in the console (React Router, the CSP, React, failed requests), and no request
 * leaving the machine.
 */
import type { Cookie, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startApp, type RunningApp } from './harness';

interface Screen {
  path: string;
  /** The screen asks the API for figures, so it has a loading state to show first. */
  hasData: boolean;
}

const SCREENS: Screen[] = [
  { path: '/', hasData: true },
  { path: '/?scheme=legacy63&asOf=2022-08-12', hasData: true },
  { path: '/map?scheme=legacy63&asOf=2022-08-12', hasData: true },
  { path: '/pages?scheme=legacy63', hasData: true },
  { path: '/province/01?scheme=legacy63', hasData: true },
  { path: '/report', hasData: true },
  { path: '/report/verify', hasData: true },
  { path: '/report/verify?view=duplicates', hasData: true },
  { path: '/report/successors', hasData: true },
  { path: '/sign-in', hasData: false },
];
/** Screens checked for a clean console only: the others the tour above does not open. */
const CONSOLE_ONLY_SCREENS = [
  '/snapshots?scheme=legacy63&asOf=2022-08-12',
  '/timelapse?scheme=legacy63',
  '/report/import',
  '/report/monthly',
  '/report/metrics',
  '/report/pages/new',
  '/report/audit',
  '/present?scheme=legacy63&asOf=2022-08-12',
  '/khong-co-trang-nay',
];
const PHONE = { width: 360, height: 740 };
const TAB_PRESSES = 40;
const SETTLE_TIMEOUT_MS = 20_000;

let app: RunningApp;
let session: Cookie[];
beforeAll(async () => {
  app = await startApp();
  const page = await app.signedInPage('central');
  session = await page.context().cookies();
  await page.context().close();
});
afterAll(() => app?.stop());

const openPages: Page[] = [];
afterEach(async () => {
  await Promise.allSettled(openPages.splice(0).map((page) => page.context().close()));
});

/** Every error and warning each page logged: console messages and uncaught exceptions. */
const consoleLogs = new WeakMap<Page, string[]>();

/** A fresh context carrying central's session cookie (one sign-in for the whole file). */
async function centralPage(size?: { width: number; height: number }): Promise<Page> {
  const page = await app.newPage(size);
  openPages.push(page);
  const logged: string[] = [];
  consoleLogs.set(page, logged);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => logged.push(`uncaught: ${error.message}`));
  await page.context().addCookies(session);
  return page;
}

/** The screen's console once it has settled and its network is quiet. */
async function settledConsole(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  return consoleLogs.get(page) ?? [];
}

/** What a screen shows while its figures load: the shared "Đang tải…" text or a busy region. */
const loadingIndicator = (page: Page) =>
  page.locator('main').locator('[aria-busy="true"], :text-matches("^(Đang tải|Loading)", "i")').filter({ visible: true });
const errorPanels = (page: Page) => page.locator('[role="alert"], .panel.error');

/** Waits until the screen has its heading and nothing is loading any more. */
async function waitForScreen(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
  await expect.poll(() => loadingIndicator(page).count(), { timeout: SETTLE_TIMEOUT_MS }).toBe(0);
}

async function openScreen(path: string, size?: { width: number; height: number }): Promise<Page> {
  const page = await centralPage(size);
  await page.goto(path);
  await waitForScreen(page);
  return page;
}

// ---- focus visibility, run inside the page ----

interface FocusStop {
  element: string;
  visible: boolean;
  /** Focus moved inside an element already judged (a date input's day, month, year and picker). */
  isRepeat: boolean;
}

/** Records every element's unfocused outline and box-shadow, to compare with its focused look. */
function snapshotUnfocusedStyles(): void {
  // Only what is drawn: an outline of style none keeps its width, offset and colour, unseen.
  const look = (el: Element) => {
    const s = getComputedStyle(el);
    const isOutlineDrawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    return `${isOutlineDrawn ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}` : 'no outline'}|${s.boxShadow}`;
  };
  const looks = new WeakMap<Element, string>();
  for (const el of Array.from(document.querySelectorAll('*'))) looks.set(el, look(el));
  Object.assign(window, { __unfocusedLooks: looks, __look: look, __judged: new WeakSet<Element>() });
}

/**
 * The focused element and whether its outline or box-shadow, or that of one of its three
 * nearest ancestors (a label lit by :focus-within around a hidden radio), looks different from
 * unfocused on something that is actually shown. Null when focus left the document's content.
 */
function inspectFocus(): FocusStop | null {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const {
    __unfocusedLooks: looks,
    __look: look,
    __judged: judged,
  } = window as unknown as { __unfocusedLooks: WeakMap<Element, string>; __look: (el: Element) => string; __judged: WeakSet<Element> };
  const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const classes = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
  const attributes = ['type', 'name'].map((a) => (el.hasAttribute(a) ? `[${a}=${el.getAttribute(a)}]` : '')).join('');
  const element = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}${attributes} "${text}"`;
  // The browser draws the focus of a native widget's inner parts itself; the element was judged on arrival.
  if (judged.has(el)) return { element, visible: true, isRepeat: true };
  judged.add(el);
  const isShown = (node: Element) => {
    const rect = node.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return false;
    for (let n: Element | null = node; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (Number(s.opacity) === 0 || s.visibility === 'hidden') return false;
    }
    return true;
  };
  const chain: Element[] = [];
  for (let n: Element | null = el; n && chain.length < 4; n = n.parentElement) chain.push(n);
  const focused = chain.map(look);
  // An element drawn after the snapshot: blur to see its unfocused look, then focus it again.
  const isNew = chain.some((n) => !looks.has(n));
  let unfocused = chain.map((n) => looks.get(n));
  if (isNew && el instanceof HTMLElement) {
    el.blur();
    unfocused = chain.map(look);
    el.focus({ preventScroll: true });
  }
  const visible = chain.some((n, i) => focused[i] !== unfocused[i] && isShown(n));
  return { element, visible, isRepeat: false };
}

/** Presses Tab up to `presses` times and answers every element reached, in order. */
async function walkFocus(page: Page, presses: number): Promise<FocusStop[]> {
  await page.evaluate(snapshotUnfocusedStyles);
  const stops: FocusStop[] = [];
  for (let i = 0; i < presses; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(inspectFocus);
    if (!stop) break;
    if (stop.isRepeat) continue;
    stops.push(stop);
  }
  return stops;
}

describe.each(SCREENS)('$path', ({ path, hasData }) => {
  it('shows a loading state, then its heading and content, without an error panel', async () => {
    const page = await centralPage();
    const held: Route[] = [];
    let isHolding = hasData;
    // Hold the figures (not the session) so the loading state can be seen, then let them through.
    await page.route('**/api/v1/**', (route) => {
      if (!isHolding || new URL(route.request().url()).pathname.startsWith('/api/v1/auth/')) return route.fallback();
      held.push(route);
    });
    await page.goto(path);
    if (hasData) {
      await expect.poll(() => held.length, { timeout: SETTLE_TIMEOUT_MS }).toBeGreaterThan(0);
      await loadingIndicator(page).first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
      isHolding = false;
      await Promise.all(held.splice(0).map((route) => route.fallback()));
    }
    await waitForScreen(page);
    expect((await page.locator('main h1').first().innerText()).trim()).not.toBe('');
    // more than a heading: the screen's own content
    expect((await page.locator('main').innerText()).length).toBeGreaterThan((await page.locator('main h1').first().innerText()).length + 20);
    expect(await errorPanels(page).allInnerTexts()).toEqual([]);
    await expect.poll(() => page.locator('header .session').innerText()).toContain('central');
  });

  it('has no serious or critical axe violation on a desktop and on a phone', async () => {
    const desktop = await openScreen(path);
    expect(await seriousA11yViolations(desktop)).toEqual([]);
    const phone = await openScreen(path, PHONE);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });

  it('does not scroll sideways on a 360 px wide phone', async () => {
    const page = await openScreen(path, PHONE);
    const overflow = await page.evaluate(() => {
      window.scrollTo(200, window.scrollY);
      const root = document.documentElement;
      // the widest elements that stick out, to say what to fix
      const culprits = Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`);
      return { scrollX: window.scrollX, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
    });
    expect(overflow, `page is ${overflow.scrollWidth}px wide; sticking out: ${overflow.culprits.join(', ')}`).toMatchObject({ scrollX: 0 });
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
  });

  it('logs no error or warning in the console, on a desktop and on a phone', async () => {
    expect(await settledConsole(await openScreen(path))).toEqual([]);
    expect(await settledConsole(await openScreen(path, PHONE))).toEqual([]);
  });

  it(`shows a visible focus style on every element reached with ${TAB_PRESSES} presses of Tab`, async () => {
    const page = await openScreen(path);
    const stops = await walkFocus(page, TAB_PRESSES);
    // at least the skip link, the language switch and the main navigation
    expect(stops.length).toBeGreaterThanOrEqual(3);
    expect(stops.filter((stop) => !stop.visible).map((stop) => stop.element)).toEqual([]);
  });
});

describe.each(CONSOLE_ONLY_SCREENS)('%s', (path) => {
  it('logs no error or warning in the console', async () => {
    const page = await centralPage();
    await page.goto(path);
    await page.locator('h1').first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
    expect(await settledConsole(page)).toEqual([]);
  });
});

describe('the whole tour', () => {
  it('never requested anything outside the machine', () => {
    expect(app.offsiteRequests).toEqual([]);
  });
});
