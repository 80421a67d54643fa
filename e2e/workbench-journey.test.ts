/**
 * 工作台 in a real browser. An enterprise logs in and lands on its workbench; under the open notice
 * it reads what it may be owed — in words (按上年度…的 10% 计 12 万元，未超过…上限), with what stands
 * between it and more (a payment without its invoice) and no internal on the page — and applies
 * from it after a confirmation: the draft claims only the contract that counts. The operator lands
 * on its workbench, opens a 待办 (待初审的奖补申报), reviews with a confirmation that states the
 * consequence, and back on the workbench the count has dropped. Users and data are made here.
 */
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, chinaDate } from '../common/dates.js';
import { build } from '../server/app.js';
import { isPostgresUrl } from '../server/db/create-db.js';
import { createApplication, submitApplication } from '../server/modules/applications/applications.js';
import { applicationInput } from '../server/modules/applications/schema.js';
import { makeNotice, PAYEE, registeredContract } from '../server/modules/applications/test-support.js';
import { createUser } from '../server/modules/auth/users.js';
import { createContract, transitionContract } from '../server/modules/contracts/contracts.js';
import { addPayment } from '../server/modules/contracts/payments.js';
import { contractInput } from '../server/modules/contracts/schema.js';
import { nextRegistrationNumber } from '../server/modules/contracts/test-support.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { TEST_PASSWORD } from '../server/testing/app.js';
import { makeOrganization } from '../server/testing/builders.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { findInternals } from '../server/testing/internals.js';
import { CHROMIUM_ARGS, bindAuthenticator, submitLogin, SHOWS_WITHIN, openJourneyPage } from './fixtures.js';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let baseUrl = '';

beforeAll(async () => {
  handle = await createTestDatabase(isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite');
  const sys = testCtx(handle, {}, new Date().toISOString());
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const org = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区工作台旅程电气有限公司' });
  const other = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区工作台旅程材料有限公司' });
  const seller = await makeOrganization(sys, { kind: 'university', divisionCode: '310115', name: '上海工作台旅程大学' });
  const office = await makeOrganization(sys, { kind: 'government_department', name: '湛河区技术合同登记处' });
  const parties = { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: org.id }] };
  // Counts: 1,200,000 yuan paid last year with voucher and invoice → 10 % = 120,000 yuan.
  await registeredContract(sys, { ...parties, name: '智能配电技术转让合同', amountFen: 200_000_000 }, 120_000_000, year - 1);
  // Does not count yet: its payment has no invoice.
  const noInvoice = await createContract(sys, contractInput.parse({ name: '发票未到的专利许可合同', type: 'transfer', subtype: 'patent', signedOn: `${year - 1}-02-01`, amountFen: 500_000_00, techField: 'advanced_manufacturing', ...parties }));
  const submitted = await transitionContract(sys, noInvoice.id, { to: 'submitted', version: noInvoice.version });
  await transitionContract(sys, noInvoice.id, { to: 'registered', version: submitted.version, registrationNumber: nextRegistrationNumber(year - 1), registeredOn: `${year - 1}-03-01`, registrationOfficeId: office.id });
  await addPayment(sys, noInvoice.id, { paidOn: `${year - 1}-06-01`, amountFen: 300_000_00, voucherNumber: 'HD-WB-1', invoices: [] });
  const notice = await makeNotice(sys, { title: `湛河区${year}年度技术转移奖补申报`, year, opensOn: addDays(today, -2), closesOn: addDays(today, 25) });
  // Another enterprise's application waits for the first review: the operator's 待办.
  await registeredContract(sys, { sellers: [{ organizationId: seller.id }], buyers: [{ organizationId: other.id }] }, 50_000_00, year - 1);
  const otherCtx = testCtx(handle, { id: null, name: '材料公司经办人', roles: ['enterprise'], organizationIds: [other.id] }, new Date().toISOString());
  const draft = await createApplication(otherCtx, applicationInput.parse({ noticeId: notice.id, organizationId: other.id, ...PAYEE }));
  await submitApplication(otherCtx, draft.id, { version: draft.version, commitment: { accepted: true, signer: '李总' } });
  await createUser(sys, { username: 'wb_enterprise', displayName: '电气公司经办人', password: TEST_PASSWORD, roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [org.id] });
  const operator = await createUser(sys, { username: 'wb_operator', displayName: '科技局王科员', password: TEST_PASSWORD, roles: ['operator'], jurisdictionCode: '410411', organizationIds: [] });
  secrets.set('wb_operator', await bindAuthenticator(handle, operator.id));
  app = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await openJourneyPage(browser, { width: 1440, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await handle?.drop();
});

/** The TOTP secrets of the accounts whose role must use 动态验证码. */
const secrets = new Map<string, string>();

async function loginAs(username: string): Promise<void> {
  await page.context().clearCookies();
  await submitLogin(page, baseUrl, username, TEST_PASSWORD, secrets.get(username));
  await page.waitForURL((url) => url.pathname === '/workbench');
}

test('an enterprise sees its prospective award on its workbench, in words, and applies from it', async () => {
  await loginAs('wb_enterprise');
  const prospect = page.getByTestId('prospect');
  await expect.poll(() => prospect.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await expect.poll(() => page.getByTestId('prospect-amount').innerText()).toContain('12 万元');
  expect(await page.getByTestId('prospect-sentence').innerText()).toBe('按上年度有凭证和发票的到账额 120 万元的 10% 计 12 万元，未超过每家企业每年 20 万元的上限');
  const obstacles = await page.getByTestId('prospect-obstacles').innerText();
  expect(obstacles).toContain('发票未到的专利许可合同');
  expect(obstacles).toContain('无发票');
  expect(findInternals(await page.locator('main, .ant-layout-content').first().innerText())).toEqual([]);

  await page.getByTestId('prospect-apply').click();
  await expect.poll(() => page.getByTestId('apply-confirm-text').innerText(), { timeout: SHOWS_WITHIN }).toContain('1 份合同新建一份申报草稿');
  await page.getByTestId('apply-confirm-ok').click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('application-status').first().innerText(), { timeout: SHOWS_WITHIN }).toBe('草稿');
  const form = await page.getByTestId('application-form').innerText();
  expect(form).toContain('智能配电技术转让合同');
  // Before the round closes, the application shows the estimate instead of "—", and the form says only the base year counts.
  await expect.poll(() => page.getByTestId('prospective-award').innerText(), { timeout: SHOWS_WITHIN }).toContain('预计 12 万元');
  expect(await page.getByTestId('base-year-hint').innerText()).toContain(`基准年度（${Number(chinaDate(new Date()).slice(0, 4)) - 1} 年）`);

  // Back on the workbench: the estimate says it has been applied for, and the draft is a 待办.
  await page.goto(`${baseUrl}/workbench`);
  await expect.poll(() => page.getByTestId('prospect-applied').innerText(), { timeout: SHOWS_WITHIN }).toContain('草稿');
  await expect.poll(() => page.getByTestId('todo-applications.draft').innerText()).toContain('1');
});

test('the operator works through a 待办 with a confirmation, and the count drops', async () => {
  await loginAs('wb_operator');
  const todo = page.getByTestId('todo-applications.submitted');
  await expect.poll(() => todo.innerText(), { timeout: SHOWS_WITHIN }).toMatch(/待初审的奖补申报\s*1/);
  await todo.click();
  await page.waitForURL(/\/applications\?status=submitted$/);
  const row = page.locator('.ant-table-row').filter({ hasText: '湛河区工作台旅程材料有限公司' });
  await expect.poll(() => row.count(), { timeout: SHOWS_WITHIN }).toBe(1);
  await row.first().click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  await page.getByTestId('review-first').click();
  // The confirmation says what passing does before anything happens.
  await expect.poll(() => page.getByTestId('review-consequence').innerText(), { timeout: SHOWS_WITHIN }).toContain('初审通过后，申报转入复核');
  await page.getByTestId('review-confirm').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="application-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('初审通过待复核');

  await page.goto(`${baseUrl}/workbench`);
  await expect.poll(() => page.getByTestId('todo-applications.submitted').innerText(), { timeout: SHOWS_WITHIN }).toMatch(/待初审的奖补申报\s*0/);
  await expect.poll(() => page.getByTestId('todo-applications.first_passed').innerText()).toMatch(/待复核的奖补申报\s*1/);
});
