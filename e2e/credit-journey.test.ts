/**
 * 信用记录 in a real browser: the operator imports a court's 失信被执行人 list — first a file with a
 * bad row (nothing is imported, every bad row is listed), then the corrected one — naming a demo
 * enterprise that the 2023 settlement pays 120,000 yuan; the operator settles the year again and the
 * enterprise's award is gone, the reason shown in words with the record; the enterprise sees its
 * record and asks for 信用修复 with evidence, and the operator approves it after a confirmation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, chinaDate } from '../common/dates.js';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const ORG = '平顶山鹰开高压电气股份有限公司';
const HEADER = '统一社会信用代码,名称或姓名,类型,来源,认定机关,文号,起始日期,截止日期,备注';

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

async function organization(page: Page, name: string): Promise<{ id: string; uscc: string }> {
  return page.evaluate(async (q) => {
    const res = await fetch(`/api/organizations?q=${encodeURIComponent(q)}`);
    return ((await res.json()) as { items: { id: string; uscc: string }[] }).items[0]!;
  }, name);
}

async function settleAndOpen(page: Page): Promise<void> {
  await page.goto(`${j.baseUrl}/settlements`);
  await expect.poll(() => page.getByTestId('settlement-policy').innerText(), { timeout: SHOWS_WITHIN }).toContain('湛河区技术转移体系建设实施方案');
  // The demo's 2023 round (base year 2022); the form starts at the current year.
  await page.getByTestId('settlement-year').fill('2023');
  await page.getByTestId('settlement-run').click();
  await page.getByTestId('settlement-run-confirm').click();
  await page.waitForURL(/\/settlements\/[0-9a-f-]{36}$/, { timeout: SHOWS_WITHIN });
  await expect.poll(() => page.getByTestId('settlement-summary').innerText(), { timeout: SHOWS_WITHIN }).toContain('全库测算');
}

async function importFile(page: Page, file: string): Promise<void> {
  await page.locator('.ant-upload input[type="file"]').first().setInputFiles(file);
}

test('a 失信 list import keeps a demo enterprise from its award, with the reason in words; it asks for 信用修复', async () => {
  const { page, baseUrl } = j;
  await loginAs('operator');
  const org = await organization(page, ORG);

  // Before: the enterprise earns R1.
  await settleAndOpen(page);
  const before = page.getByTestId('settlement-awards').locator('tr', { hasText: ORG });
  await expect.poll(() => before.innerText(), { timeout: SHOWS_WITHIN }).toContain('120,000 元');

  // A file with a bad row imports nothing and lists the row.
  const from = addDays(chinaDate(new Date()), -10);
  const row = `${org.uscc},${ORG},失信被执行人,人民法院,平顶山市湛河区人民法院,（2026）豫0411执321号,${from},,未履行生效判决确定的给付义务`;
  const bad = path.join(j.tmp, '失信被执行人名单（有误）.csv');
  fs.writeFileSync(bad, [HEADER, row, `${org.uscc},${ORG},黑名单,人民法院,,,${from},,`].join('\n'));
  const good = path.join(j.tmp, '失信被执行人名单.csv');
  fs.writeFileSync(good, [HEADER, row].join('\n'));

  await page.goto(`${baseUrl}/credit`);
  await expect.poll(() => page.getByTestId('credit-template').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await importFile(page, bad);
  const problems = page.getByTestId('credit-import-problems');
  await expect.poll(() => problems.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await problems.innerText()).toContain('类型应为');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('credit-table').innerText()).toContain('暂无信用记录');

  await importFile(page, good);
  const table = page.getByTestId('credit-table');
  await expect.poll(() => table.innerText(), { timeout: SHOWS_WITHIN }).toContain(ORG);
  expect(await table.innerText()).toContain('失信被执行人');
  expect(await table.innerText()).toContain('有效');

  // The organization page shows the record to government roles.
  await page.goto(`${baseUrl}/organizations/${encodeURIComponent(org.id)}`);
  await expect.poll(() => page.getByTestId('credit-card').innerText(), { timeout: SHOWS_WITHIN }).toContain('平顶山市湛河区人民法院');

  // Settled again: no award, and the reason in words names the record.
  await settleAndOpen(page);
  await expect.poll(() => page.getByTestId('settlement-awards').innerText(), { timeout: SHOWS_WITHIN }).toContain('平顶山锂源新能源材料有限公司');
  expect(await page.getByTestId('settlement-awards').innerText()).not.toContain(ORG);
  await page.getByRole('tab', { name: '不予支持项' }).click();
  const exclusions = page.getByTestId('settlement-exclusions');
  await expect.poll(() => exclusions.innerText(), { timeout: SHOWS_WITHIN }).toContain(`${ORG}列入失信被执行人`);
  expect(await exclusions.innerText()).toContain('（2026）豫0411执321号');

  // The enterprise sees its own record and asks for 信用修复 with evidence.
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/credit`);
  await expect.poll(() => page.getByTestId('credit-table').innerText(), { timeout: SHOWS_WITHIN }).toContain('失信被执行人');
  await page.getByTestId('credit-record-link').first().click();
  await page.getByTestId('credit-repair').click();
  await page.getByTestId('credit-repair-explanation').fill('判决确定的款项已于本月全部履行，法院已出具结案证明');
  const evidence = path.join(j.tmp, '结案证明.pdf');
  fs.writeFileSync(evidence, '%PDF-1.4\n% 结案证明（旅程测试）\n%%EOF\n');
  await page.locator('.ant-modal .ant-upload input[type="file"]').setInputFiles(evidence);
  await expect.poll(() => page.locator('.ant-modal').innerText(), { timeout: SHOWS_WITHIN }).toContain('结案证明.pdf');
  await page.locator('.ant-modal').getByRole('button', { name: /提交申请/ }).click();
  await expect.poll(() => page.getByTestId('credit-repairs').innerText(), { timeout: SHOWS_WITHIN }).toContain('待审核');

  // The operator approves after reading what will happen.
  const recordUrl = page.url();
  await loginAs('operator');
  await page.goto(recordUrl);
  await page.getByTestId('credit-repair-approve').click();
  await expect.poll(() => page.locator('.ant-modal').innerText(), { timeout: SHOWS_WITHIN }).toContain('今日起结束');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  await expect.poll(() => page.getByTestId('credit-state').innerText(), { timeout: SHOWS_WITHIN }).toBe('已提前结束');
});
