import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { amountInWords, formatYuan, yuanDecimal } from './amount-in-words.js';
import { flatText, parsePdf } from './pdf-test-support.js';
import { publicNoticePdf, publicNoticeXlsx } from './public-notice.js';
import { sampleNotice } from './sample-documents.js';
import { loadWorkbook, rowsOf } from './xlsx-test-support.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('publicNoticePdf', () => {
  it('prints title, period, every row with its 大写, the total, objection text, issuer and date — as extractable text', async () => {
    const notice = sampleNotice(6);
    const pdf = parsePdf(await publicNoticePdf(notice));
    const text = flatText(pdf);
    expect(pdf.pages).toHaveLength(1);
    expect(text).toContain('湛河区2023年度技术转移后补助拟奖补名单公示');
    expect(text).toContain('公示期：2023年5月8日至2023年5月12日（5个工作日）。');
    for (const header of ['序号', '单位/个人名称', '统一社会信用代码', '奖补项目', '金额（元）', '金额大写']) expect(text).toContain(header);
    for (const row of notice.rows) {
      expect(text).toContain(row.name);
      expect(text).toContain(row.creditCode);
      expect(text).toContain(formatYuan(row.amountFen));
      expect(text).toContain(amountInWords(row.amountFen));
    }
    // 12,345.67 + 100,000.00 + 1,005.00 + 1,000,000.05 + 1,680.32 + 0.50
    expect(text).toContain('合计（6项）1,115,031.54壹佰壹拾壹万伍仟零叁拾壹元伍角肆分');
    expect(text).toContain('公示期内，任何单位或个人对名单有异议的');
    expect(text).toContain('联系电话：0375-0000000');
    expect(text).toMatch(/湛河区科学技术局2023年5月8日第1页共1页/);
    expect(text).toContain('「演示数据」');
  });

  it('runs onto more pages with the header repeated, numbering the pages, and stays small', async () => {
    const data = await publicNoticePdf(sampleNotice(24));
    const pdf = parsePdf(data);
    expect(pdf.pages).toHaveLength(2);
    expect(data.length).toBeLessThan(200_000); // subset fonts: tens of KB, not the 10 MB font files
    pdf.pages.forEach((page, i) => {
      expect(page).toContain('金额大写');
      expect(page.replace(/\s+/g, '')).toContain(`第${i + 1}页共2页`);
    });
    expect(flatText(pdf)).toContain('合计（24项）');
  });

  it('prints — for a missing credit code', async () => {
    const notice = sampleNotice(1);
    delete notice.rows[0]!.creditCode;
    expect(flatText(parsePdf(await publicNoticePdf(notice)))).toContain('有限公司—技术合同登记奖补');
  });

  it('rejects negative amounts, bad dates and an impossible period', async () => {
    const negative = sampleNotice(2);
    negative.rows[1]!.amountFen = -100;
    await expect(publicNoticePdf(negative)).rejects.toThrow(/负数/);
    await expect(publicNoticeXlsx(negative)).rejects.toThrow(/负数/);
    await expect(publicNoticePdf({ ...sampleNotice(1), date: '2023-13-01' })).rejects.toThrow(/发布日期/);
    await expect(publicNoticePdf({ ...sampleNotice(1), period: { start: '2023-05-12', end: '2023-05-08', workingDays: 5 } })).rejects.toThrow(
      /早于/,
    );
    await expect(publicNoticePdf({ ...sampleNotice(1), period: { start: '2023-05-08', end: '2023-05-12', workingDays: 0 } })).rejects.toThrow(
      /工作日/,
    );
  });

  it.runIf(hasPdftotext)('reads the same with poppler’s pdftotext (when installed)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tt-docs-')), 'notice.pdf');
    fs.writeFileSync(file, await publicNoticePdf(sampleNotice(6)));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('湛河区2023年度技术转移后补助拟奖补名单公示');
    expect(text).toContain('壹佰壹拾壹万伍仟零叁拾壹元伍角肆分');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('publicNoticeXlsx', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads back with the same rows, exact two-decimal amounts, 大写 and total', async () => {
    const notice = sampleNotice(6);
    const workbook = await loadWorkbook(await publicNoticeXlsx(notice));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['公示名单']);
    const sheet = workbook.getWorksheet('公示名单')!;
    expect(sheet.getCell('A1').value).toBe(notice.title);
    const values = rowsOf(sheet);
    const headerAt = values.findIndex((r) => r[0] === '序号');
    expect(values[headerAt]).toEqual(['序号', '单位/个人名称', '统一社会信用代码', '奖补项目', '金额（元）', '金额大写']);
    expect(values.slice(0, headerAt).flat()).toContain('公示期：2023年5月8日至2023年5月12日（5个工作日）。');
    notice.rows.forEach((row, i) => {
      const cells = values[headerAt + 1 + i]!;
      expect(cells).toEqual([i + 1, row.name, row.creditCode, row.project, Number(yuanDecimal(row.amountFen)), amountInWords(row.amountFen)]);
      expect((cells[4] as number).toFixed(2)).toBe(yuanDecimal(row.amountFen));
      expect(sheet.getRow(headerAt + 2 + i).getCell(5).numFmt).toBe('#,##0.00');
    });
    const total = values[headerAt + 1 + notice.rows.length]!;
    expect(total).toEqual(['', '合计（6项）', '', '', 1115031.54, '壹佰壹拾壹万伍仟零叁拾壹元伍角肆分']);
    expect(sheet.getRow(headerAt + 2 + notice.rows.length).getCell(2).font?.bold).toBe(true);
    expect(values.slice(headerAt + 2 + notice.rows.length).flat()).toEqual(notice.objection);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getColumn(6).width).toBeGreaterThanOrEqual(30);
  });

  it('is the same bytes whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T08:00:00Z'));
    const first = await publicNoticeXlsx(sampleNotice(3));
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    expect((await publicNoticeXlsx(sampleNotice(3))).equals(first)).toBe(true);
  });
});

describe('a row taller than a page', () => {
  it('is cut at the page end instead of running away, and the document still closes', async () => {
    const notice = sampleNotice(2);
    notice.rows[0]!.name = '很长的名称'.repeat(400);
    const pdf = parsePdf(await publicNoticePdf(notice));
    expect(pdf.pages.length).toBeLessThanOrEqual(3);
    expect(flatText(pdf)).toContain('合计（2项）');
  });
});
