/**
 * Verified facts change through review, in a real browser: the enterprise keeps its 机构简介 itself
 * but cannot add a 高新技术企业 qualification directly, so it files a 变更申请 with the certificate
 * (PDF) and another to change its kind; the institution files one to be registered as a 科研院所.
 * The operator sees them in the queue with the differences in words, approves the qualification (T3
 * rises by one), rejects the enterprise's kind change with a reason and approves the institution's,
 * whose contract of 2022 then counts among 高校院所在本区转化成果. The enterprise sees the
 * qualification applied, reads the rejection and its notifications, and its kind never changed; the
 * institution's page shows its new kind.
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
const DESCRIPTION = '专注开关设备触头、绝缘件的研发与制造，可承接零部件试制。';
/** The institution account's unit: a 新型研发机构 that sold a process to a district company in 2022. */
const INSTITUTION = '平顶山湛河尼龙新材料产业研究院有限公司';
/** 高校院所在本区转化成果 counts the contracts registered in the year up to this date. */
const ACADEMIC_AS_OF = '2022-12-31';

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

/** 高校院所在本区转化成果 (contracts whose first seller is a 高校 or 科研院所, buyer in the district) in 2022. */
async function academicTransfers(page: Page): Promise<number> {
  await page.goto(`${j.baseUrl}/indicators?asOf=${ACADEMIC_AS_OF}`);
  await expect.poll(() => page.locator('body').innerText(), { timeout: SHOWS_WITHIN }).toContain(ACADEMIC_AS_OF);
  const value = page.getByTestId('tracked-value-academic_transfers');
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

test('变更申请 of a qualification and of a kind are approved and count (T3, 高校院所在本区转化成果); another is rejected with a reason and never counts', async () => {
  const { page, baseUrl } = j;
  const certificate = path.join(j.tmp, '高新技术企业证书.pdf');
  fs.writeFileSync(certificate, '%PDF-1.4\n% 高新技术企业证书（旅程测试）\n%%EOF\n');
  const issuedOn = addDays(chinaDate(new Date()), -30);

  await loginAs('operator');
  const t3Before = await highTechCount(page);
  const academicBefore = await academicTransfers(page);

  // The enterprise: no direct 添加资质; a 变更申请 with the certificate instead.
  await loginAs('enterprise');
  const orgId = await organizationId(page, ORG);
  await page.goto(`${baseUrl}/organizations/${orgId}`);
  await expect.poll(() => page.getByTestId('change-request-menu').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  expect(await page.getByRole('button', { name: '添加资质' }).count()).toBe(0);
  // 编辑 keeps to the self-service fields and points to 申请变更 for the rest; the 机构简介 is one of them.
  await page.getByTestId('edit-button').click();
  await expect.poll(() => page.getByTestId('facts-locked').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  const editForm = page.getByTestId('organization-form');
  expect(await formItem(editForm, '地址').count()).toBe(1);
  expect(await editForm.locator('label', { hasText: /^类型$/ }).count()).toBe(0);
  const description = formItem(editForm, '机构简介').locator('textarea');
  expect(await description.inputValue()).toContain('配套企业');
  await description.fill(DESCRIPTION);
  await editForm.getByRole('button', { name: /保\s*存/ }).click();
  const facts = page.getByTestId('organization-descriptions');
  await expect.poll(() => facts.innerText(), { timeout: SHOWS_WITHIN }).toContain(DESCRIPTION);
  await expect.poll(() => editForm.isVisible(), { timeout: SHOWS_WITHIN }).toBe(false);

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
  expect(await facts.innerText()).toContain('企业');
  expect(await facts.innerText()).not.toContain('新型研发机构');
  await shot(page, 'change-request-pending.png');

  // The institution asks to be registered as a 科研院所 (leaving the new R&D kind clears its filing).
  await loginAs('institution');
  const institutionId = await organizationId(page, INSTITUTION);
  await page.goto(`${baseUrl}/organizations/${institutionId}`);
  await expect.poll(() => page.getByTestId('change-request-menu').isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await expect.poll(() => facts.innerText(), { timeout: SHOWS_WITHIN }).toContain('新型研发机构');
  form = await openChangeRequest(page, 'organization');
  await pick(page, formItem(form, '类型'), '科研院所');
  await formItem(form, '变更说明').locator('textarea').fill('本院已转为科研事业单位登记');
  await attachEvidence(page, form, certificate);
  await page.getByTestId('change-request-submit').click();
  await expect.poll(() => banner.innerText(), { timeout: SHOWS_WITHIN }).toContain('机构类型改为“科研院所”');
  expect(await facts.innerText()).not.toContain('科研院所');

  // The operator: the queue, the differences in words, the evidence; approve, reject, approve.
  await loginAs('operator');
  expect(await highTechCount(page)).toBe(t3Before);
  expect(await academicTransfers(page)).toBe(academicBefore);
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
  await queue.getByTestId('change-request-link').filter({ hasText: '机构类型改为“新型研发机构”' }).click();
  await expect.poll(() => differences.innerText(), { timeout: SHOWS_WITHIN }).toContain('新型研发机构');
  const kindRow = differences.locator('tr', { hasText: '机构类型' });
  expect(await kindRow.innerText()).toMatch(/机构类型\s+企业\s+新型研发机构/);
  await page.getByTestId('change-reject').click();
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.getByTestId('change-decision-problem').innerText(), { timeout: SHOWS_WITHIN }).toContain('驳回理由');
  await page.getByTestId('change-decision-reason').fill(REJECTION);
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="change-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('已驳回');

  await page.goto(`${baseUrl}/change-requests`);
  await queue.getByTestId('change-request-link').filter({ hasText: '机构类型改为“科研院所”' }).click();
  await expect.poll(() => differences.innerText(), { timeout: SHOWS_WITHIN }).toContain('科研院所');
  expect(await differences.locator('tr', { hasText: '机构类型' }).innerText()).toMatch(/机构类型\s+新型研发机构\s+科研院所/);
  await page.getByTestId('change-approve').click();
  await expect.poll(() => page.getByTestId('change-decision-consequence').innerText(), { timeout: SHOWS_WITHIN }).toContain('登记信息立即按申请内容修改');
  await page.getByTestId('change-decision-reason').fill('事业单位法人证书核对无误');
  await page.getByTestId('change-decision-ok').click();
  await expect.poll(() => page.locator('.tt-page-header [data-testid="change-status"]').innerText(), { timeout: SHOWS_WITHIN }).toBe('已通过');

  expect(await highTechCount(page)).toBe(t3Before + 1);
  // The approved kind counts: the institution's 2022 contract with a district company is now a 科研院所's.
  expect(await academicTransfers(page)).toBe(academicBefore + 1);

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

  // The institution's page shows its new kind; what stays pending is the demo's platform request alone.
  await loginAs('institution');
  await page.goto(`${baseUrl}/organizations/${institutionId}`);
  await expect.poll(() => facts.innerText(), { timeout: SHOWS_WITHIN }).toContain('科研院所');
  expect(await facts.innerText()).not.toContain('新型研发机构');
  await expect.poll(() => banner.innerText(), { timeout: SHOWS_WITHIN }).toContain('工程技术研究中心');
  expect(await banner.innerText()).not.toContain('机构类型');
});
