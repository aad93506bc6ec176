import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-reporting-'));
});
afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface CoverageAnswer {
  rows: Array<{ code: string; name: string; covered: boolean }>;
}

/** The commune headline of the default overview, today's 34 provinces ('3.250/3.321 xã, phường, đặc khu'), as a number. */
async function coveredCommunes(page: Page): Promise<number> {
  await page.goto('/');
  const card = page.locator('.cards li', { hasText: 'xã, phường, đặc khu' });
  await card.waitFor();
  const text = await card.locator('strong').innerText();
  const match = /^([\d.]+)\/3\.321/.exec(text);
  if (!match) throw new Error(`unexpected headline: ${text}`);
  return Number(match[1]!.replace(/\./g, ''));
}

/** A CSV built from the template's own header row, one page per commune of reform34 province 08. */
function importCsv(header: string, rows: Array<{ code: string; name: string; url: string }>): string {
  const columns = header.split(',');
  const lines = rows.map((row) => {
    const cells: Record<string, string> = {
      'Mã tỉnh': '08',
      'Mã xã': row.code,
      'Đường dẫn trang': row.url,
      'Nền tảng': 'Facebook',
      'Tên trang': `Mặt trận Tổ quốc ${row.name} (thử nghiệm)`,
      'Chủ quản': 'Ủy ban MTTQ',
      'Ngày lập': '2026-11-01',
    };
    return columns.map((column) => cells[column] ?? '').join(',');
  });
  return [header, ...lines].join('\r\n') + '\r\n';
}

async function expectNoHorizontalScroll(page: Page) {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

async function expectAxeClean(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('the import wizard', () => {
  it('shows a bad row with its error, commits the fixed file, and the overview counts the new communes', async () => {
    // today's country: a reform34 officer (Tuyên Quang) imports into reform34 communes
    const page = await app.signedInPage('province-08');
    const before = await coveredCommunes(page);

    const coverage = (await (await page.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=08')).json()) as CoverageAnswer;
    const uncovered = coverage.rows.filter((row) => !row.covered).slice(0, 3);
    expect(uncovered.length).toBeGreaterThanOrEqual(2);
    const template = await (await page.request.get('/api/v1/imports/template?scheme=reform34&province=08')).text();
    const header = template
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((line) => line.startsWith('Mã tỉnh,'))!;
    const good = uncovered.map((unit) => ({ code: unit.code, name: unit.name, url: `https://www.facebook.com/mttq.e2e-${unit.code}` }));
    const bad = good.map((row, i) => (i === good.length - 1 ? { ...row, url: 'javascript:alert(1)' } : row));
    const badRow = good.length + 1; // the header is row 1
    const badFile = join(dir, 'trang-loi.csv');
    const fixedFile = join(dir, 'trang-da-sua.csv');
    writeFileSync(badFile, importCsv(header, bad));
    writeFileSync(fixedFile, importCsv(header, good));

    await page.goto('/report/import');
    await page.getByRole('heading', { level: 1, name: 'Nhập từ tệp Excel, CSV' }).waitFor();
    await page.setInputFiles('#import-file', badFile);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'dòng lỗi' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('1 dòng lỗi');
    const errorRow = page.locator('tr.row-error');
    expect(await errorRow.count()).toBe(1);
    const errorText = await errorRow.innerText();
    expect(errorText).toContain(String(badRow));
    expect(errorText).toContain('Cột “Đường dẫn trang”');
    expect(errorText).toContain('phải là địa chỉ http(s)');
    expect(await page.getByRole('button', { name: 'Ghi vào hệ thống' }).isDisabled()).toBe(true);
    await expectAxeClean(page);

    await page.setInputFiles('#import-file', fixedFile);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Không có dòng lỗi').waitFor();
    expect(await page.locator('tr.row-error').count()).toBe(0);
    const commit = page.getByRole('button', { name: 'Ghi vào hệ thống' });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await page.getByRole('heading', { name: 'Đã ghi vào hệ thống' }).waitFor();
    expect(await page.locator('.committed').innerText()).toContain(`Đã thêm ${good.length} trang`);

    await expect.poll(() => coveredCommunes(page)).toBe(before + good.length);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('sends an expired session to sign-in and back to the import screen', async () => {
    const page = await app.signedInPage('province-01');
    await page.goto('/report/import');
    await page.getByRole('heading', { level: 1, name: 'Nhập từ tệp Excel, CSV' }).waitFor();
    await page.context().clearCookies();
    const file = join(dir, 'het-phien.csv');
    writeFileSync(file, 'Mã xã,Đường dẫn trang\r\n00001,https://www.facebook.com/mttq.x\r\n');
    await page.setInputFiles('#import-file', file);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/report/import');
    await signIn(page, 'province-01');
    await page.waitForURL((url) => url.pathname === '/report/import');
    await page.getByRole('heading', { level: 1, name: 'Nhập từ tệp Excel, CSV' }).waitFor();
  });
});

describe('who may open which reporting screen', () => {
  it('shows a viewer the Forbidden explanation instead of the page form, and no reporting link', async () => {
    const page = await app.signedInPage('viewer');
    await page.goto('/report/pages/new?scheme=legacy63&unit=00004');
    const forbidden = page.locator('.forbidden');
    await forbidden.waitFor();
    const text = await forbidden.innerText();
    expect(text).toContain('Bạn không có quyền mở nội dung này');
    expect(text).toContain('cán bộ cấp tỉnh, cán bộ Trung ương hoặc quản trị viên');
    expect(await page.locator('form.report-form').count()).toBe(0);
    expect(await page.locator('input[name=url]').count()).toBe(0);
    expect(await page.locator('nav.main-nav').innerText()).not.toContain('Báo cáo');
    await expectAxeClean(page);
  });

  it('tells a province officer that the verification queue needs central staff', async () => {
    const page = await app.signedInPage('province-01');
    await page.goto('/report/verify');
    const forbidden = page.locator('.forbidden');
    await forbidden.waitFor();
    expect(await forbidden.innerText()).toContain('cán bộ Trung ương hoặc quản trị viên');
    expect(await page.locator('.queue-table').count()).toBe(0);
    expect(await page.locator('nav.report-nav').innerText()).not.toContain('Xác minh trang');
    await page.goto('/report/audit');
    await page.locator('.forbidden').waitFor();
    expect(await page.locator('.audit-table').count()).toBe(0);
  });

  it('sends a signed-out visitor of a reporting screen to sign-in', async () => {
    const page = await app.newPage();
    await page.goto('/report/monthly');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/report/monthly');
  });
});

describe('central staff', () => {
  it('verifies a reported page and it leaves the queue', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/report/verify?province=01');
    const firstRow = page.locator('.queue-table tbody tr').first();
    await firstRow.waitFor();
    const total = async () => Number(/^([\d.]+)/.exec(await page.locator('#queue-total').innerText())![1]!.replace(/\./g, ''));
    const before = await total();
    const name = await firstRow.locator('th a').first().innerText();
    await expectAxeClean(page);
    await page.getByRole('checkbox', { name: `Chọn trang ${name}`, exact: true }).check();
    await page.getByRole('button', { name: /^Xác minh/ }).click();
    await page.getByRole('status').filter({ hasText: 'Đã xác minh 1/1 trang.' }).waitFor();
    await expect.poll(() => page.locator('.queue-table tbody th', { hasText: name }).count()).toBe(0);
    await expect.poll(total).toBe(before - 1);
  });

  it('opens a reporting period, a province submits, and central staff see it', async () => {
    // the scheme in force by default: 34 provinces
    const central = await app.signedInPage('central');
    await central.goto('/report/monthly');
    await central.getByLabel('Tháng', { exact: true }).fill('2026-11');
    await central.getByLabel('Hạn nộp', { exact: true }).fill('2026-12-10');
    await central.getByRole('button', { name: 'Mở kỳ' }).click();
    await central.getByRole('status').filter({ hasText: 'Đã mở kỳ báo cáo tháng 11/2026' }).waitFor();
    await expectAxeClean(central);

    const officer = await app.signedInPage('province-01');
    await officer.goto('/report/monthly');
    await officer.getByText('Chưa nộp báo cáo cho kỳ này.').waitFor();
    await officer.getByLabel('Ghi chú').fill('Đã rà soát đủ các xã.');
    await officer.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã nộp báo cáo tháng 11/2026' }).waitFor();
    await officer.getByText(/Đã nộp lúc .* người nộp province-01/).waitFor();
    await expectAxeClean(officer);

    await central.reload();
    const hanoi = central.locator('tr', { has: central.locator('th', { hasText: 'Thành phố Hà Nội' }) }).first();
    await expect.poll(() => hanoi.innerText()).toContain('province-01');
  });

  it('reads the audit trail, filtered by user', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/report/audit?username=central');
    await page.locator('.audit-table').waitFor();
    const users = await page.locator('.audit-table tbody tr td:nth-child(2)').allInnerTexts();
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set(['central']));
    expect(await page.locator('.audit-table tbody').innerText()).toContain('Kỳ báo cáo');
    await expectAxeClean(page);
  });
});

describe('the page and metrics forms of a province officer', () => {
  it('shows client and server errors next to their fields, then adds the page', async () => {
    // a legacy63 officer correcting history in the old structure
    const page = await app.signedInPage('province-legacy63-01');
    await page.goto('/report/pages/new?scheme=legacy63&unit=00001');
    await page.getByText('Phường Phúc Xá').waitFor();
    await page.getByRole('button', { name: 'Thêm trang' }).click();
    // the shared zod schema, in the browser: nothing was sent
    const nameField = page.locator('.field', { has: page.locator('input[name=name]') });
    expect(await nameField.locator('.field-error').innerText()).toContain('Không được để trống');
    expect(await page.locator('input[name=name]').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page);

    await page.locator('input[name=name]').fill('Đoàn Thanh niên phường Phúc Xá (thử nghiệm)');
    await page.locator('select[name=owner]').selectOption('youth_union');
    await page.locator('input[name=launchedOn]').fill('2024-03-01');
    await page.locator('input[name=url]').fill('https://example.com/doan-phuc-xa');
    await page.locator('select[name=platform]').selectOption('facebook');
    await page.getByRole('button', { name: 'Thêm trang' }).click();
    // the server's 400 names the url field
    const urlField = page.locator('.field', { has: page.locator('input[name=url]') });
    await urlField.locator('.field-error').waitFor();
    // in the user's language, as the server wrote it for them
    expect(await urlField.locator('.field-error').innerText()).toContain('phải là địa chỉ trên facebook.com');
    expect(await page.locator('input[name=url]').getAttribute('aria-invalid')).toBe('true');

    await page.locator('input[name=url]').fill('https://www.facebook.com/doanthanhnien.e2e-phuc-xa');
    await page.getByRole('button', { name: 'Thêm trang' }).click();
    await page.waitForURL(/\/report\/pages\/\d+\/edit/);
    await page.getByText('Đã thêm trang “Đoàn Thanh niên phường Phúc Xá (thử nghiệm)”').waitFor();
    await expectAxeClean(page);
  });

  it('saves a month of figures and rejects a negative count', async () => {
    const page = await app.signedInPage('province-01');
    const pages = (await (await page.request.get('/api/v1/pages?scheme=legacy63&parent=01&status=live&limit=1')).json()) as { items: Array<{ id: number }> };
    const id = pages.items[0]!.id;
    await page.goto(`/report/metrics?scheme=legacy63&id=${id}&month=2025-06`);
    await page.locator('input[name=followers]').waitFor();
    await page.locator('input[name=followers]').fill('1.234');
    await page.locator('input[name=posts]').fill('-2');
    await page.locator('input[name=interactions]').fill('56');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    const postsField = page.locator('.field', { has: page.locator('input[name=posts]') });
    expect(await postsField.locator('.field-error').innerText()).toContain('số nguyên từ 0 trở lên');
    await page.locator('input[name=posts]').fill('7');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu số liệu tháng 06/2025' }).waitFor();
    await expectAxeClean(page);
    // stored: the form of that month opens with the figures, entered by hand
    await page.reload();
    await page.getByText('Tháng này đã có số liệu (nguồn: nhập tay)').waitFor();
    expect(await page.locator('input[name=followers]').inputValue()).toBe('1234');
    expect(await page.locator('input[name=posts]').inputValue()).toBe('7');
  });

  it('has no horizontal page scroll on a 360 px phone, and every screen passes axe', async () => {
    const page = await app.signedInPage('province-01', { width: 360, height: 740 });
    const pages = (await (await page.request.get('/api/v1/pages?scheme=legacy63&parent=01&limit=1')).json()) as { items: Array<{ id: number }> };
    const id = pages.items[0]!.id;
    await page.goto('/report/pages/new?scheme=legacy63&unit=00004');
    await page.locator('input[name=url]').waitFor();
    await expectNoHorizontalScroll(page);
    await page.goto(`/report/metrics?scheme=legacy63&id=${id}`);
    await page.locator('input[name=followers]').waitFor();
    await expectNoHorizontalScroll(page);
    await page.goto(`/report/pages/${id}/edit?scheme=legacy63`);
    await page.locator('input[name=url]').waitFor();
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.goto('/report');
    await page.locator('.units-table').waitFor();
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
    await page.goto('/report/monthly');
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tháng' }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.goto('/report/import');
    await page.getByRole('heading', { level: 1, name: 'Nhập từ tệp Excel, CSV' }).waitFor();
    await expectNoHorizontalScroll(page);
    await expectAxeClean(page);
  });

  it('lets central staff pick a province on every screen without axe findings', async () => {
    const page = await app.signedInPage('central');
    for (const [path, ready] of [
      ['/report?scheme=legacy63&parent=01&level=district', '.units-table'],
      ['/report/import?scheme=legacy63&province=01', 'a[download]'],
      ['/report/metrics?scheme=legacy63', '.picker-list li'],
      ['/report/monthly?scheme=reform34', '#range-title'],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await expectAxeClean(page);
    }
    expect(app.offsiteRequests).toEqual([]);
  });
});
