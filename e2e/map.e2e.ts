/**
 * The map screen (/map) in a real browser: the tile grid and the bubbles, the measure and mode in
 * the URL, tooltips, keyboard, links to the province, accessibility, the phone width, and the
 * Content-Security-Policy — with and without a configured tile layer.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { csvLines, downloadBytes, hasUtf8Bom, pngSize, svgSize } from './downloads';
import { seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

const MAP_2022 = '/map?scheme=legacy63&asOf=2022-08-12';
const SHAPES = '.map-frame path.leaflet-interactive';

let app: RunningApp;
let page: Page;
/** Every console message of the pages of this file, to find CSP violations. */
const consoleMessages: string[] = [];

/** A fresh page that records its console, signed in as `username`. */
async function signedInPage(username: string, options?: { width?: number; height?: number; locale?: 'vi' | 'en' }): Promise<Page> {
  const p = await app.newPage(options);
  p.on('console', (message) => consoleMessages.push(message.text()));
  await p.goto('/sign-in');
  await signIn(p, username);
  return p;
}


/** Waits for what the page shows after its data arrived (a cold server computes the first answers). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

const legendCounts = async (p: Page) =>
  (await p.locator('.map-legend-count').allInnerTexts()).reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? 0), 0);

beforeAll(async () => {
  app = await startApp();
  page = await signedInPage('central');
});
afterAll(() => app?.stop());

describe('the tile-grid map', () => {
  it('shows the 63 provinces of legacy63 coloured by commune coverage, with a classed legend', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(SHAPES).count()).toBe(63);
    await poll(() => page.locator('h1').innerText()).toBe('Bản đồ');
    expect(await page.locator('.map-tile-label').count()).toBe(63);
    expect(await page.locator('.map-tile-label').allTextContents()).toEqual(expect.arrayContaining(['HN', 'HCM', 'ĐN']));
    expect(await page.locator('.demo-banner').innerText()).toContain('Dữ liệu minh họa');
    expect(await page.locator('.as-of-note').first().innerText()).toBe('Số liệu đến ngày 12/08/2022');

    const legend = page.locator('.map-legend');
    expect(await legend.locator('h3').innerText()).toBe('Tỷ lệ xã, phường, thị trấn có trang');
    expect(await legend.locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('Từ 90% trở lên'),
      expect.stringContaining('Từ 75% đến dưới 90%'),
      expect.stringContaining('Từ 50% đến dưới 75%'),
      expect.stringContaining('Từ 25% đến dưới 50%'),
      expect.stringContaining('Từ 0% đến dưới 25%'),
      expect.stringContaining('Chưa có số liệu'),
    ]);
    expect(await legendCounts(page)).toBe(63);

    // Hà Nội: 561/579 communes (96,9%) is in the darkest class; Hà Giang: 23/193 (11,9%) in the lightest
    expect(await page.locator('path[data-code="01"]').getAttribute('fill')).toBe('#08306b');
    expect(await page.locator('path[data-code="02"]').getAttribute('fill')).toBe('#eff3ff');
    expect(await page.locator('path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 11,9% (23/193)');
    // one tab stop for the whole map
    expect(await page.locator(`${SHAPES}[tabindex="0"]`).count()).toBe(1);
  });

  it('shows a province’s figures when hovered', async () => {
    await page.goto(MAP_2022);
    await page.locator('path[data-code="02"]').hover();
    const tip = page.locator('.leaflet-tooltip.map-tip');
    await poll(() => tip.innerText()).toContain('Tỉnh Hà Giang');
    const text = await tip.innerText();
    expect(text).toContain('Xã, phường, thị trấn có trang\n23/193 (11,9%)');
    expect(text).toContain('Quận, huyện có trang\n3/11 (27,3%)');
    expect(text).toContain('đã xác minh\n19/193 (9,8%)');
  });

  it('changes the measure in the URL and in the legend title', async () => {
    await page.goto(MAP_2022);
    await page.locator('select[name=measure]').selectOption('districtCoverage');
    await page.waitForURL((url) => url.searchParams.get('measure') === 'districtCoverage');
    const url = new URL(page.url());
    expect([url.searchParams.get('scheme'), url.searchParams.get('asOf')]).toEqual(['legacy63', '2022-08-12']);
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ quận, huyện có trang');
    expect(await page.locator('#map-title').innerText()).toBe('Tỷ lệ quận, huyện có trang theo tỉnh, thành');
    await poll(() => page.locator('path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 27,3% (3/11)');

    await page.locator('select[name=measure]').selectOption('verified');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'verified');
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, thị trấn có trang đã xác minh');

    // the link reproduces the view
    await page.goto(`${MAP_2022}&measure=verified`);
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, thị trấn có trang đã xác minh');
    expect(await page.locator('select[name=measure]').inputValue()).toBe('verified');
  });

  it('opens the province when a tile is clicked', async () => {
    await page.goto(MAP_2022);
    await page.locator('path[data-code="01"]').click();
    await page.waitForURL((url) => url.pathname === '/province/01');
    const url = new URL(page.url());
    expect(url.searchParams.get('scheme')).toBe('legacy63');
    expect(url.searchParams.get('asOf')).toBe('2022-08-12');
    await poll(async () => (await page.locator('main').innerText()).trim().length).toBeGreaterThan(0);
  });

  it('can be used with the keyboard: one tab stop, arrows between provinces, Enter opens', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(SHAPES).count()).toBe(63);
    const focusedCode = () => page.evaluate(() => document.activeElement?.getAttribute('data-code') ?? null);
    await page.locator('select[name=measure]').focus();
    // Tab past the mode switch into the map
    for (let i = 0; i < 5 && (await focusedCode()) === null; i++) await page.keyboard.press('Tab');
    expect(await focusedCode()).toBe('12'); // Lai Châu, the first tile in reading order
    await poll(() => page.locator('.leaflet-tooltip.map-tip').innerText()).toContain('Tỉnh Lai Châu');
    // to Hà Nội (col 3, row 3): right of Lai Châu (col 2, row 0) is Lào Cai (col 3); then down three rows
    await page.keyboard.press('ArrowRight');
    expect(await focusedCode()).toBe('10');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCode()).toBe('01');
    expect(await page.locator(`${SHAPES}[tabindex="0"]`).getAttribute('data-code')).toBe('01');
    // Tab leaves the map: no focus trap
    await page.keyboard.press('Tab');
    expect(await focusedCode()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedCode()).toBe('01');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/province/01' && url.searchParams.get('asOf') === '2022-08-12');
  });

  it('lists every province in the table alternative, linked to the province', async () => {
    await page.goto(MAP_2022);
    await page.locator('.map-table summary').click();
    const rows = page.locator('.map-table tbody tr');
    await poll(() => rows.count()).toBe(63);
    expect(await rows.first().innerText()).toBe('Thành phố Hà Nội\t561/579\t96,9%\tTừ 90% trở lên');
    expect(await rows.first().locator('a').getAttribute('href')).toBe('/province/01?scheme=legacy63&asOf=2022-08-12');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the 34 reform34 provinces and offers no district measure there', async () => {
    await page.goto('/map?scheme=reform34&measure=districtCoverage');
    await poll(() => page.locator(SHAPES).count()).toBe(34);
    expect(await page.locator('select[name=measure] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'coverage',
      'active',
      'verified',
    ]);
    expect(await page.locator('select[name=measure]').inputValue()).toBe('coverage');
    expect(await page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, đặc khu có trang');
    expect(await legendCounts(page)).toBe(34);
    // code 82 is Đồng Tháp in reform34 (Tiền Giang in legacy63)
    expect(await page.locator('path[data-code="82"]').getAttribute('aria-label')).toMatch(/^Tỉnh Đồng Tháp: /);
  });

  it('has no serious accessibility violation', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(SHAPES).count()).toBe(63);
    // one tooltip opened and closed, another open
    await page.locator('path[data-code="01"]').hover();
    await page.locator('path[data-code="31"]').hover();
    await poll(() => page.locator('.leaflet-tooltip.map-tip').innerText()).toContain('Hải Phòng');
    expect(await page.locator('.leaflet-tooltip.map-tip').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // with the keyboard on the map
    await page.locator(`${SHAPES}[tabindex="0"]`).focus();
    await page.keyboard.press('ArrowDown');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('map downloads', () => {
  const MAP_TITLE = 'Tỷ lệ xã, phường, thị trấn có trang theo tỉnh, thành';
  const FILE = 'ty-le-xa-phuong-thi-tran-co-trang-theo-tinh-thanh_2022-08-12';
  const mapToolbar = () => page.getByRole('group', { name: `Tải bản đồ “${MAP_TITLE}”` });

  it('downloads the map as SVG: the tile grid with its legend, title and as-of date', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(SHAPES).count()).toBe(63);
    const { download, bytes } = await downloadBytes(page, () => mapToolbar().getByRole('button', { name: `Tải bản đồ “${MAP_TITLE}” dạng SVG` }).click());
    expect(download.suggestedFilename()).toBe(`${FILE}.svg`);
    const svg = bytes.toString('utf8');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain(MAP_TITLE);
    expect(svg).toContain('Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành — có cấp huyện');
    expect(svg).toContain('Dữ liệu minh họa');
    expect(svg).toContain('>HN<');
    expect(svg).toContain('Từ 90% trở lên');
    expect(svg.match(/<rect [^>]*stroke-width="0.6"/g)?.length).toBeGreaterThanOrEqual(63);
    expect(svgSize(svg).width).toBeGreaterThan(300);
  });

  it('downloads the map as a PNG at twice the SVG size', async () => {
    const svg = (await downloadBytes(page, () => mapToolbar().getByRole('button', { name: /dạng SVG$/ }).click())).bytes.toString('utf8');
    const size = svgSize(svg);
    const { download, bytes } = await downloadBytes(page, () => mapToolbar().getByRole('button', { name: `Tải bản đồ “${MAP_TITLE}” dạng PNG` }).click());
    expect(download.suggestedFilename()).toBe(`${FILE}.png`);
    expect(pngSize(bytes)).toEqual({ width: 2 * size.width, height: 2 * size.height });
    await poll(() => mapToolbar().getByRole('status').innerText()).toBe(`Đã tải tệp ${FILE}.png.`);
  });

  it('downloads the table as CSV: a BOM, the as-of date and every province with raw figures', async () => {
    const { download, bytes } = await downloadBytes(page, () => page.getByRole('button', { name: 'Tải bảng “Tỷ lệ xã, phường, thị trấn có trang” dạng CSV' }).click());
    expect(download.suggestedFilename()).toBe(`${FILE}.csv`);
    expect(hasUtf8Bom(bytes)).toBe(true);
    const lines = csvLines(bytes);
    expect(lines[0]).toBe(`"${MAP_TITLE}"`);
    expect(lines[1]).toContain('Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành');
    expect(lines[2]).toBe('Mã,"Tỉnh, thành","Xã, phường, thị trấn có trang","Tổng số xã, phường, thị trấn",Tỷ lệ (%),Nhóm');
    expect(lines).toHaveLength(3 + 63);
    expect(lines).toContain('01,Thành phố Hà Nội,561,579,96.9,Từ 90% trở lên');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('the bubble map', () => {
  it('places circles at the provinces, with no base map and no download', async () => {
    await page.goto(MAP_2022);
    await page.getByText('Vòng tròn theo vị trí').click();
    await page.waitForURL((url) => url.searchParams.get('mode') === 'bubbles' && url.searchParams.get('asOf') === '2022-08-12');
    await poll(() => page.locator('.map-bubbles path.leaflet-interactive').count()).toBe(63);
    expect(await page.locator('.leaflet-tile, .leaflet-tile-pane img').count()).toBe(0);
    expect(await page.locator('.map-side').innerText()).toContain('Chưa cấu hình bản đồ nền');
    expect(await page.locator('.map-bubble-key li').allInnerTexts()).toEqual(['100 xã, phường, thị trấn', '200 xã, phường, thị trấn', '500 xã, phường, thị trấn']);
    // Hà Nội has the most communes, so the largest circle
    const radius = (code: string) => page.locator(`path[data-code="${code}"]`).evaluate((el) => (el as SVGGraphicsElement).getBBox().width / 2);
    expect(await radius('01')).toBeCloseTo(22, 0);
    expect(await radius('01')).toBeGreaterThan(await radius('48'));

    await page.locator('path[data-code="02"]').hover();
    await poll(() => page.locator('.leaflet-tooltip.map-tip').innerText()).toContain('Tỉnh Hà Giang');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('path[data-code="79"]').click();
    await page.waitForURL((url) => url.pathname === '/province/79');
  });

  it('switches back to the grid, keeping the measure', async () => {
    await page.goto(`${MAP_2022}&mode=bubbles&measure=active`);
    await poll(() => page.locator('.map-bubbles path.leaflet-interactive').count()).toBe(63);
    await page.getByText('Lưới ô vuông').click();
    await page.waitForURL((url) => !url.searchParams.has('mode') && url.searchParams.get('measure') === 'active');
    await poll(() => page.locator('.map-grid path.leaflet-interactive').count()).toBe(63);
  });
});

describe('on a phone and in English', () => {
  it('fits a 360 px wide screen without horizontal page scroll, in both modes', async () => {
    const phone = await signedInPage('central', { width: 360, height: 740 });
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await phone.goto(MAP_2022);
    await poll(() => phone.locator(SHAPES).count()).toBe(63);
    expect(await overflow()).toBe(0);
    // a tooltip near the right edge stays on the page
    await phone.locator('path[data-code="22"]').hover();
    await poll(() => phone.locator('.leaflet-tooltip.map-tip').count()).toBe(1);
    expect(await overflow()).toBe(0);
    await phone.locator('.map-table summary').click();
    expect(await overflow()).toBe(0);
    await phone.goto(`${MAP_2022}&mode=bubbles`);
    await poll(() => phone.locator(SHAPES).count()).toBe(63);
    expect(await overflow()).toBe(0);
    expect(await seriousA11yViolations(phone)).toEqual([]);
  });

  it('translates the map screen', async () => {
    const english = await signedInPage('central', { locale: 'en' });
    await english.goto(MAP_2022);
    await poll(() => english.locator('.map-legend h3').innerText()).toBe('Share of communes, wards and townships with a page');
    expect(await english.locator('.map-legend li').first().innerText()).toContain('90% and above');
    expect(await english.locator('path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 11.9% (23/193)');
    expect(await english.locator('h1').innerText()).toBe('Map');
  });
});

describe('what leaves the machine', () => {
  it('requested nothing outside the app and broke no Content-Security-Policy', async () => {
    const response = await page.goto(MAP_2022);
    expect(response?.headers()['content-security-policy']).toContain("img-src 'self' data: blob:;");
    await poll(() => page.locator(SHAPES).count()).toBe(63);
    expect(app.offsiteRequests).toEqual([]);
    expect(consoleMessages.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
  });
});

/** What the tile test uses of the server's modules (loaded at run time: see below). */
interface ServerModules {
  createApp(options: { db: unknown; webDist: string; webConfig: { mapTileUrl: string; mapTileAttribution: string } }): { fetch: (request: Request) => Response | Promise<Response> };
  openDatabase(path: string): { close(): void };
}

/**
 * The server's modules, imported by URL so that this file's DOM typings do not type-check the
 * whole API (its Node typings of Headers differ); tsx-free, vitest transpiles them.
 */
async function importServerModules(): Promise<ServerModules> {
  const app = (await import(new URL('../apps/api/src/app.ts', import.meta.url).href)) as Pick<ServerModules, 'createApp'>;
  const connection = (await import(new URL('../apps/api/src/db/connection.ts', import.meta.url).href)) as Pick<ServerModules, 'openDatabase'>;
  return { createApp: app.createApp, openDatabase: connection.openDatabase };
}

describe('with a tile layer configured', () => {
  const TILE_URL = 'https://tiles.example.test/{z}/{x}/{y}.png';
  let db: { close(): void };
  let server: ServerType;
  let dir: string;
  let baseUrl: string;

  beforeAll(async () => {
    // The real app over a copy of the demo database, as start-up builds it with MAP_TILE_URL set
    // (in this process: the harness's server takes no tile settings).
    const { createApp, openDatabase } = await importServerModules();
    dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-map-tiles-'));
    copyFileSync(inject('templateDbPath'), join(dir, 'app.db'));
    db = openDatabase(join(dir, 'app.db'));
    const webDist = fileURLToPath(new URL('../apps/web/dist', import.meta.url));
    const tilesApp = createApp({ db, webDist, webConfig: { mapTileUrl: TILE_URL, mapTileAttribution: '© Bản đồ thử nghiệm' } });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: tilesApp.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        baseUrl = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the tiles under the bubbles only, allowed by the CSP, and never on the grid', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: baseUrl });
    const tileRequests: string[] = [];
    const messages: string[] = [];
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (target.startsWith(baseUrl)) return route.continue();
      // the tile server is not reachable here: record and refuse
      tileRequests.push(target);
      return route.abort('blockedbyclient');
    });
    try {
      const p = await context.newPage();
      p.on('console', (message) => messages.push(message.text()));
      await p.goto('/sign-in');
      await signIn(p, 'central');

      const grid = await p.goto(MAP_2022);
      expect(grid?.headers()['content-security-policy']).toContain("img-src 'self' data: blob: https://tiles.example.test;");
      await poll(() => p.locator(SHAPES).count()).toBe(63);
      expect(tileRequests).toEqual([]);

      await p.goto(`${MAP_2022}&mode=bubbles`);
      await poll(() => p.locator(SHAPES).count()).toBe(63);
      await poll(() => p.locator('.leaflet-tile').count()).toBeGreaterThan(0);
      await poll(() => tileRequests.length).toBeGreaterThan(0);
      expect(tileRequests.every((url) => /^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
      expect(await p.locator('.leaflet-control-attribution').innerText()).toContain('© Bản đồ thử nghiệm');
      expect(await p.locator('.map-side').innerText()).not.toContain('Chưa cấu hình bản đồ nền');
      expect(messages.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
