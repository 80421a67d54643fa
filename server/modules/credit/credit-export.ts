/** 信用记录 as XLSX: the list as filtered, in words; and the import template (its columns and one example row). */
import { CREDIT_KINDS, CREDIT_RECORD_STATES, CREDIT_SOURCES, type CreditRecordQuery } from '../../../common/credit.js';
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { assertCan } from '../access/policy.js';
import { importTemplateXlsx } from '../documents/import-template.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { creditRecordsImport } from './credit-import.js';
import { allCreditRecords } from './records.js';

/** More than a district ever holds; the export is of what the list shows. */
const MAX_ROWS = 10_000;

export async function creditRecordsXlsx(ctx: Ctx, query: Omit<CreditRecordQuery, 'page' | 'pageSize'>): Promise<{ name: string; content: Buffer }> {
  assertCan(ctx.actor, 'credit.export');
  const { items, total } = await allCreditRecords(ctx, query, MAX_ROWS);
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const filters = [
    query.kind ? `类型：${CREDIT_KINDS.label(query.kind)}` : '',
    query.source ? `来源：${CREDIT_SOURCES.label(query.source)}` : '',
    query.state ? `状态：${CREDIT_RECORD_STATES.label(query.state)}` : '',
    query.q ? `名称含“${query.q}”` : '',
  ].filter(Boolean);
  const content = await workbookBuffer(
    [
      {
        name: '信用记录',
        title: '信用记录',
        facts: [filters.length ? `筛选：${filters.join('；')}` : '筛选：全部', `导出日期：${today}`, ...(total > items.length ? [`共 ${total} 条，本表列出前 ${items.length} 条`] : [])],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '机构或人员', width: 30 },
          { header: '类型', width: 16 },
          { header: '来源', width: 24 },
          { header: '文号', width: 24 },
          { header: '起始日期', width: 12 },
          { header: '截止日期', width: 12 },
          { header: '状态', width: 12 },
          { header: '提前结束', width: 30 },
          { header: '备注', width: 30 },
          { header: '登记人', width: 12 },
        ],
        rows: items.map((r, i) => [
          i + 1,
          r.holderName,
          r.kindLabel,
          r.sourceName,
          r.documentNumber ?? '',
          r.validFrom,
          r.validTo ?? '未定',
          r.stateLabel,
          r.endedOn ? `${r.endedOn}：${r.endReason ?? ''}` : '',
          r.note ?? '',
          r.createdByName,
        ]),
        total: ['', '合计', `${items.length} 条记录`, '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '信用记录', issuer, date: today },
  );
  return { name: `信用记录-${today}.xlsx`, content };
}

/** The import template: the header row the import reads (Chinese column names), one example row, and a sheet explaining each column. */
export async function creditImportTemplate(): Promise<Buffer> {
  return importTemplateXlsx('信用记录', creditRecordsImport.columns);
}
