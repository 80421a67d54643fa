/**
 * 复查 in a real browser: the operator rejects the demo's pending 变更申请 and, from its page, opens a
 * 复查 of that decision with the grounds; the case shows the decision as frozen and tells the operator
 * another person must conclude; the admin concludes it with the error-tolerance verdict after a
 * confirmation that says concluding is irreversible; the evaluator finds it in the list, read-only.
 * No page shows a code, an id or a machine time.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findPageInternals } from '../server/testing/internals.js';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const REJECTION = '证明材料不足，未附工商部门的变更通知书';
const GROUNDS = '申请单位来函称已随申请附上变更通知书，请求复查驳回决定';
const VERDICT = '决定有误但已尽职（容错免责）';

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

const shows = (page: Page, testId: string) => expect.poll(() => page.getByTestId(testId).first().isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);

async function expectNoInternals(page: Page): Promise<void> {
  const found = findPageInternals(await page.locator('body').innerText());
  expect(found.map((f) => `${f.kind}: ${f.snippet}`)).toEqual([]);
}

test('an operator opens a 复查 of a decided 变更申请; another person concludes it; the evaluator reads it', async () => {
  const { page, baseUrl } = j;

  // The operator decides the demo's pending 变更申请 (驳回, with the reason) …
  await loginAs('operator');
  await page.goto(`${baseUrl}/change-requests`);
  const queue = page.getByTestId('change-requests-table');
  await shows(page, 'change-request-link');
  await queue.getByTestId('change-request-link').first().click();
  await shows(page, 'change-reject');
  await page.getByTestId('change-reject').click();
  await page.getByTestId('change-decision-reason').fill(REJECTION);
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="change-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('已驳回');

  // … and, from the request's page, opens a 复查 of that decision.
  await page.getByTestId('reexamination-open').click();
  await expect.poll(() => page.getByTestId('reexamination-open-text').innerText(), { timeout: SHOWS_WITHIN }).toContain('变更申请');
  await page.getByTestId('reexamination-open-ok').click();
  await expect.poll(() => page.getByTestId('reexamination-open-problem').innerText(), { timeout: SHOWS_WITHIN }).toContain('复查理由');
  await page.getByTestId('reexamination-grounds').fill(GROUNDS);
  await page.getByTestId('reexamination-open-ok').click();
  await page.waitForURL(/\/reexaminations\/[^/]+$/);
  await expect.poll(() => page.getByTestId('reexamination-reason').innerText(), { timeout: SHOWS_WITHIN }).toBe(REJECTION);
  expect(await page.getByTestId('reexamination-outcome').innerText()).toBe('已驳回');
  expect(await page.getByTestId('reexamination-grounds-text').innerText()).toBe(GROUNDS);
  expect(await page.getByTestId('reexamination-status').first().innerText()).toBe('复查中');
  // The decider may not conclude a 复查 of their own decision.
  await shows(page, 'reexamination-own-decision');
  expect(await page.getByTestId('reexamination-conclusion-form').count()).toBe(0);
  await expectNoInternals(page);
  const caseUrl = page.url();

  // The admin concludes it: the verdict in words, findings, the corrective measure, an irreversible confirmation.
  await loginAs('admin');
  await page.getByRole('menuitem', { name: '决定复查' }).click();
  await page.waitForURL(/\/reexaminations$/);
  await shows(page, 'reexamination-link');
  expect(await page.getByTestId('reexaminations-table').innerText()).toContain('复查中');
  expect(await page.getByTestId('reexaminations-export').getAttribute('href')).toContain('/api/reexaminations.xlsx');
  await page.getByTestId('reexamination-link').first().click();
  await shows(page, 'reexamination-conclusion-form');
  await page.getByTestId('reexamination-verdict-select').click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: VERDICT }).first();
  await expect.poll(() => option.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await option.click();
  await page.getByTestId('reexamination-findings').fill('申请时变更通知书的扫描件无法打开，审核人依当时材料驳回，符合当时的审核规定');
  await page.getByTestId('reexamination-conclude').click();
  await expect.poll(() => page.getByTestId('reexamination-conclude-problem').innerText(), { timeout: SHOWS_WITHIN }).toContain('纠错措施');
  await page.getByTestId('reexamination-corrective').fill('通知申请单位重新上传变更通知书，优先审核');
  await page.getByTestId('reexamination-conclude').click();
  await expect.poll(() => page.getByTestId('reexamination-conclude-text').innerText(), { timeout: SHOWS_WITHIN }).toContain('不可撤销');
  await page.getByTestId('reexamination-conclude-ok').click();
  await expect.poll(() => page.getByTestId('reexamination-status').first().innerText(), { timeout: SHOWS_WITHIN }).toBe('已办结');
  expect(await page.getByTestId('reexamination-verdict').first().innerText()).toBe(VERDICT);
  expect(await page.getByTestId('reexamination-conclusion-form').count()).toBe(0);

  // The evaluator reads it in the list and on its page, read-only.
  await loginAs('evaluator');
  await page.getByRole('menuitem', { name: '决定复查' }).click();
  await page.waitForURL(/\/reexaminations$/);
  await shows(page, 'reexamination-read-only');
  await expect.poll(() => page.getByTestId('reexaminations-table').innerText(), { timeout: SHOWS_WITHIN }).toContain(VERDICT);
  await expectNoInternals(page);
  await page.goto(caseUrl);
  await expect.poll(() => page.getByTestId('reexamination-findings-text').innerText(), { timeout: SHOWS_WITHIN }).toContain('符合当时的审核规定');
  expect(await page.getByTestId('reexamination-conclusion-form').count()).toBe(0);
  // The evaluator may not read 变更申请 files: their names are listed, not links.
  expect(await page.getByTestId('reexamination-evidence-link').count()).toBe(0);
  await expectNoInternals(page);
});
