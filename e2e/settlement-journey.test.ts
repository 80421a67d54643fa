/**
 * A year settled in a real browser: the operator settles 2023 under zhanhe-2022 over the demo
 * district (免申即享), opens the run, finds a demo enterprise's 200,000 yuan award (the cap) and
 * reads in Chinese where every yuan comes from — the rule and its document, each contract and
 * payment, the parameters with their dates, the computation — and why other contracts earned nothing.
 */
import { findInternals } from '../server/testing/internals.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

test('the operator settles a year and reads why an enterprise gets 200,000 yuan', async () => {
  const { page, baseUrl } = j;
  await j.login('operator');
  await page.goto(`${baseUrl}/settlements`);
  await expect.poll(() => page.getByTestId('settlement-policy').innerText(), { timeout: SHOWS_WITHIN }).toContain('湛河区技术转移体系建设实施方案');
  // The demo's 2023 round (base year 2022); the form starts at the current year.
  await page.getByTestId('settlement-year').fill('2023');
  await page.getByTestId('settlement-run').click();
  await expect.poll(() => page.locator('.ant-modal-confirm').innerText(), { timeout: SHOWS_WITHIN }).toContain('不能删除的结算批次');
  await page.getByTestId('settlement-run-confirm').click();
  await page.waitForURL(/\/settlements\/[0-9a-f-]{36}$/, { timeout: SHOWS_WITHIN });

  const summary = page.getByTestId('settlement-summary');
  await expect.poll(() => summary.innerText(), { timeout: SHOWS_WITHIN }).toContain('全库测算');
  expect(await summary.innerText()).toMatch(/结果哈希\s+[0-9a-f]{64}/);

  const row = page.getByTestId('settlement-awards').locator('tr', { hasText: '平顶山锂源新能源材料有限公司' });
  await expect.poll(() => row.innerText(), { timeout: SHOWS_WITHIN }).toContain('200,000 元');
  expect(await row.innerText()).toContain('企业购买市外先进科技成果');
  await row.click();

  const drawer = page.getByTestId('award-explanation');
  await expect.poll(() => drawer.innerText(), { timeout: SHOWS_WITHIN }).toContain('每一元的来历');
  const text = await drawer.innerText();
  expect(text).toContain('「企业购买市外先进科技成果并在我区转化、产业化（R1）」');
  expect(text).toContain('平湛政〔2022〕5号');
  expect(text).toMatch(/到账 [\d,.]+ (万元|元)，发票 [\d,.]+ (万元|元)，计入/);
  // Its evidenced payments give exactly the cap: 10 % of 2,000,000 yuan, in words (no parameter key, no formula).
  expect(text).toContain('按上年度有凭证和发票的到账额 200 万元的 10% 计 20 万元，未超过每家企业每年 20 万元的上限');
  expect(text).toContain('奖补金额：20 万元');
  expect(findInternals(text)).toEqual([]);

  // Why other contracts earned nothing, in Chinese.
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: '不予支持项' }).click();
  const exclusions = page.getByTestId('settlement-exclusions');
  await expect.poll(() => exclusions.innerText(), { timeout: SHOWS_WITHIN }).toContain('买卖双方为关联方');
  expect(await exclusions.innerText()).toContain('企业购买市外先进科技成果并在我区转化、产业化（R1）');
  // Contracts by name, reasons in words: no id, no reason code.
  expect(findInternals(await exclusions.innerText())).toEqual([]);
});
