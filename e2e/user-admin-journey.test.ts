/**
 * 用户与权限 in a real browser: the demo admin opens a department account (区财政局 经办人, role 财政局),
 * copies the one-time password from the modal, logs out; the new account logs in with it; the admin
 * disables it (its login is refused), enables it again and resets its password (a new one-time code
 * that logs in, the first one no longer does).
 *
 * The first login with the one-time password is held at 修改密码, then (财政局 is a role that must) at
 * 绑定动态验证码: the journey reads the key shown in text and computes codes with otplib, as an
 * authenticator app would, and logs in with password + code.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJourney, totpCode, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
  await j.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: j.baseUrl });
});
afterAll(async () => j?.close());

const USERNAME = 'czj_jingban';
const OWN_PASSWORD = 'Caizheng#2026ok';

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

async function loginWith(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${j.baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function usersPage(page: Page): Promise<void> {
  await page.goto(`${j.baseUrl}/users`);
  await expect.poll(() => page.getByTestId('users-table').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
}

/** Confirms the dialog that says what will happen, after checking it says so. */
async function confirm(page: Page, says: string): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm:visible');
  await expect.poll(() => dialog.textContent(), { timeout: SHOWS_WITHIN }).toContain(says);
  await dialog.getByTestId('confirm-ok').click();
}

async function copiedPassword(page: Page): Promise<string> {
  const modal = page.locator('.ant-modal:visible', { hasText: '一次性密码' });
  await expect.poll(() => modal.textContent(), { timeout: SHOWS_WITHIN }).toContain('只显示这一次');
  const shown = (await modal.getByTestId('one-time-password').textContent())!.trim();
  await modal.locator('.ant-typography-copy').click();
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(shown);
  await modal.getByTestId('one-time-done').click();
  return copied;
}

test('the admin opens a department account, disables, enables and resets it', async () => {
  const { page } = j;
  await j.login('admin');
  await usersPage(page);
  await page.getByTestId('user-create').click();
  const drawer = page.locator('.ant-drawer:visible');
  await drawer.getByTestId('user-display-name').fill('赵经办');
  await drawer.getByTestId('user-username').fill(USERNAME);
  await drawer.getByTestId('user-roles').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '财政局' }).first().click();
  await page.keyboard.press('Escape');
  await drawer.getByTestId('user-units').locator('input').fill('财政');
  const unit = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '湛河区财政局' }).first();
  await expect.poll(() => unit.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await unit.click();
  await page.keyboard.press('Escape');
  await drawer.getByTestId('user-position').fill('经办人');
  await drawer.getByTestId('user-mobile').fill('13803751234');
  await drawer.getByTestId('user-create-submit').click();
  const first = await copiedPassword(page);
  expect(first).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);

  // The list shows the account in words: its role, unit and state.
  await page.getByTestId('user-search').locator('input').fill('赵经办');
  await page.getByTestId('user-search').locator('input').press('Enter');
  const row = page.getByTestId('users-table').locator('tr', { hasText: USERNAME });
  await expect.poll(() => row.textContent(), { timeout: SHOWS_WITHIN }).toContain('平顶山市湛河区财政局');
  expect(await row.textContent()).toContain('待修改初始密码');

  await logout(page);
  await loginWith(page, USERNAME, first);
  // Held at 修改密码, then at 绑定动态验证码, before anything else.
  await expect.poll(() => page.getByTestId('forced-title').textContent(), { timeout: SHOWS_WITHIN }).toBe('请先修改密码');
  await page.locator('#oldPassword').fill(first);
  await page.locator('#newPassword').fill(OWN_PASSWORD);
  await page.locator('#confirmPassword').fill(OWN_PASSWORD);
  await page.getByTestId('password-submit').click();
  await expect.poll(() => page.getByTestId('forced-title').textContent(), { timeout: SHOWS_WITHIN }).toBe('绑定动态验证码');
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await page.locator('#totp-confirm-code').fill(await totpCode(secret));
  await page.getByTestId('totp-confirm').click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.getByTestId('recovery-saved').click();
  await page.getByTestId('nav-menu').waitFor();
  await logout(page);
  // Its own password and a code from the authenticator.
  await loginWith(page, USERNAME, OWN_PASSWORD);
  await page.getByTestId('totp-step').waitFor();
  await page.locator('#totpCode').fill(await totpCode(secret));
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('nav-menu').waitFor();
  await logout(page);

  // Disabled: its password is refused.
  await j.login('admin');
  await usersPage(page);
  await page.getByTestId(`disable-${USERNAME}`).click();
  await confirm(page, '立即退出所有已登录的设备');
  await expect.poll(() => page.getByTestId(`status-${USERNAME}`).textContent(), { timeout: SHOWS_WITHIN }).toBe('已停用');
  await logout(page);
  await loginWith(page, USERNAME, OWN_PASSWORD);
  await expect.poll(() => page.locator('body').textContent(), { timeout: SHOWS_WITHIN }).toContain('用户名或密码错误');
  expect(new URL(page.url()).pathname).toBe('/login');

  // Enabled again, then reset: a new one-time code works, the first no longer does.
  await j.login('admin');
  await usersPage(page);
  await page.getByTestId(`enable-${USERNAME}`).click();
  await confirm(page, '可以用原有密码重新登录');
  await expect.poll(() => page.getByTestId(`status-${USERNAME}`).textContent(), { timeout: SHOWS_WITHIN }).toBe('正常');
  await page.getByTestId(`reset-${USERNAME}`).click();
  await confirm(page, '原密码立即失效');
  const second = await copiedPassword(page);
  expect(second).not.toBe(first);
  await logout(page);
  await loginWith(page, USERNAME, OWN_PASSWORD);
  await expect.poll(() => page.locator('body').textContent(), { timeout: SHOWS_WITHIN }).toContain('用户名或密码错误');
  // The new one-time password (with the bound authenticator's code) leads to 修改密码 again.
  await loginWith(page, USERNAME, second);
  await page.getByTestId('totp-step').waitFor();
  await page.locator('#totpCode').fill(await totpCode(secret));
  await page.getByTestId('totp-submit').click();
  await expect.poll(() => page.getByTestId('forced-title').textContent(), { timeout: SHOWS_WITHIN }).toBe('请先修改密码');
});
