/**
 * The annual evaluation report as documents: a PDF (title page, sections, tables, and two charts
 * drawn with PDFKit primitives — targets against actuals as bars, the yearly trend as a line) with
 * the embedded Noto Sans SC font, and an XLSX with one sheet per section. Amounts in yuan with two
 * decimals, from integer fen.
 */
import { yuanDecimal } from '../documents/amount-in-words.js';
import { chineseDate, LAYOUT, PdfWriter, type PdfOptions, type TableColumn } from '../documents/pdf-writer.js';
import { workbookBuffer, type SheetSpec } from '../documents/xlsx-writer.js';
import type { AnnualReport, ReportIndicator, ReportTarget } from './schema.js';


/** The XLSX sheet names, in order. */
export const SHEET_NAMES = ['概述', '目标完成', '监测指标', '措施进展', '奖补资金', '技术市场'] as const;

const integer = new Intl.NumberFormat('zh-CN');

function valueText(unit: string, unitLabel: string, v: number | null): string {
  if (v === null) return '暂无数据';
  return unit === 'fen' ? `${yuanDecimal(v)}元` : `${integer.format(v)}${unitLabel}`;
}

function metText(t: Pick<ReportTarget, 'met' | 'progress'>): string {
  if (t.met === null) return '—';
  return t.met ? '已完成' : `未完成（${Math.floor((t.progress ?? 0) * 100)}%）`;
}

function changeText(i: ReportIndicator): string {
  if (i.value === null || i.previous === null) return '—';
  const d = i.value - i.previous;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  return i.unit === 'fen' ? `${sign}${yuanDecimal(Math.abs(d))}元` : `${sign}${integer.format(Math.abs(d))}${i.unitLabel}`;
}

export function reportFileName(report: AnnualReport, format: 'pdf' | 'xlsx'): string {
  return `${report.year}年度技术转移体系建设评估报告-${report.jurisdictionCode}.${format}`;
}

function periodLine(report: AnnualReport): string {
  return `评估年度：${report.year}年（指标统计截至${chineseDate(report.asOf)}；督办状态截至生成日${chineseDate(report.generatedOn)}）`;
}

/** Bars: each target's actual beside its target value, scaled per row to the larger of the two. */
function targetBars(w: PdfWriter, targets: ReportTarget[]): void {
  const doc = w.doc;
  const rowHeight = 30;
  const labelWidth = 150;
  const barWidth = w.contentWidth - labelWidth - 90;
  w.ensureSpace(targets.length * rowHeight + 40);
  const top = doc.y;
  doc.font('regular').fontSize(LAYOUT.size.small);
  targets.forEach((t, i) => {
    const y = top + i * rowHeight;
    const value = t.value ?? 0;
    const scale = Math.max(t.target, value, 1);
    doc.fillColor('black').text(`${t.id} ${t.name}`, w.left, y + 4, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const x = w.left + labelWidth;
    doc.save().rect(x, y + 2, (barWidth * t.target) / scale, 10).fill('#bbbbbb').restore();
    doc.save().rect(x, y + 14, (barWidth * value) / scale, 10).fill(t.met ? '#2e7d32' : '#1565c0').restore();
    doc.fillColor('#333333').text(`目标 ${integer.format(t.target)}`, x + barWidth + 6, y + 2, { lineBreak: false });
    doc.text(`实际 ${t.value === null ? '—' : integer.format(value)}`, x + barWidth + 6, y + 14, { lineBreak: false });
  });
  doc.fillColor('#555555').text('灰色：目标值；蓝色：实际值（绿色为已达到）', w.left, top + targets.length * rowHeight + 2, { width: w.contentWidth });
  doc.fillColor('black').font('regular').fontSize(LAYOUT.size.body);
  doc.x = w.left;
  doc.moveDown(1);
}

/** A line of one yearly series with its axis, points and value labels. */
function trendLine(w: PdfWriter, title: string, years: number[], values: (number | null)[], label: (v: number) => string): void {
  const doc = w.doc;
  const height = 120;
  w.ensureSpace(height + 50);
  doc.font('bold').fontSize(LAYOUT.size.table).fillColor('black').text(title, w.left, doc.y, { width: w.contentWidth });
  const top = doc.y + 14;
  const x0 = w.left + 20;
  const width = w.contentWidth - 40;
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = years.length > 1 ? width / (years.length - 1) : 0;
  const pointOf = (i: number, v: number) => [x0 + i * step, top + height - (height * v) / max] as const;
  doc.save().lineWidth(0.6).strokeColor('#333333').moveTo(x0, top).lineTo(x0, top + height).lineTo(x0 + width, top + height).stroke().restore();
  const points = values.map((v, i) => (v === null ? null : pointOf(i, v)));
  doc.save().lineWidth(1.5).strokeColor('#1565c0');
  let started = false;
  for (const p of points) {
    if (!p) { started = false; continue; }
    if (started) doc.lineTo(p[0], p[1]);
    else doc.moveTo(p[0], p[1]);
    started = true;
  }
  doc.stroke().restore();
  doc.font('regular').fontSize(LAYOUT.size.small).fillColor('#333333');
  points.forEach((p, i) => {
    if (p) {
      doc.save().circle(p[0], p[1], 2.5).fill('#1565c0').restore();
      doc.fillColor('#333333').text(label(values[i]!), p[0] - 40, p[1] - 12, { width: 80, align: 'center', lineBreak: false });
    }
    doc.text(`${years[i]}`, x0 + i * step - 20, top + height + 4, { width: 40, align: 'center', lineBreak: false });
  });
  doc.fillColor('black').font('regular').fontSize(LAYOUT.size.body);
  doc.x = w.left;
  doc.y = top + height + 24;
}

function heading(w: PdfWriter, text: string): void {
  w.ensureSpace(60);
  w.paragraph(text, { bold: true, align: 'left', gap: 0.3 });
}

function columns(total: number, parts: [string, number, ('left' | 'right' | 'center')?][]): TableColumn[] {
  const sum = parts.reduce((s, p) => s + p[1], 0);
  return parts.map(([header, share, align]) => ({ header, width: (total * share) / sum, align: align ?? 'left' }));
}

export async function annualReportPdf(report: AnnualReport, options: PdfOptions = {}): Promise<Buffer> {
  const w = new PdfWriter({ title: report.title, issuer: report.issuer, date: report.generatedOn, subject: `${report.year}年度评估报告（二十一）` }, options);
  const doc = w.doc;
  // Title page.
  doc.moveDown(8);
  doc.font('bold').fontSize(22).text(report.jurisdiction, w.left, doc.y, { width: w.contentWidth, align: 'center' });
  doc.moveDown(0.5).text(`${report.year}年度技术转移体系建设评估报告`, { width: w.contentWidth, align: 'center' });
  doc.moveDown(2).font('regular').fontSize(LAYOUT.size.body);
  for (const line of [
    `依据：${report.indicatorSet.document ?? ''}${report.indicatorSet.title}（二十一）开展监督评估`,
    periodLine(report),
    `数据来源：${report.issuer}实时数据（登记、合同、督办、奖补、技术市场）`,
    `生成日期：${chineseDate(report.generatedOn)}`,
  ]) {
    doc.text(line, w.left, doc.y, { width: w.contentWidth, align: 'center' });
    doc.moveDown(0.5);
  }
  doc.addPage();

  w.title(report.title, periodLine(report));
  heading(w, '一、总体情况');
  w.paragraph(report.summary, { indent: true });

  heading(w, '二、目标任务完成情况');
  const cw = w.contentWidth;
  w.table(
    columns(cw, [['编号', 1], ['指标', 4], ['年末值', 2, 'right'], ['目标值', 2, 'right'], ['期限', 2, 'center'], ['完成情况', 2.4, 'center']]),
    report.targets.map((t) => ({ cells: [t.id, t.name, valueText(t.unit, t.unitLabel, t.value), `≥ ${valueText(t.unit, t.unitLabel, t.target)}`, t.deadline, metText(t)] })),
  );
  if (report.targets.length) targetBars(w, report.targets);

  heading(w, '三、监测指标');
  w.table(
    columns(cw, [['指标', 4], [`${report.year}年`, 2.5, 'right'], [`${report.year - 1}年`, 2.5, 'right'], ['增减', 2.5, 'right']]),
    report.indicators.map((i) => ({ cells: [i.name, valueText(i.unit, i.unitLabel, i.value), valueText(i.unit, i.unitLabel, i.previous), changeText(i)] })),
  );
  for (const s of report.trend.series) {
    trendLine(w, `${s.name}（${report.trend.years[0]}—${report.trend.years[report.trend.years.length - 1]}年）`, report.trend.years, s.values, (v) =>
      s.unit === 'fen' ? `${(v / 1_000_000).toFixed(2)}万元` : integer.format(v),
    );
  }

  heading(w, '四、重点任务推进情况（督办）');
  if (report.supervision.rows.length) {
    w.table(
      columns(cw, [['措施', 3], ['责任单位', 3], ['应报', 1, 'right'], ['已提交', 1.2, 'right'], ['已采纳', 1.2, 'right'], ['逾期', 1, 'right'], ['最近采纳报告摘要', 6]]),
      [
        ...report.supervision.rows.map((r) => ({
          cells: [`（${r.number}）${r.heading}`, `${r.unitName}（${r.role}）`, String(r.periods), String(r.submitted), String(r.accepted), String(r.overdue), r.latestAccepted ? `${r.latestAccepted.period}：${r.latestAccepted.excerpt}` : '—'],
        })),
        { cells: [{ text: '合计', span: 2 }, String(report.supervision.totals.periods), String(report.supervision.totals.submitted), String(report.supervision.totals.accepted), String(report.supervision.totals.overdue), ''], bold: true },
      ],
    );
  } else {
    w.paragraph('本年度平台中没有督办方案的进度报告数据。', { indent: true });
  }

  heading(w, '五、奖补资金');
  const st = report.subsidies.total;
  w.table(
    columns(cw, [['奖补规则', 4], ['预算（元）', 2.4, 'right'], ['申报（件）', 1.4, 'right'], ['核定（件）', 1.4, 'right'], ['核定金额（元）', 2.4, 'right'], ['已拨付（元）', 2.4, 'right']]),
    [
      ...report.subsidies.rows.map((r) => ({ cells: [r.title, yuanDecimal(r.budgetFen), String(r.applied), String(r.awarded), yuanDecimal(r.awardedFen), yuanDecimal(r.paidFen)] })),
      { cells: ['合计', yuanDecimal(st.budgetFen), String(st.applied), String(st.awarded), yuanDecimal(st.awardedFen), yuanDecimal(st.paidFen)], bold: true },
    ],
  );
  w.paragraph('注：一件申报可涉及申报通知所列多项规则，各规则“申报”件数之和可能大于合计；合计的申报件数与已拨付金额与监测指标一致。', { gap: 0.8 });

  heading(w, '六、技术市场');
  const m = report.market;
  w.table(columns(cw, [['环节', 4], ['数量', 3, 'right'], ['金额（元）', 3, 'right']]), [
    { cells: ['发布成果与需求', String(m.listings), '—'] },
    { cells: ['联系对接', String(m.contacts), '—'] },
    { cells: ['新建对接项目', String(m.deals), '—'] },
    { cells: ['签约（成交额）', String(m.signed), yuanDecimal(m.signedAmountFen)] },
    { cells: ['登记（技术交易额）', String(m.registered), yuanDecimal(m.turnoverFen)] },
  ]);
  w.closing(report.issuer, report.generatedOn);
  return w.finish();
}

export async function annualReportXlsx(report: AnnualReport): Promise<Buffer> {
  const facts = [periodLine(report), `制表：${report.issuer}`];
  const st = report.subsidies.total;
  const sup = report.supervision.totals;
  const m = report.market;
  const sheets: SheetSpec[] = [
    { name: SHEET_NAMES[0], title: report.title, facts, columns: [{ header: '总体情况', width: 120 }], rows: [[report.summary]], total: [''] },
    {
      name: SHEET_NAMES[1], title: `${report.year}年目标任务完成情况`, facts,
      columns: [{ header: '编号', width: 8 }, { header: '指标', width: 36 }, { header: '单位', width: 8 }, { header: '年末值', width: 18, kind: 'integer' }, { header: '目标值', width: 12, kind: 'integer' }, { header: '期限', width: 14 }, { header: '完成情况', width: 18 }],
      rows: report.targets.map((t) => [t.id, t.name, t.unitLabel, t.value ?? '', t.target, t.deadline, metText(t)]),
      total: ['合计', `已完成 ${report.targets.filter((t) => t.met).length} 项 / 共 ${report.targets.length} 项`, '', '', '', '', ''],
    },
    {
      name: SHEET_NAMES[2], title: `${report.year}年监测指标（与${report.year - 1}年对比）`, facts,
      columns: [{ header: '编号', width: 18 }, { header: '指标', width: 36 }, { header: '单位', width: 8 }, { header: `${report.year}年`, width: 20 }, { header: `${report.year - 1}年`, width: 20 }, { header: '增减', width: 20 }, { header: '说明', width: 40 }],
      rows: report.indicators.map((i) => [i.id, i.name, i.unit === 'fen' ? '元' : i.unitLabel, valueText(i.unit, '', i.value), valueText(i.unit, '', i.previous), changeText(i), i.note ?? '']),
      total: ['', '', '', '', '', '', ''],
      notes: report.trend.series.map((s) => `${s.name}：${report.trend.years.map((y, k) => `${y}年 ${valueText(s.unit, '', s.values[k] ?? null)}`).join('；')}`),
    },
    {
      name: SHEET_NAMES[3], title: `${report.year}年重点任务推进情况（督办）`, facts,
      columns: [{ header: '方案', width: 14 }, { header: '措施', width: 8 }, { header: '措施名称', width: 24 }, { header: '责任单位', width: 28 }, { header: '角色', width: 10 }, { header: '应报', width: 8, kind: 'integer' }, { header: '已提交', width: 8, kind: 'integer' }, { header: '已采纳', width: 8, kind: 'integer' }, { header: '已退回', width: 8, kind: 'integer' }, { header: '逾期', width: 8, kind: 'integer' }, { header: '最近采纳报告', width: 12 }, { header: '摘要', width: 60 }],
      rows: report.supervision.rows.map((r) => [r.planCode, r.number, r.heading, r.unitName, r.role, r.periods, r.submitted, r.accepted, r.returned, r.overdue, r.latestAccepted?.period ?? '', r.latestAccepted?.excerpt ?? '']),
      total: ['合计', '', '', '', '', sup.periods, sup.submitted, sup.accepted, sup.returned, sup.overdue, '', ''],
    },
    {
      name: SHEET_NAMES[4], title: `${report.year}年度奖补资金`, facts,
      columns: [{ header: '规则', width: 22 }, { header: '规则名称', width: 40 }, { header: '预算（元）', width: 16, kind: 'amount' }, { header: '申报（件）', width: 10, kind: 'integer' }, { header: '核定（件）', width: 10, kind: 'integer' }, { header: '核定金额（元）', width: 16, kind: 'amount' }, { header: '已拨付（元）', width: 16, kind: 'amount' }],
      rows: report.subsidies.rows.map((r) => [r.rule, r.title, r.budgetFen, r.applied, r.awarded, r.awardedFen, r.paidFen]),
      total: ['合计', `申报通知 ${report.subsidies.notices} 个`, st.budgetFen, st.applied, st.awarded, st.awardedFen, st.paidFen],
      notes: ['一件申报可涉及申报通知所列多项规则，各规则“申报”件数之和可能大于合计；合计的申报件数与已拨付金额与监测指标一致。'],
    },
    {
      name: SHEET_NAMES[5], title: `${report.year}年技术市场成效（${m.from} 至 ${m.to}）`, facts,
      columns: [{ header: '环节', width: 24 }, { header: '数量', width: 12, kind: 'integer' }, { header: '金额（元）', width: 18, kind: 'amount' }],
      rows: [['发布成果与需求', m.listings, ''], ['联系对接', m.contacts, ''], ['新建对接项目', m.deals, ''], ['签约（成交额）', m.signed, m.signedAmountFen], ['登记（技术交易额）', m.registered, m.turnoverFen]],
      total: ['', '', ''],
    },
  ];
  return workbookBuffer(sheets, { title: report.title, issuer: report.issuer, date: report.generatedOn });
}
