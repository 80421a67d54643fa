import { afterEach, describe, expect, it, vi } from 'vitest';
import { amountInWords, formatYuan, yuanDecimal } from './amount-in-words.js';
import { paymentListPdf, paymentListXlsx, paymentTotalText } from './payment-list.js';
import { flatText, parsePdf } from './pdf-test-support.js';
import { samplePaymentList } from './sample-documents.js';
import { loadWorkbook, rowsOf } from './xlsx-test-support.js';

describe('paymentListPdf', () => {
  it('prints every payment with account, rule, amount, 大写 and reference; the total with 大写; the signature lines', async () => {
    const list = samplePaymentList(6);
    const pdf = parsePdf(await paymentListPdf(list));
    const text = flatText(pdf);
    expect(text).toContain('湛河区2023年度技术转移后补助资金拨付清单');
    expect(text).toContain('批次：2023-01');
    expect(text).toContain('付款单位：湛河区财政局');
    expect(text).toContain('制表日期：2023年6月1日');
    for (const header of ['序号', '收款单位/个人', '开户银行', '银行账号', '奖补规则', '金额（元）', '金额大写', '支付参考号']) {
      expect(text).toContain(header);
    }
    for (const row of list.rows) {
      expect(text).toContain(row.payee);
      expect(text).toContain(row.bankAccount.replace(/\s+/g, ''));
      expect(text).toContain(row.rule.replace(/\s+/g, ''));
      expect(text).toContain(`${formatYuan(row.amountFen)}${amountInWords(row.amountFen)}${row.reference}`);
    }
    expect(text).toContain('合计（6笔）1,115,031.54壹佰壹拾壹万伍仟零叁拾壹元伍角肆分');
    expect(text).toContain('合计：共6笔，金额¥1,115,031.54元，大写人民币壹佰壹拾壹万伍仟零叁拾壹元伍角肆分');
    expect(text).toMatch(/经办人：日期：审核人：日期：局领导：日期：/);
    expect(text).toContain('湛河区科学技术局2023年6月1日');
  });

  it('takes other signature lines, and the page is landscape A4', async () => {
    const data = await paymentListPdf({ ...samplePaymentList(2), signatures: ['经办人', '科室负责人', '分管领导', '主要领导'] });
    expect(flatText(parsePdf(data))).toMatch(/经办人：日期：科室负责人：日期：分管领导：日期：主要领导：日期：/);
    expect(data.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('a two-page list stays well under 1 MB', async () => {
    const data = await paymentListPdf(samplePaymentList(14));
    const pdf = parsePdf(data);
    expect(pdf.pages).toHaveLength(2);
    expect(data.length).toBeLessThan(1_000_000);
    expect(pdf.pages[1]!.replace(/\s+/g, '')).toContain('序号收款单位/个人');
  });

  it('rejects a negative payment', async () => {
    const list = samplePaymentList(2);
    list.rows[0]!.amountFen = -1n;
    await expect(paymentListPdf(list)).rejects.toThrow(RangeError);
    await expect(paymentListXlsx(list)).rejects.toThrow(/负数/);
  });
});

describe('paymentListXlsx', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads back with the same payments, numeric amounts with two decimals, 大写 and the total', async () => {
    const list = samplePaymentList(6);
    const workbook = await loadWorkbook(await paymentListXlsx(list));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['拨付清单']);
    expect(workbook.creator).toBe('湛河区科学技术局');
    expect(workbook.created.toISOString()).toBe('2023-05-31T16:00:00.000Z');
    const sheet = workbook.worksheets[0]!;
    const values = rowsOf(sheet);
    expect(values[0]).toEqual([list.title]);
    const headerAt = values.findIndex((r) => r[0] === '序号');
    expect(values[headerAt]).toEqual(['序号', '收款单位/个人', '开户银行', '银行账号', '奖补规则', '金额（元）', '金额大写', '支付参考号']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerAt + 1 });
    list.rows.forEach((row, i) => {
      expect(values[headerAt + 1 + i]).toEqual([
        i + 1,
        row.payee,
        row.bank,
        row.bankAccount,
        row.rule,
        Number(yuanDecimal(row.amountFen)),
        amountInWords(row.amountFen),
        row.reference,
      ]);
      expect(sheet.getRow(headerAt + 2 + i).getCell(6).numFmt).toBe('#,##0.00');
    });
    expect(values[headerAt + 7]).toEqual(['', '合计（6笔）', '', '', '', 1115031.54, '壹佰壹拾壹万伍仟零叁拾壹元伍角肆分', '']);
    expect(values[headerAt + 8]).toEqual([paymentTotalText(6, 111_503_154n)]);
    expect(String(values[headerAt + 9]?.[0])).toMatch(/^经办人：\s*审核人：\s*局领导：$/);
  });

  it('is the same bytes whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T08:00:00Z'));
    const first = await paymentListXlsx(samplePaymentList(3));
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    expect((await paymentListXlsx(samplePaymentList(3))).equals(first)).toBe(true);
  });
});
