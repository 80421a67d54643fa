/**
 * The annual evaluation report (年度评估, (二十一)) in a real browser, on the demo district: the
 * third-party evaluator logs in, opens 年度评估 from the menu, picks the demo year 2023, sees the
 * targets table, and downloads the PDF (its text holds the report's title) and the XLSX (it opens
 * with one sheet per section).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { flatText, parsePdf } from '../server/modules/documents/pdf-test-support.js';
import { loadWorkbook } from '../server/modules/documents/xlsx-test-support.js';
import { SHEET_NAMES } from '../server/modules/evaluation/report-documents.js';
import { type Journey, startJourney, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;

beforeAll(async () => {
  j = await startJourney();
});

afterAll(async () => {
  await j?.close();
});

async function shot(name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await j.page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `evaluation-${name}.png`), fullPage: true });
}

async function download(page: Page, testId: string, file: string): Promise<Buffer> {
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  await saved.saveAs(file);
  return fs.readFileSync(file);
}

test('the evaluator opens the annual report of the demo year and downloads it as PDF and XLSX', async () => {
  const page = j.page;
  await j.login('evaluator');

  const item = page.getByRole('menuitem', { name: /年度评估/ });
  await expect.poll(() => item.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await item.click();
  await page.waitForURL(/\/evaluation/);

  await page.getByTestId('evaluation-year').click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '2023年' }).first();
  await expect.poll(() => option.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await option.click();
  await page.waitForURL(/year=2023/);

  const targets = page.getByTestId('report-targets');
  await expect.poll(() => targets.isVisible(), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('report-title').innerText(), { timeout: SHOWS_WITHIN }).toContain('2023年度技术转移体系建设评估报告');
  const text = await targets.innerText();
  for (const id of ['T1', 'T2', 'T3', 'T4', 'T5']) expect(text).toContain(id);
  expect(text).toContain('省级技术转移示范机构');
  await shot('preview');

  const pdf = await download(page, 'download-pdf', path.join(j.tmp, 'report.pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(flatText(parsePdf(pdf))).toContain('2023年度技术转移体系建设评估报告');

  const xlsx = await download(page, 'download-xlsx', path.join(j.tmp, 'report.xlsx'));
  const book = await loadWorkbook(xlsx);
  expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
  expect(book.getWorksheet('目标完成')!.getCell('A1').value).toContain('2023年目标任务完成情况');
}, 240_000);
