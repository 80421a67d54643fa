/**
 * The board as a workbook, for the operator's files and for third-party evaluators (二十一): sheet
 * 督办看板 (measure × unit × period with each cell's status, totals per status) and sheet 进度报告
 * (every report the reader may see: measure, unit, period, status, progress, figures, the review).
 */
import { CELL_STATUSES, REPORT_STATUSES, UNIT_ROLES, type CellStatus } from '../../../common/supervision-vocabulary.js';
import type { Ctx } from '../../context.js';
import { workbookBuffer, type SheetSpec } from '../documents/xlsx-writer.js';
import { getBoard } from './board.js';
import { listReports } from './reports.js';
import type { BoardQuery } from './schema.js';

export async function boardWorkbook(ctx: Ctx, planId: string, query: BoardQuery): Promise<{ name: string; content: Buffer }> {
  const board = await getBoard(ctx, planId, query);
  const reports = [];
  for (let page = 1; ; page++) {
    const batch = await listReports(ctx, { planId, page, pageSize: 200 });
    reports.push(...batch.items);
    if (reports.length >= batch.total || !batch.items.length) break;
  }
  const unitIds = new Set(board.rows.map((r) => r.unitId));
  const years = query.year ? [String(query.year)] : null;
  const facts = [`截至 ${board.asOf}${query.year ? `，${query.year} 年度` : ''}；报告于报告期结束后 ${board.plan.dueDays} 日内报送`];
  const statuses = Object.keys(board.totals) as CellStatus[];
  const boardSheet: SheetSpec = {
    name: '督办看板',
    title: `${board.plan.title} 督办看板`,
    facts,
    columns: [
      { header: '措施', width: 34 },
      { header: '责任单位', width: 24 },
      { header: '角色', width: 10 },
      ...board.periods.map((p) => ({ header: p.label, width: 12 })),
    ],
    rows: board.rows.map((r) => [
      `（${r.number}）${r.heading}`,
      r.unitName,
      UNIT_ROLES.label(r.role),
      ...board.periods.map((p) => {
        const c = r.cells.find((x) => x.period === p.code);
        return c ? CELL_STATUSES.label(c.status) : '—';
      }),
    ]),
    total: ['合计', statuses.map((s) => `${CELL_STATUSES.label(s)} ${board.totals[s]}`).join('，'), '', ...board.periods.map(() => '')],
  };
  const shown = reports.filter((r) => unitIds.has(r.unitId) && (!years || years.some((y) => r.period.startsWith(y))));
  const reportSheet: SheetSpec = {
    name: '进度报告',
    title: `${board.plan.title} 进度报告`,
    facts,
    columns: [
      { header: '措施', width: 30 },
      { header: '责任单位', width: 22 },
      { header: '报告期', width: 16 },
      { header: '状态', width: 10 },
      { header: '提交时间', width: 20 },
      { header: '进展情况', width: 60 },
      { header: '数据', width: 30 },
      { header: '审核意见', width: 30 },
    ],
    rows: shown.map((r) => [
      `（${r.measureNumber}）${r.measureHeading}`,
      r.unitName,
      r.periodLabel,
      REPORT_STATUSES.label(r.status),
      r.submittedAt ?? '',
      r.text,
      Object.entries(r.figures).map(([k, v]) => `${k}：${v}`).join('；'),
      r.reviewComment ?? '',
    ]),
    total: ['合计', `${shown.length} 份`, '', '', '', '', '', ''],
  };
  const content = await workbookBuffer([boardSheet, reportSheet], { title: `${board.plan.title} 督办看板`, issuer: ctx.actor.name, date: board.asOf });
  return { name: `督办看板-${board.plan.code}-${board.asOf}.xlsx`, content };
}
