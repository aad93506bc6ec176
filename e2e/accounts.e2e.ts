import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, signIn, startApp, type RunningApp } from './harness';

let app: RunningApp;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = mkdtempSync(join(tmpdir(), 'mttq-e2e-accounts-'));
});
afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('accounts in the web app', () => {
  it('central staff create a province officer, who must replace the temporary password and then reports', async () => {
    const central = await app.signedInPage('central');
    await central.getByRole('link', { name: 'Tài khoản' }).click();
    await central.getByRole('heading', { level: 1, name: 'Quản lý tài khoản' }).waitFor();
    const form = central.locator('form', { has: central.getByRole('heading', { name: 'Tạo một tài khoản' }) });
    await form.getByLabel('Tên đăng nhập').fill('e2e-quang-ngai');
    await form.getByLabel('Vai trò').selectOption('province');
    await form.getByLabel('Phạm vi').fill('reform34:51');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.getByText('Đã tạo tài khoản e2e-quang-ngai.').waitFor();
    const temporary = await form.locator('code.temporary-password').innerText();
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await central.locator('.accounts-table th', { hasText: 'e2e-quang-ngai' }).waitFor();
    expect(await seriousA11yViolations(central)).toEqual([]);

    // The officer signs in with the temporary password: nothing opens before a new password is set.
    const officer = await app.newPage();
    await officer.goto('/sign-in');
    await signIn(officer, 'e2e-quang-ngai', temporary);
    await officer.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }).waitFor();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await officer.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('mật khẩu riêng 2026');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('mật khẩu riêng 2026');
    await officer.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await officer.locator('.cards li').first().waitFor();

    // Then reports: a page for an uncovered commune of Quảng Ngãi.
    const coverage = (await (await officer.request.get('/api/v1/coverage?scheme=reform34&level=commune&parent=51')).json()) as {
      rows: Array<{ code: string; name: string; covered: boolean }>;
    };
    const commune = coverage.rows.find((row) => !row.covered)!;
    await officer.goto(`/report/pages/new?scheme=reform34&unit=${commune.code}`);
    await officer.getByText(commune.name).first().waitFor();
    await officer.locator('input[name=name]').fill(`Mặt trận Tổ quốc ${commune.name} (thử nghiệm)`);
    await officer.locator('input[name=launchedOn]').fill('2026-11-01');
    await officer.locator('select[name=platform]').selectOption('facebook');
    await officer.locator('input[name=url]').fill(`https://www.facebook.com/mttq.e2e-accounts-${commune.code}`);
    await officer.getByRole('button', { name: 'Thêm trang' }).click();
    await officer.waitForURL(/\/report\/pages\/\d+\/edit/);
    await officer.getByText(`Đã thêm trang “Mặt trận Tổ quốc ${commune.name} (thử nghiệm)”`).waitFor();

    // The officer's own sessions: this one, listed on My account.
    await officer.goto('/accounts/me');
    await officer.getByRole('heading', { name: 'Các phiên đăng nhập của tôi' }).waitFor();
    await officer.locator('.sessions-table td', { hasText: 'Phiên này' }).waitFor();
  });

  it('shows a province officer why an account outside their scope or above their role is refused', async () => {
    const officer = await app.signedInPage('province-51');
    await officer.goto('/accounts');
    const form = officer.locator('form', { has: officer.getByRole('heading', { name: 'Tạo một tài khoản' }) });
    await form.getByLabel('Tên đăng nhập').fill('e2e-ha-noi');
    await form.getByLabel('Phạm vi').fill('reform34:01');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Phạm vi của bạn là reform34:51 (Tỉnh Quảng Ngãi); reform34:01 nằm ngoài phạm vi đó.');

    // Above their role: a file asking for central staff, checked by a dry run.
    const file = join(dir, 'tai-khoan.csv');
    writeFileSync(file, 'Tên đăng nhập;Vai trò;Phạm vi\ne2e-trung-uong;central;\ne2e-xa;province;reform34:51\n');
    await officer.getByLabel('Tệp tài khoản').setInputFiles(file);
    await officer.getByRole('button', { name: 'Chạy thử' }).click();
    await officer.getByText('Chạy thử: 1 trong 2 dòng có lỗi.', { exact: false }).waitFor();
    expect(await officer.locator('.bulk-table tr.has-error').innerText()).toContain('bạn không thể tạo vai trò cao hơn vai trò của mình (cán bộ Trung ương)');
    expect(await officer.getByRole('button', { name: /^Tạo \d+ tài khoản$/ }).count()).toBe(0);
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // In English, the server's reason comes in English too.
    await officer.getByRole('button', { name: /chuyển sang tiếng Anh/ }).click();
    const englishForm = officer.locator('form', { has: officer.getByRole('heading', { name: 'Create an account' }) });
    await englishForm.getByRole('button', { name: 'Create account' }).click();
    await englishForm.getByRole('alert').getByText('Your scope is reform34:51 (Tỉnh Quảng Ngãi); reform34:01 is outside it.', { exact: false }).waitFor();
  });
});
