/**
 * Maps that still say something when nearly every province is at 100%, in a real browser: the
 * reform34 map today with classes over the shown figures (several colours, the legend names the
 * range), the count of communes still without a page against the table alternative, and the basis
 * in the province chart's tooltip before 01/07/2025.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLines, downloadBytes } from './downloads';
import { drawnChart, startApp, type RunningApp } from './harness';

const PROVINCE_SHAPES = '.province-map path[data-code]';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = await app.signedInPage('central');
});
afterAll(() => app?.stop());

/** Waits for what the page shows after its data arrived (a cold server computes the first answers). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** Every province's fill on the map, by code. */
const fillsByCode = async (p: Page): Promise<Record<string, string | null>> =>
  Object.fromEntries(await p.locator(PROVINCE_SHAPES).evaluateAll((paths) => paths.map((path) => [path.getAttribute('data-code'), path.getAttribute('fill')])));

/** The rows of the map's table alternative: the province code (from its link) and its cells. */
async function tableRows(p: Page): Promise<Array<{ code: string; cells: string[] }>> {
  const table = p.locator('details.map-table');
  if ((await table.getAttribute('open')) === null) await table.locator('summary').click();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      code: /\/province\/(\d+)/.exec(tr.querySelector('a')?.getAttribute('href') ?? '')?.[1] ?? '',
      cells: Array.from(tr.children).map((c) => (c.textContent ?? '').trim()),
    })),
  );
}

describe('the reform34 map today', () => {
  it('tells the 34 provinces apart with classes over the shown figures, and the legend names their range', async () => {
    await page.goto('/map?scheme=reform34');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(34);
    await poll(() => page.locator('.map-classes-note').count()).toBe(1);
    const fills = await fillsByCode(page);
    expect(new Set(Object.values(fills)).size).toBeGreaterThanOrEqual(3);

    // the legend: the range of the shares shown, and a count per class adding up to 34
    const note = await page.locator('.map-classes-note').innerText();
    const range = /^Các nhóm chia theo khoảng số liệu đang hiển thị: (.+%) – (.+%)$/.exec(note);
    expect(range, note).not.toBeNull();
    const counts = (await page.locator('.map-legend-count').allInnerTexts()).map((text) => Number(/\d+/.exec(text)?.[0] ?? 0));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(34);

    // the table's lowest and highest shares are the legend's range; each class has one colour on the map
    const rows = await tableRows(page);
    expect(rows).toHaveLength(34);
    const shares = rows.map((r) => r.cells[2]!);
    const value = (text: string) => Number(text.replace(/[<>%]/g, '').replace(',', '.'));
    const sorted = [...shares].sort((a, b) => value(a) - value(b));
    expect([range![1], range![2]]).toEqual([sorted[0], sorted.at(-1)]);
    const fillOfClass = new Map<string, string | null>();
    for (const { code, cells } of rows) {
      const known = fillOfClass.get(cells[3]!);
      if (known === undefined) fillOfClass.set(cells[3]!, fills[code] ?? null);
      else expect({ code, fill: fills[code] }).toEqual({ code, fill: known });
    }
    expect(fillOfClass.size).toBeGreaterThanOrEqual(3);
  });

  it('switches to the communes still without a page: the map, the legend and the table count the same units', async () => {
    await page.goto('/map?scheme=reform34');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(34);
    const coverage = new Map((await tableRows(page)).map((r) => [r.code, r.cells[1]!]));

    await page.locator('select[name=measure]').selectOption('withoutPage');
    await page.waitForURL((url) => url.searchParams.get('measure') === 'withoutPage');
    await poll(() => page.locator('.map-legend h3').innerText()).toBe('Số xã, phường, đặc khu chưa có trang');
    expect(await page.locator('#map-title').innerText()).toBe('Số xã, phường, đặc khu chưa có trang theo tỉnh, thành');
    await poll(() => page.locator('.map-table thead th').nth(1).innerText()).toBe('Chưa có / tổng số');

    const rows = await tableRows(page);
    expect(rows).toHaveLength(34);
    const labels = Object.fromEntries(await page.locator(PROVINCE_SHAPES).evaluateAll((paths) => paths.map((path) => [path.getAttribute('data-code'), path.getAttribute('aria-label')])));
    const number = (text: string) => Number(text.replace(/\./g, ''));
    for (const { code, cells } of rows) {
      const [without, total] = cells[1]!.split('/').map(number) as [number, number];
      // the communes without a page are the total minus those with a page, on the map as in the table
      const [covered, coveredTotal] = coverage.get(code)!.split('/').map(number) as [number, number];
      expect({ code, without, total }).toEqual({ code, without: coveredTotal - covered, total: coveredTotal });
      expect(labels[code]).toBe(`${cells[0]}: ${cells[1]!.split('/')[0]} chưa có trang (${cells[1]})`);
    }
    // the classes are counts of communes, over the counts shown
    const note = await page.locator('.map-classes-note').innerText();
    const counts = rows.map((r) => number(r.cells[1]!.split('/')[0]!));
    const [min, max] = [Math.min(...counts), Math.max(...counts)];
    expect(note).toMatch(min === max ? /^Mọi tỉnh, thành có cùng số liệu/ : new RegExp(`^Các nhóm chia theo khoảng số liệu đang hiển thị: ${min.toLocaleString('vi-VN')} – ${max.toLocaleString('vi-VN')}$`));
    const legendTotal = (await page.locator('.map-legend-count').allInnerTexts()).reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? 0), 0);
    expect(legendTotal).toBe(34);

    // the tooltip of the focused province gives its count, marked as the measure shown
    const focused = page.locator(`${PROVINCE_SHAPES}[tabindex="0"]`);
    await focused.focus();
    const code = await focused.getAttribute('data-code');
    const row = rows.find((r) => r.code === code);
    await poll(() => page.locator('.map-svg-tip .is-current').innerText()).toBe(`Chưa có trang\n${row!.cells[1]!.split('/')[0]}`);
  });
});

describe('downloads of the count of communes without a page', () => {
  const TITLE = 'Số xã, phường, đặc khu chưa có trang theo tỉnh, thành';

  it('draws the map file with the count classes and their range, and lists the counts in the CSV', async () => {
    await page.goto('/map?scheme=reform34&measure=withoutPage');
    await poll(() => page.locator(PROVINCE_SHAPES).count()).toBe(34);
    await poll(() => page.locator('.map-classes-note').count()).toBe(1);
    const legend = (await page.locator('.map-legend li').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    const note = await page.locator('.map-classes-note').innerText();

    const toolbar = page.getByRole('group', { name: `Tải bản đồ “${TITLE}”` });
    const svg = (await downloadBytes(page, () => toolbar.getByRole('button', { name: `Tải bản đồ “${TITLE}” dạng SVG` }).click())).bytes.toString('utf8');
    expect(svg).toContain(TITLE);
    expect(svg).toContain('Các nhóm chia theo khoảng số');
    // every class of the screen's legend, with its count of provinces, is in the file's legend
    for (const entry of legend) {
      const [, range, count] = /^(.+?) (\d+ tỉnh, thành)$/.exec(entry.trim())!;
      expect(svg).toContain(`${range}: ${count}`);
    }

    const table = await tableRows(page);
    const csv = csvLines((await downloadBytes(page, () => page.getByRole('button', { name: `Tải bảng “Số xã, phường, đặc khu chưa có trang” dạng CSV` }).click())).bytes);
    expect(csv[2]).toBe('Mã,"Tỉnh, thành","Xã, phường, đặc khu chưa có trang","Tổng số xã, phường, đặc khu",Tỷ lệ (%),Nhóm');
    expect(csv).toHaveLength(3 + 34);
    for (const { code, cells } of table) {
      const [without, total] = cells[1]!.split('/').map((n) => n.replace(/\./g, ''));
      const line = csv.find((l) => l.startsWith(`${code},`)) ?? '';
      expect({ code, counts: line.includes(`,${without},${total},`), group: line.endsWith(`,${cells[3]}`) || line.endsWith(`,"${cells[3]}"`) }).toEqual({ code, counts: true, group: true });
    }
    expect(note).toMatch(/^Các nhóm chia theo khoảng số liệu đang hiển thị: \d+ – \d+$/);
  });
});

describe('the province chart before the reform', () => {
  it('says in its tooltip that a figure before 01/07/2025 is estimated through the crosswalk', async () => {
    await page.goto('/province/01?scheme=reform34');
    const figure = page.locator('figure.chart-figure', { has: page.getByRole('heading', { name: 'Xã có trang theo thời gian' }) });
    const chart = await drawnChart(figure);
    await poll(() => figure.locator('.recharts-legend-wrapper').innerText()).toContain('Ước tính qua bảng chuyển đổi (trước 01/07/2025)');
    const box = (await chart.boundingBox())!;
    // the first months of the line, in 2021, are back-cast
    const tooltip = figure.locator('.recharts-tooltip-wrapper');
    await chart.hover({ position: { x: 70, y: box.height / 2 } });
    await poll(() => tooltip.innerText()).toMatch(/\/20(21|22)/);
    const text = await tooltip.innerText();
    // the covered share with its bounds, as shares: 'Có trang : 40,5% (ước tính, từ 0% đến 40,5%)'
    expect(text).toMatch(/Có trang\s*:\s*[\d,]+% \(ước tính, từ [\d,]+% đến [\d,]+%\)/);
    expect(text).toContain('(ước tính)');
    // after the reform, recorded
    await chart.hover({ position: { x: box.width - 20, y: box.height / 2 } });
    await poll(() => tooltip.innerText()).toContain('(ghi nhận)');
    expect(await tooltip.innerText()).not.toContain('ước tính');
  });
});
