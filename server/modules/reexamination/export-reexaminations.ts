/** 复查 cases as XLSX: the list as filtered, in words; times in Beijing time. */
import { beijingDateTime, chinaDate } from '../../../common/dates.js';
import { DECISION_KINDS, REEXAMINATION_STATUSES, REEXAMINATION_VERDICTS, type ReexaminationQuery } from '../../../common/reexamination.js';
import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { allReexaminations } from './list-reexaminations.js';

/** More than a district ever holds; the export is of what the list shows. */
const MAX_ROWS = 10_000;

export const REEXAMINATION_COLUMNS = ['序号', '复查编号', '决定类型', '复查的决定', '决定结果', '决定理由', '决定人', '决定时间', '证明材料', '发起人', '发起时间', '复查理由', '状态', '复查结论', '查明情况', '纠错措施', '办结人', '办结时间'];

export async function reexaminationsXlsx(ctx: Ctx, query: Omit<ReexaminationQuery, 'page' | 'pageSize'>): Promise<{ name: string; content: Buffer }> {
  assertCan(ctx.actor, 'reexamination.export');
  const { items, total } = await allReexaminations(ctx, query, MAX_ROWS);
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const filters = [
    query.decisionKind ? `决定类型：${DECISION_KINDS.label(query.decisionKind)}` : '',
    query.status ? `状态：${REEXAMINATION_STATUSES.label(query.status)}` : '',
    query.verdict ? `复查结论：${REEXAMINATION_VERDICTS.label(query.verdict)}` : '',
  ].filter(Boolean);
  const time = (iso: string | null) => (iso ? beijingDateTime(iso) : '');
  const widths = [6, 16, 16, 36, 18, 30, 12, 17, 30, 12, 17, 30, 10, 24, 36, 30, 12, 17];
  const content = await workbookBuffer(
    [
      {
        name: '复查案件',
        title: '决定复查（容错纠错、尽职免责）',
        facts: [filters.length ? `筛选：${filters.join('；')}` : '筛选：全部', `导出日期：${today}（时间均为北京时间）`, ...(total > items.length ? [`共 ${total} 件，本表列出前 ${items.length} 件`] : [])],
        columns: REEXAMINATION_COLUMNS.map((header, i) => ({ header, width: widths[i]!, ...(i === 0 ? { kind: 'integer' as const } : {}) })),
        rows: items.map((c, i) => [
          i + 1,
          c.number,
          c.decisionKindLabel,
          c.snapshot.subject,
          c.snapshot.outcome,
          c.snapshot.reason ?? '',
          c.snapshot.deciderName,
          time(c.snapshot.decidedAt),
          c.snapshot.evidence.map((e) => e.fileName).join('、'),
          c.requestedByName,
          time(c.requestedAt),
          c.grounds,
          c.statusLabel,
          c.verdictLabel ?? '',
          c.findings ?? '',
          c.correctiveMeasure ?? '',
          c.concludedByName ?? '',
          time(c.concludedAt),
        ]),
        total: ['', '合计', `${items.length} 件`, ...REEXAMINATION_COLUMNS.slice(3).map(() => '')],
      },
    ],
    { title: '决定复查', issuer, date: today },
  );
  return { name: `决定复查-${today}.xlsx`, content };
}
