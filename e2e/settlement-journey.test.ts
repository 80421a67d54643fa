/**
 * A year settled in a real browser: the operator settles 2023 under zhanhe-2022 over the demo
 * district (免申即享), opens the run, finds a demo enterprise's 200,000 yuan award (the cap) and
 * reads in Chinese where every yuan comes from — the rule and its document, each contract and
 * payment, the parameters with their dates, the computation — and why other contracts earned nothing.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJourney, type Journey } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

test('the operator settles a year and reads why an enterprise gets 200,000 yuan', async () => {
  const { page, baseUrl } = j;
  await j.login('operator');
  await page.goto(`${baseUrl}/settlements`);
  await expect.poll(() => page.getByTestId('settlement-policy').innerText(), { timeout: 15_000 }).toContain('湛河区技术转移体系建设实施方案');
  await page.getByTestId('settlement-run').click();
  await page.waitForURL(/\/settlements\/[0-9a-f-]{36}$/, { timeout: 30_000 });

  const summary = page.getByTestId('settlement-summary');
  await expect.poll(() => summary.innerText(), { timeout: 15_000 }).toContain('全库测算');
  expect(await summary.innerText()).toMatch(/结果哈希\s+[0-9a-f]{64}/);

  const row = page.getByTestId('settlement-awards').locator('tr', { hasText: '平顶山锂源新能源材料有限公司' });
  await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('200,000 元');
  expect(await row.innerText()).toContain('企业购买市外先进科技成果');
  await row.click();

  const drawer = page.getByTestId('award-explanation');
  await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toContain('每一元的来历');
  const text = await drawer.innerText();
  expect(text).toContain('依据：企业购买市外先进科技成果并在我区转化、产业化（R1）');
  expect(text).toContain('平湛政〔2022〕5号');
  expect(text).toMatch(/到账 [\d,]+\.\d{2} 元，发票 [\d,]+\.\d{2} 元，计入/);
  expect(text).toContain('参数 enterprise_purchase.rate = 10（2022-07-13 起施行）');
  // Its evidenced payments give exactly the cap: 10 % of 2,000,000 yuan.
  expect(text).toContain('计算：floor(200000000 分 × 10% ÷ 100 分/元) = 200000 元');
  expect(text).toContain('奖补金额：200,000 元');

  // Why other contracts earned nothing, in Chinese.
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: '不予支持项' }).click();
  const exclusions = page.getByTestId('settlement-exclusions');
  await expect.poll(() => exclusions.innerText(), { timeout: 15_000 }).toContain('买卖双方为关联方（related_party）');
  expect(await exclusions.innerText()).toContain('企业购买市外先进科技成果并在我区转化、产业化（R1）');
});
