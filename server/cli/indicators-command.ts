/**
 * `techtransfer indicators [--as-of YYYY-MM-DD] [--jurisdiction CODE] [--json]`: every indicator of
 * the jurisdiction's definitions (indicators/*.yaml) with its value, target and deadline, computed
 * live from the database; a Chinese table, or JSON (the same shape as GET /api/indicators).
 */
import type { Command } from 'commander';
import { chinaDate, isIsoDate } from '../../common/dates.js';
import type { IndicatorReport, IndicatorValue } from '../../common/indicator-api.js';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { computeReport } from '../modules/indicators/compute-indicators.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

const number = new Intl.NumberFormat('zh-CN');
const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function show(i: IndicatorValue, n: number | null): string {
  if (n === null) return '—';
  return i.unit === 'fen' ? `${yuan.format(n / 100)} 元` : `${number.format(n)} ${i.unitLabel}`;
}

/** Display width: a CJK (or full-width) character takes two columns; dashes and Latin one. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

export function indicatorTable(report: IndicatorReport): string {
  const head = ['编号', '指标', '当前值', '目标', '期限', '完成', '说明'];
  const rows = report.indicators.map((i) => [
    i.id,
    i.name,
    show(i, i.value),
    i.target === null ? '—' : show(i, i.target),
    i.deadline ?? '—',
    i.met === null ? '—' : i.met ? '已完成' : `${Math.floor((i.progress ?? 0) * 100)}%${i.deadline && report.asOf > i.deadline ? '（已过期限）' : ''}`,
    i.note ?? (i.period ? `${i.period.from} 至 ${i.period.to}` : ''),
  ]);
  const widths = head.map((h, k) => Math.max(width(h), ...rows.map((r) => width(r[k]!))));
  const line = (cells: string[]) => cells.map((c, k) => pad(c, widths[k]!)).join('  ').trimEnd();
  return [
    `${report.jurisdiction}（${report.jurisdictionCode}）${report.set.title}${report.set.document ? `（${report.set.document}）` : ''}，统计日期 ${report.asOf}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

export function registerIndicatorCommands(program: Command, withContext: WithContext, run: Run): void {
  program
    .command('indicators')
    .description('目标监测：按统计日期计算全部指标（当前值、目标值、期限）')
    .option('--as-of <date>', '统计日期（YYYY-MM-DD，默认今天）')
    .option('--jurisdiction <code>', '辖区行政区划代码（默认 TT_JURISDICTION，否则 410411）')
    .option('--json', '输出 JSON')
    .action(run(async (opts: { asOf?: string; jurisdiction?: string; json?: boolean }) => {
      if (opts.asOf && !isIsoDate(opts.asOf)) throw new AppError('VALIDATION', `日期应为 YYYY-MM-DD：${opts.asOf}`, { field: 'as-of' });
      if (opts.jurisdiction && !/^\d{6}$/.test(opts.jurisdiction)) throw new AppError('VALIDATION', `行政区划代码应为6位数字：${opts.jurisdiction}`, { field: 'jurisdiction' });
      const report = await withContext((ctx) =>
        computeReport(ctx.db, opts.jurisdiction ?? ctx.actor.jurisdictionCode, opts.asOf ?? chinaDate(ctx.clock.now())),
      );
      console.log(opts.json ? JSON.stringify(report, null, 2) : indicatorTable(report));
    }));
}
