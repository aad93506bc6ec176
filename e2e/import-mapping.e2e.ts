/**
 * The import wizard's mapping step in a real browser: a province officer's file with a column
 * the server does not recognise is mapped, checked again, downloaded with its results and
 * committed; the next file with the same headers needs no mapping. The screen shows no English
 * in Vietnamese mode.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startApp, type RunningApp } from './harness';

let app: RunningApp;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-mapping-'));
});
afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** "Đơn vị cơ sở" names no import column: it holds the commune codes. */
const HEADER = ['Mã tỉnh', 'Đơn vị cơ sở', 'Link fanpage', 'Tên trang', 'Ngày thành lập'];

function officerCsv(units: Array<{ code: string; name: string }>): string {
  const rows = units.map((u) => ['08', u.code, `https://www.facebook.com/mttq.map-${u.code}`, `Mặt trận Tổ quốc ${u.name}`, '01/11/2026']);
  return `${[HEADER, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}

/** English words that must not appear on the Vietnamese import screen. */
const ENGLISH = ['row', 'rows', 'page', 'error', 'errors', 'create', 'launched', 'followers', 'unknown', 'missing', 'column', 'ignored', 'metrics', 'file', 'server'];

async function englishWordsOn(page: Page): Promise<string[]> {
  const text = (await page.locator('main').innerText()).toLowerCase();
  return ENGLISH.filter((word) => new RegExp(`(^|[^a-z])${word}([^a-z]|$)`, 'u').test(text));
}

describe('the mapping step of the import wizard', () => {
  it('maps an unknown column, commits, and the next file with the same headers needs no mapping', async () => {
    const page = await app.signedInPage('province-08');
    const coverage = (await (await page.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=08')).json()) as { rows: Array<{ code: string; name: string; covered: boolean }> };
    const uncovered = coverage.rows.filter((row) => !row.covered).slice(0, 3);
    expect(uncovered).toHaveLength(3);
    const first = join(dir, 'danh-sach-thang-11.csv');
    const second = join(dir, 'danh-sach-bo-sung.csv');
    writeFileSync(first, officerCsv(uncovered.slice(0, 2)));
    writeFileSync(second, officerCsv(uncovered.slice(2)));

    await page.goto('/report/import');
    await page.getByRole('heading', { level: 1, name: 'Nhập từ tệp Excel, CSV' }).waitFor();
    await page.setInputFiles('#import-file', first);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const mapping = page.locator('section', { has: page.getByRole('heading', { name: 'Các cột của tệp' }) });
    await mapping.waitFor();
    expect(await mapping.innerText()).toContain('Có cột chưa nhận ra');
    const unknownRow = mapping.locator('tr', { hasText: 'Đơn vị cơ sở' });
    expect(await unknownRow.innerText()).toContain('Chưa nhận ra');
    expect(await unknownRow.innerText()).toContain(uncovered[0]!.code);
    // The screen is Vietnamese all through, the mapping step included.
    expect(await englishWordsOn(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Nội dung của cột “Đơn vị cơ sở”').selectOption('communeCode');
    await page.getByRole('button', { name: 'Kiểm tra lại với cách ghép này' }).click();
    await page.getByText('Không có dòng lỗi').waitFor();
    const rowsTable = page.getByRole('region', { name: 'Kết quả kiểm tra từng dòng' });
    for (const unit of uncovered.slice(0, 2)) expect(await rowsTable.innerText()).toContain(`(${unit.code})`);
    expect(await englishWordsOn(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải tệp kèm kết quả' }).click()]);
    const saved = join(dir, 'ket-qua.csv');
    await download.saveAs(saved);
    const lines = readFileSync(saved, 'utf8').replace(/^\uFEFF/u, '').split('\r\n');
    expect(lines[0]).toBe(`${HEADER.join(',')},Kết quả kiểm tra`);
    expect(lines[1]!.endsWith(',Sẽ thêm')).toBe(true);
    expect(lines[2]!.endsWith(',Sẽ thêm')).toBe(true);

    await page.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
    await page.getByRole('heading', { name: 'Đã ghi vào hệ thống' }).waitFor();
    expect(await page.locator('.committed').innerText()).toContain('Đã thêm 2 trang');

    await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
    await page.setInputFiles('#import-file', second);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Đã dùng cách ghép cột bạn chọn lần trước.').waitFor();
    await page.getByText('Không có dòng lỗi').waitFor();
    expect(await page.getByRole('button', { name: 'Kiểm tra lại với cách ghép này' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Xem, đổi cách ghép cột' }).count()).toBe(1);
    expect(await rowsTable.innerText()).toContain(`(${uncovered[2]!.code})`);
    expect(await page.getByRole('button', { name: 'Ghi vào hệ thống' }).isEnabled()).toBe(true);
    expect(await englishWordsOn(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('takes an officer\'s own file as written: no mapping step, the chosen month, every problem grouped, furniture listed as skipped', async () => {
    const page = await app.signedInPage('province-08');
    const coverage = (await (await page.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=08')).json()) as { rows: Array<{ code: string; name: string; covered: boolean }> };
    const once = coverage.rows.filter((row) => coverage.rows.filter((other) => other.name === row.name).length === 1);
    const [a, b, c] = once.filter((row) => !row.covered);
    expect(c).toBeDefined();
    const rows = [
      ['ỦY BAN MTTQ VIỆT NAM TỈNH TUYÊN QUANG'],
      ['DANH SÁCH TRANG CỘNG ĐỒNG CỦA MTTQ CÁC XÃ, PHƯỜNG'],
      ['(Kèm theo Báo cáo số 15/BC-MTTQ)'],
      ['STT', 'Phường/Xã/Thị trấn', 'Tên trang', 'Link fanpage', 'Ngày thành lập', 'Lượt theo dõi trang'], // 4
      ['1', a!.name, `MTTQ ${a!.name}`, `https://www.facebook.com/mttq.officer-${a!.code}`, '15/03/2022', '"1.245"'], // 5
      ['2', b!.name, `MTTQ ${b!.name}`, `https://www.facebook.com/mttq.officer-${b!.code}`, '', '300'], // 6: no launch date
      ['3', c!.name, `MTTQ ${c!.name}`, `ftp://facebook.com/mttq.officer-${c!.code}`, '01/04/2022', '"1,2K"'], // 7: not http(s)
      ['', 'Tổng cộng', '', '', '', '"1.545"'], // 8
      [''], // 9
      ['', 'Người lập biểu', '', '', 'Thủ trưởng đơn vị'], // 10
      ['', '', '', '', '"Tuyên Quang, ngày 30 tháng 11 năm 2026"'], // 11
    ];
    const file = join(dir, 'bao-cao-cua-tinh.csv');
    writeFileSync(file, `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`);

    await page.goto('/report/import');
    await page.setInputFiles('#import-file', file);
    const month = page.getByLabel('Tháng của số liệu');
    await month.fill('1/2026');
    await month.press('Tab');
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const result = page.getByRole('region', { name: '3. Kết quả kiểm tra' });
    await result.waitFor();
    // Every column known (STT holds row numbers): the column step stays closed.
    expect(await page.getByRole('button', { name: 'Xem, đổi cách ghép cột' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Kiểm tra lại với cách ghép này' }).count()).toBe(0);
    expect(await result.innerText()).toContain('Số liệu của các dòng không ghi tháng được ghi cho tháng 1/2026.');

    const problems = await page.getByRole('region', { name: 'Lỗi và cảnh báo theo loại' }).innerText();
    expect(problems).toContain('Lỗi — cột “Ngày thành lập” (1 dòng: 6): Chưa có ngày lập trang');
    expect(problems).toContain('Lỗi — cột “Link fanpage” (1 dòng: 7)');
    expect(problems).toContain('Cảnh báo (1 dòng: 5): Chưa có Số bài và Tương tác của tháng 1/2026: ghi là 0.');
    const skipped = await page.getByRole('region', { name: 'Các dòng bỏ qua, không phải dữ liệu' }).innerText();
    expect(skipped).toContain('Dòng 8: dòng tổng “Tổng cộng”');
    expect(skipped).toContain('Dòng 10: dòng ký tên, ngày tháng “Người lập biểu”');
    expect(skipped).toContain('Dòng 11: dòng ký tên, ngày tháng “Tuyên Quang, ngày 30 tháng 11 năm 2026”');

    await page.getByLabel('Hiện các dòng').selectOption('all');
    const table = await page.getByRole('region', { name: 'Kết quả kiểm tra từng dòng' }).innerText();
    expect(table).toContain('số liệu tháng 1/2026 (mới): lượt theo dõi 1.245');
    // Names alone, without a province column, name the officer's own communes.
    for (const unit of [a, b, c]) expect(table).toContain(`${unit!.name} (${unit!.code})`);
    expect(table).not.toContain('Tổng cộng');
    expect(await englishWordsOn(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reads a big file\'s rows page by page: its errors first, then every row a step at a time', async () => {
    const page = await app.signedInPage('province-08');
    const coverage = (await (await page.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=08')).json()) as { rows: Array<{ code: string; name: string }> };
    // More rows than the dry run answers at once: the province's communes over again, each a new page.
    const units = Array.from({ length: 260 }, (_, i) => coverage.rows[i % coverage.rows.length]!);
    const lines = units.map((u, i) => ['08', u.code, i === 249 ? 'https://www.facebook.com/' : `https://www.facebook.com/mttq.big-${i}`, `Trang ${i}`, '01/11/2026']);
    const file = join(dir, 'tat-ca-xa.csv');
    writeFileSync(file, `${[['Mã tỉnh', 'Mã xã', 'Link fanpage', 'Tên trang', 'Ngày thành lập'], ...lines].map((row) => row.join(',')).join('\r\n')}\r\n`);

    await page.goto('/report/import');
    await page.setInputFiles('#import-file', file);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const table = page.locator('table.import-rows tbody tr');
    // Opens on the rows with errors: the one past the first 200 rows is there.
    await expect.poll(() => page.locator('p[aria-live=polite]').innerText()).toBe('Đang hiện 1/1 dòng.');
    expect(await table.first().innerText()).toMatch(/^251\b/);

    await page.getByLabel('Hiện các dòng').selectOption('all');
    await expect.poll(() => page.locator('p[aria-live=polite]').innerText()).toBe('Đang hiện 100/260 dòng.');
    await page.getByRole('button', { name: 'Hiện thêm' }).click();
    await expect.poll(() => table.count()).toBe(200);
    await page.getByRole('button', { name: 'Hiện thêm' }).click();
    await expect.poll(() => table.count()).toBe(260);
    expect(await page.locator('p[aria-live=polite]').innerText()).toBe('Đang hiện 260/260 dòng.');
    expect(await table.last().innerText()).toMatch(/^261\b/);
    expect(await page.getByRole('button', { name: 'Hiện thêm' }).count()).toBe(0);
    expect(await englishWordsOn(page)).toEqual([]);
  });
});
