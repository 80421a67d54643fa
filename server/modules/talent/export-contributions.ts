/**
 * The contributions of one person as XLSX (职称评审材料): sheet 「转化贡献」 lists each registered
 * contract with the person's role and 技术交易额 (yuan, two decimals), sheet 「按类型汇总」 the
 * count and amount per contract type. Written by the documents module's workbook writer.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { readContributions } from './read-contributions.js';
import type { ContributionQuery } from './schema.js';

export async function contributionsXlsx(ctx: Ctx, personId: string, query: ContributionQuery): Promise<{ name: string; content: Buffer }> {
  const c = await readContributions(ctx, personId, query);
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const period = c.from || c.to ? `登记日期：${c.from ?? '不限'} 至 ${c.to ?? '不限'}` : '登记日期：不限';
  const content = await workbookBuffer(
    [
      {
        name: '转化贡献',
        title: `${c.person.name} 技术转移转化贡献（已登记技术合同）`,
        facts: [period, `导出日期：${today}`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '合同登记编号', width: 22 },
          { header: '合同名称', width: 36 },
          { header: '合同类型', width: 12 },
          { header: '登记日期', width: 12 },
          { header: '本人角色', width: 14 },
          { header: '经纪份额', width: 10 },
          { header: '技术交易额（元）', width: 18, kind: 'amount' },
        ],
        rows: c.items.map((i, n) => [n + 1, i.registrationNumber, i.name, i.typeLabel, i.registeredOn, i.roleLabel, i.brokerShare === null ? '' : `${Math.round(i.brokerShare * 100)}%`, i.techAmountFen]),
        total: ['', '合计', `${c.total.contracts} 项合同`, '', '', '', '', c.total.techAmountFen],
        notes: ['同一合同既任经纪人又任科研人员的，合计中只计一次。数据来源：技术合同认定登记。'],
      },
      {
        name: '按类型汇总',
        title: `${c.person.name} 技术合同按类型汇总`,
        facts: [period],
        columns: [
          { header: '合同类型', width: 14 },
          { header: '合同项数', width: 10, kind: 'integer' },
          { header: '技术交易额（元）', width: 18, kind: 'amount' },
        ],
        rows: c.byType.map((t) => [t.typeLabel, t.contracts, t.techAmountFen]),
        total: ['合计', c.total.contracts, c.total.techAmountFen],
      },
    ],
    { title: `${c.person.name} 技术转移转化贡献`, issuer, date: today },
  );
  return { name: `转化贡献-${c.person.name}.xlsx`, content };
}
