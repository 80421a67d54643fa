/**
 * Subsidy policies as data: a YAML file per policy (`policies/<id>.yaml`), each parameter with its
 * value, effective date, optional maximum and legal reference. Loaded and validated here; a case
 * names a policy by built-in id or by file path and may override parameters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../../../common/dates.js';
import { SubsidyInputError, formatPath, type InputIssue } from './input-error.js';
import { cmp, parseDecimal, parseYuanToFen, ratToDisplay, rat, type Rational } from './rational.js';

export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** The parameters every policy has, and the kind of value each takes. */
export const PARAMETER_KINDS = {
  'jurisdiction.district': 'division',
  'jurisdiction.city': 'prefix',
  base: 'base',
  'related_party.threshold': 'percent',
  'enterprise_purchase.rate': 'percent',
  'enterprise_purchase.cap': 'yuan',
  'enterprise_purchase.types': 'types',
  'institution_transfer.rate': 'percent',
  'institution_transfer.cap': 'yuan',
  'institution_transfer.types': 'types',
  'broker.rate': 'percent',
  'broker.cap': 'yuan',
  'demonstration_institution.amount': 'yuan',
} as const;
export type ParameterName = keyof typeof PARAMETER_KINDS;
export const PARAMETER_NAMES = Object.keys(PARAMETER_KINDS) as ParameterName[];

interface KindValues {
  division: string;
  prefix: string;
  base: 'amount' | 'tech_amount';
  percent: Rational;
  /** integer fen */
  yuan: bigint;
  types: ContractType[];
}
export type ParameterValue<N extends ParameterName> = KindValues[(typeof PARAMETER_KINDS)[N]];

export interface LegalReference {
  document: string;
  clause: string;
  text: string;
}

export interface ParameterEntry<N extends ParameterName = ParameterName> {
  name: N;
  value: ParameterValue<N>;
  /** The value as written, for traces and summaries. */
  display: string | number | string[];
  effective: IsoDate;
  maximum?: Rational;
  reference: LegalReference;
  /** Where the value came from: the policy file or the case's `parameters`. */
  source: 'policy' | 'case';
}

export type PolicyParameters = { [N in ParameterName]: ParameterEntry<N> };

export interface Policy {
  id: string;
  title: string;
  document: string;
  effective: IsoDate;
  file: string;
  parameters: PolicyParameters;
}

const isoDate = z.string().refine(isIsoDate, { message: '应为有效日期 YYYY-MM-DD' });

const referenceSchema = z.strictObject({
  document: z.string().min(1),
  clause: z.string().min(1),
  text: z.string().min(1),
});

const parameterSchema = z.strictObject({
  value: z.unknown(),
  maximum: z.union([z.number(), z.string()]).optional(),
  effective: isoDate,
  reference: referenceSchema,
});

const policySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '应为小写字母、数字和连字符' }),
  title: z.string().min(1),
  document: z.string().min(1),
  effective: isoDate,
  parameters: z.record(z.string(), parameterSchema),
});

/** Parses one parameter value of the given kind; a Chinese reason when it does not fit. */
export function parseParameterValue<N extends ParameterName>(
  name: N,
  raw: unknown,
): { ok: true; value: ParameterValue<N>; display: string | number | string[] } | { ok: false; reason: string } {
  const kind = PARAMETER_KINDS[name];
  const text = typeof raw === 'number' ? String(raw) : raw;
  switch (kind) {
    case 'division':
      if (typeof text !== 'string' || !/^\d{6}$/.test(text)) return { ok: false, reason: '应为6位行政区划代码' };
      return { ok: true, value: text as ParameterValue<N>, display: text };
    case 'prefix':
      if (typeof text !== 'string' || !/^\d{2,6}$/.test(text)) return { ok: false, reason: '应为2–6位行政区划代码前缀' };
      return { ok: true, value: text as ParameterValue<N>, display: text };
    case 'base':
      if (raw !== 'amount' && raw !== 'tech_amount') return { ok: false, reason: '应为 amount 或 tech_amount' };
      return { ok: true, value: raw as ParameterValue<N>, display: raw };
    case 'percent': {
      const r = parseDecimal(raw, 6);
      if (!r.ok) return r;
      if (cmp(r.value, rat(0n)) < 0 || cmp(r.value, rat(100n)) > 0) return { ok: false, reason: '百分比应在 0 到 100 之间' };
      return { ok: true, value: r.value as ParameterValue<N>, display: ratToDisplay(r.value) };
    }
    case 'yuan': {
      const r = parseYuanToFen(raw);
      if (!r.ok) return r;
      if (r.value < 0n) return { ok: false, reason: '金额不能为负' };
      return { ok: true, value: r.value as ParameterValue<N>, display: typeof raw === 'number' ? raw : String(raw) };
    }
    case 'types': {
      if (!Array.isArray(raw) || raw.length === 0) return { ok: false, reason: `应为合同类型列表（${CONTRACT_TYPES.join(' | ')}）` };
      for (const t of raw) {
        if (!CONTRACT_TYPES.includes(t as ContractType)) return { ok: false, reason: `未知合同类型“${String(t)}”（${CONTRACT_TYPES.join(' | ')}）` };
      }
      const types = [...new Set(raw as ContractType[])];
      return { ok: true, value: types as ParameterValue<N>, display: types };
    }
  }
}

/** Parses and validates a policy from YAML text; `file` names it in errors. */
export function parsePolicy(text: string, file: string): Policy {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new SubsidyInputError(file, [{ path: '', reason: `YAML 语法错误：${(error as Error).message}` }]);
  }
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    throw new SubsidyInputError(file, parsed.error.issues.map((i) => ({ path: formatPath(i.path), reason: i.message })));
  }
  const issues: InputIssue[] = [];
  const params: Partial<Record<ParameterName, ParameterEntry>> = {};
  for (const name of Object.keys(parsed.data.parameters)) {
    if (!(name in PARAMETER_KINDS)) issues.push({ path: formatPath(['parameters', name]), reason: `未知参数（可用：${PARAMETER_NAMES.join(', ')}）` });
  }
  for (const name of PARAMETER_NAMES) {
    const p = parsed.data.parameters[name];
    if (!p) {
      issues.push({ path: formatPath(['parameters', name]), reason: '缺少此参数' });
      continue;
    }
    const v = parseParameterValue(name, p.value);
    if (!v.ok) {
      issues.push({ path: formatPath(['parameters', name, 'value']), reason: v.reason });
      continue;
    }
    let maximum: Rational | undefined;
    if (p.maximum !== undefined) {
      if (PARAMETER_KINDS[name] !== 'percent') {
        issues.push({ path: formatPath(['parameters', name, 'maximum']), reason: '只有百分比参数可以有最高值' });
        continue;
      }
      const m = parseDecimal(p.maximum, 6);
      if (!m.ok) {
        issues.push({ path: formatPath(['parameters', name, 'maximum']), reason: m.reason });
        continue;
      }
      maximum = m.value;
      if (cmp(v.value as Rational, maximum) > 0) {
        issues.push({ path: formatPath(['parameters', name, 'value']), reason: `${v.display} 超过最高值 ${ratToDisplay(maximum)}` });
        continue;
      }
    }
    params[name] = {
      name,
      value: v.value,
      display: v.display,
      effective: p.effective,
      ...(maximum ? { maximum } : {}),
      reference: p.reference,
      source: 'policy',
    } as ParameterEntry;
  }
  if (issues.length) throw new SubsidyInputError(file, issues);
  const { id, title, document, effective } = parsed.data;
  return { id, title, document, effective, file, parameters: params as PolicyParameters };
}

/** The folder of built-in policies (`policies/` at the repository root). */
export const BUILT_IN_POLICY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../policies');

export function loadPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SubsidyInputError(file, [{ path: '', reason: '无法读取政策文件' }]);
  }
  return parsePolicy(text, file);
}

/** Whether a case's `policy:` value is a file path rather than a built-in id. */
export function isPolicyPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref);
}

/** A built-in policy by id, or undefined when there is none. */
export function builtInPolicy(id: string): Policy | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  const file = path.join(BUILT_IN_POLICY_DIR, `${id}.yaml`);
  if (!fs.existsSync(file)) return undefined;
  return loadPolicyFile(file);
}

export function builtInPolicyIds(): string[] {
  if (!fs.existsSync(BUILT_IN_POLICY_DIR)) return [];
  return fs.readdirSync(BUILT_IN_POLICY_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}
