/**
 * The `techtransfer` command. It honours DATABASE_URL like the server. Exit codes: 0 done,
 * 1 failure, 2 invalid input (an import's bad rows, an altered audit chain).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { systemActor, systemClock, type Ctx } from '../context.js';
import { openDatabase, type DbHandle } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { seedDemo } from '../demo/seed-demo.js';
import { backupDatabase, restoreDatabase } from '../modules/backup/backup.js';
import { isEncryptedBackup } from '../modules/backup/backup-crypto.js';
import { PASSPHRASE_ENV, readPassphrase } from './passphrase.js';
import { createProtector, loadDataKey } from '../modules/registry/protect.js';
import { IMPORT_KINDS, type ImportKindName } from '../modules/registry/import/kinds.js';
import { CONTRACT_IMPORT_KINDS } from '../modules/contracts/import/kinds.js';
import { importTable } from '../modules/registry/import/import-table.js';
import { formatOf, readTable } from '../modules/registry/import/read-table.js';
import { exportToFile } from '../modules/registry/export/export-table.js';
import { registerSubsidyCommands } from './subsidy-command.js';
import { runSettlement } from '../modules/subsidies/settlement.js';
import { MARKET_FILE_KINDS, exportMarketFile, importMarketFile, isMarketFileKind } from '../modules/market/import/cli.js';
import { registerSupervisionCommands } from './supervision-command.js';
import { registerSearchCommands } from './search-command.js';
import { registerIndicatorCommands } from './indicators-command.js';
import { registerReportCommands } from './report-command.js';
import { registerUserCommands } from './user-command.js';
import { registerAuditCommands } from './audit-command.js';
import { registerCalendarCommands } from './calendar-command.js';
import { rebuildSearchIndex } from '../modules/market/rebuild-search-index.js';
import { rebuildContractTallies } from '../modules/contracts/tallies.js';

const DEFAULT_JURISDICTION = process.env.TT_JURISDICTION ?? '410411';

async function withContext<T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = openDatabase();
  try {
    await migrateToLatest(handle.db);
    const ctx: Ctx = {
      db: handle.db,
      dialect: handle.dialect,
      actor: systemActor(DEFAULT_JURISDICTION, `cli:${process.env.USER ?? 'system'}`),
      ip: null,
      clock: systemClock,
      protector: createProtector(loadDataKey()),
      sqlite: handle.sqlite,
    };
    return await work(ctx, handle);
  } finally {
    await handle.close();
  }
}

function printError(error: unknown): number {
  if (error instanceof AppError) {
    console.error(`错误 [${error.code}]：${error.message}`);
    for (const d of error.options.details ?? []) {
      const where = [d.line !== undefined ? `第 ${d.line} 行` : '', d.column ? `列“${d.column}”` : '', d.field ? `字段 ${d.field}` : '']
        .filter(Boolean)
        .join(' ');
      console.error(`  ${where}${d.value !== undefined ? ` 值“${d.value}”` : ''}：${d.reason}`);
    }
    return error.code === 'IMPORT_INVALID' || error.code === 'VALIDATION' ? 2 : 1;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}

/** Repeatable `key=value` options into one object. */
function collectPairs(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new AppError('VALIDATION', `应写成 名称=值：${value}`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function run(action: (...args: any[]) => Promise<number | void>) {
  return async (...args: unknown[]) => {
    try {
      process.exitCode = (await action(...args)) ?? 0;
    } catch (error) {
      process.exitCode = printError(error);
    }
  };
}

/**
 * A progress bar on a terminal; elsewhere (logs, pipes) one plain line per whole percent, written
 * as the work happens, so a log shows how far an import got.
 */
function progressReporter(label: string) {
  let bar: cliProgress.SingleBar | null = null;
  let lastPercent = -1;
  return {
    update(done: number, total: number) {
      if (process.stderr.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.update(done);
        return;
      }
      const percent = Math.floor((done * 100) / total);
      if (percent > lastPercent) {
        lastPercent = percent;
        process.stderr.write(`${label}进度 ${done}/${total} (${percent}%)\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

const kinds = Object.keys(IMPORT_KINDS) as ImportKindName[];
function checkKind(kind: string): ImportKindName {
  if (!kinds.includes(kind as ImportKindName)) throw new AppError('VALIDATION', `未知数据类型“${kind}”，可用：${kinds.join(', ')}`, { field: 'kind' });
  return kind as ImportKindName;
}

export function buildCli(): Command {
  const program = new Command('techtransfer').description('技术转移体系平台 — technology transfer platform');

  program
    .command('serve')
    .description('启动 HTTP 服务（PORT，默认 3000）')
    .option('--port <port>', 'port', (v) => Number(v))
    .option('--seed-demo', '空库时先填入演示数据')
    .action(run(async (opts: { port?: number; seedDemo?: boolean }) => {
      if (opts.seedDemo) await withContext((ctx) => seedDemo(ctx, (l) => console.log(`demo ${l}`)));
      const { serve } = await import('../main.js');
      await serve({ port: opts.port });
    }));

  program.command('migrate').description('迁移数据库到最新结构').action(run(async () => {
    const handle = openDatabase();
    try {
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length ? `已应用：${applied.join(', ')}` : '数据库已是最新结构');
    } finally {
      await handle.close();
    }
  }));

  program
    .command('seed')
    .description('填入演示数据（湛河区）')
    .requiredOption('--demo', '演示数据')
    .action(run(async () => {
      const result = await withContext((ctx) => seedDemo(ctx, (l) => console.log(l)));
      console.log(result.seeded ? '演示数据已填入' : '已有演示数据，未重复填入');
    }));

  program
    .command('import <kind> <file>')
    .description(`导入 CSV/XLSX（${[...kinds, ...Object.keys(CONTRACT_IMPORT_KINDS)].join(' | ')}），或 JSONL/CSV/XLSX（${MARKET_FILE_KINDS.join(' | ')}）：全部成功或全部不导入`)
    .action(run(async (kind: string, file: string) => {
      if (isMarketFileKind(kind)) {
        const progress = progressReporter('导入');
        const result = await withContext((ctx) => importMarketFile(ctx, kind, file, (done, total) => progress.update(done, total)).finally(() => progress.stop()));
        console.log(`导入完成：共 ${result.total} 条，新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`);
        return;
      }
      const importKind = Object.hasOwn(CONTRACT_IMPORT_KINDS, kind)
        ? CONTRACT_IMPORT_KINDS[kind as keyof typeof CONTRACT_IMPORT_KINDS]
        : IMPORT_KINDS[checkKind(kind)];
      if (!fs.existsSync(file)) throw new AppError('VALIDATION', `文件不存在：${file}`, { field: 'file' });
      const table = await readTable(fs.readFileSync(file), formatOf(file), path.basename(file));
      const progress = progressReporter('导入');
      const result = await withContext(async (ctx) => {
        try {
          return await importTable(ctx, importKind as never, table, (done, total, phase) => {
            if (phase === 'writing') progress.update(done, total);
          });
        } finally {
          progress.stop();
        }
      });
      console.log(`导入完成：共 ${result.total} 行，新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`);
    }));

  program
    .command('export <kind> <file>')
    .description(`导出为 CSV 或 XLSX（按扩展名；${MARKET_FILE_KINDS.join(' | ')} 也可 JSONL）`)
    .action(run(async (kind: string, file: string) => {
      if (isMarketFileKind(kind)) {
        const { rows } = await withContext((ctx) => exportMarketFile(ctx, kind, file));
        console.log(`已导出 ${rows} 条到 ${file}`);
        return;
      }
      const k = checkKind(kind);
      const format = formatOf(file);
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      await withContext((ctx) => exportToFile(ctx, k, format, file));
      console.log(`已导出到 ${file}`);
    }));

  registerAuditCommands(program, withContext, run);

  program.command('backup <file>').description('备份全部数据（可恢复到 SQLite 或 PostgreSQL）；文件仅属主可读（0600）')
    .option('--encrypt', `用口令加密（AES-256-GCM）；口令在终端输入，或取自环境变量 ${PASSPHRASE_ENV}`)
    .action(run(async (file: string, opts: { encrypt?: boolean }) => {
    const passphrase = opts.encrypt ? await readPassphrase({ confirm: true }) : undefined;
    const counts = await withContext((ctx) => backupDatabase(ctx.db, file, { passphrase }));
    console.log(`已${passphrase ? '加密' : ''}备份到 ${file}：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`);
  }));

  program.command('restore <file>').description('从备份恢复到空数据库（随后重建技术市场检索索引）；加密的备份会询问口令').action(run(async (file: string) => {
    const passphrase = fs.existsSync(file) && isEncryptedBackup(file) ? await readPassphrase({ confirm: false }) : undefined;
    const counts = await withContext((ctx) => restoreDatabase(ctx.db, file, { passphrase }));
    console.log(`已恢复：${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join('，')}`);
    // The search index is derived from the listings, so backups leave it out and it is rebuilt here.
    const indexed = await withContext((ctx) => rebuildSearchIndex(ctx));
    console.log(`已重建检索索引：成果 ${indexed.achievement}，需求 ${indexed.demand}`);
  }));

  program.command('reindex').description('重建派生数据：技术市场检索索引，以及技术合同统计汇总').action(run(async () => {
    const indexed = await withContext((ctx) => rebuildSearchIndex(ctx));
    console.log(`已重建检索索引：成果 ${indexed.achievement}，需求 ${indexed.demand}`);
    const tallied = await withContext((ctx) => ctx.db.transaction().execute((trx) => rebuildContractTallies(trx)));
    console.log(`已重建技术合同统计汇总：已登记合同 ${tallied.facts}，汇总行 ${tallied.tallies}`);
  }));

  registerSupervisionCommands(program, withContext, run);
  registerSearchCommands(program, withContext, run);
  registerIndicatorCommands(program, withContext, run);
  registerReportCommands(program, withContext, run);
  registerUserCommands(program, withContext, run);
  registerCalendarCommands(program, withContext, run);
  registerSubsidyCommands(program);
  program.commands
    .find((c) => c.name() === 'subsidy')!
    .command('settle')
    .description('年度结算（免申即享）：从数据库按政策测算全部奖补，保存为不可更改的结算批次')
    .requiredOption('--year <year>', '申报年度（基准年度为上一年）', (v) => Number(v))
    .option('--policy <id>', '内置政策', 'zhanhe-2022')
    .option('--budget <rule=yuan>', '某条规则的年度预算（可重复）', collectPairs, {})
    .option('--set <param=value>', '本次使用的参数值，如 demonstration_institution.amount=100000（可重复）', collectPairs, {})
    .option('--decided-on <date>', '决定日期 YYYY-MM-DD：按当日有效的信用记录排除（默认今天）')
    .option('--json', '输出 JSON')
    .action(run(async (opts: { year: number; policy: string; budget: Record<string, string>; set: Record<string, string>; decidedOn?: string; json?: boolean }) => {
      const budgets = Object.fromEntries(Object.entries(opts.budget).map(([rule, yuan]) => [rule, Number(yuan)]));
      const started = Date.now();
      const result = await withContext((ctx) => runSettlement(ctx, { policy: opts.policy, year: opts.year, budgets, overrides: opts.set, ...(opts.decidedOn ? { decidedOn: opts.decidedOn } : {}) }));
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`结算批次 ${result.id}：${result.policyTitle} ${result.year} 年度，合同 ${result.contractCount} 份，奖补 ${result.awardCount} 笔，合计 ${new Intl.NumberFormat('zh-CN').format(result.awardTotalYuan)} 元，不予支持 ${result.exclusionCount} 项（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
        console.log(`输入哈希 ${result.inputHash}\n结果哈希 ${result.resultHash}`);
      }
    }));
  return program;
}

await buildCli().parseAsync(process.argv);
