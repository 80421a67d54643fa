/**
 * The subsidy application workflow in a real browser, 申报 → 拨付: the operator publishes a notice;
 * the enterprise applies with its registered contract and signs the commitment; the first review
 * returns it (退回补正), the enterprise corrects and resubmits; the first review passes; another
 * operator does the second review; the operator closes the round (awards computed) and publishes
 * the 公示; the public page (no login) shows the beneficiary and the amount with 大写; after the
 * period finance approves and records the payment; the applicant sees 已拨付 with its explanation.
 * The server runs on a clock the test moves past the 公示 period; users and data are made here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chinaDate } from '../common/dates.js';
import { build } from '../server/app.js';
import { isPostgresUrl } from '../server/db/create-db.js';
import { createUser } from '../server/modules/auth/users.js';
import { registeredContract } from '../server/modules/applications/test-support.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { TEST_PASSWORD } from '../server/testing/app.js';
import { makeOrganization } from '../server/testing/builders.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { CHROMIUM_ARGS, bindAuthenticator, submitLogin, SHOWS_WITHIN, openJourneyPage } from './fixtures.js';

const ENTERPRISE = '湛河区旅程奖补电气有限公司';
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let baseUrl = '';
let tmp = '';
// The server's clock runs like a real one, moved ahead when the story skips days (the 公示 period).
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

beforeAll(async () => {
  handle = await createTestDatabase(isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite');
  const sys = testCtx(handle, {}, new Date().toISOString());
  const year = Number(chinaDate(clock.now()).slice(0, 4));
  const org = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: ENTERPRISE });
  const seller = await makeOrganization(sys, { kind: 'university', divisionCode: '310115', name: '上海旅程大学' });
  // R1: 10 % of 120,000 yuan paid (with voucher and invoice) in the base year = 12,000 yuan.
  await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: org.id }] }, 120_000_00, year - 1);
  const users: [string, string, 'operator' | 'finance' | 'enterprise', string[]][] = [
    ['j_operator1', '初审员甲', 'operator', []],
    ['j_operator2', '复核员乙', 'operator', []],
    ['j_finance', '财政局丙', 'finance', []],
    ['j_enterprise', '企业经办人', 'enterprise', [org.id]],
  ];
  for (const [username, displayName, role, organizationIds] of users) {
    const { id } = await createUser(sys, { username, displayName, password: TEST_PASSWORD, roles: [role], jurisdictionCode: '410411', organizationIds });
    if (role !== 'enterprise') secrets.set(username, await bindAuthenticator(handle, id));
  }
  app = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web', clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await openJourneyPage(browser);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await handle?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The TOTP secrets of the accounts whose role must use 动态验证码. */
const secrets = new Map<string, string>();

async function loginAs(username: string): Promise<void> {
  await page.context().clearCookies();
  await submitLogin(page, baseUrl, username, TEST_PASSWORD, secrets.get(username), clock);
}

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `applications-${name}.png`), fullPage: true });
}

const statusOf = () => page.locator('.tt-page-header [data-testid="application-status"]').innerText();
const noticeStatus = () => page.locator('.tt-page-header [data-testid="notice-status"]').innerText();

async function review(stage: 'first' | 'second', decision: '通过' | '退回补正', reason?: string): Promise<void> {
  await page.getByTestId(`review-${stage}`).click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('review-decision') });
  await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await modal.getByText(decision, { exact: true }).click();
  if (reason) await modal.getByTestId('review-reason').fill(reason);
  await page.getByTestId('review-confirm').click();
  await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(false);
}

async function signAndSubmit(signer: string): Promise<void> {
  await page.getByText('我已阅读并同意上述承诺').click();
  await page.getByTestId('commitment-signer').fill(signer);
  await page.getByTestId('application-submit').click();
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('已提交待初审');
}

test('a subsidy goes from the notice through two reviews, the 公示 and finance’s approval to 已拨付', async () => {
  // The operator publishes a notice open from today.
  await loginAs('j_operator1');
  await page.goto(`${baseUrl}/notices`);
  await page.getByTestId('new-notice').click();
  await page.getByTestId('notice-confirm').click();
  await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
  const noticeId = page.url().split('/').pop()!;
  await expect.poll(noticeStatus, { timeout: SHOWS_WITHIN }).toBe('申报中');

  // The enterprise applies: its registered contract is pre-filled; it signs and submits.
  await loginAs('j_enterprise');
  await page.goto(`${baseUrl}/applications`);
  await page.getByTestId(`apply-${noticeId}`).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  const applicationUrl = page.url();
  await expect.poll(() => page.getByTestId('application-form').innerText(), { timeout: SHOWS_WITHIN }).toContain('上海旅程大学');
  await page.getByTestId('field-contactName').fill('王经办');
  await page.getByTestId('field-contactPhone').fill('0375-1234567');
  await page.getByTestId('field-payeeBank').fill('中国银行平顶山湛河支行');
  await page.getByTestId('field-payeeAccount').fill('6217001234567890123');
  await signAndSubmit('王总');
  await shot('submitted');

  // First review returns it for correction; the enterprise corrects and resubmits.
  await loginAs('j_operator1');
  await page.goto(applicationUrl);
  await review('first', '退回补正', '请核对联系电话');
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('退回补正');
  await loginAs('j_enterprise');
  await page.goto(applicationUrl);
  await expect.poll(() => page.getByTestId('return-reason').innerText(), { timeout: SHOWS_WITHIN }).toContain('请核对联系电话');
  await page.getByTestId('field-contactPhone').fill('0375-7654321');
  await signAndSubmit('王总');

  // First review passes; another operator does the second review.
  await loginAs('j_operator1');
  await page.goto(applicationUrl);
  await review('first', '通过');
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('初审通过待复核');
  await loginAs('j_operator2');
  await page.goto(applicationUrl);
  await review('second', '通过');
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('复核通过待核定');

  // The operator closes the round (awards computed) and publishes the 公示.
  await loginAs('j_operator1');
  await page.goto(`${baseUrl}/notices/${noticeId}`);
  await page.getByTestId('notice-compute').click();
  // Irreversible: the dialog says what will happen before anything does.
  await expect.poll(() => page.locator('.ant-modal-confirm').innerText(), { timeout: SHOWS_WITHIN }).toContain('不再接受新的申报');
  expect(await noticeStatus()).not.toBe('已核定奖补');
  await page.getByTestId('step-confirm').click();
  await expect.poll(noticeStatus, { timeout: SHOWS_WITHIN }).toBe('已核定奖补');
  await expect.poll(() => page.getByTestId('notice-applications').innerText(), { timeout: SHOWS_WITHIN }).toContain('12,000 元');
  await page.getByTestId('notice-publicize').click();
  await expect.poll(() => page.locator('.ant-modal-confirm').innerText(), { timeout: SHOWS_WITHIN }).toContain('向社会公开');
  await page.getByTestId('step-confirm').click();
  await expect.poll(noticeStatus, { timeout: SHOWS_WITHIN }).toBe('公示中');

  // The public page, without logging in.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/public/notices/${noticeId}`);
  const table = page.getByTestId('public-notice-table');
  await expect.poll(() => table.innerText(), { timeout: SHOWS_WITHIN }).toContain(ENTERPRISE);
  expect(await table.innerText()).toContain('12,000 元');
  expect(await table.innerText()).toContain('人民币壹万贰仟元整');
  await shot('public-notice');

  // After the period, finance approves the list and records the payment.
  offsetMs += 15 * 86_400_000;
  await loginAs('j_finance');
  await page.goto(`${baseUrl}/notices/${noticeId}`);
  await page.getByTestId('notice-approve').click();
  await expect.poll(() => page.locator('.ant-modal-confirm').innerText(), { timeout: SHOWS_WITHIN }).toContain('拨付依据');
  await page.getByTestId('step-confirm').click();
  await expect.poll(noticeStatus, { timeout: SHOWS_WITHIN }).toBe('财政已审定');
  expect(await page.getByTestId('payment-list-pdf').getAttribute('href')).toBe(`/api/notices/${noticeId}/payment-list?format=pdf`);
  await page.goto(applicationUrl);
  await page.getByTestId('record-payment').click();
  await page.getByTestId('payment-date').fill(chinaDate(clock.now()));
  await page.getByTestId('payment-reference').fill('ZH-JOURNEY-0001');
  await page.getByTestId('payment-confirm').click();
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('已拨付');

  // The applicant sees 已拨付 and how its award was computed.
  await loginAs('j_enterprise');
  await page.goto(applicationUrl);
  await expect.poll(statusOf, { timeout: SHOWS_WITHIN }).toBe('已拨付');
  const explanation = await page.getByTestId('award-explanation').innerText();
  expect(explanation).toContain('奖补金额：1.2 万元');
  expect(explanation).toContain('人民币壹万贰仟元整');
  expect(await page.getByTestId('disbursement').innerText()).toContain('ZH-JOURNEY-0001');
  await shot('paid');
});
