/**
 * 公示名单: the proposed awards put up for public notice, as PDF (to post and file) and XLSX (to
 * check and publish on the portal). Both carry the same rows, total and 大写.
 */
import { amountInWords, formatYuan, sumFen } from './amount-in-words.js';
import type { PublicNotice } from './model.js';
import { assertIsoDate, chineseDate, PdfWriter, type PdfOptions, type TableColumn } from './pdf-writer.js';
import { workbookBuffer } from './xlsx-writer.js';

const EMPTY = '—';

/** Checks what the text cannot show wrongly: dates, the period's order and its working days. */
function checkNotice(notice: PublicNotice): bigint {
  assertIsoDate(notice.date, '发布日期');
  assertIsoDate(notice.period.start, '公示开始日期');
  assertIsoDate(notice.period.end, '公示结束日期');
  if (notice.period.end < notice.period.start) {
    throw new RangeError(`公示结束日期早于开始日期：${notice.period.start} 至 ${notice.period.end}`);
  }
  if (!Number.isInteger(notice.period.workingDays) || notice.period.workingDays < 1) {
    throw new RangeError(`公示工作日数必须是正整数：${notice.period.workingDays}`);
  }
  for (const row of notice.rows) amountInWords(row.amountFen); // rejects negative or malformed amounts
  return sumFen(notice.rows.map((row) => row.amountFen));
}

/** 公示期：2023年5月8日至2023年5月12日（5个工作日）。 */
export function noticePeriodText(period: PublicNotice['period']): string {
  return `公示期：${chineseDate(period.start)}至${chineseDate(period.end)}（${period.workingDays}个工作日）。`;
}

/**
 * The notice as an A4 portrait PDF: title, intro paragraphs, period, the table (序号, 单位/个人名称,
 * 统一社会信用代码, 奖补项目, 金额（元）, 金额大写) with a 合计 row, the objection paragraphs, the
 * issuer and date.
 */
export async function publicNoticePdf(notice: PublicNotice, options: PdfOptions = {}): Promise<Buffer> {
  const total = checkNotice(notice);
  const pdf = new PdfWriter(
    { title: notice.title, issuer: notice.issuer, date: notice.date, subject: '拟奖补名单公示', ...(notice.mark ? { mark: notice.mark } : {}) },
    options,
  );
  pdf.title(notice.title);
  for (const text of notice.intro ?? []) pdf.paragraph(text, { indent: true });
  pdf.paragraph(noticePeriodText(notice.period), { indent: true, gap: 0.8 });

  const widths = [28, 104, 110, 84, 68];
  const columns: TableColumn[] = [
    { header: '序号', width: widths[0]!, align: 'center' },
    { header: '单位/个人名称', width: widths[1]! },
    { header: '统一社会信用代码', width: widths[2]! },
    { header: '奖补项目', width: widths[3]! },
    { header: '金额（元）', width: widths[4]!, align: 'right' },
    { header: '金额大写', width: pdf.contentWidth - widths.reduce((a, b) => a + b, 0) },
  ];
  pdf.table(columns, [
    ...notice.rows.map((row, i) => ({
      cells: [String(i + 1), row.name, row.creditCode || EMPTY, row.project, formatYuan(row.amountFen), amountInWords(row.amountFen)],
    })),
    {
      bold: true,
      cells: [{ text: `合计（${notice.rows.length}项）`, span: 4, align: 'center' as const }, formatYuan(total), amountInWords(total)],
    },
  ]);

  for (const text of notice.objection) pdf.paragraph(text, { indent: true });
  pdf.closing(notice.issuer, notice.date);
  return pdf.finish();
}

/**
 * The notice as XLSX: one sheet 公示名单 with the title, period, issuer, the same columns as the PDF
 * (金额（元） numeric with two decimals), a 合计 row and the objection paragraphs below.
 */
export async function publicNoticeXlsx(notice: PublicNotice): Promise<Buffer> {
  const total = checkNotice(notice);
  return workbookBuffer(
    [
      {
        name: '公示名单',
        title: notice.title,
        facts: [
          ...(notice.mark ? [`「${notice.mark}」`] : []),
          noticePeriodText(notice.period),
          `发布单位：${notice.issuer}　发布日期：${chineseDate(notice.date)}`,
        ],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '单位/个人名称', width: 36 },
          { header: '统一社会信用代码', width: 22 },
          { header: '奖补项目', width: 28 },
          { header: '金额（元）', width: 16, kind: 'amount' },
          { header: '金额大写', width: 40 },
        ],
        rows: notice.rows.map((row, i) => [i + 1, row.name, row.creditCode || EMPTY, row.project, row.amountFen, amountInWords(row.amountFen)]),
        total: ['', `合计（${notice.rows.length}项）`, '', '', total, amountInWords(total)],
        notes: notice.objection,
      },
    ],
    notice,
  );
}
