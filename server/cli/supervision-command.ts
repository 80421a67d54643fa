/**
 * `techtransfer plan load FILE` (a plan's measures and responsible units, docs/supervision.md) and
 * `techtransfer supervision remind [--date YYYY-MM-DD]` (the daily overdue reminders, for a date).
 */
import type { Command } from 'commander';
import { chinaDate, isIsoDate } from '../../common/dates.js';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { readPlanFile } from '../modules/supervision/plan-file.js';
import { loadPlan } from '../modules/supervision/plans.js';
import { remindOverdueReports } from '../modules/supervision/reminders.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

export function registerSupervisionCommands(program: Command, withContext: WithContext, run: Run): void {
  const plan = program.command('plan').description('督办方案（实施方案的措施与责任单位）');
  plan
    .command('load <file>')
    .description('载入方案文件（YAML）：新建或更新方案；文件有误时列出文件、位置和原因，退出码 2')
    .option('--json', '输出 JSON')
    .action(run(async (file: string, opts: { json?: boolean }) => {
      const parsed = readPlanFile(file);
      const result = await withContext((ctx) => loadPlan(ctx, parsed));
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`${result.created ? '已新建' : '已更新'}方案“${result.title}”（${result.code}，辖区 ${result.jurisdictionCode}）：措施 ${result.measureCount} 项，责任单位 ${result.unitCount} 个，已关联机构 ${result.linkedUnitCount} 个`);
        if (result.unlinkedUnits.length) console.log(`未关联机构库的单位：${result.unlinkedUnits.join('、')}`);
      }
    }));

  const supervision = program.command('supervision').description('督办');
  supervision
    .command('remind')
    .description('逾期提醒：标记逾期未报的进度报告，每个单位每天至多一条站内通知（同一天重复运行不会重复提醒）')
    .option('--date <date>', '按该日期计算（YYYY-MM-DD，默认今天）')
    .option('--json', '输出 JSON')
    .action(run(async (opts: { date?: string; json?: boolean }) => {
      if (opts.date && !isIsoDate(opts.date)) throw new AppError('VALIDATION', `日期应为 YYYY-MM-DD：${opts.date}`, { field: 'date' });
      const result = await withContext((ctx) => remindOverdueReports(ctx, opts.date ?? chinaDate(ctx.clock.now())));
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`${result.date}：方案 ${result.plans} 个，逾期未报 ${result.overdueCells} 项；本次提醒 ${result.reminded} 个单位，发出通知 ${result.notifications} 条`);
        for (const u of result.units) {
          console.log(`  ${u.unitName}：逾期 ${u.overdue} 项${u.alreadyReminded ? '（今天已提醒过）' : u.notified ? '，已通知' : '，未关联机构，未发通知'}`);
        }
      }
    }));
}
