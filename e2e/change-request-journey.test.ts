/**
 * Verified facts change through review, in a real browser: the enterprise cannot add a 高新技术企业
 * qualification directly, so it files a 变更申请 with the certificate (PDF) and another to change its
 * kind; the operator sees both in the queue with the differences in words, approves the first (T3
 * rises by one) and rejects the second with a reason; the enterprise sees the qualification applied,
 * reads the rejection and its notifications, and its kind never changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, chinaDate } from '../common/dates.js';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const ORG = '平顶山鹰开电气零部件有限公司';
const CERTIFICATE = 'GR202641099001';
const REJECTION = '未提供科技部门的新型研发机构备案文件';

async function loginAs(username: string): Promise<void> {
  await j.page.context().clearCookies();
  await j.login(username);
}

const formItem = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();

async function pick(page: Page, item: Locator, label: string): Promise<void> {
  await item.locator('.ant-select').click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first();
  await expect.poll(() => option.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await option.click();
}

async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function organizationId(page: Page, name: string): Promise<string> {
  return page.evaluate(async (q) => {
    const res = await fetch(`/api/organizations?q=${encodeURIComponent(q)}`);
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  }, name);
}

async function highTechCount(page: Page): Promise<number> {
  await page.goto(`${j.baseUrl}/indicators`);
  const value = page.getByTestId('target-value-T3');
  await expect.poll(() => value.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  return Number((await value.innerText()).replace(/[^\d]/g, ''));
}

async function openChangeRequest(page: Page, group: string): Promise<Locator> {
  await page.getByTestId('change-request-menu').hover();
  await page.getByTestId(`change-request-${group}`).click();
  const form = page.getByTestId('change-request-form');
  await expect.poll(() => form.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  return form;
}

async function attachEvidence(page: Page, form: Locator, file: string): Promise<void> {
  await form.locator('[data-testid="change-evidence"] input[type="file"]').setInputFiles(file);
  await expect.poll(() => form.getByTestId('change-evidence-file').count(), { timeout: SHOWS_WITHIN }).toBe(1);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(j.tmp, name), fullPage: true });
  if (process.env.E2E_SCREENSHOTS) {
    fs.mkdirSync(process.env.E2E_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(path.join(j.tmp, name), path.join(process.env.E2E_SCREENSHOTS, name));
  }
}

test('an enterprise’s 变更申请 is approved and counts in T3; another is rejected with a reason and never counts', async () => {
  const { page, baseUrl } = j;
  const certificate = path.join(j.tmp, '高新技术企业证书.pdf');
  fs.writeFileSync(certificate, '%PDF-1.4\n% 高新技术企业证书（旅程测试）\n%%EOF\n');
  const issuedOn = addDays(chinaDate(new Date()), -30);

  await loginAs('operator');
  const t3Before = await highTechCount(page);

  // The enterprise: no direct 添加资质; a 变更申请 with the certificate instead.
  await loginAs('enterprise');
  const orgId = await organizationId(page, ORG);
  await page.goto(`${baseUrl}/organizations/${orgId}`);
  await expect.poll(() => page.getByTestId('change-request-menu').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await page.getByRole('button', { name: '添加资质' }).count()).toBe(0);
  // 编辑 keeps to the self-service fields and points to 申请变更 for the rest.
  await page.getByTestId('edit-button').click();
  await expect.poll(() => page.getByTestId('facts-locked').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  const editForm = page.getByTestId('organization-form');
  expect(await formItem(editForm, '地址').count()).toBe(1);
  expect(await editForm.locator('label', { hasText: /^类型$/ }).count()).toBe(0);
  await editForm.getByRole('button', { name: /取\s*消/ }).click();

  let form = await openChangeRequest(page, 'qualification');
  await pick(page, formItem(form, '资质类型'), '高新技术企业');
  await formItem(form, '证书/登记编号').locator('input').fill(CERTIFICATE);
  await typeDate(formItem(form, '发证/登记日期').locator('input'), issuedOn);
  await formItem(form, '变更说明').locator('textarea').fill('本公司2026年通过高新技术企业认定');
  await attachEvidence(page, form, certificate);
  await page.getByTestId('change-request-submit').click();
  const banner = page.getByTestId('change-pending-banner');
  await expect.poll(() => banner.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await expect.poll(() => banner.innerText()).toContain(`新增 高新技术企业，证书编号 ${CERTIFICATE}`);

  // A second request: the kind, with its own evidence.
  form = await openChangeRequest(page, 'organization');
  await pick(page, formItem(form, '类型'), '新型研发机构');
  await form.getByTestId('change-rd-filed').click();
  await attachEvidence(page, form, certificate);
  await page.getByTestId('change-request-submit').click();
  await expect.poll(() => page.getByTestId('change-pending-item').count(), { timeout: SHOWS_WITHIN }).toBe(2);
  await expect.poll(() => banner.innerText()).toContain('机构类型改为“新型研发机构”');
  // Pending: the registry still says 企业 and holds no 高新技术企业 certificate.
  const facts = page.getByTestId('organization-descriptions');
  expect(await facts.innerText()).toContain('企业');
  expect(await facts.innerText()).not.toContain('新型研发机构');
  await shot(page, 'change-request-pending.png');

  // The operator: the queue, the differences in words, the evidence; approve one, reject the other.
  await loginAs('operator');
  expect(await highTechCount(page)).toBe(t3Before);
  await page.getByRole('menuitem', { name: '变更申请' }).click();
  await page.waitForURL(/\/change-requests$/);
  const queue = page.getByTestId('change-requests-table');
  await expect.poll(() => queue.innerText(), { timeout: SHOWS_WITHIN }).toContain(ORG);
  expect(await page.getByTestId('change-requests-export').getAttribute('href')).toContain('/api/change-requests.xlsx');
  await shot(page, 'change-request-queue.png');

  await queue.getByTestId('change-request-link').filter({ hasText: '高新技术企业' }).click();
  const differences = page.getByTestId('change-differences');
  await expect.poll(() => differences.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  const diffText = await differences.innerText();
  expect(diffText).toContain('资质：高新技术企业');
  expect(diffText).toContain(`新增 高新技术企业，证书编号 ${CERTIFICATE}`);
  expect(diffText).not.toMatch(/high_tech_enterprise/);
  expect(await page.getByTestId('change-evidence-links').innerText()).toContain('高新技术企业证书.pdf');
  await page.getByTestId('change-approve').click();
  await expect.poll(() => page.getByTestId('change-decision-consequence').innerText(), { timeout: SHOWS_WITHIN }).toContain('登记信息立即按申请内容修改');
  await page.getByTestId('change-decision-reason').fill('证书与全国高新技术企业认定名单一致');
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="change-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('已通过');
  await shot(page, 'change-request-approved.png');

  await page.goto(`${baseUrl}/change-requests`);
  await queue.getByTestId('change-request-link').filter({ hasText: '机构类型' }).click();
  await expect.poll(() => differences.innerText(), { timeout: SHOWS_WITHIN }).toContain('新型研发机构');
  const kindRow = differences.locator('tr', { hasText: '机构类型' });
  expect(await kindRow.innerText()).toMatch(/机构类型\s+企业\s+新型研发机构/);
  await page.getByTestId('change-reject').click();
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.getByTestId('change-decision-problem').innerText(), { timeout: SHOWS_WITHIN }).toContain('驳回理由');
  await page.getByTestId('change-decision-reason').fill(REJECTION);
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="change-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('已驳回');

  expect(await highTechCount(page)).toBe(t3Before + 1);

  // The enterprise: the certificate is on its page, the kind is unchanged, the rejection reads why.
  await loginAs('enterprise');
  await page.goto(`${baseUrl}/organizations/${orgId}`);
  const qualifications = page.locator('.ant-card', { hasText: '资质' }).filter({ hasText: CERTIFICATE });
  await expect.poll(() => qualifications.count(), { timeout: SHOWS_WITHIN }).toBeGreaterThan(0);
  expect(await page.getByTestId('change-pending-banner').count()).toBe(0);
  expect(await facts.innerText()).not.toContain('新型研发机构');
  await expect.poll(() => page.getByTestId('change-history-reason').allInnerTexts(), { timeout: SHOWS_WITHIN }).toContain(REJECTION);
  await shot(page, 'change-request-applied.png');

  await page.goto(`${baseUrl}/notifications`);
  const inbox = page.locator('body');
  await expect.poll(() => inbox.innerText(), { timeout: SHOWS_WITHIN }).toContain(`变更申请已通过：${ORG}`);
  expect(await inbox.innerText()).toContain(`驳回理由：${REJECTION}`);
});
