/**
 * The annual evaluation report on a small fixed world (test-support.ts), on every dialect: the
 * exact numbers of each section, the same values the indicators module computes, the PDF read back
 * (text through the embedded font's ToUnicode map) and the XLSX read back, and who may build it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { testCtx } from '../../testing/context.js';
import { flatText, parsePdf } from '../documents/pdf-test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';
import { computeReport } from '../indicators/compute-indicators.js';
import { buildAnnualReport, excerpt } from './build-annual-report.js';
import { annualReportPdf, annualReportXlsx, SHEET_NAMES } from './report-documents.js';
import type { AnnualReport } from './schema.js';
import { buildEvaluationWorld, LONG_TEXT } from './test-support.js';

const rejects = async (p: Promise<unknown>, code: string) => {
  await expect(p).rejects.toMatchObject({ code });
};

describe('excerpt', () => {
  it('keeps short text, cuts long text at 80 characters with an ellipsis, flattens whitespace', () => {
    expect(excerpt('  一季度\n进展  ')).toBe('一季度 进展');
    expect(excerpt(LONG_TEXT)).toBe(`${[...LONG_TEXT].slice(0, 80).join('')}…`);
  });
});

for (const dialect of await testDialects()) {
  describe(`annual evaluation report on ${dialect}`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let report: AnnualReport;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      await buildEvaluationWorld(testCtx(db));
      ctx = testCtx(db, { roles: ['evaluator'], id: 'evaluator-1', name: '评估机构' });
      report = await buildAnnualReport(ctx, { year: 2023 });
    }, 120_000);
    afterAll(async () => db.drop());

    it('names the year, the jurisdiction and the days its numbers are taken on', () => {
      expect(report).toMatchObject({
        title: '河南省平顶山市湛河区2023年度技术转移体系建设评估报告',
        year: 2023, jurisdictionCode: '410411', asOf: '2023-12-31', generatedOn: '2026-06-01',
        indicatorSet: { id: 'zhanhe-2022' },
      });
    });

    it('targets T1–T5 at the year end, exactly as the indicators module computes them', async () => {
      expect(report.targets.map((t) => [t.id, t.value, t.target, t.deadline, t.met])).toEqual([
        ['T1', 1, 1, '2023-12-31', true],
        ['T2', 3, 30, '2023-12-31', false],
        ['T3', 1, 10, '2023-12-31', false],
        ['T4', 1, 20, '2023-12-31', false],
        ['T5', 1, 30, '2025-12-31', false],
      ]);
      const live = await computeReport(db.db, '410411', '2023-12-31');
      for (const t of report.targets) expect(t.value).toBe(live.indicators.find((i) => i.id === t.id)!.value);
    });

    it('tracked indicators beside the previous year, and the five-year trend', () => {
      const v = Object.fromEntries(report.indicators.map((i) => [i.id, [i.value, i.previous]]));
      expect(v).toMatchObject({
        contracts: [5, 1],
        turnover: [3_950_000, 4_000_000],
        inflow: [4, 1],
        academic_transfers: [2, 0],
        incubators: [2, 1],
        international: [1, 1],
        subsidy_applications: [2, 0],
        subsidy_paid: [5_000_000, 0],
      });
      expect(report.trend.years).toEqual([2019, 2020, 2021, 2022, 2023]);
      expect(report.trend.series.map((s) => [s.id, s.values])).toEqual([
        ['contracts', [0, 0, 0, 1, 5]],
        ['turnover', [0, 0, 0, 4_000_000, 3_950_000]],
      ]);
    });

    it("each measure's progress per unit over the year's periods, with the latest accepted report", () => {
      expect(report.supervision.plans).toEqual([{ code: 'test-plan', title: '测试区技术转移实施方案' }]);
      expect(report.supervision.rows.map((r) => [r.number, r.unitName, r.role, r.periods, r.submitted, r.accepted, r.returned, r.overdue, r.latestAccepted?.period ?? null])).toEqual([
        ['三', '区工业和信息化局', '牵头单位', 4, 3, 2, 0, 1, '2023年第2季度'],
        ['三', '区科技局', '配合单位', 4, 1, 0, 1, 4, null],
        ['四', '区科技局', '牵头单位', 2, 1, 1, 0, 1, '2023年上半年'],
        ['四', '区财政局', '配合单位', 2, 0, 0, 0, 2, null],
        ['四', '各街道办事处', '配合单位', 2, 0, 0, 0, 2, null],
      ]);
      expect(report.supervision.rows[0]!.latestAccepted!.excerpt).toBe(excerpt(LONG_TEXT));
      expect(report.supervision.totals).toEqual({ periods: 14, submitted: 5, accepted: 3, returned: 1, overdue: 10 });
    });

    it('subsidies per rule against budget; the totals are the indicators’', () => {
      expect(report.subsidies.notices).toBe(1);
      expect(report.subsidies.rows).toEqual([
        { rule: 'enterprise_purchase', title: '企业购买市外先进科技成果并在我区转化、产业化（R1）', budgetFen: 20_000_000, applied: 2, awarded: 1, awardedFen: 5_000_000, paidFen: 5_000_000 },
        { rule: 'broker', title: '技术经纪（经理）人在本地开展技术转移活动（R3）', budgetFen: 3_000_000, applied: 2, awarded: 0, awardedFen: 0, paidFen: 0 },
      ]);
      expect(report.subsidies.total).toEqual({ budgetFen: 23_000_000, applied: 2, awarded: 1, awardedFen: 5_000_000, paidFen: 5_000_000 });
    });

    it('the market funnel of the year (no listings or deals in this world)', () => {
      expect(report.market).toEqual({ from: '2023-01-01', to: '2023-12-31', listings: 0, contacts: 0, deals: 0, signed: 0, signedAmountFen: 0, registered: 0, turnoverFen: 0 });
    });

    it('a summary that states the facts above and nothing else', () => {
      expect(report.summary).toBe(
        '截至2023年12月31日，5项目标指标中已达到目标值1项（T1），未达到4项（T2、T3、T4、T5）。' +
          '2023年登记技术合同5项，技术交易额39500.00元；上年分别为1项、40000.00元。' +
          '督办措施2项，分解到责任单位的任务5项，本年应报进度报告14期次，已提交5期次，已采纳3期次，逾期10期次。' +
          '奖补申报通知1个，预算230000.00元，申报2件，核定奖补50000.00元，已拨付50000.00元。' +
          '技术市场发布成果与需求0项，联系对接0次，新建对接项目0个，签约0个，其合同登记0项、技术交易额0.00元。',
      );
    });

    it('the PDF: embedded Chinese font, title page, sections, tables and the numbers', async () => {
      const pdf = parsePdf(await annualReportPdf(report));
      expect(pdf.fonts.length).toBeGreaterThan(0);
      for (const f of pdf.fonts) expect(f).toMatchObject({ subtype: 'Type0', embedded: 'FontFile2' });
      expect(pdf.fonts.every((f) => /NotoSansSC/.test(f.baseFont))).toBe(true);
      expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
      expect(pdf.pages[0]!.replace(/\s+/g, '')).toContain('2023年度技术转移体系建设评估报告');
      const text = flatText(pdf);
      for (const s of ['一、总体情况', '二、目标任务完成情况', '三、监测指标', '四、重点任务推进情况（督办）', '五、奖补资金', '六、技术市场', '区工业和信息化局（牵头单位）', '20000000.00'.slice(0, 0) + '200000.00', '39500.00元', '40000.00元', '未完成（10%）', '目标1', '实际3']) {
        expect(text, s).toContain(s.replace(/\s+/g, ''));
      }
      expect(text).toContain(report.summary.slice(0, 30));
    });

    it('the XLSX: one sheet per section, amounts as yuan with two decimals', async () => {
      const book = await loadWorkbook(await annualReportXlsx(report));
      expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
      const targets = rowsOf(book.getWorksheet('目标完成')!);
      expect(targets[4]).toEqual(['T1', '省级技术转移示范机构', '家', 1, 1, '2023-12-31', '已完成']);
      const subsidies = rowsOf(book.getWorksheet('奖补资金')!);
      expect(subsidies[4]).toEqual(['enterprise_purchase', '企业购买市外先进科技成果并在我区转化、产业化（R1）', 200000, 2, 1, 50000, 50000]);
      expect(subsidies[6]).toEqual(['合计', '申报通知 1 个', 230000, 2, 1, 50000, 50000]);
      expect(book.getWorksheet('奖补资金')!.getCell('C5').numFmt).toBe('#,##0.00');
      const progress = rowsOf(book.getWorksheet('措施进展')!);
      expect(progress[4]!.slice(0, 10)).toEqual(['test-plan', '三', '培育主体', '区工业和信息化局', '牵头单位', 4, 3, 2, 0, 1]);
      expect(rowsOf(book.getWorksheet('概述')!)[4]).toEqual([report.summary]);
    });

    it('refuses roles without the permission, a jurisdiction outside the actor’s, and a year not begun', async () => {
      await rejects(buildAnnualReport(testCtx(db, { roles: ['enterprise'] }), { year: 2023 }), 'FORBIDDEN');
      await rejects(buildAnnualReport(testCtx(db, { roles: ['evaluator'], jurisdictionCode: '410411' }), { year: 2023, jurisdiction: '410402' }), 'FORBIDDEN');
      await rejects(buildAnnualReport(ctx, { year: 2027 }), 'VALIDATION');
      for (const role of ['operator', 'admin', 'finance', 'department'] as const) {
        expect((await buildAnnualReport(testCtx(db, { roles: [role] }), { year: 2023 })).targets).toHaveLength(5);
      }
    });
  });
}
