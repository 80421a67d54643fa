/**
 * A technology contract from draft to registration, in a real browser: the enterprise drafts it
 * (a natural-person seller, its own company as buyer, the 技术交易额 computed as it types) and
 * submits it, records a payment with an invoice (the server's invoice-number message shows beside
 * the field), the operator asks for materials, the enterprise resubmits, the operator registers it
 * with a number; the page then shows 已登记, the number, and the history with its deadlines.
 * (The server takes no payments on a draft, so the payment comes after the first submission.)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const NAME = '旅程测试绝缘子涂层专利权转让合同';
const REGISTRATION_NUMBER = '2026410411990001';

/** The open dropdown's option with exactly this text. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
  await expect.poll(() => item.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await item.click();
}

async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const formItem = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

async function statusText(page: Page): Promise<string> {
  return page.locator('.tt-page-header [data-testid="contract-status"]').innerText();
}

async function act(page: Page, to: string, fill?: (modal: Locator) => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${to}`).click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('action-form') });
  await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  if (fill) await fill(modal);
  await page.getByTestId('action-confirm').click();
  // The modal closes once the step is taken; a refusal keeps it open with its reason, which the failure then shows.
  await expect.poll(async () => ((await modal.isVisible()) ? `still open: ${await modal.innerText()}` : 'closed'), { timeout: SHOWS_WITHIN }).toBe('closed');
}

test('a contract goes from the enterprise’s draft to the operator’s registration, with a payment and a request for materials', async () => {
  const { page, baseUrl } = j;
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/contracts`);
  await expect.poll(() => page.getByTestId('contracts-table').innerText(), { timeout: SHOWS_WITHIN }).toContain('鹰开');
  await page.getByRole('button', { name: /新建技术合同/ }).click();
  await page.waitForURL(/\/contracts\/new$/);

  const form = page.getByTestId('contract-form');
  await formItem(form, '合同名称').locator('input').fill(NAME);
  await choose(page, formItem(form, '合同类别').locator('.ant-select'), '技术转让');
  await choose(page, formItem(form, '合同子类').locator('.ant-select'), '专利权转让');
  await choose(page, formItem(form, '技术领域').locator('.ant-select'), '新材料及其应用');
  await typeDate(formItem(form, '签订日期').locator('input').first(), '2026-11-20');
  // The seller is an inventor (a natural person); the buyer starts as the enterprise's own company.
  const seller = page.getByTestId('party-sellers-0');
  await seller.getByText('自然人').click();
  await seller.getByPlaceholder('自然人姓名').fill('王旅程');
  await expect.poll(() => page.getByTestId('party-buyers-0').innerText(), { timeout: SHOWS_WITHIN }).toContain('平顶山鹰开高压电气股份有限公司');
  await form.getByTestId('contract-amount').fill('500000');
  await form.getByTestId('contract-deduction-otherFen').fill('20000.5');
  await expect.poll(() => page.getByTestId('contract-tech-amount').innerText()).toContain('479,999.50 元');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/, { timeout: SHOWS_WITHIN });
  const contractUrl = page.url();
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('草稿');
  expect(await page.getByTestId('contract-tech-amount-value').innerText()).toBe('479,999.50');

  // A draft takes no payments yet.
  await page.getByRole('tab', { name: '付款记录' }).click();
  await expect.poll(() => page.getByTestId('add-payment').isDisabled(), { timeout: SHOWS_WITHIN }).toBe(true);
  await page.getByRole('tab', { name: '基本信息' }).click();

  await act(page, 'submitted');
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('已提交待审');
  await expect.poll(() => page.getByTestId('current-deadline').innerText()).toContain('15个工作日');
  // The enterprise may not review its own contract.
  expect(await page.getByTestId('action-registered').count()).toBe(0);

  // The payment, with an invoice whose number the server refuses first.
  await page.getByRole('tab', { name: '付款记录' }).click();
  await page.getByTestId('add-payment').click();
  const payment = page.getByTestId('payment-form');
  await typeDate(formItem(payment, '付款日期').locator('input').first(), '2026-11-24');
  await payment.getByTestId('payment-amount').fill('300000');
  await payment.getByTestId('payment-voucher-number').fill('ZZ202611240001');
  await page.getByTestId('add-invoice').click();
  const invoice = page.getByTestId('invoice-0');
  await invoice.getByTestId('invoice-number').fill('12345');
  await typeDate(formItem(invoice, '开票日期').locator('input').first(), '2026-11-24');
  await invoice.getByTestId('invoice-amount').fill('300000');
  await page.getByTestId('payment-save').click();
  await expect.poll(() => invoice.innerText(), { timeout: SHOWS_WITHIN }).toContain('发票号码应为20位数字');
  await invoice.getByTestId('invoice-number').fill('26412000009900000001');
  await page.getByTestId('payment-save').click();
  const payments = page.getByTestId('payments-table');
  await expect.poll(() => payments.innerText(), { timeout: SHOWS_WITHIN }).toContain('26412000009900000001');
  expect(await payments.innerText()).toContain('300,000.00');

  // The operator asks for materials.
  await loginAs('operator');
  await page.goto(contractUrl);
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('已提交待审');
  await act(page, 'materials_requested', (modal) => modal.getByTestId('action-note').fill('请补充专利证书复印件'));
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('待补正材料');

  // The enterprise resubmits.
  await loginAs('enterprise');
  await page.goto(contractUrl);
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('待补正材料');
  expect(await page.getByTestId('action-submitted').innerText()).toContain('补正后重新提交');
  await act(page, 'submitted');
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('已提交待审');

  // The operator registers it with a number.
  await loginAs('operator');
  await page.goto(contractUrl);
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('已提交待审');
  await act(page, 'registered', (modal) => modal.getByTestId('registration-number').fill(REGISTRATION_NUMBER));
  await expect.poll(() => statusText(page), { timeout: SHOWS_WITHIN }).toBe('已登记');
  expect(await page.getByTestId('registration-number-value').innerText()).toBe(REGISTRATION_NUMBER);

  const history = page.getByTestId('contract-history');
  const rows = await history.locator('tbody tr.ant-table-row').allInnerTexts();
  expect(rows).toHaveLength(5); // created, submitted, materials requested, resubmitted, registered
  const deadlines = await history.getByTestId('step-deadline').allInnerTexts();
  expect(deadlines).toHaveLength(2); // one per submission
  for (const d of deadlines) {
    expect(d).toContain('15个工作日');
    expect(d).toMatch(/办结于 \d{4}-\d{2}-\d{2}/);
  }
  expect(await history.innerText()).toContain('请补充专利证书复印件');

  const shot = path.join(j.tmp, 'contract-detail.png');
  await page.screenshot({ path: shot, fullPage: true });
  if (process.env.E2E_SCREENSHOTS) {
    fs.mkdirSync(process.env.E2E_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(shot, path.join(process.env.E2E_SCREENSHOTS, 'contract-detail.png'));
  }
});

test('the operator finds demo contracts by status and registration year, and sees a related pair explained', async () => {
  const { page, baseUrl } = j;
  await page.goto(`${baseUrl}/contracts?status=registered&registrationYear=2022`);
  const table = page.getByTestId('contracts-table');
  await expect.poll(() => table.innerText(), { timeout: SHOWS_WITHIN }).toContain('尼龙66工业丝高速纺丝技术秘密转让合同');
  expect(await table.innerText()).not.toContain('草稿');
  await page.getByRole('row', { name: /尼龙66工业丝高速纺丝技术秘密转让合同/ }).click();
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  const related = page.getByTestId('related-parties');
  await expect.poll(() => related.innerText(), { timeout: SHOWS_WITHIN }).toContain('存在关联关系');
  expect(await related.innerText()).toContain('间接持有');
  await page.getByRole('tab', { name: '付款记录' }).click();
  await expect.poll(() => page.getByTestId('payments-table').innerText(), { timeout: SHOWS_WITHIN }).toContain('1,500,000.00');
});
