/**
 * `techtransfer subsidy compute CASE.yaml [--json]` and `techtransfer subsidy check CASE.yaml...`.
 * Exit codes: 0 done / all cases match, 1 a case differs from its expect (or another failure),
 * 2 a malformed case or policy file.
 */
import type { Command } from 'commander';
import { AppError } from '../errors.js';
import { loadCaseFile } from '../modules/subsidies/case-file.js';
import { checkCase } from '../modules/subsidies/check-case.js';
import { computeSubsidies, type SubsidyResult } from '../modules/subsidies/engine.js';
import type { SubsidyCase } from '../modules/subsidies/model.js';
import { SubsidyInputError } from '../modules/subsidies/input-error.js';
import { exclusionText, ruleTitle } from '../modules/subsidies/explain.js';
import { creditRecordText } from '../../common/credit-vocabulary.js';
import { loadPolicyFile } from '../modules/subsidies/policy.js';

const yuan = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

function nameOf(c: SubsidyCase, ref: string): string {
  return c.organizations.find((o) => o.ref === ref)?.name ?? c.people.find((p) => p.ref === ref)?.name ?? ref;
}

export function formatSummary(c: SubsidyCase, result: SubsidyResult): string {
  const lines = [`${c.name}`, `政策：${c.policy.title}（${c.policy.document}，${c.policy.id}） 申报年度：${result.year}（基准年度 ${result.year - 1}）`];
  if (!result.awards.length) lines.push('无奖补。');
  else {
    lines.push('奖补：');
    for (const a of result.awards) {
      const notes: string[] = [];
      const contracts = a.trace.flatMap((t) => (t.step === 'contract' ? [t.contract] : []));
      if (contracts.length) notes.push(`合同 ${contracts.join('、')}`);
      for (const t of a.trace) {
        if (t.step === 'cap') notes.push(`按上限 ${yuan(Number(t.cap_yuan))} 元封顶（计算值 ${yuan(Number(t.before_yuan))} 元）`);
        if (t.step === 'budget') notes.push(`预算 ${yuan(Number(t.budget_yuan))} 元不足（合计 ${yuan(Number(t.total_yuan))} 元），按比例核减自 ${yuan(Number(t.before_yuan))} 元`);
        if (t.step === 'recognition') notes.push(`${t.date} 获认定（${t.kind}，${t.level}${t.grade ? `，${t.grade}` : ''}）`);
      }
      lines.push(`  ${nameOf(c, a.to)}（${a.to}） ${ruleTitle(c.policy, a.rule)}：${yuan(a.amount)} 元${notes.length ? `；${notes.join('；')}` : ''}`);
    }
    lines.push(`  合计：${yuan(result.awards.reduce((s, a) => s + a.amount, 0))} 元`);
  }
  if (result.excluded.length) {
    lines.push('不予支持：');
    for (const e of result.excluded) lines.push(`  合同 ${e.contract} ${ruleTitle(c.policy, e.rule)}${e.to ? `（${nameOf(c, e.to)}）` : ''}：${exclusionText(c.policy, e, (r) => nameOf(c, r))}（${e.reason}）`);
  }
  if (result.creditWithheld?.length) {
    lines.push(`信用记录（${result.decidedOn} 在效，按政策不予奖补）：`);
    for (const b of result.creditWithheld) lines.push(`  ${nameOf(c, b.holder)}（${b.holder}）列入${creditRecordText(b)}`);
  }
  return lines.join('\n');
}

function printError(error: unknown): number {
  if (error instanceof SubsidyInputError) {
    console.error(`错误 [${error.code}]：案例或政策文件有误`);
    for (const i of error.issues) console.error(`  ${error.file}${i.path ? `：${i.path}` : ''}：${i.reason}`);
    return 2;
  }
  if (error instanceof AppError) {
    console.error(`错误 [${error.code}]：${error.message}`);
    return error.code === 'VALIDATION' ? 2 : 1;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}

/** `subsidy compute`: returns the exit code. */
export function runCompute(file: string, opts: { json?: boolean }): number {
  try {
    const c = loadCaseFile(file);
    const result = computeSubsidies(c);
    console.log(opts.json ? JSON.stringify(result, null, 2) : formatSummary(c, result));
    return 0;
  } catch (error) {
    return printError(error);
  }
}

/** `subsidy check`: every file checked; 2 if any is malformed, else 1 if any differs, else 0. */
export function runCheck(files: string[]): number {
  let malformed = false;
  let differs = false;
  for (const file of files) {
    let c: SubsidyCase;
    try {
      c = loadCaseFile(file);
    } catch (error) {
      console.log(`✗ ${file}`);
      printError(error);
      malformed = true;
      continue;
    }
    if (!c.expect) {
      console.log(`✗ ${file} — ${c.name}`);
      console.error(`  ${file}：expect：缺少 expect，无法核对`);
      malformed = true;
      continue;
    }
    let result: SubsidyResult;
    try {
      result = computeSubsidies(c);
    } catch (error) {
      console.log(`✗ ${file} — ${c.name}`);
      printError(error);
      malformed = true;
      continue;
    }
    const check = checkCase(c, result);
    console.log(`${check.ok ? '✓' : '✗'} ${file} — ${c.name}`);
    for (const d of check.differences) console.log(`    ${d}`);
    if (!check.ok) differs = true;
  }
  console.log(`${files.length} 个案例：${malformed ? '有格式错误' : differs ? '有不一致' : '全部一致'}`);
  return malformed ? 2 : differs ? 1 : 0;
}

/** `subsidy policy`: checks policy files and prints what each says; 2 if any is malformed. */
export function runPolicyCheck(files: string[]): number {
  let malformed = false;
  for (const file of files) {
    try {
      const p = loadPolicyFile(file);
      console.log(`✓ ${file} — ${p.id}：${p.title}（${p.document}，${p.jurisdiction}，${p.effective} 起施行）`);
      for (const r of p.rules) console.log(`    规则 ${r.id}：${r.title}（${r.roles.join('、')}；${r.conditions.length} 个条件）`);
      console.log(`    参数 ${p.parameters.size} 个：${[...p.parameters.keys()].join(', ')}`);
    } catch (error) {
      console.log(`✗ ${file}`);
      printError(error);
      malformed = true;
    }
  }
  return malformed ? 2 : 0;
}

export function registerSubsidyCommands(program: Command): void {
  const subsidy = program.command('subsidy').description('奖补计算：按政策参数计算案例的奖补并核对');
  subsidy
    .command('compute <case>')
    .description('计算一个案例的奖补（--json 输出 JSON，含每笔奖补的计算依据 trace）')
    .option('--json', '输出 JSON')
    .action((file: string, opts: { json?: boolean }) => {
      process.exitCode = runCompute(file, opts);
    });
  subsidy
    .command('check <cases...>')
    .description('核对案例的 expect：奖补完全一致，列出的排除项须成立；不一致退出码 1，格式错误退出码 2')
    .action((files: string[]) => {
      process.exitCode = runCheck(files);
    });
  subsidy
    .command('policy <files...>')
    .description('检查政策文件（docs/policies.md）：有误时列出文件、位置和原因，退出码 2')
    .action((files: string[]) => {
      process.exitCode = runPolicyCheck(files);
    });
}
