/**
 * 账号安全 in a real browser. An operator account an admin set up (createUser, must_change_password)
 * logs in, is held at 修改密码 until it sets its own password, then at 绑定动态验证码 until it scans —
 * here: reads the key shown in text and computes codes from it with otplib, as an authenticator app
 * does — confirms and keeps its recovery codes. It logs out, logs in with password + 6-digit code;
 * a second browser logs in with a recovery code; 登录设备 shows both and the first ends the other;
 * the same recovery code does not work a second time.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generate } from 'otplib';
import { createUser } from '../server/modules/auth/users.js';
import { testCtx } from '../server/testing/context.js';
import { type Journey, openJourneyPage, startJourney } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const USERNAME = 'wang_keyuan';
const FIRST_PASSWORD = 'Chushi@2026mm';
const OWN_PASSWORD = 'Ziji#2026Mima';

/** The code an authenticator shows for the next 30-second step: the server allows one step of drift, and a step once. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function passwordStep(page: Page, password: string) {
  await page.goto(`${j.baseUrl}/login`);
  await page.locator('#username').fill(USERNAME);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

test('an operator changes the first password, enrols TOTP, logs in with it and manages its devices', async () => {
  await createUser(testCtx(j.handle, {}, new Date().toISOString()), {
    username: USERNAME, displayName: '王科员', password: FIRST_PASSWORD, roles: ['operator'], jurisdictionCode: '410411', organizationIds: [],
  });
  await j.handle.db.updateTable('app_user').set({ must_change_password: 1 }).where('username', '=', USERNAME).execute();
  const page = j.page;

  // 1. The first login is held at 修改密码.
  await passwordStep(page, FIRST_PASSWORD);
  await expect.poll(() => page.getByTestId('forced-title').textContent()).toBe('请先修改密码');
  await page.locator('#oldPassword').fill(FIRST_PASSWORD);
  await page.locator('#newPassword').fill(OWN_PASSWORD);
  await page.locator('#confirmPassword').fill(OWN_PASSWORD);
  await page.getByTestId('password-submit').click();

  // 2. Then at 绑定动态验证码: the QR code and the key in text.
  await expect.poll(() => page.getByTestId('forced-title').textContent()).toBe('绑定动态验证码');
  await page.getByTestId('totp-qr').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.locator('#totp-confirm-code').fill(await generate({ secret }));
  await page.getByTestId('totp-confirm').click();
  // Either the recovery codes or the form's reason: a refusal is reported in its words, not as a timeout.
  const refused = page.locator('.ant-form-item-explain-error');
  await page.getByTestId('recovery-codes').or(refused).first().waitFor();
  expect(await refused.allInnerTexts()).toEqual([]);
  const codes = await page.getByTestId('recovery-code').allInnerTexts();
  expect(codes).toHaveLength(10);
  await page.getByTestId('recovery-saved').click();
  await page.getByTestId('nav-menu').waitFor();

  // 3. Log out; log in with password + code.
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
  await passwordStep(page, OWN_PASSWORD);
  await page.getByTestId('totp-step').waitFor();
  await page.locator('#totpCode').fill(await nextCode(secret));
  await page.getByTestId('totp-submit').click();
  await page.getByTestId('nav-menu').waitFor();

  // 4. A second browser logs in with a recovery code.
  const second = await openJourneyPage(j.browser, { width: 1280, height: 720 });
  await second.goto(`${j.baseUrl}/login`);
  await second.locator('#username').fill(USERNAME);
  await second.locator('#password').fill(OWN_PASSWORD);
  await second.getByRole('button', { name: /登\s*录/ }).click();
  await second.getByTestId('totp-step').waitFor();
  await second.locator('#totpCode').fill(codes[0]!);
  await second.getByTestId('totp-submit').click();
  await second.getByTestId('nav-menu').waitFor();

  // 5. 账号安全 from the user menu: two devices; end the other one.
  await page.getByTestId('current-user').click();
  await page.getByTestId('menu-security').click();
  await page.getByTestId('security-page').waitFor();
  await expect.poll(() => page.getByTestId('end-device').count()).toBe(1);
  await expect.poll(() => page.locator('[data-testid="devices-table"] tbody tr').count()).toBe(2);
  await expect.poll(() => page.getByTestId('devices-table').innerText()).toContain('当前设备');
  await page.getByTestId('end-device').click();
  await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: /确\s*认/ }).click();
  await expect.poll(() => page.locator('[data-testid="devices-table"] tbody tr').count()).toBe(1);
  await expect.poll(() => page.getByTestId('totp-state').textContent()).toBe('已开启');

  // The ended browser is sent back to the login page on its next request.
  await second.reload();
  await second.waitForURL((url) => url.pathname.startsWith('/login'));

  // 6. The recovery code already used does not work again.
  await second.locator('#username').fill(USERNAME);
  await second.locator('#password').fill(OWN_PASSWORD);
  await second.getByRole('button', { name: /登\s*录/ }).click();
  await second.getByTestId('totp-step').waitFor();
  await second.locator('#totpCode').fill(codes[0]!);
  await second.getByTestId('totp-submit').click();
  await expect.poll(() => second.getByTestId('login-error').textContent()).toContain('动态码或恢复码不正确');
  await second.context().close();
});
