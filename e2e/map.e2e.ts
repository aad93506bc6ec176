/**
 * The map screen (/map) in a real browser: the province map (the default), the tile grid and the
 * bubbles, the measure and mode in the URL, the Hoàng Sa and Trường Sa archipelagos and the
 * boundary credit, tooltips, keyboard, links to the province, accessibility, the phone width, and
 * the Content-Security-Policy — with and without a configured tile layer; and the province
 * screen's unit squares.
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
const GRID_2022 = `${MAP_2022}&mode=grid`;
/** The provinces of whichever map is drawn: the province map's paths or Leaflet's tiles and bubbles. */
const SHAPES = '.map-frame path[data-code]';
const PROVINCE_SHAPES = '.province-map path[data-code]';
const GRID_SHAPES = '.map-grid path.leaflet-interactive';
/** The map screen's class colours, lightest first (map-data.ts CLASS_COLORS), by the table's class text. */
const CLASS_FILLS: Record<string, string> = {
  'Từ 0% đến dưới 25,0%': '#eff3ff',
  'Từ 25,0% đến dưới 50,0%': '#bdd7e7',
  'Từ 50,0% đến dưới 75,0%': '#6baed6',
  'Từ 75,0% đến dưới 90,0%': '#2171b5',
  'Từ 90,0% trở lên': '#08306b',
};

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

/**
 * A point of a province's shape that the browser hits (its box's centre may fall on a
 * neighbour, a bubble under another), in the page's pixels.
 */
async function shapePoint(p: Page, code: string, map = '.province-map'): Promise<{ x: number; y: number }> {
  const shape = p.locator(`${map} path[data-code="${code}"]`);
  await shape.scrollIntoViewIfNeeded();
  const point = await shape.evaluate((path) => {
    const box = path.getBoundingClientRect();
    for (let i = 1; i < 24; i++) {
      for (let j = 1; j < 24; j++) {
        const x = box.left + (box.width * i) / 24;
        const y = box.top + (box.height * j) / 24;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error(`no visible point of province ${code}`);
  return point;
}

async function clickShape(p: Page, code: string, map = '.province-map'): Promise<void> {
  const { x, y } = await shapePoint(p, code, map);
  await p.mouse.click(x, y);
}

async function hoverShape(p: Page, code: string, map = '.province-map'): Promise<void> {
  const { x, y } = await shapePoint(p, code, map);
  await p.mouse.move(x, y);
}

const legendCounts = async (p: Page) =>
  (await p.locator('.map-legend-count').allInnerTexts()).reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? 0), 0);

beforeAll(async () => {
  app = await startApp();
  page = await signedInPage('central');
});
afterAll(() => app?.stop());

describe('the province map', () => {
  it('shows the 63 provinces of legacy63 within their boundaries, each coloured by its figure in the table', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    await poll(() => page.locator('h1').innerText()).toBe('Bản đồ');
    expect(await page.locator('.map-mode label.selected').innerText()).toBe('Bản đồ tỉnh, thành');
    expect(await page.locator('.demo-banner').innerText()).toContain('Dữ liệu minh họa');
    expect(await page.locator('.as-of-note').first().innerText()).toBe('Số liệu đến ngày 12/08/2022');
    expect(await legendCounts(page)).toBe(63);

    // every row of the table alternative: its class decides its province's fill on the map
    await page.locator('.map-table summary').click();
    const rows = await page.locator('.map-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ code: /\/province\/(\d+)/.exec(tr.querySelector('a')?.getAttribute('href') ?? '')?.[1] ?? '', cells: Array.from(tr.children).map((c) => (c.textContent ?? '').trim()) })),
    );
    expect(rows).toHaveLength(63);
    const fills = Object.fromEntries(await page.locator(PROVINCE_SHAPES).evaluateAll((paths) => paths.map((p) => [p.getAttribute('data-code'), p.getAttribute('fill')])));
    expect(Object.keys(fills).sort()).toEqual(rows.map((r) => r.code).sort());
    for (const { code, cells } of rows) expect({ code, fill: fills[code] }).toEqual({ code, fill: CLASS_FILLS[cells[3]!] });
    // Hà Nội 561/579 (96,9%) is in the darkest class, Hà Giang 23/193 (11,9%) in the lightest
    expect(rows.find((r) => r.code === '01')?.cells).toEqual(['Thành phố Hà Nội', '561/579', '96,9%', 'Từ 90,0% trở lên']);
    expect(fills['01']).toBe('#08306b');
    expect(fills['02']).toBe('#eff3ff');
    expect(await page.locator('.map-frame path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 11,9% (23/193)');
    // one tab stop for the whole map
    expect(await page.locator(`${PROVINCE_SHAPES}[tabindex="0"]`).count()).toBe(1);
  });

  it('names the Hoàng Sa and Trường Sa archipelagos with their provinces and credits the boundaries', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    const words = (await page.locator('.province-map text').allTextContents()).join(' | ');
    expect(words).toContain('Quần đảo Hoàng Sa(Đà Nẵng)');
    expect(words).toContain('Quần đảo Trường Sa(Khánh Hòa)');
    // both within the drawing, beside the mainland
    const boxes = await page.locator('.province-map .map-archipelago text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    const frame = await page.locator('.province-map').evaluate((svg) => svg.getBoundingClientRect().toJSON() as DOMRect);
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom).toBe(true);
    expect(await page.locator('.map-side').innerText()).toContain('Quần đảo Hoàng Sa thuộc thành phố Đà Nẵng; quần đảo Trường Sa thuộc tỉnh Khánh Hòa.');
    expect(await page.locator('.map-credit').innerText()).toBe('Ranh giới: geoBoundaries (CC BY-SA 4.0), Cục Đo đạc và Bản đồ qua Open Development Mekong, năm 2016; đã đơn giản hóa.');
    // legacy63 provinces are drawn apart: Quảng Ngãi and Kon Tum are two shapes
    expect(await page.locator('.map-frame path[data-code="62"]').count()).toBe(1);
  });

  it('shows a province’s figures when hovered, inside the panel', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    await page.locator('.map-frame path[data-code="02"]').hover();
    const tip = page.locator('.map-svg-tip');
    await poll(() => tip.innerText()).toContain('Tỉnh Hà Giang');
    const text = await tip.innerText();
    expect(text).toContain('Xã, phường, thị trấn có trang\n23/193 (11,9%)');
    expect(text).toContain('Quận, huyện có trang\n3/11 (27,3%)');
    expect(text).toContain('đã xác minh\n19/193 (9,8%)');
    // Hà Nội, near the top of the map: the whole tooltip on screen and inside the panel
    await hoverShape(page, '01');
    await poll(() => tip.innerText()).toContain('Thành phố Hà Nội');
    const [tipBox, panel] = await Promise.all([tip.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect), page.locator('.map-panel').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect)]);
    expect(tipBox.left).toBeGreaterThanOrEqual(panel.left);
    expect(tipBox.right).toBeLessThanOrEqual(panel.right);
    expect(tipBox.top).toBeGreaterThanOrEqual(Math.max(0, panel.top));
  });

  it('opens Quảng Ngãi when clicked, in the scheme in force (reform34) by default', async () => {
    await page.goto('/map');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(34);
    expect(await page.locator('.map-frame path[data-code="51"]').getAttribute('aria-label')).toMatch(/^Tỉnh Quảng Ngãi: /);
    await clickShape(page, '51');
    await page.waitForURL((url) => url.pathname === '/province/51');
    expect(new URL(page.url()).searchParams.get('scheme')).toBe('reform34');
    await poll(() => page.locator('h1').innerText()).toBe('Tỉnh Quảng Ngãi');
  });

  it('opens the province of a legacy63 date at that date', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    await clickShape(page, '01');
    await page.waitForURL((url) => url.pathname === '/province/01');
    const url = new URL(page.url());
    expect([url.searchParams.get('scheme'), url.searchParams.get('asOf')]).toEqual(['legacy63', '2022-08-12']);
  });

  it('can be used with the keyboard: one tab stop, arrows between provinces, Enter opens', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    const focusedCode = () => page.evaluate(() => document.activeElement?.getAttribute('data-code') ?? null);
    await page.locator('select[name=measure]').focus();
    for (let i = 0; i < 6 && (await focusedCode()) === null; i++) await page.keyboard.press('Tab');
    const first = await focusedCode();
    expect(first).not.toBeNull();
    await poll(() => page.locator('.map-svg-tip').innerText()).toContain('Tỉnh');
    // down the country: each arrow moves to another province, further south
    const seen = [first];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowDown');
      seen.push(await focusedCode());
    }
    expect(new Set(seen).size).toBe(5);
    expect(await page.locator(`${PROVINCE_SHAPES}[tabindex="0"]`).getAttribute('data-code')).toBe(seen.at(-1));
    // Escape hides the tooltip
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.map-svg-tip').count()).toBe(0);
    // Tab leaves the map: no focus trap
    await page.keyboard.press('Tab');
    expect(await focusedCode()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedCode()).toBe(seen.at(-1));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/province/${seen.at(-1)}` && url.searchParams.get('asOf') === '2022-08-12');
  });

  it('changes the measure in the URL and in the legend title', async () => {
    await page.goto(MAP_2022);
    await page.locator('select[name=measure]').selectOption('districtCoverage');
    await page.waitForURL((url) => url.searchParams.get('measure') === 'districtCoverage');
    const url = new URL(page.url());
    expect([url.searchParams.get('scheme'), url.searchParams.get('asOf')]).toEqual(['legacy63', '2022-08-12']);
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ quận, huyện có trang');
    expect(await page.locator('#map-title').innerText()).toBe('Tỷ lệ quận, huyện có trang theo tỉnh, thành');
    await poll(() => page.locator('.map-frame path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 27,3% (3/11)');

    await page.locator('select[name=measure]').selectOption('verified');
    await page.waitForURL((u) => u.searchParams.get('measure') === 'verified');
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, thị trấn có trang đã xác minh');

    // the link reproduces the view
    await page.goto(`${MAP_2022}&measure=verified`);
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, thị trấn có trang đã xác minh');
    expect(await page.locator('select[name=measure]').inputValue()).toBe('verified');
  });

  it('lists every province in the table alternative, linked to the province', async () => {
    await page.goto(MAP_2022);
    await page.locator('.map-table summary').click();
    const rows = page.locator('.map-table tbody tr');
    await poll(() => rows.count()).toBe(63);
    expect(await rows.first().innerText()).toBe('Thành phố Hà Nội\t561/579\t96,9%\tTừ 90,0% trở lên');
    expect(await rows.first().locator('a').getAttribute('href')).toBe('/province/01?scheme=legacy63&asOf=2022-08-12');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the 34 reform34 provinces dissolved from the 63, and offers no district measure there', async () => {
    await page.goto('/map?scheme=reform34&measure=districtCoverage');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(34);
    expect(await page.locator('select[name=measure] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'coverage',
      'active',
      'verified',
      'withoutPage',
    ]);
    expect(await page.locator('select[name=measure]').inputValue()).toBe('coverage');
    expect(await page.locator('.map-legend h3').innerText()).toBe('Tỷ lệ xã, phường, đặc khu có trang');
    expect(await legendCounts(page)).toBe(34);
    // code 82 is Đồng Tháp in reform34 (Tiền Giang in legacy63); Kon Tum is part of Quảng Ngãi
    expect(await page.locator('.map-frame path[data-code="82"]').getAttribute('aria-label')).toMatch(/^Tỉnh Đồng Tháp: /);
    expect(await page.locator('.map-frame path[data-code="62"]').count()).toBe(0);
    expect(await page.locator('.map-credit').innerText()).toContain('34 tỉnh, thành ghép từ 63 theo Nghị quyết 202/2025/QH15');
  });

  it('has no serious accessibility violation', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    await page.locator('.map-frame path[data-code="02"]').hover();
    await poll(() => page.locator('.map-svg-tip').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator(`${PROVINCE_SHAPES}[tabindex="0"]`).focus();
    await page.keyboard.press('ArrowDown');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('the tile-grid map', () => {
  it('shows the 63 provinces of legacy63 as equal tiles with their short names, and the archipelagos', async () => {
    await page.goto(GRID_2022);
    await poll(() => page.locator(GRID_SHAPES).count()).toBe(63);
    expect(await page.locator('.map-tile-label:not(.map-tile-archipelago)').count()).toBe(63);
    const names = await page.locator('.map-tile-label').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Hà Nội', 'Đà Nẵng', 'Quảng Ngãi', 'Khánh Hòa', 'Bà Rịa -Vũng Tàu']));
    expect(names).toEqual(expect.arrayContaining(['Quần đảoHoàng Sa(Đà Nẵng)', 'Quần đảoTrường Sa(Khánh Hòa)']));
    // the archipelagos take their province's colour; Hà Nội in the darkest class
    expect(await page.locator('.map-frame path[data-code="01"]').getAttribute('fill')).toBe('#08306b');
    expect(await page.locator('.map-frame path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 11,9% (23/193)');
    expect(await page.locator(`${GRID_SHAPES}[tabindex="0"]`).count()).toBe(1);
    expect(await legendCounts(page)).toBe(63);
    // a name fits its tile
    const overflowing = await page.locator('.map-tile-label:not(.map-tile-archipelago)').evaluateAll((texts) => {
      const tiles = Array.from(document.querySelectorAll('.map-grid path.leaflet-interactive')).map((p) => p.getBoundingClientRect());
      return texts.filter((t) => {
        const box = t.getBoundingClientRect();
        const cx = (box.left + box.right) / 2;
        const cy = (box.top + box.bottom) / 2;
        const tile = tiles.find((r) => cx > r.left && cx < r.right && cy > r.top && cy < r.bottom);
        return !tile || box.width > tile.width || box.height > tile.height;
      }).map((t) => t.textContent);
    });
    expect(overflowing).toEqual([]);
  });

  it('shows a province’s figures when hovered', async () => {
    await page.goto(GRID_2022);
    await page.locator('.map-frame path[data-code="02"]').hover();
    const tip = page.locator('.leaflet-tooltip.map-tip');
    await poll(() => tip.innerText()).toContain('Tỉnh Hà Giang');
    expect(await tip.innerText()).toContain('Xã, phường, thị trấn có trang\n23/193 (11,9%)');
  });

  it('can be used with the keyboard: one tab stop, arrows between provinces, Enter opens', async () => {
    await page.goto(GRID_2022);
    await poll(() => page.locator(GRID_SHAPES).count()).toBe(63);
    const focusedCode = () => page.evaluate(() => document.activeElement?.getAttribute('data-code') ?? null);
    await page.locator('select[name=measure]').focus();
    for (let i = 0; i < 6 && (await focusedCode()) === null; i++) await page.keyboard.press('Tab');
    expect(await focusedCode()).toBe('12'); // Lai Châu, the first tile in reading order
    // to Hà Nội (col 3, row 3): right of Lai Châu (col 2, row 0) is Lào Cai (col 3); then down three rows
    await page.keyboard.press('ArrowRight');
    expect(await focusedCode()).toBe('10');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedCode()).toBe('01');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/province/01' && url.searchParams.get('asOf') === '2022-08-12');
  });

  it('has no serious accessibility violation', async () => {
    await page.goto(GRID_2022);
    await poll(() => page.locator(GRID_SHAPES).count()).toBe(63);
    await page.locator('.map-frame path[data-code="31"]').hover();
    await poll(() => page.locator('.leaflet-tooltip.map-tip').innerText()).toContain('Hải Phòng');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('map downloads', () => {
  const MAP_TITLE = 'Tỷ lệ xã, phường, thị trấn có trang theo tỉnh, thành';
  const FILE = 'ty-le-xa-phuong-thi-tran-co-trang-theo-tinh-thanh_2022-08-12';
  const mapToolbar = () => page.getByRole('group', { name: `Tải bản đồ “${MAP_TITLE}”` });

  it('downloads the province map as SVG: the boundaries, names and archipelagos with the legend, title, as-of date and boundary credit', async () => {
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
    const { download, bytes } = await downloadBytes(page, () => mapToolbar().getByRole('button', { name: `Tải bản đồ “${MAP_TITLE}” dạng SVG` }).click());
    expect(download.suggestedFilename()).toBe(`${FILE}.svg`);
    const svg = bytes.toString('utf8');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain(MAP_TITLE);
    expect(svg).toContain('Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành — có cấp huyện');
    expect(svg).toContain('Dữ liệu minh họa');
    expect(svg).toContain('Ranh giới: geoBoundaries (CC BY-SA 4.0)');
    expect(svg).toContain('>Quần đảo Hoàng Sa<');
    expect(svg).toContain('>(Khánh Hòa)<');
    expect(svg).toContain('>Gia Lai<');
    expect(svg).toContain('>HN<');
    expect(svg).toContain('Từ 90,0% trở lên');
    expect(svg.match(/<path [^>]*data-code="\d\d"/g)?.length).toBe(63);
    expect(svgSize(svg).width).toBeGreaterThan(800);
  });

  it('downloads the tile grid as SVG with the names and the archipelagos', async () => {
    await page.goto(GRID_2022);
    await poll(() => page.locator(GRID_SHAPES).count()).toBe(63);
    const svg = (await downloadBytes(page, () => mapToolbar().getByRole('button', { name: `Tải bản đồ “${MAP_TITLE}” dạng SVG` }).click())).bytes.toString('utf8');
    expect(svg).toContain('>Hà Nội<');
    expect(svg).toContain('>Hoàng Sa<');
    expect(svg).not.toContain('geoBoundaries');
    expect(svg.match(/<rect [^>]*stroke-width="0.6"/g)?.length).toBeGreaterThanOrEqual(63);
    await page.goto(MAP_2022);
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
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
    expect(lines).toContain('01,Thành phố Hà Nội,561,579,96.9,"Từ 90,0% trở lên"');
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
    // the provinces' boundaries under the circles, and the archipelagos named with their province
    await poll(() => page.locator('.leaflet-boundaries-pane path').count()).toBeGreaterThanOrEqual(63);
    expect(await page.locator('.map-archipelago-text').allInnerTexts()).toEqual(['Quần đảo Hoàng Sa\n(Đà Nẵng)', 'Quần đảo Trường Sa\n(Khánh Hòa)']);
    expect(await page.locator('.map-credit').innerText()).toContain('geoBoundaries (CC BY-SA 4.0)');
    expect(await page.locator('.map-side').innerText()).toContain('Chưa cấu hình bản đồ nền');
    expect(await page.locator('.map-bubble-key li').allInnerTexts()).toEqual(['100 xã, phường, thị trấn', '200 xã, phường, thị trấn', '500 xã, phường, thị trấn']);
    // Hà Nội has the most communes, so the largest circle
    const radius = (code: string) => page.locator(`.map-bubbles path[data-code="${code}"]`).evaluate((el) => (el as SVGGraphicsElement).getBBox().width / 2);
    expect(await radius('01')).toBeCloseTo(22, 0);
    expect(await radius('01')).toBeGreaterThan(await radius('48'));

    await hoverShape(page, '02', '.map-bubbles');
    await poll(() => page.locator('.leaflet-tooltip.map-tip').innerText()).toContain('Tỉnh Hà Giang');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await clickShape(page, '79', '.map-bubbles');
    await page.waitForURL((url) => url.pathname === '/province/79');
  });

  it('keeps Hà Nội’s tooltip whole, clear of the zoom buttons', async () => {
    await page.goto(`${MAP_2022}&mode=bubbles`);
    await poll(() => page.locator('.map-bubbles path.leaflet-interactive').count()).toBe(63);
    await hoverShape(page, '01', '.map-bubbles');
    const tip = page.locator('.leaflet-tooltip.map-tip');
    await poll(() => tip.innerText()).toContain('Thành phố Hà Nội');
    const [box, frame, zoom] = await Promise.all([
      tip.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect),
      page.locator('.map-bubbles').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect),
      page.locator('.leaflet-control-zoom').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect),
    ]);
    expect(box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom).toBe(true);
    const overlapsZoom = box.left < zoom.right && zoom.left < box.right && box.top < zoom.bottom && zoom.top < box.bottom;
    expect(overlapsZoom).toBe(false);
  });

  it('switches to the grid and back to the province map, keeping the measure', async () => {
    await page.goto(`${MAP_2022}&mode=bubbles&measure=active`);
    await poll(() => page.locator('.map-bubbles path.leaflet-interactive').count()).toBe(63);
    await page.getByText('Lưới ô vuông').click();
    await page.waitForURL((url) => url.searchParams.get('mode') === 'grid' && url.searchParams.get('measure') === 'active');
    await poll(() => page.locator(GRID_SHAPES).count()).toBe(63);
    await page.getByText('Bản đồ tỉnh, thành').click();
    await page.waitForURL((url) => !url.searchParams.has('mode') && url.searchParams.get('measure') === 'active');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(63);
  });
});

describe('on a phone and in English', () => {
  it('fits a 360 px wide screen without horizontal page scroll, in every mode', async () => {
    const phone = await signedInPage('central', { width: 360, height: 740 });
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await phone.goto(MAP_2022);
    await poll(() => phone.locator(PROVINCE_SHAPES).count()).toBe(63);
    expect(await overflow()).toBe(0);
    // a tooltip near the right edge stays on the page
    await hoverShape(phone, '22');
    await poll(() => phone.locator('.map-svg-tip').count()).toBe(1);
    const tip = await phone.locator('.map-svg-tip').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(tip.left >= 0 && tip.right <= 360).toBe(true);
    expect(await overflow()).toBe(0);
    await phone.locator('.map-table summary').click();
    expect(await overflow()).toBe(0);
    await phone.goto(GRID_2022);
    await poll(() => phone.locator(GRID_SHAPES).count()).toBe(63);
    await phone.locator('.map-frame path[data-code="22"]').hover();
    await poll(() => phone.locator('.leaflet-tooltip.map-tip').count()).toBe(1);
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
    expect(await english.locator('.map-legend li').first().innerText()).toContain('90.0% and above');
    expect(await english.locator('.map-frame path[data-code="02"]').getAttribute('aria-label')).toBe('Tỉnh Hà Giang: 11.9% (23/193)');
    expect(await english.locator('h1').innerText()).toBe('Map');
    await poll(() => english.locator('.province-map .map-archipelago text').allTextContents()).toEqual(['Hoàng Sa (Paracel) Islands(Đà Nẵng)', 'Trường Sa (Spratly) Islands(Khánh Hòa)']);
    expect(await english.locator('.map-credit').innerText()).toContain('Boundaries: geoBoundaries (CC BY-SA 4.0)');
  });
});

describe('the province screen’s unit squares', () => {
  const squares = (p: Page, level: 'commune' | 'district') => p.locator(`.unit-squares a[data-level="${level}"]`);

  it('draws one square per commune of today’s Quảng Ngãi (reform34:51: 96), by name, coloured by status', async () => {
    await page.goto('/province/51');
    await poll(() => squares(page, 'commune').count()).toBe(96);
    expect(await squares(page, 'district').count()).toBe(0);
    const statuses = await squares(page, 'commune').evaluateAll((links) => links.map((a) => a.getAttribute('data-status')));
    expect(statuses.every((status) => ['none', 'covered', 'active', 'verified'].includes(status ?? ''))).toBe(true);
    // the legend counts every square once
    const legend = await page.locator('.unit-squares-legend li').allInnerTexts();
    expect(legend.reduce((sum, text) => sum + Number(/(\d+) đơn vị/.exec(text.replace(/\./g, ''))?.[1] ?? 0), 0)).toBe(96);
    // ordered by name, without the kind
    const names = await squares(page, 'commune').evaluateAll((links) => links.map((a) => (a.getAttribute('aria-label') ?? '').split(':')[0]!.replace(/^(Xã|Phường|Đặc khu)\s+/u, '')));
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    // details on hover and with the arrow keys
    await squares(page, 'commune').nth(3).hover();
    await poll(() => page.locator('.unit-squares-details').innerText()).toMatch(/^(Xã|Phường|Đặc khu) .+: (có trang|chưa có trang), .+; \d+ trang$/);
    const first = squares(page, 'commune').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe(await squares(page, 'commune').nth(1).getAttribute('data-code'));
    expect(await page.locator('.unit-squares a[tabindex="0"]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // a square opens the unit's pages
    const code = await squares(page, 'commune').nth(1).getAttribute('data-code');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/pages' && url.searchParams.get('parent') === code);
  });

  it('draws Hà Nội’s 30 districts and 579 communes of 2022, each commune after its district', async () => {
    await page.goto('/province/01?scheme=legacy63&asOf=2022-08-12');
    await poll(() => squares(page, 'commune').count()).toBe(579);
    await poll(() => squares(page, 'district').count()).toBe(30);
    const groups = await page.locator('.unit-squares-group').evaluateAll((divs) =>
      divs.map((div) => ({ title: div.querySelector('.unit-squares-group-title')?.textContent ?? null, first: div.querySelector('a')?.getAttribute('data-level') })),
    );
    expect(groups.filter((g) => g.title !== null).every((g) => g.first === 'district')).toBe(true);
    expect(groups.map((g) => g.title)).toContain('Quận Ba Đình');
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
