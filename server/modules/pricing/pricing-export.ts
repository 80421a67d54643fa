/**
 * The portal's 成果定价公示 list as XLSX: what the public page lists (withdrawn ones are not shown),
 * in words, the price in 元 as an exact amount cell. Public data, so no session is needed.
 */
import type { Executor } from '../../context.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { listPublicPublicities } from './publicity.js';

export async function publicPricingXlsx(db: Executor, jurisdiction: string, today: string): Promise<{ name: string; content: Buffer }> {
  const items = await listPublicPublicities(db, jurisdiction, today);
  const issuer = `${findDivision(jurisdiction)?.name ?? ''}技术转移体系平台`;
  const content = await workbookBuffer(
    [
      {
        name: '成果定价公示',
        title: '成果定价公示',
        facts: [`导出日期：${today}`, '高校、科研院所技术转让、许可合同的成果定价，在提交合同登记前公示'],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '转让（许可）方', width: 26 },
          { header: '合同名称', width: 34 },
          { header: '合同类型', width: 12 },
          { header: '受让（被许可）方', width: 26 },
          { header: '定价方式', width: 10 },
          { header: '价格（元）', width: 16, kind: 'amount' },
          { header: '资产评估报告', width: 12 },
          { header: '决策机构', width: 16 },
          { header: '决策日期', width: 12 },
          { header: '公示期', width: 24 },
          { header: '异议（件）', width: 10, kind: 'integer' },
          { header: '公示结果', width: 30 },
        ],
        rows: items.map((p, i) => [
          i + 1,
          p.institutionName,
          p.contractName,
          p.contractTypeLabel,
          p.buyerNames.join('、'),
          p.methodLabel,
          p.priceFen,
          p.hasValuationReport ? '有' : '无',
          p.decisionBody,
          p.decidedOn,
          `${p.startsOn} 至 ${p.endsOn}（${p.periodDays}个工作日）`,
          p.objectionCount,
          p.outcome,
        ]),
        total: ['', '合计', `${items.length} 项公示`, '', '', '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '成果定价公示', issuer, date: today },
  );
  return { name: `成果定价公示-${today}.xlsx`, content };
}
