/**
 * Talent (人才) in a real browser, on the demo district: the operator records 秦山 (a researcher) as a
 * practitioner — T2 on 从业人员 counts one more — and ends the period (终止任职), T2 back; creates a
 * training course that ends today, enrols 秦山, records the hours, issues the certificates and
 * downloads one (a PDF); names 秦山 a researcher on a registered demo contract through the contract's
 * 科研人员 editor; opens 秦山's 转化贡献 from there, sees the contract, and downloads the XLSX.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chinaDate } from '../common/dates.js';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

const PERSON = '秦山';
const CONTRACT = '高压真空断路器灭弧室专利权转让合同';
const COURSE = '旅程测试：技术合同认定登记实务';

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `talent-${name}.png`), fullPage: true });
}

const visible = (l: Locator) => expect.poll(() => l.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);

/** Waits for a modal form to close; when it stays open, fails with what it shows (the errors on its fields). */
async function closes(modal: Locator): Promise<void> {
  try {
    await expect.poll(() => modal.isVisible(), { timeout: SHOWS_WITHIN }).toBe(false);
  } catch {
    throw new Error(`the form stayed open: ${await modal.innerText()}`);
  }
}
const formItem = (scope: Locator, label: string | RegExp) => scope.locator('.ant-form-item').filter({ has: scope.page().locator('label', { hasText: label }) }).first();
const openModal = (page: Page, testId: string) => page.locator('.ant-modal').filter({ has: page.getByTestId(testId) });

/**
 * Types into a remote picker (PersonSelect) and picks the option, until the picker shows it: the
 * options may be replaced by the search's answer under the click.
 */
async function pick(page: Page, select: Locator, search: string, option: string): Promise<void> {
  await expect.poll(async () => {
    if ((await select.innerText()).includes(option)) return true;
    await select.click();
    await select.locator('input').fill(search);
    const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
    await item.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    if (await item.isVisible()) await item.click();
    return (await select.innerText()).includes(option);
  }, { timeout: SHOWS_WITHIN, interval: 500 }).toBe(true);
}

async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function download(page: Page, trigger: Locator, file: string): Promise<Buffer> {
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), trigger.click()]);
  await saved.saveAs(file);
  return fs.readFileSync(file);
}

async function t2(page: Page): Promise<number> {
  const value = page.getByTestId('t2-total').locator('.ant-statistic-content-value');
  await visible(value);
  return Number(await value.innerText());
}

test('the operator records and ends a practitioner period, runs a course to its certificates, and names a researcher whose contributions export', async () => {
  const { page, baseUrl } = j;
  await j.login('operator');

  // 从业人员: a new period counts in T2 today; ending it (终止任职) takes it out again.
  await page.goto(`${baseUrl}/practitioners`);
  const before = await t2(page);
  await page.getByTestId('practitioner-new').click();
  const add = openModal(page, 'practitioner-new-ok');
  await visible(add);
  await pick(page, formItem(add, '姓名').locator('.ant-select'), PERSON, PERSON);
  await typeDate(add.getByTestId('practitioner-valid-from'), '2025-01-01');
  await page.getByTestId('practitioner-new-ok').click();
  await closes(add);
  await expect.poll(() => t2(page), { timeout: SHOWS_WITHIN }).toBe(before + 1);
  await page.getByPlaceholder('搜索姓名').fill(PERSON);
  await page.getByPlaceholder('搜索姓名').press('Enter');
  const row = page.getByTestId('practitioners-table').locator('tbody tr', { hasText: PERSON });
  await visible(row);
  expect(await row.innerText()).toContain('2025-01-01');
  await shot('practitioner');
  await row.getByTestId('practitioner-edit').click();
  const edit = openModal(page, 'practitioner-edit-ok');
  await visible(edit);
  expect(await edit.innerText()).toContain(PERSON);
  await typeDate(edit.getByTestId('practitioner-valid-to'), '2025-12-31');
  await page.getByTestId('practitioner-edit-ok').click();
  await closes(edit);
  await expect.poll(() => row.count(), { timeout: SHOWS_WITHIN }).toBe(0);
  await page.goto(`${baseUrl}/practitioners`);
  await expect.poll(() => t2(page), { timeout: SHOWS_WITHIN }).toBe(before);

  // 培训课程: a course ending today, 秦山 enrolled, four hours attended, the certificate issued and downloaded.
  const today = chinaDate(new Date());
  await page.goto(`${baseUrl}/trainings`);
  await page.getByTestId('course-new').click();
  const course = page.locator('.ant-modal').filter({ hasText: '新建培训课程' });
  await visible(course);
  await formItem(course, '课程名称').locator('input').fill(COURSE);
  await formItem(course, '主办单位').locator('input').fill('湛河区科学技术局');
  await typeDate(formItem(course, '开始日期').locator('input'), today);
  await typeDate(formItem(course, '结束日期').locator('input'), today);
  await formItem(course, /^学时$/).locator('input').fill('4');
  await formItem(course, '培训地点').locator('input').fill('湛河区政务服务中心培训室');
  await course.getByRole('button', { name: /确\s*定/ }).click();
  await closes(course);
  const link = page.getByTestId('course-link').filter({ hasText: COURSE });
  await visible(link);
  await link.click();
  await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/);
  // The enrolment picker sits in the head of the enrolments card.
  await pick(page, page.locator('.ant-card-extra .ant-select').first(), PERSON, PERSON);
  await page.getByTestId('course-enrol').click();
  const enrolment = page.getByTestId('course-enrolments').locator('tbody tr', { hasText: PERSON });
  await visible(enrolment);
  await enrolment.locator('.ant-input-number input').fill('4');
  await enrolment.locator('[data-testid^="attendance-"]').click();
  await expect.poll(() => enrolment.innerText(), { timeout: SHOWS_WITHIN }).toContain('已达结业学时');
  await page.getByTestId('course-issue').click();
  await expect.poll(() => enrolment.innerText(), { timeout: SHOWS_WITHIN }).toMatch(new RegExp(`PX${today.slice(0, 4)}410411\\d{4}`));
  await shot('course');
  const pdf = await download(page, enrolment.getByTestId('certificate-download'), path.join(j.tmp, '结业证书.pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);

  // 科研人员 on a registered demo contract, set through the contract's editor.
  await page.goto(`${baseUrl}/contracts?q=${encodeURIComponent(CONTRACT)}`);
  const contractLink = page.getByTestId('contracts-table').getByRole('link', { name: CONTRACT });
  await visible(contractLink);
  await contractLink.click();
  await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: '科研人员' }).click();
  await visible(page.getByTestId('researchers-table'));
  await page.getByTestId('researchers-edit').click();
  const researchers = openModal(page, 'researchers-form');
  await visible(researchers);
  await researchers.getByTestId('researcher-add').click();
  const last = researchers.getByTestId('researcher-row').last();
  await pick(page, last.locator('.ant-select').first(), PERSON, PERSON);
  const role = await last.locator('.ant-select').nth(1).innerText();
  expect(['项目负责人', '主要完成人']).toContain(role.trim());
  await shot('researchers-form');
  await page.getByTestId('researchers-save').click();
  await closes(researchers);
  const named = page.getByTestId('researchers-table').locator('tbody tr', { hasText: PERSON });
  await visible(named);
  expect(await named.innerText()).toContain(role.trim());
  await shot('researchers');

  // 秦山's 转化贡献: the contract with that role; the XLSX for 职称评审.
  await named.getByRole('link', { name: PERSON }).click();
  await page.waitForURL(/\/practitioners\/people\/[^/]+\/contributions$/);
  const contribution = page.getByTestId('contributions-table').locator('tbody tr', { hasText: CONTRACT });
  await visible(contribution);
  expect(await contribution.innerText()).toContain(role.trim());
  await shot('contributions');
  const xlsx = await download(page, page.getByTestId('contributions-xlsx'), path.join(j.tmp, '转化贡献.xlsx'));
  expect(xlsx.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  expect(xlsx.length).toBeGreaterThan(3_000);
});
