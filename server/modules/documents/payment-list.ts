/**
 * 拨付清单: the list the finance bureau pays from — one row per payment with payee, bank account,
 * rule, amount in digits and 大写 and the payment reference; a total in digits and 大写; signature
 * lines. As PDF (A4 landscape, to sign and file) and XLSX (to key into the payment system).
 */
import { amountInWords, amountInWordsWithCurrency, formatYuan, sumFen } from './amount-in-words.js';
import type { PaymentList } from './model.js';
import { assertIsoDate, chineseDate, PdfWriter, type PdfOptions, type TableColumn } from './pdf-writer.js';
import { workbookBuffer } from './xlsx-writer.js';

export const DEFAULT_SIGNATURES = ['经办人', '审核人', '局领导'];

function checkList(list: PaymentList): bigint {
  assertIsoDate(list.date, '日期');
  for (const row of list.rows) amountInWords(row.amountFen); // rejects negative or malformed amounts
  return sumFen(list.rows.map((row) => row.amountFen));
}

function factLines(list: PaymentList): string[] {
  return [...(list.facts ?? []).map((f) => `${f.label}：${f.value}`), `制表日期：${chineseDate(list.date)}`];
}

/** 合计：共 3 笔，金额 ¥12,345.67 元，大写 人民币壹万贰仟叁佰肆拾伍元陆角柒分 */
export function paymentTotalText(count: number, total: bigint): string {
  return `合计：共 ${count} 笔，金额 ¥${formatYuan(total)} 元，大写 ${amountInWordsWithCurrency(total)}`;
}

/**
 * The list as an A4 landscape PDF: title, fact lines, the table (序号, 收款单位/个人, 开户银行, 银行账号,
 * 奖补规则, 金额（元）, 金额大写, 支付参考号) with a 合计 row, the total sentence with 大写, the
 * signature lines (经办人, 审核人, 局领导 unless given) and the issuer and date.
 */
export async function paymentListPdf(list: PaymentList, options: PdfOptions = {}): Promise<Buffer> {
  const total = checkList(list);
  const pdf = new PdfWriter(
    { title: list.title, issuer: list.issuer, date: list.date, subject: '奖补资金拨付清单', ...(list.mark ? { mark: list.mark } : {}) },
    { ...options, landscape: true },
  );
  pdf.title(list.title);
  pdf.paragraph(factLines(list).join('　　'), { align: 'left', gap: 0.8 });

  const widths = [28, 120, 96, 100, 108, 72, 112];
  const columns: TableColumn[] = [
    { header: '序号', width: widths[0]!, align: 'center' },
    { header: '收款单位/个人', width: widths[1]! },
    { header: '开户银行', width: widths[2]! },
    { header: '银行账号', width: widths[3]! },
    { header: '奖补规则', width: widths[4]! },
    { header: '金额（元）', width: widths[5]!, align: 'right' },
    { header: '金额大写', width: widths[6]! },
    { header: '支付参考号', width: pdf.contentWidth - widths.reduce((a, b) => a + b, 0) },
  ];
  pdf.table(columns, [
    ...list.rows.map((row, i) => ({
      cells: [
        String(i + 1),
        row.payee,
        row.bank,
        row.bankAccount,
        row.rule,
        formatYuan(row.amountFen),
        amountInWords(row.amountFen),
        row.reference,
      ],
    })),
    {
      bold: true,
      cells: [
        { text: `合计（${list.rows.length}笔）`, span: 5, align: 'center' as const },
        formatYuan(total),
        { text: amountInWords(total), span: 2 },
      ],
    },
  ]);
  pdf.paragraph(paymentTotalText(list.rows.length, total), { bold: true, align: 'left' });
  pdf.signatures(list.signatures ?? DEFAULT_SIGNATURES);
  pdf.closing(list.issuer, list.date);
  return pdf.finish();
}

/**
 * The list as XLSX: one sheet 拨付清单 with the title, fact lines, the same columns as the PDF
 * (金额（元） numeric with two decimals), a 合计 row, and the total sentence and signature labels below.
 */
export async function paymentListXlsx(list: PaymentList): Promise<Buffer> {
  const total = checkList(list);
  return workbookBuffer(
    [
      {
        name: '拨付清单',
        title: list.title,
        facts: [...(list.mark ? [`「${list.mark}」`] : []), ...factLines(list), `制表单位：${list.issuer}`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '收款单位/个人', width: 34 },
          { header: '开户银行', width: 26 },
          { header: '银行账号', width: 24 },
          { header: '奖补规则', width: 28 },
          { header: '金额（元）', width: 16, kind: 'amount' },
          { header: '金额大写', width: 36 },
          { header: '支付参考号', width: 22 },
        ],
        rows: list.rows.map((row, i) => [
          i + 1,
          row.payee,
          row.bank,
          row.bankAccount,
          row.rule,
          row.amountFen,
          amountInWords(row.amountFen),
          row.reference,
        ]),
        total: ['', `合计（${list.rows.length}笔）`, '', '', '', total, amountInWords(total), ''],
        notes: [
          paymentTotalText(list.rows.length, total),
          (list.signatures ?? DEFAULT_SIGNATURES).map((label) => `${label}：`).join('　　　　　　　　'),
        ],
      },
    ],
    list,
  );
}
