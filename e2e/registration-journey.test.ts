/**
 * 单位注册 in a real browser. A new enterprise registers from the login page's link with its evidence
 * (a PDF business licence and a PNG 授权委托书 written here), solves the captcha (the app draws it with
 * a maker whose answers this test keeps — no route tells them), and keeps its 申请编号 and query code;
 * the district operator finds it in 注册审核, sees that the registry has no such unit, views the
 * evidence, and approves after the confirmation says what will happen; the applicant logs in with the
 * password they chose, finds the notification, invites a colleague with a one-time code; the colleague
 * joins at /join and logs in. Another application is returned with a reason, which the applicant
 * reads on the status page, corrects with a new licence and resubmits; the operator sees both
 * submissions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUscc } from '../common/uscc.js';
import type { CaptchaMaker } from '../server/modules/registration/captcha.js';
import { svgCaptchaMaker } from '../server/modules/registration/captcha.js';
import { samplePdf, samplePng } from '../server/modules/registration/test-support.js';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

/** The answers of the captchas the app drew, by image: the test reads the image on the page and looks its answer up. */
const answers = new Map<string, string>();
const rememberingCaptcha: CaptchaMaker = () => {
  const drawn = svgCaptchaMaker();
  answers.set(drawn.svg, drawn.answer);
  return drawn;
};

let j: Journey;
beforeAll(async () => {
  j = await startJourney({ config: { captcha: rememberingCaptcha } });
});
afterAll(async () => j?.close());

const UNIT = '平顶山湛河旅程新能源科技有限公司';
const PASSWORD = 'Zhuce@2026go';

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `registration-${name}.png`), fullPage: true });
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

/** Reads the captcha image shown and types its answer. */
async function solveCaptcha(page: Page): Promise<void> {
  const image = page.getByTestId('captcha-image');
  await visible(image);
  let answer: string | undefined;
  await expect.poll(async () => {
    const src = (await image.getAttribute('src')) ?? '';
    answer = answers.get(Buffer.from(src.split(',')[1] ?? '', 'base64').toString());
    return !!answer;
  }, { timeout: SHOWS_WITHIN }).toBe(true);
  await page.locator('#captchaAnswer').fill(answer!);
}

async function logInAs(username: string, password: string): Promise<void> {
  const { page, baseUrl } = j;
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

function evidenceFiles(tag: string): { license: string; authorization: string } {
  const license = path.join(j.tmp, `营业执照-${tag}.pdf`);
  const authorization = path.join(j.tmp, `授权委托书-${tag}.png`);
  fs.writeFileSync(license, samplePdf(`business licence ${tag}`));
  fs.writeFileSync(authorization, samplePng());
  return { license, authorization };
}

/** Fills the unit form on /register and submits; answers the number and the query code shown. */
async function register(input: { creditCode: string; name: string; username: string }): Promise<{ number: string; queryCode: string }> {
  const { page } = j;
  const files = evidenceFiles(input.username);
  await page.locator('#creditCode').fill(input.creditCode);
  await visible(page.getByTestId('credit-code-lookup'));
  expect(await page.getByTestId('credit-code-lookup').innerText()).toContain('机构库中尚无该单位');
  await page.locator('#orgName').fill(input.name);
  await choose(page, formItem(page, '单位类型').locator('.ant-select'), '企业');
  await choose(page, formItem(page, '所在地区').locator('.ant-select'), '河南省平顶山市湛河区', '湛河');
  await page.locator('#address').fill('河南省平顶山市湛河区开源路18号');
  await page.locator('#legalRepName').fill('王建国');
  await page.locator('#applicantName').fill('李经办');
  await page.locator('#mobile').fill('13837500001');
  await page.locator('#position').fill('科技项目主管');
  await page.locator('#username').fill(input.username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#confirmPassword').fill(PASSWORD);
  expect(await page.getByTestId('password-rules').innerText()).not.toContain('✗');
  await formItem(page, '营业执照或事业单位法人证书').locator('input[type=file]').setInputFiles(files.license);
  await formItem(page, '授权委托书').locator('input[type=file]').setInputFiles(files.authorization);
  await solveCaptcha(page);
  await shot(`form-${input.username}`);
  await page.getByTestId('registration-submit').click();
  const number = page.getByTestId('registration-number');
  await visible(number);
  const result = { number: (await number.textContent())!.trim(), queryCode: (await page.getByTestId('registration-query-code').textContent())!.trim() };
  expect(result.number).toMatch(/^ZC\d{12}$/);
  expect(result.queryCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  return result;
}

/** Opens an application in the operator's 注册审核 queue. */
async function openInQueue(name: string, filter?: string): Promise<void> {
  const { page, baseUrl } = j;
  await page.goto(`${baseUrl}/registrations`);
  if (filter) await page.getByTestId('registrations-filter').getByText(filter).click();
  const row = page.getByTestId('registrations-queue').locator('tbody tr', { hasText: name });
  await visible(row);
  await row.click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]{36}$/);
}

test('a new enterprise registers, the operator approves, the applicant logs in and invites a colleague who joins', async () => {
  const { page, baseUrl } = j;
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-register').click();
  await page.waitForURL(/\/register$/);
  // The 授权委托书 template is a PDF the server generates.
  const template = await page.request.get(`${baseUrl}${await page.getByTestId('template-link').getAttribute('href')}`);
  expect(template.headers()['content-type']).toBe('application/pdf');
  expect((await template.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const creditCode = buildUscc('9', '1', '410411', 'E2ERG001');
  const submitted = await register({ creditCode, name: UNIT, username: 'xinneng' });
  await shot('submitted');

  // The operator reviews it: no such unit in the registry yet, the evidence opens, the confirmation says what happens.
  await j.login('operator');
  await page.getByTestId('nav-menu').getByText('注册审核').click();
  await openInQueue(UNIT);
  await visible(page.getByTestId('registry-match'));
  expect(await page.getByTestId('registry-match').innerText()).toContain('审核通过后将新建机构');
  const licenseLink = page.getByTestId('evidence-license').getByRole('link', { name: /下载/ });
  const licence = await page.request.get(`${baseUrl}${await licenseLink.getAttribute('href')}`);
  expect((await licence.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(await page.getByTestId('evidence-authorization').innerText()).toContain('PNG');
  await page.getByTestId('registration-approve').click();
  const confirmText = page.getByTestId('approve-confirm-text');
  await visible(confirmText);
  expect(await confirmText.innerText()).toContain(`将在机构库中新建机构“${UNIT}”`);
  expect(await confirmText.innerText()).toContain('并开通账号 xinneng（角色：企业），设为该单位的单位管理员');
  await shot('approve-confirm');
  await page.getByTestId('approve-confirm-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="registration-status"]').getAttribute('data-status'), { timeout: SHOWS_WITHIN }).toBe('approved');

  // The status page says so, without logging in.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/register/status?number=${submitted.number}`);
  await page.locator('#queryCode').fill(submitted.queryCode);
  await page.getByTestId('status-lookup').click();
  await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-status'), { timeout: SHOWS_WITHIN }).toBe('approved');
  expect(await page.locator('.ant-result').innerText()).toContain('请使用用户名 xinneng');

  // The applicant logs in with the password they chose and finds the notification.
  await logInAs('xinneng', PASSWORD);
  await page.goto(`${baseUrl}/notifications`);
  await visible(page.getByText('单位注册已通过审核').first());

  // They invite a colleague: a one-time code, shown once.
  await page.goto(`${baseUrl}/unit-users`);
  await page.getByTestId('invite-open').click();
  await page.getByTestId('invite-note').fill('研发部 张工');
  await page.getByTestId('invite-generate').click();
  const codeShown = page.getByTestId('invite-code');
  await visible(codeShown);
  const code = (await codeShown.textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await shot('invitation');

  // The colleague joins with it and logs in, acting for the unit.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/join?code=${code}`);
  await page.getByTestId('join-check').click();
  await visible(page.getByTestId('join-preview'));
  expect(await page.getByTestId('join-preview').innerText()).toContain(`邀请您加入：${UNIT}（企业）`);
  const join = page.getByTestId('join-form');
  await join.locator('#username').fill('zhanggong');
  await join.locator('#displayName').fill('张工');
  await join.locator('#mobile').fill('13837500002');
  await join.locator('#position').fill('研发工程师');
  await join.locator('#password').fill('Tongshi@2026ok');
  await join.locator('#confirmPassword').fill('Tongshi@2026ok');
  await page.getByTestId('join-submit').click();
  await visible(page.getByTestId('join-done'));
  await logInAs('zhanggong', 'Tongshi@2026ok');
  expect(await page.getByTestId('current-user').innerText()).toContain('张工');
  await page.goto(`${baseUrl}/unit-users`);
  await shot('colleague-unit-users');
  await visible(page.getByText('本单位的单位管理员：李经办（13837500001）'));

  // The unit admin sees the colleague among the unit's accounts, and the code used.
  await logInAs('xinneng', PASSWORD);
  await page.goto(`${baseUrl}/unit-users`);
  const member = page.getByTestId('unit-members').locator('tbody tr', { hasText: 'zhanggong' });
  await visible(member);
  expect(await member.innerText()).toContain('研发工程师');
  expect(await page.getByTestId('unit-invitations').innerText()).toContain('已使用');
  await shot('unit-users');
});

test('a returned registration shows the reason and is resubmitted with a new licence', async () => {
  const { page, baseUrl } = j;
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/register`);
  const wrongName = '平顶山湛河旅程智能装各有限公司';
  const submitted = await register({ creditCode: buildUscc('9', '1', '410411', 'E2ERG002'), name: wrongName, username: 'zhuangbei' });

  await j.login('operator');
  await openInQueue(wrongName);
  await page.getByTestId('registration-return').click();
  const reason = '单位名称与营业执照不一致（“装各”应为“装备”），请更正并重新上传清晰的营业执照。';
  await page.getByTestId('return-reason-input').fill(reason);
  await page.getByTestId('return-confirm-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="registration-status"]').getAttribute('data-status'), { timeout: SHOWS_WITHIN }).toBe('returned');

  // The applicant reads why on the status page and corrects it.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/register/status?number=${submitted.number}`);
  await page.locator('#queryCode').fill(submitted.queryCode);
  await page.getByTestId('status-lookup').click();
  await visible(page.getByTestId('return-reason'));
  expect(await page.getByTestId('return-reason').innerText()).toContain(reason);
  await shot('returned');
  await page.getByTestId('start-resubmit').click();
  const form = page.getByTestId('registration-form');
  await visible(form);
  expect(await form.locator('#orgName').inputValue()).toBe(wrongName);
  await form.locator('#orgName').fill('平顶山湛河旅程智能装备有限公司');
  const clearer = path.join(j.tmp, '营业执照-清晰.pdf');
  fs.writeFileSync(clearer, samplePdf('clear business licence'));
  await formItem(form, '营业执照或事业单位法人证书').locator('input[type=file]').setInputFiles(clearer);
  await solveCaptcha(page);
  await page.getByTestId('registration-submit').click();
  await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-status'), { timeout: SHOWS_WITHIN }).toBe('pending');
  expect(await page.locator('.ant-timeline').innerText()).toMatch(/提交申请[\s\S]*退回[\s\S]*修改后重新提交/);

  // The operator sees the corrected application, both submissions and the earlier licence.
  await j.login('operator');
  await openInQueue('平顶山湛河旅程智能装备有限公司');
  await visible(page.getByText('此前提交的材料'));
  expect(await page.locator('.ant-descriptions').first().innerText()).toMatch(/提交次数\s*2/);
  await shot('resubmitted');
});
