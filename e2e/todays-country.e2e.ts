/**
 * Today's country (issue 11): the screens open on the 34 provinces in force since 01/07/2025,
 * a reform34 province officer reports for a commune without a page and sees it counted, merger
 * notes read from the crosswalk, central staff's work queue with bulk reviews, a warning before a
 * second Front page, and the choice of the new commune for pages of split communes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

/** Today as the server counts it (UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

interface CoverageAnswer {
  scheme: string;
  rows: Array<{ code: string; name: string; covered: boolean }>;
}
interface AuditAnswer {
  items: Array<{ at: string; username: string; entity: string; entityId: string | null; after: { pageId?: number; status?: string; effectiveOn?: string } | null }>;
}

/** The commune headline of the overview with no scheme in the URL ('3.250/3.321 xã, phường, đặc khu'), as a number. */
async function coveredCommunes(page: Page): Promise<number> {
  await page.goto('/');
  const card = page.locator('.cards li', { hasText: 'xã, phường, đặc khu' });
  await card.waitFor();
  const text = await card.locator('strong').innerText();
  const match = /^([\d.]+)\/3\.321/.exec(text);
  if (!match) throw new Error(`unexpected headline: ${text}`);
  return Number(match[1]!.replace(/\./g, ''));
}

const cardTexts = (page: Page) => page.locator('.overview .cards li strong').allInnerTexts();

/** Nothing left loading or greyed out while the next answer loads (a stale panel is drawn faded). */
async function waitForSettled(page: Page) {
  await expect.poll(() => page.locator('main .stale, main [aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
  await expect.poll(() => page.locator('main').innerText()).not.toMatch(/Đang tải/);
}

async function expectAxeClean(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('the scheme in force by default', () => {
  it('opens the overview on the 34 provinces of today, with legacy63 one click away and its last day said', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/');
    await expect.poll(() => cardTexts(page)).toEqual([expect.stringMatching(/^\d+\/34 tỉnh, thành$/), expect.stringMatching(/^[\d.]+\/3\.321 xã, phường, đặc khu$/)]);
    expect(await page.locator('.scheme-switch input[value=reform34]').isChecked()).toBe(true);
    expect(await page.locator('.as-of input').inputValue()).toBe(TODAY.split('-').reverse().join('/'));
    expect(await page.locator('.as-of-clamped').count()).toBe(0);

    await page.locator('.scheme-switch label', { hasText: '63 tỉnh, thành' }).click();
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'legacy63');
    await expect.poll(() => cardTexts(page)).toEqual([expect.stringMatching(/^\d+\/63 tỉnh, thành$/), expect.stringMatching(/^\d+\/705 quận, huyện$/), expect.stringMatching(/^[\d.]+\/10\.599 xã, phường, thị trấn$/)]);
    // the old structure's figures are of its last day, and the screen says so
    await expect.poll(() => page.locator('.as-of input').inputValue()).toBe('30/06/2025');
    expect(await page.locator('.as-of-clamped').innerText()).toContain('30/06/2025');
    await waitForSettled(page);
    await expectAxeClean(page);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('opens the registry, the map and the time-lapse in the scheme in force too', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/pages');
    await expect.poll(() => page.getByLabel('Cơ cấu hành chính').inputValue(), { timeout: 20_000 }).toBe('reform34');
    await page.goto('/map');
    await page.locator('.scheme-switch').waitFor();
    expect(await page.locator('.scheme-switch input[value=reform34]').isChecked()).toBe(true);
    // the time-lapse shows today's frame, in reform34
    await page.goto('/timelapse');
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'reform34' && url.searchParams.get('asOf') === TODAY);
  });
});

describe('a reform34 province officer', () => {
  it('adds a page for a commune of Quảng Ngãi without one; the default overview counts it and the audit trail dates it today', async () => {
    const page = await app.signedInPage('province-51');
    const before = await coveredCommunes(page);
    const coverage = (await (await page.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=51')).json()) as CoverageAnswer;
    const commune = coverage.rows.find((row) => !row.covered);
    expect(commune).toBeDefined();
    const { code, name } = commune!;

    await page.goto('/report');
    await page.locator('.units-table').waitFor();
    expect(await page.locator('.lead').innerText()).toContain('Tỉnh Quảng Ngãi (reform34:51)');
    expect(await page.getByLabel('Cơ cấu hành chính').inputValue()).toBe('reform34');
    await page.getByRole('link', { name: `Thêm trang cho ${name}`, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/report/pages/new' && url.searchParams.get('unit') === code);
    await page.locator('.unit-lookup', { hasText: name }).waitFor();
    // dated today, the day it is reported
    expect(await page.locator('input[name=launchedOn]').inputValue()).toBe(TODAY.split('-').reverse().join('/'));
    await page.locator('input[name=name]').fill(`Mặt trận Tổ quốc ${name} (thử nghiệm)`);
    await page.locator('input[name=url]').fill(`https://www.facebook.com/mttq.e2e-${code}`);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Thêm trang' }).click();
    await page.waitForURL(/\/report\/pages\/\d+\/edit/);
    const id = /\/report\/pages\/(\d+)\/edit/.exec(page.url())![1]!;
    await page.getByText(`Đã thêm trang “Mặt trận Tổ quốc ${name} (thử nghiệm)”`).waitFor();

    await expect.poll(() => coveredCommunes(page)).toBe(before + 1);

    const central = await app.signedInPage('central');
    const created = (await (await central.request.get(`/api/v1/audit?entity=page&entityId=${id}`)).json()) as AuditAnswer;
    expect(created.items).toHaveLength(1);
    expect(created.items[0]!.username).toBe('province-51');
    expect(created.items[0]!.at.slice(0, 10)).toBe(TODAY);
    const events = (await (await central.request.get('/api/v1/audit?entity=page_status_event&username=province-51')).json()) as AuditAnswer;
    const reported = events.items.find((row) => row.after?.pageId === Number(id));
    expect(reported?.after).toMatchObject({ status: 'reported', effectiveOn: TODAY });
    expect(reported?.at.slice(0, 10)).toBe(TODAY);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('works in either scheme: reform34 by default, legacy63 (Quảng Ngãi and Kon Tum) to correct history', async () => {
    const page = await app.signedInPage('province-51');
    await page.goto('/report');
    await page.locator('.units-table').waitFor();
    const province = page.getByLabel('Tỉnh, thành', { exact: true });
    expect(await province.locator('option').allInnerTexts()).toEqual(['Tỉnh Quảng Ngãi (51)']);
    await page.getByLabel('Cơ cấu hành chính').selectOption('legacy63');
    await page.waitForURL((url) => url.searchParams.get('scheme') === 'legacy63');
    await expect.poll(() => province.locator('option').allInnerTexts()).toEqual(['Tỉnh Quảng Ngãi (51)', 'Tỉnh Kon Tum (62)']);
    await province.selectOption('62');
    await expect.poll(() => page.locator('main h2').allInnerTexts()).toContain('Xã, phường, thị trấn thuộc Tỉnh Kon Tum');
    await expectAxeClean(page);

    // and what it may not open says who it is and where it writes
    await page.goto('/report/verify');
    const forbidden = page.locator('.forbidden');
    await forbidden.waitFor();
    expect(await forbidden.innerText()).toContain('phạm vi: Tỉnh Quảng Ngãi (reform34:51)');
  });

  it('is warned before a second Front page for a unit, saves it with "Vẫn lưu", and central staff see the unit', async () => {
    const page = await app.signedInPage('province-51');
    const unit = (await (await page.request.get('/api/v1/units/reform34/21025')).json()) as { pages: Array<{ name: string; owner: string; isLive: boolean }> };
    const existing = unit.pages.find((p) => p.owner === 'front' && p.isLive);
    expect(existing).toBeDefined();

    await page.goto('/report/pages/new?unit=21025');
    await page.locator('.unit-lookup', { hasText: 'Phường Cẩm Thành' }).waitFor();
    await page.locator('input[name=name]').fill('Trang thứ hai phường Cẩm Thành (thử nghiệm)');
    await page.locator('input[name=url]').fill('https://www.facebook.com/mttq.e2e-cam-thanh-2');
    await page.getByRole('button', { name: 'Thêm trang' }).click();
    const warning = page.locator('.second-page-warning');
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain('Đơn vị này đã có trang Mặt trận');
    expect(text).toContain(existing!.name);
    expect(await warning.getByRole('link', { name: 'Sửa trang đã có' }).getAttribute('href')).toMatch(/^\/report\/pages\/\d+\/edit\?scheme=reform34$/);
    await expectAxeClean(page);
    await warning.getByRole('button', { name: 'Vẫn lưu' }).click();
    await page.waitForURL(/\/report\/pages\/\d+\/edit/);
    await page.getByText('Đã thêm trang “Trang thứ hai phường Cẩm Thành (thử nghiệm)”').waitFor();

    const central = await app.signedInPage('central');
    await central.goto('/report/verify?view=duplicates&province=51');
    const row = central.locator('.duplicates-table tbody tr', { hasText: 'Phường Cẩm Thành (21025)' });
    await row.waitFor();
    expect(await row.innerText()).toContain(existing!.name);
    expect(await row.innerText()).toContain('Trang thứ hai phường Cẩm Thành (thử nghiệm)');
    expect(await central.getByRole('link', { name: 'Đơn vị có nhiều trang Mặt trận' }).getAttribute('aria-current')).toBe('page');
    await expectAxeClean(central);
  });
});

describe('merger notes read from the crosswalk', () => {
  it('say Quảng Ngãi was formed from Quảng Ngãi and Kon Tum, Kon Tum is now part of it, and Hà Nội was not merged', async () => {
    const page = await app.signedInPage('central');
    const note = page.locator('section[aria-labelledby=reform-title] .merger-note');
    await page.goto('/province/51');
    await expect.poll(() => note.innerText()).toBe('Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)');
    await page.goto('/province/62?scheme=legacy63');
    await expect.poll(() => note.innerText()).toBe('Nay thuộc tỉnh Quảng Ngãi');
    await page.goto('/province/51?scheme=legacy63');
    await expect.poll(() => note.innerText()).toBe('Nay thuộc tỉnh Quảng Ngãi');
    await page.goto('/province/01');
    await expect.poll(() => note.innerText()).toBe('Không sáp nhập (trước 01/07/2025 là thành phố Hà Nội)');

    const english = await app.newPage({ locale: 'en' });
    await english.goto('/sign-in');
    await signIn(english, 'central');
    await english.goto('/province/51');
    await expect.poll(() => english.locator('section[aria-labelledby=reform-title] .merger-note').innerText()).toBe('Formed from the former Quảng Ngãi and Kon Tum provinces');
  });
});

describe("central staff's work queue", () => {
  it('lists waiting pages oldest first with counts per province, and verifies or rejects the selected ones with one note and date', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/report/verify?province=51');
    const rows = page.locator('.queue-table tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('.queue-table thead th').allInnerTexts()).toEqual(['', 'Chờ từ ngày', 'Tỉnh, thành', 'Đơn vị', 'Trang', 'Nền tảng', 'Chủ quản']);
    expect(await page.getByRole('button', { name: /^Tỉnh Quảng Ngãi: \d+$/ }).getAttribute('aria-pressed')).toBe('true');
    // oldest first
    const waited = (await page.locator('.queue-table tbody td:nth-child(2)').allInnerTexts()).map((text) => text.slice(0, 10).split('/').reverse().join('-'));
    expect(waited).toEqual([...waited].sort());
    expect(await page.locator('input[name=effectiveOn]').inputValue()).toBe(TODAY.split('-').reverse().join('/'));
    await expectAxeClean(page);

    const count = await rows.count();
    const total = async () => Number(/^([\d.]+)/.exec(await page.locator('#queue-total').innerText())?.[1]?.replace(/\./g, '') ?? '0');
    const before = await total();
    await page.getByRole('checkbox', { name: 'Chọn tất cả trên trang này' }).check();
    expect(await page.locator('.queue-table tbody input[type=checkbox]:checked').count()).toBe(count);
    // a rejection needs its reason
    await page.getByRole('button', { name: /^Từ chối/ }).click();
    expect(await page.locator('.bulk-review .field-error').innerText()).toContain('Cần ghi lý do từ chối');
    await page.locator('textarea[name=note]').fill('Trang không phải của Ủy ban MTTQ (kiểm thử).');
    await page.getByRole('button', { name: /^Từ chối/ }).click();
    await page.getByRole('status').filter({ hasText: `Đã từ chối ${count}/${count} trang.` }).waitFor();
    await expect.poll(total).toBe(before - count);

    // filters live in the URL
    await page.getByLabel('Nền tảng').selectOption('zalo');
    await page.waitForURL((url) => url.searchParams.get('platform') === 'zalo' && url.searchParams.get('province') === '51');
    await page.getByRole('button', { name: 'Cả nước' }).click();
    await page.waitForURL((url) => url.searchParams.get('province') === null && url.searchParams.get('platform') === 'zalo');
    expect(app.offsiteRequests).toEqual([]);
  });
});

describe('pages of split communes', () => {
  it('wait for the new commune to be chosen, and leave the queue once it is', async () => {
    const page = await app.signedInPage('central');
    await page.goto('/report/successors');
    const rows = page.locator('.successors-table tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    const first = rows.first();
    const pageName = await first.locator('th a').first().innerText();
    const choice = first.getByRole('combobox');
    // saving without a choice says what to do
    await first.getByRole('button', { name: `Lưu đơn vị mới của trang ${pageName}` }).click();
    expect(await first.locator('.field-error').innerText()).toContain('Chọn một đơn vị mới');
    const candidate = (await choice.locator('option').allInnerTexts())[1]!;
    await choice.selectOption({ index: 1 });
    await first.getByRole('button', { name: `Lưu đơn vị mới của trang ${pageName}` }).click();
    await page.getByRole('status').filter({ hasText: `Đã gắn trang “${pageName}” với ${candidate}` }).waitFor();
    await expect.poll(() => rows.count()).toBe(before - 1);
    await expectAxeClean(page);

    // an officer sees the queue of their own provinces, old and new
    const officer = await app.signedInPage('province-51');
    await officer.goto('/report/successors');
    await officer.locator('#successors-total').waitFor();
    expect(await officer.getByLabel('Tỉnh, thành (cơ cấu 63 tỉnh, thành)').locator('option').allInnerTexts()).toEqual([
      'Mọi tỉnh, thành của tài khoản',
      'Tỉnh Quảng Ngãi (51)',
      'Tỉnh Kon Tum (62)',
    ]);
    await expectAxeClean(officer);
  });
});
