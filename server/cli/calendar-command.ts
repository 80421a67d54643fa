/**
 * `techtransfer calendar load FILE` and `calendar list`: the working-day calendar that registration
 * deadlines and 公示 periods count with. A coming year's 放假安排 is loaded when the State Council
 * announces it (format: docs/calendar.md); a bad file prints every bad row, exits 2 and loads nothing.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { USUAL_BREAKS, breaksOf, parseCalendarFile } from '../modules/calendar/calendar-file.js';
import { calendarYears, loadCalendarYears, type CalendarYearSummary } from '../modules/calendar/stored-calendar.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

function describeYear(y: CalendarYearSummary): string {
  const origin = y.origin === 'built_in' ? '平台内置' : `载入于 ${y.loadedAt!.slice(0, 10)}（${y.loadedByName}${y.source ? `，依据 ${y.source}` : ''}）`;
  return `${y.year} 年：放假 ${y.offDays} 天，调休上班 ${y.workingWeekends} 天，${origin}`;
}

export function registerCalendarCommands(program: Command, withContext: WithContext, run: Run): void {
  const calendar = program.command('calendar').description('节假日安排（工作日日历）：登记期限与公示期按它计算工作日');

  calendar
    .command('load <file>')
    .description('载入国务院办公厅公布的某年放假安排（.json / .csv / .xlsx，格式见 docs/calendar.md）：文件中的每一年整体替换原有安排；有错则逐行列出，全部不载入')
    .option('--source <text>', '依据，如 国办发明电〔2026〕X号（JSON 文件可写在 source 字段）')
    .action(run(async (file: string, opts: { source?: string }) => {
      if (!fs.existsSync(file)) throw new AppError('VALIDATION', `文件不存在：${file}`, { field: 'file' });
      const parsed = await parseCalendarFile(file, fs.readFileSync(file));
      const source = opts.source?.trim() || parsed.source;
      const loaded = await withContext((ctx) => loadCalendarYears(ctx, { ...parsed, source }));
      for (const y of loaded) console.log(`已载入 ${describeYear(y)}`);
      // A year is replaced whole: a file holding only a correction would drop the other festivals.
      for (const y of parsed.years) {
        const breaks = breaksOf(y);
        if (breaks < USUAL_BREAKS) console.error(`提醒：${y.year} 年只列出 ${breaks} 段放假，通知通常有 ${USUAL_BREAKS}–7 段（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）；载入的年份整体替换原有安排，请核对文件是否完整`);
      }
    }));

  calendar
    .command('list')
    .description('列出日历覆盖的年份及来源；未覆盖的年份只扣除周末，期限会标注提醒')
    .option('--json', '输出 JSON')
    .action(run(async (opts: { json?: boolean }) => {
      const years = await withContext((ctx) => calendarYears(ctx.db));
      if (opts.json) {
        console.log(JSON.stringify(years, null, 2));
        return;
      }
      for (const y of years) console.log(describeYear(y));
      const next = years[years.length - 1]!.year + 1;
      console.log(`${next} 年起尚无节假日安排：国务院办公厅公布后用 techtransfer calendar load FILE 载入`);
    }));
}
