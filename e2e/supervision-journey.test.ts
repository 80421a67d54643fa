/**
 * Supervision (督办) in a real browser, on the demo district (plan 平湛政〔2022〕5号 seeded): the
 * department (区工业和信息化局) fills in its progress report on measure (四) for 2023Q1 — text, a
 * figure, an attachment — and submits it; the operator opens it from the board and returns it with
 * a comment; the department sees the comment (its bell and the notification centre lead there),
 * corrects and resubmits; the operator accepts; the board shows the cell 已采纳, and the plan page
 * its measures with their lead and co-responsible units.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;

beforeAll(async () => {
  j = await startJourney();
});

afterAll(async () => {
  await j?.close();
});

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `supervision-${name}.png`), fullPage: true });
}

const CELL = 'cell-四-区工业和信息化局-2023Q1';
const reportStatus = () => j.page.locator('.tt-page-header [data-testid="report-status"]').innerText();
const drawerStatus = () => j.page.locator('.ant-drawer [data-testid="report-status"]').innerText();
const cellStatus = () => j.page.getByTestId(CELL).getAttribute('data-status');

async function openCellOnBoard(): Promise<void> {
  await j.page.goto(`${j.baseUrl}/supervision/board?year=2023`);
  await expect.poll(() => j.page.getByTestId(CELL).isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await j.page.getByTestId(CELL).click();
  await expect.poll(() => j.page.locator('.ant-drawer [data-testid="report-text-view"]').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
}

test('a department reports, the operator returns it with a comment, the department resubmits, the operator accepts', async () => {
  const page = j.page;
  const pdf = path.join(j.tmp, '兑现名单.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  // The department's tasks: measure (四), 2023Q1, overdue; it fills in the report and submits.
  await loginAs('department');
  await page.goto(`${j.baseUrl}/supervision`);
  await expect.poll(() => page.getByTestId('task-四-2023Q1').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await page.getByTestId('task-status-四-2023Q1').getAttribute('data-status')).toBe('overdue');
  await shot('tasks');
  await page.getByTestId('task-四-2023Q1').click();
  await page.waitForURL(/\/supervision\/reports\/[0-9a-f-]{36}$/);
  const reportUrl = page.url();
  await page.getByTestId('report-text').fill('一季度兑现企业购买技术后补助2家。');
  await page.getByTestId('add-figure').click();
  await page.getByTestId('figure-name-0').fill('兑现企业数');
  const value = page.getByTestId('figure-value-0');
  await ((await value.evaluate((e) => e.tagName)) === 'INPUT' ? value : value.locator('input')).fill('2');
  await page.locator('[data-testid="report-form"] input[type=file]').setInputFiles(pdf);
  const labels = () => page.getByTestId('report-form').locator('input').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  await expect.poll(labels, { timeout: SHOWS_WITHIN }).toContain('兑现名单');
  await page.getByTestId('report-submit').click();
  await expect.poll(reportStatus, { timeout: SHOWS_WITHIN }).toBe('已提交');
  await shot('submitted');

  // The operator finds it on the board and returns it with a comment.
  await loginAs('operator');
  await openCellOnBoard();
  expect(await cellStatus()).toBe('submitted');
  expect(await page.locator('.ant-drawer').innerText()).toContain('兑现企业数：2');
  await page.getByTestId('review-return').click();
  await page.getByTestId('return-comment-input').fill('请附兑现企业名单并说明金额');
  await page.getByTestId('return-confirm').click();
  await expect.poll(drawerStatus, { timeout: SHOWS_WITHIN }).toBe('已退回');
  await shot('returned');

  // The department: its bell counts the notice; the notification centre leads to the report and its comment.
  await loginAs('department');
  await expect.poll(async () => Number(await page.getByTestId('notification-count').getAttribute('data-count')), { timeout: SHOWS_WITHIN }).toBeGreaterThan(0);
  await page.getByTestId('notification-bell').click();
  await page.waitForURL(/\/notifications$/);
  const item = page.getByTestId('notification-item').filter({ hasText: '进度报告已退回' });
  await expect.poll(() => item.count(), { timeout: SHOWS_WITHIN }).toBe(1);
  await shot('notifications');
  await item.getByRole('button', { name: /查\s*看/ }).click();
  await page.waitForURL(reportUrl);
  await expect.poll(() => page.getByTestId('return-comment').innerText(), { timeout: SHOWS_WITHIN }).toContain('请附兑现企业名单并说明金额');
  await shot('correcting');
  await page.getByTestId('report-text').fill('一季度兑现企业购买技术后补助2家，共计18.6万元，名单见附件。');
  await page.getByTestId('report-submit').click();
  await expect.poll(reportStatus, { timeout: SHOWS_WITHIN }).toBe('已提交');

  // The operator accepts; the board shows it.
  await loginAs('operator');
  await openCellOnBoard();
  expect(await page.locator('.ant-drawer').innerText()).toContain('18.6万元');
  await page.getByTestId('review-accept').click();
  await expect.poll(drawerStatus, { timeout: SHOWS_WITHIN }).toBe('已采纳');
  await page.locator('.ant-drawer .ant-drawer-close').click();
  await expect.poll(cellStatus, { timeout: SHOWS_WITHIN }).toBe('accepted');
  await shot('accepted');

  // The plan behind the board: its measures and their units, lead first.
  await page.getByTestId('plan-detail').click();
  await page.waitForURL(/\/supervision\/plans\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('plan-measures').innerText(), { timeout: SHOWS_WITHIN }).toContain('（二十一）开展监督评估');
  expect(await page.getByTestId('plan-measures').innerText()).toContain('区委组织部（牵头）');
  await shot('plan');
});
