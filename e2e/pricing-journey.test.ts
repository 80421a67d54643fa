/**
 * 成果定价公示 in a real browser: a district college's patent transfer cannot be submitted for
 * registration before its price is publicized (the refusal in words); the college publicizes it
 * (协议定价, the price in 元, a valuation report, who decided and when); a visitor of the portal (no
 * login) reads it and objects with a name and a contact; past the period (the server's clock moved
 * ahead) the contract waits for the answer; the college answers, submits, and the operator registers
 * it. The server runs on a clock the test moves; users and data are made here.
 */
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from '../server/app.js';
import { isPostgresUrl } from '../server/db/create-db.js';
import { createUser } from '../server/modules/auth/users.js';
import { totpRequired } from '../server/modules/auth/session-policy.js';
import { makeContract } from '../server/modules/contracts/test-support.js';
import { createProtector } from '../server/modules/registry/protect.js';
import { TEST_PASSWORD } from '../server/testing/app.js';
import { makeOrganization } from '../server/testing/builders.js';
import { TEST_KEY, testCtx } from '../server/testing/context.js';
import { createTestDatabase } from '../server/testing/databases.js';
import { CHROMIUM_ARGS, bindAuthenticator, submitLogin, SHOWS_WITHIN, openJourneyPage } from './fixtures.js';

const CONTRACT = '旅程学院绝缘子涂层专利权转让合同';
let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let baseUrl = '';
let contractUrl = '';
let tmp = '';
// The server's clock runs like a real one, moved ahead past the 公示 period.
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const secrets = new Map<string, string>();

beforeAll(async () => {
  handle = await createTestDatabase(isPostgresUrl(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite');
  const sys = testCtx(handle, {}, new Date().toISOString());
  const college = await makeOrganization(sys, { kind: 'university', divisionCode: '410411', name: '湛河旅程职业学院' });
  const buyer = await makeOrganization(sys, { kind: 'enterprise', divisionCode: '410411', name: '湛河区旅程绝缘材料有限公司' });
  const office = await makeOrganization(sys, { kind: 'government_department', divisionCode: '410411', name: '湛河区技术合同登记处' });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const contract = await makeContract(sys, { name: CONTRACT, signedOn: today, amountFen: 80_000_000, sellers: [{ organizationId: college.id }], buyers: [{ organizationId: buyer.id }] });
  const users: [string, string, 'institution' | 'operator', string[]][] = [
    ['j_college', '学院科技处', 'institution', [college.id]],
    ['j_operator', '登记员', 'operator', [office.id]],
  ];
  for (const [username, displayName, role, organizationIds] of users) {
    const { id } = await createUser(sys, { username, displayName, password: TEST_PASSWORD, roles: [role], jurisdictionCode: '410411', organizationIds });
    if (totpRequired([role], false)) secrets.set(username, await bindAuthenticator(handle, id));
  }
  app = await build({ handle, protector: createProtector(TEST_KEY), webDir: 'dist/web', clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  contractUrl = `${baseUrl}/contracts/${contract.id}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await openJourneyPage(browser);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-pricing-'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await handle?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function loginAs(username: string): Promise<void> {
  await page.context().clearCookies();
  await submitLogin(page, baseUrl, username, TEST_PASSWORD, secrets.get(username), clock);
}

const statusText = () => page.locator('.tt-page-header [data-testid="contract-status"]').innerText();
const outcome = () => page.getByTestId('pricing-outcome').first().innerText();

async function openAction(to: string): Promise<Locator> {
  await page.getByTestId(`action-${to}`).click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('action-form') });
  await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  return modal;
}

test('an institution’s price 公示 runs, a visitor objects, the institution answers, and the contract registers after it', async () => {
  // Before any 公示, submitting is refused in words.
  await loginAs('j_college');
  await page.goto(contractUrl);
  await expect.poll(() => page.getByTestId('pricing-card').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  let modal = await openAction('submitted');
  await page.getByTestId('action-confirm').click();
  await expect.poll(() => modal.innerText(), { timeout: SHOWS_WITHIN }).toContain('须先将成果定价');
  await modal.getByRole('button', { name: /取\s*消/ }).click();
  await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(false);

  // The college publicizes the price decision, with its valuation report.
  await page.getByTestId('pricing-publish').click();
  const form = page.getByTestId('pricing-form');
  await expect.poll(() => form.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await page.getByTestId('pricing-method').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '协议定价' }).click();
  const report = path.join(tmp, '资产评估报告.pdf');
  fs.writeFileSync(report, '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
  await page.getByTestId('pricing-valuation-upload').locator('input[type=file]').setInputFiles(report);
  await expect.poll(() => page.getByTestId('pricing-valuation-file').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await page.getByTestId('pricing-decision-body').fill('院长办公会');
  const today = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await page.getByTestId('pricing-decided-on').click();
  await page.getByTestId('pricing-decided-on').fill(today);
  await page.keyboard.press('Enter');
  await page.getByTestId('pricing-form-ok').click();
  await page.getByTestId('pricing-publish-confirm').click();
  await expect.poll(outcome, { timeout: SHOWS_WITHIN }).toContain('公示中');
  expect(await page.getByTestId('pricing-card').innerText()).toContain('800,000.00 元');

  // A visitor of the portal reads it and objects.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/announcements`);
  await page.getByTestId('pricing-portal-link').click();
  // The list exports to Excel for anyone, as shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pricing-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^成果定价公示-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const exported: string[] = [];
  book.getWorksheet('成果定价公示')!.eachRow((row) => exported.push(String(row.values)));
  expect(exported.find((r) => r.includes(CONTRACT))).toContain('协议定价');
  await page.getByRole('link', { name: new RegExp(CONTRACT) }).click();
  await expect.poll(() => page.getByTestId('pricing-public-price').innerText(), { timeout: SHOWS_WITHIN }).toBe('800,000.00 元');
  const publicText = await page.getByTestId('pricing-public').innerText();
  expect(publicText).toContain('协议定价');
  expect(publicText).toContain('院长办公会');
  expect(publicText).toContain('资产评估报告');
  await page.getByTestId('objection-name').fill('张三');
  await page.getByTestId('objection-contact').fill('13900000000');
  await page.getByTestId('objection-content').fill('转让价格低于同类专利的市场价格，请说明定价依据');
  await page.getByTestId('objection-send').click();
  await expect.poll(() => page.getByTestId('pricing-objection-sent').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);

  // Past the period the contract waits for the answer; the college answers and submits.
  offsetMs = 40 * 24 * 3600_000;
  await loginAs('j_college');
  // The college was told of the objection; its notification leads to the contract.
  await page.getByTestId('notification-bell').click();
  const told = page.getByTestId('notification-item').filter({ hasText: `成果定价公示收到异议：${CONTRACT}` }).first();
  await expect.poll(() => told.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await told.innerText()).toContain('张三');
  await page.goto(contractUrl);
  await expect.poll(outcome, { timeout: SHOWS_WITHIN }).toBe('公示期满，尚有 1 件异议待答复');
  expect(await page.getByTestId('pricing-objections').innerText()).toContain('13900000000');
  await page.getByTestId('pricing-answer').click();
  await page.getByTestId('pricing-answer-text').fill('价格依据资产评估报告并经院长办公会集体决策，评估报告已随公示发布');
  await page.getByTestId('pricing-answer-ok').click();
  await expect.poll(outcome, { timeout: SHOWS_WITHIN }).toBe('公示期满，异议 1 件均已答复');
  modal = await openAction('submitted');
  await page.getByTestId('action-confirm').click();
  await expect.poll(statusText, { timeout: SHOWS_WITHIN }).toBe('已提交待审');

  // The operator registers it.
  await loginAs('j_operator');
  await page.goto(contractUrl);
  await expect.poll(statusText, { timeout: SHOWS_WITHIN }).toBe('已提交待审');
  modal = await openAction('registered');
  await modal.getByTestId('registration-number').fill(`${today.slice(0, 4)}410411000321`);
  await page.getByTestId('action-confirm').click();
  await expect.poll(statusText, { timeout: SHOWS_WITHIN }).toBe('已登记');
  expect(await page.getByTestId('pricing-card').innerText()).toContain('公示期满，异议 1 件均已答复');
});
