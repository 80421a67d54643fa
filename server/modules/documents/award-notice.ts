/**
 * 奖补通知书: tells one beneficiary what it is awarded, under which rule, and how the amount was
 * reached (the explanation lines, e.g. the subsidy engine's trace summary).
 */
import { amountInWordsWithCurrency, formatYuan } from './amount-in-words.js';
import type { AwardNotice } from './model.js';
import { assertIsoDate, PdfWriter, type PdfOptions } from './pdf-writer.js';

/** 经审核，你单位符合《…》第三条 技术合同登记奖补的奖补条件，核定奖补资金如下： */
export function awardSentence(award: Pick<AwardNotice, 'policy' | 'rule'>): string {
  const policy = award.policy ? `《${award.policy}》` : '';
  return `经审核，你单位符合${policy}${award.rule}的奖补条件，核定奖补资金如下：`;
}

/**
 * The notice as an A4 portrait PDF: title and 文号, 「{beneficiary}：」, the award sentence, the rule
 * and the amount in digits (¥12,345.67 元) and 大写 (人民币壹万…), the numbered explanation, the
 * closing paragraphs, the issuer and date.
 */
export async function awardNoticePdf(award: AwardNotice, options: PdfOptions = {}): Promise<Buffer> {
  assertIsoDate(award.date, '发文日期');
  const words = amountInWordsWithCurrency(award.amountFen); // rejects negative or malformed amounts
  const pdf = new PdfWriter(
    { title: award.title, issuer: award.issuer, date: award.date, subject: `奖补通知书：${award.beneficiary}`, ...(award.mark ? { mark: award.mark } : {}) },
    options,
  );
  pdf.title(award.title, award.documentNumber);
  pdf.paragraph(`${award.beneficiary}：`, { align: 'left' });
  pdf.paragraph(awardSentence(award), { indent: true, gap: 0.8 });

  const left = 110;
  pdf.table(
    [
      { header: '项目', width: left, align: 'center' },
      { header: '内容', width: pdf.contentWidth - left },
    ],
    [
      { cells: ['奖补对象', award.beneficiary] },
      { cells: ['奖补依据', `${award.policy ? `《${award.policy}》` : ''}${award.rule}`] },
      { cells: ['奖补金额（小写）', `¥${formatYuan(award.amountFen)} 元`] },
      { cells: ['奖补金额（大写）', words], bold: true },
    ],
    { fontSize: 10.5 },
  );

  if (award.explanation.length > 0) {
    pdf.paragraph('核定说明：', { bold: true, align: 'left' });
    award.explanation.forEach((line, i) => pdf.paragraph(`${i + 1}. ${line}`, { align: 'left', gap: 0.2 }));
    pdf.doc.moveDown(0.6);
  }
  for (const text of award.closing ?? []) pdf.paragraph(text, { indent: true });
  pdf.closing(award.issuer, award.date);
  return pdf.finish();
}
