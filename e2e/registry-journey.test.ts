/**
 * The operator's registry journey in a real browser: import organizations with one bad row and
 * read the report, fix the row, import, find the organization, open its audit history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUscc } from '../common/uscc.js';
import { readTable } from '../server/modules/registry/import/read-table.js';
import { startJourney, type Journey, SHOWS_WITHIN } from './fixtures.js';

let j: Journey;
beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

function csv(rows: string[][]): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

test('the operator imports organizations, fixes a bad row, finds one and reads its audit history', async () => {
  const { page, baseUrl } = j;
  const good1 = buildUscc('9', '1', '410411', 'MAE2E001');
  const good2 = buildUscc('9', '1', '410411', 'MAE2E002');
  const fixed3 = buildUscc('9', '1', '410402', 'MAE2E003');
  const broken3 = fixed3.slice(0, 17) + (fixed3[17] === 'A' ? 'B' : 'A');
  const header = ['名称', '统一社会信用代码', '类型', '行政区划代码', '行业'];
  const badFile = path.join(j.tmp, 'orgs-bad.csv');
  fs.writeFileSync(badFile, csv([
    header,
    ['湛河旅程测试电气有限公司', good1, '企业', '410411', '电气制造'],
    ['湛河旅程测试新材料有限公司', good2, '企业', '410411', '新材料'],
    ['平顶山旅程测试尼龙有限公司', broken3, '企业', '410402', '尼龙化工'],
  ]));

  await j.login('operator');
  await page.goto(`${baseUrl}/import`);
  // The template a clerk starts from: an Excel file with the columns the import reads and one example row.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  expect(download.suggestedFilename()).toBe('机构导入模板.xlsx');
  const template = await readTable(fs.readFileSync(await download.path()), 'xlsx');
  expect(template.headers.slice(0, 4)).toEqual(['名称', '统一社会信用代码', '类型', '行政区划代码']);
  expect(template.rows).toHaveLength(1);
  await page.locator('[data-testid="import-upload"] input[type="file"]').setInputFiles(badFile);

  const report = page.getByTestId('import-errors');
  await expect.poll(() => report.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  const reportText = await report.innerText();
  // Only the bad row is reported: line 4 of the file (the header is line 1).
  const reportedLines = await report.locator('tbody tr td:first-child').allInnerTexts();
  expect(reportedLines.map((s) => s.trim())).toEqual(['4']); // the bad row is line 4 of the file (header is line 1)
  expect(reportText).toContain('统一社会信用代码');
  expect(reportText).toContain(broken3);
  expect(reportText).toContain('校验位');
  await page.screenshot({ path: path.join(j.tmp, 'import-report.png') });

  // Nothing was imported: the good rows are not in the registry either.
  const afterBad = await page.evaluate(async (q) => ((await (await fetch(`/api/organizations?q=${encodeURIComponent(q)}`)).json()) as { total: number }).total, '旅程测试');
  expect(afterBad).toBe(0);

  const fixedFile = path.join(j.tmp, 'orgs-fixed.csv');
  fs.writeFileSync(fixedFile, fs.readFileSync(badFile, 'utf8').replace(broken3, fixed3));
  await page.locator('[data-testid="import-upload"] input[type="file"]').setInputFiles(fixedFile);
  const result = page.getByTestId('import-result');
  await expect.poll(() => result.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await expect.poll(() => page.getByTestId('import-created').innerText()).toContain('3');

  // Find the organization through the registry's search and open it.
  await page.goto(`${baseUrl}/organizations`);
  await page.getByPlaceholder('搜索名称或统一社会信用代码').fill('旅程测试尼龙');
  await page.getByPlaceholder('搜索名称或统一社会信用代码').press('Enter');
  const row = page.getByRole('row', { name: /平顶山旅程测试尼龙有限公司/ });
  await expect.poll(() => row.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await row.click();
  await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.locator('body').innerText(), { timeout: SHOWS_WITHIN }).toContain(fixed3);

  await page.getByRole('tab', { name: '审计记录' }).click();
  const audit = page.getByTestId('audit-table');
  // The event in words, with the kind and division as a person names them, and the raw record one click away.
  const event = audit.getByTestId('audit-event').first();
  await expect.poll(() => event.getByTestId('audit-summary').innerText(), { timeout: SHOWS_WITHIN }).toContain('新建了机构「平顶山旅程测试尼龙有限公司」');
  await expect.poll(() => audit.innerText()).toContain('河南省平顶山市新华区');
  await event.getByTestId('audit-raw-toggle').click();
  await expect.poll(() => event.getByTestId('audit-raw').innerText()).toContain(fixed3);
  await page.screenshot({ path: path.join(j.tmp, 'audit.png'), fullPage: true });
  if (process.env.E2E_SCREENSHOTS) {
    fs.mkdirSync(process.env.E2E_SCREENSHOTS, { recursive: true });
    for (const f of ['import-report.png', 'audit.png']) fs.copyFileSync(path.join(j.tmp, f), path.join(process.env.E2E_SCREENSHOTS, f));
  }
});

test('the operator records who holds the organization, and the holding shows on its page', async () => {
  const { page } = j;
  // Still on the imported nylon company's page from the journey above.
  await page.getByRole('tab', { name: '基本信息' }).click();
  await page.getByTestId('edit-equity').click();
  const form = page.getByTestId('equity-form');
  await page.getByRole('button', { name: '添加股东' }).click();
  const holderSelect = form.locator('.ant-select').nth(1);
  await holderSelect.click();
  await holderSelect.locator('input').fill('旅程测试电气');
  const option = page.locator('.ant-select-item-option', { hasText: '湛河旅程测试电气有限公司' });
  await expect.poll(() => option.isVisible(), { timeout: SHOWS_WITHIN }).toBe(true);
  await option.click();
  await form.locator('input.ant-input-number-input').fill('30');
  await expect.poll(() => page.getByTestId('equity-total').innerText(), { timeout: SHOWS_WITHIN }).toContain('30');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const holders = page.locator('.ant-card', { hasText: '股东' }).filter({ hasText: '湛河旅程测试电气有限公司' });
  await expect.poll(() => holders.count(), { timeout: SHOWS_WITHIN }).toBeGreaterThan(0);
  await expect.poll(() => holders.first().innerText()).toContain('30');
});

test('a long import shows the server’s progress while it runs', async () => {
  const { page, baseUrl } = j;
  const rows = ['名称,统一社会信用代码,类型,行政区划代码'];
  for (let i = 0; i < 40_000; i++) rows.push(`进度旅程${i}有限公司,${buildUscc('9', '1', '410411', `PJ${String(i).padStart(6, '0')}`)},企业,410411`);
  const file = path.join(j.tmp, 'orgs-long.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  await page.goto(`${baseUrl}/import`);
  await page.locator('[data-testid="import-upload"] input[type="file"]').setInputFiles(file);
  const serverProgress = page.getByTestId('import-server-progress');
  await expect.poll(() => serverProgress.isVisible(), { timeout: 60_000, interval: 100 }).toBe(true);
  const result = page.getByTestId('import-result');
  await expect.poll(() => result.isVisible(), { timeout: 120_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('import-created').innerText()).toContain('40,000');
});
