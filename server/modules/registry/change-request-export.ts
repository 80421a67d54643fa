/** 变更申请 as XLSX: the queue (or any filtered list) with the comparison in words, for filing and reporting. */
import { chinaDate } from '../../../common/dates.js';
import { CHANGE_REQUEST_STATUSES, type ChangeRequestQuery } from '../../../common/change-request.js';
import type { Ctx } from '../../context.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { chinaDateTime, listChangeRequests } from './change-requests.js';
import { findDivision } from './divisions.js';

/** More than a queue ever holds; the export is of what the list shows, not a bulk dump. */
const MAX_ROWS = 5_000;

export async function changeRequestsXlsx(ctx: Ctx, query: Omit<ChangeRequestQuery, 'page' | 'pageSize'>): Promise<{ name: string; content: Buffer }> {
  const { items, total } = await listChangeRequests(ctx, { ...query, page: 1, pageSize: MAX_ROWS });
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const content = await workbookBuffer(
    [
      {
        name: '变更申请',
        title: '机构登记信息变更申请',
        facts: [
          `状态：${query.status ? CHANGE_REQUEST_STATUSES.label(query.status) : '全部'}`,
          `导出日期：${today}`,
          ...(total > items.length ? [`共 ${total} 条，本表列出前 ${items.length} 条`] : []),
        ],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '机构', width: 30 },
          { header: '变更事项', width: 12 },
          { header: '现登记信息', width: 40 },
          { header: '申请变更为', width: 40 },
          { header: '变更说明', width: 30 },
          { header: '证明材料', width: 30 },
          { header: '提交人', width: 14 },
          { header: '提交时间（北京时间）', width: 20 },
          { header: '状态', width: 10 },
          { header: '审核人', width: 14 },
          { header: '审核时间（北京时间）', width: 20 },
          { header: '审核意见', width: 30 },
        ],
        rows: items.map((r, i) => [
          i + 1,
          r.organizationName,
          r.groupLabel,
          r.differences.map((d) => `${d.label}：${d.current}`).join('\n'),
          r.differences.map((d) => `${d.label}：${d.requested}`).join('\n'),
          r.explanation ?? '',
          r.evidence.map((e) => e.fileName).join('、'),
          r.submittedByName,
          chinaDateTime(r.submittedAt),
          r.statusLabel,
          r.decidedByName ?? '',
          r.decidedAt ? chinaDateTime(r.decidedAt) : '',
          r.decisionReason ?? '',
        ]),
        total: ['', '合计', `${items.length} 份申请`, '', '', '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '机构登记信息变更申请', issuer, date: today },
  );
  return { name: `变更申请-${today}.xlsx`, content };
}
