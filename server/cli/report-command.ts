/**
 * `techtransfer report annual --year Y --out FILE.pdf|FILE.xlsx [--jurisdiction CODE]`: the annual
 * evaluation report (年度评估报告, (二十一)) built from the database, written as PDF or XLSX by the
 * file's extension — the same documents as GET /api/evaluation/reports/:year?format=….
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { buildAnnualReport } from '../modules/evaluation/build-annual-report.js';
import { annualReportPdf, annualReportXlsx } from '../modules/evaluation/report-documents.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

export function registerReportCommands(program: Command, withContext: WithContext, run: Run): void {
  const report = program.command('report').description('报告');
  report
    .command('annual')
    .description('年度评估报告（二十一）：目标、指标、措施进展、奖补、技术市场，输出 PDF 或 XLSX（按文件扩展名）')
    .requiredOption('--year <year>', '评估年度，如 2023')
    .requiredOption('--out <file>', '输出文件（.pdf 或 .xlsx）')
    .option('--jurisdiction <code>', '辖区行政区划代码（默认 TT_JURISDICTION，否则 410411）')
    .action(run(async (opts: { year: string; out: string; jurisdiction?: string }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year)) throw new AppError('VALIDATION', `年度应为四位数字：${opts.year}`, { field: 'year' });
      const format = path.extname(opts.out).toLowerCase().slice(1);
      if (format !== 'pdf' && format !== 'xlsx') throw new AppError('VALIDATION', `输出文件应以 .pdf 或 .xlsx 结尾：${opts.out}`, { field: 'out' });
      if (opts.jurisdiction && !/^\d{6}$/.test(opts.jurisdiction)) throw new AppError('VALIDATION', `行政区划代码应为6位数字：${opts.jurisdiction}`, { field: 'jurisdiction' });
      const built = await withContext((ctx) => buildAnnualReport(ctx, { year, jurisdiction: opts.jurisdiction }));
      const content = format === 'pdf' ? await annualReportPdf(built) : await annualReportXlsx(built);
      fs.writeFileSync(opts.out, content);
      console.log(`已生成 ${built.title}：${opts.out}（${content.length} 字节）`);
    }));
}
