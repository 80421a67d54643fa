/**
 * 统一身份认证 (single sign-on) in a real browser against a real OpenID Connect provider started here
 * (oidc-provider with its own login and consent pages). The login page offers the provider's button;
 * a first-time identity signs in at the provider and lands on 单位注册 with the unit's name and
 * credit code, the applicant's name and mobile filled in from the claims; the applicant completes and
 * submits it, the operator approves it in 注册审核, and the applicant's next sign-on through the
 * provider lands them logged in as the verified unit's admin. Cancelling at the provider comes back
 * to the login page with the reason in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUscc } from '../common/uscc.js';
import { type CaptchaMaker, svgCaptchaMaker } from '../server/modules/registration/captcha.js';
import { samplePdf, samplePng } from '../server/modules/registration/test-support.js';
import { listenTestProvider, type TestProvider } from '../server/testing/oidc-test-provider.js';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

const answers = new Map<string, string>();
const rememberingCaptcha: CaptchaMaker = () => {
  const drawn = svgCaptchaMaker();
  answers.set(drawn.svg, drawn.answer);
  return drawn;
};

const UNIT = '平顶山湛河统一认证新材料有限公司';
const CREDIT_CODE = buildUscc('9', '1', '410411', 'E2ETY001');
const LABEL = '河南省统一身份认证登录';

let idp: TestProvider;
let j: Journey;
beforeAll(async () => {
  idp = await listenTestProvider();
  j = await startJourney({ config: { captcha: rememberingCaptcha, oidc: idp.settings({ label: LABEL }) } });
  idp.start(`${j.baseUrl}/api/auth/oidc/callback`, {
    'zhou-tongyi': { name: '周统一', phone_number: '13837500777', credit_code: CREDIT_CODE, org_name: UNIT },
  });
});
afterAll(async () => {
  await j?.close();
  await idp?.close();
});

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `sso-${name}.png`), fullPage: true });
}

const visible = (l: Locator, timeout = 20_000) => expect.poll(() => l.isVisible(), { timeout }).toBe(true);
const formItem = (scope: Locator | Page, label: string) => scope.locator('.ant-form-item').filter({ has: j.page.locator('label', { hasText: label }) }).first();

async function choose(page: Page, select: Locator, option: string, search?: string): Promise<void> {
  await expect.poll(async () => {
    if ((await select.innerText()).includes(option)) return true;
    await select.click();
    if (search) await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
    await item.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    if (await item.isVisible()) await item.click();
    return (await select.innerText()).includes(option);
  }, { timeout: SHOWS_WITHIN, interval: 500 }).toBe(true);
}

/** From the login page: the SSO button, then the provider's own login page (any password) and, the first time, its consent page. */
async function signOnAtProvider(login: string, options: { cancel?: boolean } = {}): Promise<void> {
  const { page, baseUrl } = j;
  await page.goto(`${baseUrl}/login`);
  const button = page.getByTestId('sso-login');
  await visible(button);
  expect(await button.innerText()).toContain(LABEL);
  await button.click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  const loginField = page.locator('input[name=login]');
  await visible(loginField);
  await loginField.fill(login);
  await page.locator('input[name=password]').fill('whatever the province checks');
  await page.locator('button[type=submit]').click();
  // The consent page (first sign-on of this browser session at the provider) or straight back to the app.
  await expect.poll(async () => new URL(page.url()).origin === baseUrl || (await page.locator('input[name=prompt][value=consent]').count()) > 0, { timeout: SHOWS_WITHIN }).toBe(true);
  if (new URL(page.url()).origin !== baseUrl) {
    if (options.cancel) await page.getByText('[ Cancel ]').click();
    else await page.locator('button[type=submit]').click();
  }
  await page.waitForURL((url) => url.origin === baseUrl);
}

test('a first identity registers pre-filled, is approved, and its next sign-on lands the verified user', async () => {
  const { page, baseUrl } = j;

  // Cancelling at the provider: back on the login page, told why, not logged in.
  await signOnAtProvider('zhou-tongyi', { cancel: true });
  await page.waitForURL(/\/login\?sso=denied/);
  await visible(page.getByTestId('sso-error'));
  expect(await page.getByTestId('sso-error').innerText()).toContain('您在统一身份认证页面取消了登录');
  await shot('cancelled');

  // The first real sign-on: an identity the platform does not know lands on 单位注册, pre-filled.
  await page.context().clearCookies();
  await signOnAtProvider('zhou-tongyi');
  await page.waitForURL(/\/register\?sso=1$/);
  await visible(page.getByText('已根据统一身份认证的信息预先填写部分内容').first());
  await expect.poll(() => page.locator('#creditCode').inputValue(), { timeout: SHOWS_WITHIN }).toBe(CREDIT_CODE);
  expect(await page.locator('#orgName').inputValue()).toBe(UNIT);
  expect(await page.locator('#applicantName').inputValue()).toBe('周统一');
  expect(await page.locator('#mobile').inputValue()).toBe('13837500777');
  await visible(page.getByTestId('credit-code-lookup'));
  await shot('prefilled');

  // The applicant completes the rest and submits.
  const license = path.join(j.tmp, '营业执照.pdf');
  const authorization = path.join(j.tmp, '授权委托书.png');
  fs.writeFileSync(license, samplePdf('business licence sso'));
  fs.writeFileSync(authorization, samplePng());
  await choose(page, formItem(page, '单位类型').locator('.ant-select'), '企业');
  await choose(page, formItem(page, '所在地区').locator('.ant-select'), '河南省平顶山市湛河区', '湛河');
  await page.locator('#address').fill('河南省平顶山市湛河区曹镇乡产业园9号');
  await page.locator('#legalRepName').fill('周建业');
  await page.locator('#position').fill('总经理助理');
  await page.locator('#username').fill('zhoutongyi');
  await page.locator('#password').fill('Tongyi@2026go');
  await page.locator('#confirmPassword').fill('Tongyi@2026go');
  await formItem(page, '营业执照或事业单位法人证书').locator('input[type=file]').setInputFiles(license);
  await formItem(page, '授权委托书').locator('input[type=file]').setInputFiles(authorization);
  const image = page.getByTestId('captcha-image');
  await visible(image);
  let answer: string | undefined;
  await expect.poll(async () => {
    answer = answers.get(Buffer.from(((await image.getAttribute('src')) ?? '').split(',')[1] ?? '', 'base64').toString());
    return !!answer;
  }, { timeout: SHOWS_WITHIN }).toBe(true);
  await page.locator('#captchaAnswer').fill(answer!);
  await page.getByTestId('registration-submit').click();
  await visible(page.getByTestId('registration-number'));

  // The operator approves it in 注册审核.
  await j.login('operator');
  await page.goto(`${baseUrl}/registrations`);
  const row = page.getByTestId('registrations-queue').locator('tbody tr', { hasText: UNIT });
  await visible(row);
  await row.click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]{36}$/);
  await page.getByTestId('registration-approve').click();
  await visible(page.getByTestId('approve-confirm-text'));
  await page.getByTestId('approve-confirm-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="registration-status"]').getAttribute('data-status'), { timeout: SHOWS_WITHIN }).toBe('approved');

  // The applicant signs on again through the provider: logged in as the unit's verified account.
  await page.context().clearCookies();
  await signOnAtProvider('zhou-tongyi');
  await page.waitForURL((url) => !url.pathname.startsWith('/login') && !url.pathname.startsWith('/register'));
  await visible(page.getByText('周统一', { exact: true }).first());
  await page.goto(`${baseUrl}/unit-users`);
  await visible(page.getByText(UNIT).first());
  await visible(page.getByText('单位管理员').first());
  await shot('signed-on');
  const me = await page.request.get(`${baseUrl}/api/auth/me`);
  expect((await me.json()).user).toMatchObject({ username: 'zhoutongyi', roles: ['enterprise'] });
});
