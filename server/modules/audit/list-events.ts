import type { Ctx } from '../../context.js';
import { beijingDateTime } from '../../../common/dates.js';
import { chinaDate } from '../../../common/dates.js';
import { assertCan } from '../access/policy.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { describeEvents } from './describe.js';

export interface AuditQuery {
  subjectType?: string;
  /** A detail page's own record; the log page filters by kind, person and date instead. */
  subjectId?: string;
  action?: string;
  /** Part of the acting person's name. */
  actor?: string;
  /** Business dates (Beijing), inclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The most rows an export writes (newest first); the page says so when there are more. */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

/** Beijing's midnight of a business date, as the UTC instant the log stores. */
function beijingMidnight(date: string, plusDays = 0): string {
  const t = new Date(`${date}T00:00:00+08:00`);
  t.setUTCDate(t.getUTCDate() + plusDays);
  return t.toISOString();
}

function filtered(ctx: Ctx, query: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let base = ctx.db.selectFrom('audit_event');
  if (query.subjectType) base = base.where('subject_type', '=', query.subjectType);
  if (query.subjectId) base = base.where('subject_id', '=', query.subjectId);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.actor) base = base.where('actor_name', 'like', `%${query.actor.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (query.from) base = base.where('at', '>=', beijingMidnight(query.from));
  if (query.to) base = base.where('at', '<', beijingMidnight(query.to, 1));
  return base;
}

/** Newest first, each event in words (describe.ts) with its recorded before/after beside them. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery) {
  assertCan(ctx.actor, 'audit.read');
  const base = filtered(ctx, query);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('seq', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { total: Number(total), items: await describeEvents(ctx.db, rows) };
}

/** The filtered log as XLSX, in words: time (Beijing), who, what, which record, IP. */
export async function exportAuditEvents(ctx: Ctx, query: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<{ name: string; content: Buffer }> {
  assertCan(ctx.actor, 'audit.read');
  const rows = await filtered(ctx, query).selectAll().orderBy('seq', 'desc').limit(AUDIT_EXPORT_MAX_ROWS).execute();
  const events: Awaited<ReturnType<typeof describeEvents>> = [];
  for (let i = 0; i < rows.length; i += 500) events.push(...(await describeEvents(ctx.db, rows.slice(i, i + 500))));
  const today = chinaDate(ctx.clock.now());
  const beijing = (iso: string) => beijingDateTime(iso, true);
  const content = await workbookBuffer([
    {
      name: '审计日志',
      title: '审计日志',
      facts: [`导出日期：${today}`, `时间为北京时间；共 ${events.length} 条${rows.length === AUDIT_EXPORT_MAX_ROWS ? `（仅导出最新的 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小范围）` : ''}`],
      columns: [
        { header: '序号', width: 8, kind: 'integer' },
        { header: '时间', width: 20 },
        { header: '操作人', width: 16 },
        { header: '对象类型', width: 12 },
        { header: '对象', width: 30 },
        { header: '内容', width: 80 },
        { header: 'IP', width: 16 },
      ],
      rows: events.map((e) => [e.seq, beijing(e.at), e.actorName, e.subject.typeLabel, e.subject.name, e.summary, e.ip ?? '']),
      total: ['合计', `${events.length} 条`, '', '', '', '', ''],
      notes: ['每条记录在变更的同一事务中写入，并以哈希链防篡改（techtransfer audit verify 可核验）。'],
    },
  ], { title: '审计日志', issuer: ctx.actor.name, date: today });
  return { name: `审计日志-${today}.xlsx`, content };
}
