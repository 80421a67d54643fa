/**
 * Plans as data (`plans/<id>.yaml`, format in docs/supervision.md): a plan's measures with their
 * responsible units and reporting periods. The loader validates the whole file and reports every
 * problem with the file, the path inside it and the reason, in Chinese.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { isIsoDate } from '../../../common/dates.js';
import { REPORTING_PERIODS, type ReportingPeriod } from '../../../common/supervision-vocabulary.js';
import { AppError } from '../../errors.js';
import { formatPath, type InputIssue } from '../subsidies/input-error.js';
import { chineseNumber } from './periods.js';

export const BUILT_IN_PLAN_DIR = fileURLToPath(new URL('../../../plans/', import.meta.url));

/** A malformed plan file: the message names the file, the path and the reason of every issue. */
export class PlanFileError extends AppError {
  constructor(
    readonly file: string,
    readonly issues: InputIssue[],
  ) {
    super('VALIDATION', issues.map((i) => `${file}${i.path ? `：${i.path}` : ''}：${i.reason}`).join('\n'), {
      details: issues.map((i) => ({ field: i.path, reason: i.reason })),
    });
    this.name = 'PlanFileError';
  }
}

export interface PlanMeasure {
  number: string;
  seq: number;
  heading: string;
  text: string;
  responsibility: string | null;
  lead: string;
  co: string[];
  period: ReportingPeriod;
}

export interface PlanFile {
  id: string;
  title: string;
  document: string | null;
  jurisdiction: string | null;
  issuedOn: string | null;
  startsOn: string;
  endsOn: string;
  period: ReportingPeriod;
  dueDays: number;
  unitAliases: Record<string, string[]>;
  measures: PlanMeasure[];
  /** SHA-256 of the file's text */
  hash: string;
}

/** YAML may give an unquoted date as a Date; both end as `YYYY-MM-DD`. */
const date = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string({ message: '应为日期 YYYY-MM-DD' }).refine(isIsoDate, { message: '应为有效日期 YYYY-MM-DD' }),
);
const text = (max: number, what: string) => z.string({ message: `${what}应为文字` }).trim().min(1, { message: `${what}不能为空` }).max(max, { message: `${what}最多${max}字` });
const unitName = text(60, '单位名称');

const measureSchema = z.strictObject({
  number: z.string({ message: '序号应为中文数字，如 三、十一' }).refine((s) => chineseNumber(s) !== null, { message: '序号应为中文数字，如 三、十一、二十一' }),
  heading: text(100, '标题'),
  text: text(5000, '正文'),
  responsibility: text(500, '责任单位').optional(),
  lead: unitName,
  co: z.array(unitName, { message: '配合单位应为列表' }).max(50).default([]),
  period: z.enum(REPORTING_PERIODS.values, { message: `报送周期应为 ${REPORTING_PERIODS.values.join(' | ')}` }).optional(),
});

const planSchema = z.strictObject({
  id: z.string({ message: '缺少 id' }).regex(/^[a-z0-9][a-z0-9-]*$/, { message: '应为小写字母、数字和连字符' }),
  title: text(200, '方案名称'),
  document: text(100, '文号').optional(),
  jurisdiction: z.string().regex(/^\d{6}$/, { message: '应为6位行政区划代码（加引号）' }).optional(),
  issuedOn: date.optional(),
  startsOn: date,
  endsOn: date,
  reporting: z
    .strictObject({
      period: z.enum(REPORTING_PERIODS.values, { message: `报送周期应为 ${REPORTING_PERIODS.values.join(' | ')}` }).default('quarterly'),
      dueDays: z.number({ message: '应为整数天数' }).int({ message: '应为整数天数' }).min(0, { message: '不能为负数' }).max(365, { message: '最多365天' }).default(10),
    })
    .default({ period: 'quarterly', dueDays: 10 }),
  unitAliases: z.record(unitName, z.array(text(100, '单位全称')).max(10)).default({}),
  measures: z.array(measureSchema, { message: '应为措施列表' }).min(1, { message: '至少一项措施' }).max(300),
});

/** The units a 责任单位 clause names, in order: split at 、，,；; */
export function unitsOfClause(clause: string): string[] {
  return clause.split(/[、，,；;]/).map((s) => s.trim()).filter(Boolean);
}

/** Parses and validates a plan from YAML text; `file` names it in errors. */
export function parsePlan(source: string, file: string): PlanFile {
  let data: unknown;
  try {
    data = YAML.parse(source);
  } catch (error) {
    throw new PlanFileError(file, [{ path: '', reason: `YAML 语法错误：${(error as Error).message.split('\n')[0]}` }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new PlanFileError(file, [{ path: '', reason: '方案文件应为对象（id、title、startsOn、endsOn、measures …）' }]);
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    throw new PlanFileError(
      file,
      parsed.error.issues.map((i) => ({
        path: formatPath(i.path as PropertyKey[]),
        reason: i.code === 'unrecognized_keys' ? `未知字段：${(i as { keys: string[] }).keys.join(', ')}` : i.message === 'Required' || /received undefined/.test(i.message) ? '缺少此项' : i.message,
      })),
    );
  }
  const p = parsed.data;
  const issues: InputIssue[] = [];
  if (p.startsOn > p.endsOn) issues.push({ path: 'endsOn', reason: `结束日期 ${p.endsOn} 早于开始日期 ${p.startsOn}` });
  const numbers = new Set<string>();
  const used = new Set<string>();
  p.measures.forEach((m, i) => {
    const at = (k: string) => formatPath(['measures', i, k]);
    if (numbers.has(m.number)) issues.push({ path: at('number'), reason: `序号（${m.number}）重复` });
    numbers.add(m.number);
    const units = [m.lead, ...m.co];
    const seen = new Set<string>();
    units.forEach((u, j) => {
      if (seen.has(u)) issues.push({ path: j === 0 ? at('lead') : formatPath(['measures', i, 'co', j - 1]), reason: `单位“${u}”重复` });
      seen.add(u);
      used.add(u);
    });
    if (m.responsibility) {
      const named = unitsOfClause(m.responsibility);
      const missing = named.filter((u) => !seen.has(u));
      const extra = units.filter((u) => !named.includes(u));
      if (missing.length) issues.push({ path: at('co'), reason: `责任单位条款列出的单位未写入 lead/co：${missing.join('、')}` });
      if (extra.length) issues.push({ path: at('co'), reason: `以下单位不在责任单位条款中：${extra.join('、')}` });
    }
  });
  for (const name of Object.keys(p.unitAliases)) {
    if (!used.has(name)) issues.push({ path: formatPath(['unitAliases', name]), reason: '没有措施以此单位为责任单位' });
  }
  if (issues.length) throw new PlanFileError(file, issues);
  return {
    id: p.id,
    title: p.title,
    document: p.document ?? null,
    jurisdiction: p.jurisdiction ?? null,
    issuedOn: p.issuedOn ?? null,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    period: p.reporting.period,
    dueDays: p.reporting.dueDays,
    unitAliases: p.unitAliases,
    measures: p.measures
      .map((m) => ({
        number: m.number,
        seq: chineseNumber(m.number)!,
        heading: m.heading,
        text: m.text,
        responsibility: m.responsibility ?? null,
        lead: m.lead,
        co: m.co,
        period: m.period ?? p.reporting.period,
      }))
      .sort((a, b) => a.seq - b.seq),
    hash: crypto.createHash('sha256').update(source).digest('hex'),
  };
}

/** Reads and parses a plan file from disk. */
export function readPlanFile(file: string): PlanFile {
  if (!fs.existsSync(file)) throw new PlanFileError(file, [{ path: '', reason: '文件不存在' }]);
  return parsePlan(fs.readFileSync(file, 'utf8'), file);
}

/** A built-in plan (`plans/<id>.yaml`), by its id. */
export function builtInPlan(id: string): PlanFile {
  return readPlanFile(path.join(BUILT_IN_PLAN_DIR, `${id}.yaml`));
}
