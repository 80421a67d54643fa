/**
 * Services and finance (服务与金融) in a real browser, on the demo district's accounts: the agency
 * (湛河技术转移中心) publishes a service offering and later edits its price terms (an edit made stale by
 * a colleague in another tab is refused with the server's message, then redone); the enterprise finds
 * it in the public directory (/services) with the new terms and sends a service request; the agency
 * accepts, works on and completes it, and the enterprise sees it 已完成. The bank publishes a credit
 * loan product and edits its rate ceiling; the enterprise posts a financing need, edits its amount,
 * and sees the product matched with every reason; the bank answers with an offer; the enterprise
 * sees the offer on its need, and corrects the note of the demo licence it holds (知识产权运营).
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const AGENCY = '平顶山湛河技术转移中心有限公司';
const ENTERPRISE = '平顶山鹰开高压电气股份有限公司';
const BANK = '鹰城银行股份有限公司湛河科技支行';
const OFFERING = '旅程测试：中试熟化技术评估';
const REQUEST = '旅程测试：真空灭弧室新工艺中试评估';
const PRODUCT = '旅程测试·科技信用贷';
const NEED = '旅程测试：购买灭弧室新工艺技术';
const IP_TITLE = '一种双稳态永磁操动机构';

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `services-${name}.png`), fullPage: true });
}

const visible = (l: Locator) => expect.poll(() => l.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
/** Waits for a modal form to close; when it stays open, fails with what it shows (the errors on its fields). */
async function hidden(modal: Locator): Promise<void> {
  try {
    await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(false);
  } catch {
    await shot('stuck');
    throw new Error(`the form stayed open: ${await modal.innerText()}`);
  }
}
const formItem = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();
const modalWith = (page: Page, okTestId: string) => page.locator('.ant-modal').filter({ has: page.getByTestId(okTestId) });

/**
 * Opens a select and clicks the option with this text (typing first for remote pickers), until the
 * select shows it: a remote picker's options may be replaced by its search's answer under the click.
 */
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

async function fill(modal: Locator, label: string, value: string): Promise<void> {
  await formItem(modal, label).locator('input, textarea').first().fill(value);
}

const requestStatus = () => j.page.locator('.tt-page-header [data-testid="request-status"]').getAttribute('data-status');

async function move(page: Page, to: string): Promise<void> {
  await page.getByTestId(`request-move-${to}`).click();
  await page.getByTestId('request-move-ok').click();
  await expect.poll(requestStatus, { timeout: SHOWS_WITHIN }).toBe(to);
}

test('an agency’s offering is found and requested by an enterprise and completed; a bank’s product matches an enterprise’s need and is offered', async () => {
  const { page, baseUrl } = j;

  // The agency publishes an offering, then edits its price terms.
  await loginAs('agency');
  await page.goto(`${baseUrl}/service-offerings`);
  await page.getByTestId('offering-new').click();
  const create = modalWith(page, 'offering-new-ok');
  await visible(create);
  await choose(page, formItem(create, '服务机构').locator('.ant-select'), AGENCY, '湛河技术转移中心');
  await choose(page, formItem(create, '服务类别').locator('.ant-select'), '技术评估');
  await fill(create, '名称', OFFERING);
  await fill(create, '说明', '对高校院所成果的中试熟化方案开展技术成熟度评估，出具评估意见，协助企业决策。');
  await fill(create, '收费方式', '每项10000元');
  await fill(create, '联系人', '郭鹏');
  await page.getByTestId('offering-new-ok').click();
  await hidden(create);
  const row = page.getByTestId('offerings-table').locator('tbody tr', { hasText: OFFERING });
  await visible(row);
  expect(await row.innerText()).toContain('每项10000元');
  await row.getByTestId('offering-edit').click();
  const edit = modalWith(page, 'offering-edit-ok');
  await visible(edit);
  expect(await formItem(edit, '名称').locator('input').inputValue()).toBe(OFFERING);
  // Meanwhile a colleague, in another tab, changes the contact: this edit is now stale and the server says so.
  const other = await page.context().newPage();
  await other.goto(`${baseUrl}/service-offerings`);
  const otherRow = other.getByTestId('offerings-table').locator('tbody tr', { hasText: OFFERING });
  await visible(otherRow);
  await otherRow.getByTestId('offering-edit').click();
  const otherEdit = modalWith(other, 'offering-edit-ok');
  await visible(otherEdit);
  await fill(otherEdit, '联系人', '林晓燕');
  await other.getByTestId('offering-edit-ok').click();
  await hidden(otherEdit);
  await other.close();
  await fill(edit, '收费方式', '每项8000元起，按成果复杂程度议价');
  await page.getByTestId('offering-edit-ok').click();
  await expect.poll(() => edit.getByTestId('form-conflict').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await edit.getByTestId('form-conflict').innerText()).toContain('该服务项目已被他人修改');
  await shot('offering-conflict');
  await edit.getByRole('button', { name: /取\s*消/ }).click();
  await hidden(edit);
  // Opened again, the form holds the colleague's change; saved, the new terms show.
  await row.getByTestId('offering-edit').click();
  await visible(edit);
  expect(await formItem(edit, '联系人').locator('input').inputValue()).toBe('林晓燕');
  await fill(edit, '收费方式', '每项8000元起，按成果复杂程度议价');
  await page.getByTestId('offering-edit-ok').click();
  await hidden(edit);
  await expect.poll(() => row.innerText(), { timeout: SHOWS_WITHIN }).toContain('每项8000元起，按成果复杂程度议价');
  await shot('offering');

  // The enterprise finds it in the public directory and asks for the service.
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/services`);
  await page.getByPlaceholder('搜索服务或机构').fill('中试熟化');
  await page.getByPlaceholder('搜索服务或机构').press('Enter');
  const listed = page.getByTestId('directory-offering').filter({ hasText: OFFERING });
  await visible(listed);
  expect(await listed.innerText()).toContain('每项8000元起，按成果复杂程度议价');
  expect(await listed.innerText()).toContain(AGENCY);
  await shot('directory');
  await listed.getByRole('link', { name: '提出服务请求' }).click();
  await page.waitForURL(/\/service-requests\?offering=/);
  const ask = modalWith(page, 'request-new-ok');
  await visible(ask);
  await choose(page, formItem(ask, '请求单位').locator('.ant-select'), ENTERPRISE, '鹰开高压');
  await page.getByTestId('request-title').fill(REQUEST);
  await page.getByTestId('request-description').fill('拟引进真空灭弧室新工艺，请对中试熟化方案开展技术成熟度评估。');
  await page.getByTestId('request-new-ok').click();
  await hidden(ask);
  const requestLink = page.getByTestId('request-link').filter({ hasText: REQUEST });
  await visible(requestLink);
  await requestLink.click();
  await page.waitForURL(/\/service-requests\/[0-9a-f-]{36}$/);
  const requestUrl = page.url();
  await expect.poll(requestStatus, { timeout: SHOWS_WITHIN }).toBe('submitted');
  expect(await page.locator('.ant-descriptions').innerText()).toContain(OFFERING);

  // The agency accepts, works on and completes it.
  await loginAs('agency');
  await page.goto(requestUrl);
  await expect.poll(requestStatus, { timeout: SHOWS_WITHIN }).toBe('submitted');
  await move(page, 'accepted');
  await move(page, 'in_progress');
  await move(page, 'completed');
  await shot('request');

  // The enterprise sees it done, with the agency's steps.
  await loginAs('enterprise');
  await page.goto(requestUrl);
  await expect.poll(requestStatus, { timeout: SHOWS_WITHIN }).toBe('completed');
  expect(await page.locator('.ant-timeline').innerText()).toContain('已完成');

  // The bank publishes a credit loan, then raises its rate ceiling.
  await loginAs('bank');
  await page.goto(`${baseUrl}/finance-products`);
  await page.getByTestId('product-new').click();
  const product = modalWith(page, 'product-new-ok');
  await visible(product);
  await choose(page, formItem(product, '金融机构').locator('.ant-select'), BANK, '科技支行');
  await fill(product, '名称', PRODUCT);
  await choose(page, formItem(product, '产品类型').locator('.ant-select'), '信用贷');
  await fill(product, '最低额度（元）', '1000000');
  await fill(product, '最高额度（元）', '5000000');
  await fill(product, '最低年利率', '350');
  await fill(product, '最高年利率（基点）', '480');
  await fill(product, '最短期限（月）', '6');
  await fill(product, '最长期限（月）', '36');
  await choose(page, formItem(product, '担保方式').locator('.ant-select'), '信用（无抵押）');
  await product.locator('.ant-modal-title').click(); // closes the multiple select's dropdown
  await fill(product, '说明', '面向科技型中小企业购买技术和成果转化的纯信用贷款，无需抵押。');
  await page.getByTestId('product-new-ok').click();
  await hidden(product);
  const productRow = page.getByTestId('products-table').locator('tbody tr', { hasText: PRODUCT });
  await visible(productRow);
  expect(await productRow.innerText()).toContain('3.50%–4.80%');
  await productRow.getByTestId('product-edit').click();
  const productEdit = modalWith(page, 'product-edit-ok');
  await visible(productEdit);
  await fill(productEdit, '最高年利率（基点）', '500');
  await page.getByTestId('product-edit-ok').click();
  await hidden(productEdit);
  await expect.poll(() => productRow.innerText(), { timeout: SHOWS_WITHIN }).toContain('3.50%–5.00%');

  // The enterprise posts a need, corrects its amount, and sees the product matched, each reason in words.
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/finance-needs`);
  await page.getByTestId('need-new').click();
  const need = modalWith(page, 'need-new-ok');
  await visible(need);
  await choose(page, formItem(need, '企业').locator('.ant-select'), ENTERPRISE, '鹰开高压');
  await fill(need, '名称', NEED);
  await fill(need, '融资金额（元）', '2000000');
  await fill(need, '期限（月）', '12');
  await choose(page, formItem(need, '用途').locator('.ant-select'), '购买技术');
  await choose(page, formItem(need, '担保方式').locator('.ant-select'), '信用（无抵押）');
  await need.locator('.ant-modal-title').click();
  await fill(need, '说明', '拟购买真空灭弧室新工艺技术，需融资用于技术许可费和中试线改造。');
  await page.getByTestId('need-new-ok').click();
  await hidden(need);
  const needLink = page.getByTestId('need-link').filter({ hasText: NEED });
  await visible(needLink);
  await needLink.click();
  await page.waitForURL(/\/finance-needs\/[0-9a-f-]{36}$/);
  const needUrl = page.url();
  await page.getByTestId('need-edit').click();
  const needEdit = modalWith(page, 'need-edit-ok');
  await visible(needEdit);
  await fill(needEdit, '融资金额（元）', '2500000');
  await page.getByTestId('need-edit-ok').click();
  await hidden(needEdit);
  const match = page.getByTestId('need-matches').locator('.ant-list-item', { hasText: PRODUCT });
  await visible(match);
  await expect.poll(() => match.innerText(), { timeout: SHOWS_WITHIN }).toContain('融资金额250万元在产品额度100万元–500万元内');
  const text = await match.innerText();
  expect(text).toContain('匹配');
  expect(text).toContain('融资期限12个月在产品期限6–36个月内');
  expect(await match.getByTestId('match-reason').evaluateAll((els) => els.map((e) => e.textContent ?? ''))).not.toContainEqual(expect.stringContaining('✗'));
  expect(text).toContain('尚未答复');
  await shot('matches');

  // The bank answers the matched need with an offer.
  await loginAs('bank');
  await page.goto(`${baseUrl}/finance-products`);
  const matched = page.getByTestId('matched-needs').locator('.ant-list-item', { hasText: NEED }).filter({ hasText: PRODUCT });
  await visible(matched);
  await matched.getByTestId('offer-respond').click();
  const offer = modalWith(page, 'offer-ok');
  await visible(offer);
  await page.getByTestId('offer-ok').click();
  await hidden(offer);
  await expect.poll(() => matched.innerText(), { timeout: SHOWS_WITHIN }).toContain('提供授信方案');
  await shot('offer');

  // The enterprise sees the bank's offer on its need.
  await loginAs('enterprise');
  await page.goto(needUrl);
  const answered = page.getByTestId('need-matches').locator('.ant-list-item', { hasText: PRODUCT });
  await visible(answered);
  await expect.poll(() => answered.getByTestId('offer').innerText(), { timeout: SHOWS_WITHIN }).toContain('提供授信方案');
  expect(await answered.getByTestId('offer').innerText()).toContain('250万元 · 3.50% · 12个月');
  await shot('answered');

  // The enterprise corrects the note of the demo licence it holds (知识产权运营).
  await page.goto(`${baseUrl}/ip-records`);
  const licence = page.getByTestId('ip-link').filter({ hasText: IP_TITLE });
  await visible(licence);
  await licence.click();
  await page.getByTestId('ip-edit').click();
  const ipEdit = modalWith(page, 'ip-edit-ok');
  await visible(ipEdit);
  expect(await formItem(ipEdit, '知识产权名称').locator('input').inputValue()).toBe(IP_TITLE);
  await fill(ipEdit, '说明', '普通许可，许可费分三期支付；第二期已于本月支付');
  await page.getByTestId('ip-edit-ok').click();
  await hidden(ipEdit);
  await licence.click();
  await expect.poll(() => page.locator('.ant-drawer').innerText(), { timeout: SHOWS_WITHIN }).toContain('第二期已于本月支付');
});
