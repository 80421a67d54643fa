/** 门户内容 as an Excel workbook for the bureau: every post of the jurisdiction (with the list's filters), in words. */
import { chinaDate } from '../../../common/dates.js';
import { POST_KINDS, POST_STATUSES } from '../../../common/portal-vocabulary.js';
import type { Ctx } from '../../context.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { listPosts } from './list-posts.js';
import type { PostQuery } from './schema.js';

const beijing = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export async function postsXlsx(ctx: Ctx, query: Pick<PostQuery, 'kind' | 'status' | 'q'>): Promise<{ name: string; content: Buffer }> {
  const { items } = await listPosts(ctx, { ...query, page: 1, pageSize: 10_000 });
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const content = await workbookBuffer(
    [
      {
        name: '门户内容',
        title: '门户内容',
        facts: [`栏目：${query.kind ? POST_KINDS.label(query.kind) : '全部'}；状态：${query.status ? POST_STATUSES.label(query.status) : '全部'}`, `导出日期：${today}（时间为北京时间）`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '栏目', width: 10 },
          { header: '标题', width: 40 },
          { header: '状态', width: 8 },
          { header: '文号', width: 18 },
          { header: '发布单位', width: 18 },
          { header: '生效日期', width: 12 },
          { header: '所依据的奖补政策', width: 30 },
          { header: '发布时间', width: 17 },
          { header: '最后修改', width: 17 },
          { header: '修改人', width: 14 },
        ],
        rows: items.map((p, i) => [
          i + 1, POST_KINDS.label(p.kind), p.title, POST_STATUSES.label(p.status), p.documentNumber ?? '', p.issuer ?? '', p.effectiveOn ?? '', p.policyTitle ?? '',
          beijing(p.publishedAt), beijing(p.updatedAt), p.updatedByName,
        ]),
        total: ['', '合计', `${items.length} 篇`, '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '门户内容', issuer, date: today },
  );
  return { name: `门户内容-${today}.xlsx`, content };
}
