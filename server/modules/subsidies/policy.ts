/**
 * Subsidy policies as data: a YAML file per policy (`policies/<id>.yaml`) with typed,
 * effective-dated parameters (each with its legal reference) and the rules that use them. Loaded
 * and validated here; every problem names the file, the path inside it and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { isIsoDate, type IsoDate } from '../../../common/dates.js';
import { SubsidyInputError, formatPath, type InputIssue } from './input-error.js';
import {
  PARAMETER_KINDS,
  parseParameterValue,
  resolveParameter,
  type ParameterKind,
  type ParameterVersion,
  type PolicyParameter,
  type ResolvedParameter,
} from './parameters.js';
import { parseReference, parseRules, type PolicyRule } from './rules.js';
import { cmp, parseDecimal, ratToDisplay, type Rational } from './rational.js';

export interface Policy {
  id: string;
  title: string;
  document: string;
  /** In force from; `expires` (exclusive of later dates) when the policy has an end. */
  effective: IsoDate;
  expires?: IsoDate;
  /** The province/city/district the policy belongs to, for people: 湛河区. */
  jurisdiction: string;
  /** Policy-wide evidence rules. */
  evidence: { invoiceMustNameContract: boolean };
  file: string;
  parameters: Map<string, PolicyParameter>;
  rules: PolicyRule[];
}

const TOP_KEYS = ['id', 'title', 'document', 'jurisdiction', 'effective', 'expires', 'evidence', 'parameters', 'rules'];
const PARAM_KEYS = ['kind', 'value', 'effective', 'reference', 'maximum', 'values', 'description'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** YAML may give an unquoted date as a Date; both end as `YYYY-MM-DD`. */
const dateText = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

function parseParameter(name: string, raw: unknown, issues: InputIssue[]): PolicyParameter | undefined {
  const at = (...rest: (string | number)[]) => formatPath(['parameters', name, ...rest]);
  if (!isRecord(raw)) return void issues.push({ path: at(), reason: '应为对象 { kind, value, effective, reference }' });
  const before = issues.length;
  for (const k of Object.keys(raw)) if (!PARAM_KEYS.includes(k)) issues.push({ path: at(k), reason: `未知字段（可用：${PARAM_KEYS.join(', ')}）` });
  const kind = raw.kind as ParameterKind;
  if (!PARAMETER_KINDS.includes(kind)) return void issues.push({ path: at('kind'), reason: `应为参数类型之一：${PARAMETER_KINDS.join(' | ')}` });

  let maximum: Rational | undefined;
  if (raw.maximum !== undefined) {
    const m = parseDecimal(raw.maximum, 6);
    if (kind !== 'percent') issues.push({ path: at('maximum'), reason: '只有百分比参数可以有最高值' });
    else if (!m.ok) issues.push({ path: at('maximum'), reason: m.reason });
    else maximum = m.value;
  }
  const entries: { raw: Record<string, unknown>; path: (string | number)[] }[] = [];
  if (raw.values !== undefined) {
    if (raw.value !== undefined || raw.effective !== undefined || raw.reference !== undefined)
      issues.push({ path: at('values'), reason: '写了 values（历次取值）就不再写 value/effective/reference' });
    if (!Array.isArray(raw.values) || raw.values.length === 0) issues.push({ path: at('values'), reason: '应为取值列表 [{ value, effective, reference }]' });
    else
      raw.values.forEach((v, i) => {
        if (!isRecord(v)) issues.push({ path: at('values', i), reason: '应为 { value, effective, reference }' });
        else entries.push({ raw: v, path: ['values', i] });
      });
  } else entries.push({ raw, path: [] });

  const versions: ParameterVersion[] = [];
  for (const e of entries) {
    if (e.path.length) for (const k of Object.keys(e.raw)) if (!['value', 'effective', 'reference'].includes(k)) issues.push({ path: at(...e.path, k), reason: '未知字段（可用：value, effective, reference）' });
    const effective = dateText(e.raw.effective);
    if (typeof effective !== 'string' || !isIsoDate(effective)) {
      issues.push({ path: at(...e.path, 'effective'), reason: '应为有效日期 YYYY-MM-DD' });
      continue;
    }
    const reference = parseReference(e.raw.reference, at(...e.path, 'reference'), issues);
    const v = parseParameterValue(kind, e.raw.value);
    if (!v.ok) {
      issues.push({ path: at(...e.path, 'value'), reason: v.reason });
      continue;
    }
    if (maximum && cmp(v.value as Rational, maximum) > 0) {
      issues.push({ path: at(...e.path, 'value'), reason: `${String(v.display)} 超过最高值 ${ratToDisplay(maximum)}` });
      continue;
    }
    const previous = versions.at(-1);
    if (previous && previous.effective >= effective) issues.push({ path: at(...e.path, 'effective'), reason: '历次取值应按生效日期从早到晚排列' });
    if (reference) versions.push({ value: v.value, display: v.display, effective, reference });
  }
  if (issues.length > before) return undefined;
  return { name, kind, ...(maximum ? { maximum } : {}), versions };
}

/** Parses and validates a policy from YAML text; `file` names it in errors. */
/** The parameter naming the kinds of credit records that keep their holder from every award of the policy. */
export const CREDIT_EXCLUDED_KINDS = 'credit.excluded_kinds';

export function parsePolicy(text: string, file: string): Policy {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (error) {
    throw new SubsidyInputError(file, [{ path: '', reason: `YAML 语法错误：${(error as Error).message}` }]);
  }
  const issues: InputIssue[] = [];
  if (!isRecord(data)) throw new SubsidyInputError(file, [{ path: '', reason: '政策文件应为对象' }]);
  for (const k of Object.keys(data)) if (!TOP_KEYS.includes(k)) issues.push({ path: formatPath([k]), reason: `未知字段（可用：${TOP_KEYS.join(', ')}）` });
  const text_ = (k: string) => {
    if (typeof data[k] !== 'string' || !data[k]) issues.push({ path: k, reason: '缺少或不是文字' });
    return String(data[k] ?? '');
  };
  const id = text_('id');
  if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) issues.push({ path: 'id', reason: '应为小写字母、数字和连字符' });
  const title = text_('title');
  const document = text_('document');
  const jurisdiction = text_('jurisdiction');
  const effective = dateText(data.effective);
  if (typeof effective !== 'string' || !isIsoDate(effective)) issues.push({ path: 'effective', reason: '应为有效日期 YYYY-MM-DD' });
  const expires = dateText(data.expires);
  if (expires !== undefined && (typeof expires !== 'string' || !isIsoDate(expires))) issues.push({ path: 'expires', reason: '应为有效日期 YYYY-MM-DD' });
  let invoiceMustNameContract = false;
  if (data.evidence !== undefined) {
    if (!isRecord(data.evidence) || Object.keys(data.evidence).some((k) => k !== 'invoice_must_name_contract') || typeof (data.evidence.invoice_must_name_contract ?? false) !== 'boolean')
      issues.push({ path: 'evidence', reason: '应为 { invoice_must_name_contract: true|false }' });
    else invoiceMustNameContract = data.evidence.invoice_must_name_contract === true;
  }

  const parameters = new Map<string, PolicyParameter>();
  if (!isRecord(data.parameters)) issues.push({ path: 'parameters', reason: '应为“参数名: 定义”的对象' });
  else
    for (const [name, raw] of Object.entries(data.parameters)) {
      if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/.test(name)) {
        issues.push({ path: formatPath(['parameters', name]), reason: '参数名应为小写字母、数字、下划线，用点分段' });
        continue;
      }
      const p = parseParameter(name, raw, issues);
      if (p && name === CREDIT_EXCLUDED_KINDS && p.kind !== 'credit_kinds')
        issues.push({ path: formatPath(['parameters', name]), reason: '应为 credit_kinds 类参数（失信等不予奖补的信用记录类型）' });
      else if (p) parameters.set(name, p);
    }
  const rules = issues.length ? [] : parseRules(data.rules, parameters, issues);
  if (issues.length) throw new SubsidyInputError(file, issues);
  return {
    id,
    title,
    document,
    jurisdiction,
    effective: effective as IsoDate,
    ...(expires ? { expires: expires as IsoDate } : {}),
    evidence: { invoiceMustNameContract },
    file,
    parameters,
    rules,
  };
}

/**
 * The parameters of a policy in force for application year `year` (values on the last day of the
 * base year). Throws when the policy is not in force then, or a parameter has no value yet.
 */
export function parametersForYear(policy: Policy, year: number): Map<string, ResolvedParameter> {
  const asOf = `${year - 1}-12-31` as IsoDate;
  const issues: InputIssue[] = [];
  if (policy.effective > asOf) issues.push({ path: 'effective', reason: `政策自 ${policy.effective} 起施行，不适用于 ${year} 年度申报（基准年度 ${year - 1}）` });
  if (policy.expires && policy.expires < `${year - 1}-01-01`) issues.push({ path: 'expires', reason: `政策已于 ${policy.expires} 失效，不适用于 ${year} 年度申报` });
  const out = new Map<string, ResolvedParameter>();
  for (const p of policy.parameters.values()) {
    const r = resolveParameter(p, asOf);
    if (!r) issues.push({ path: formatPath(['parameters', p.name]), reason: `${asOf} 时尚未生效（最早 ${p.versions[0]?.effective}）` });
    else out.set(p.name, r);
  }
  if (issues.length) throw new SubsidyInputError(policy.file, issues);
  return out;
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

const builtInCache = new Map<string, { mtimeMs: number; policy: Policy }>();

/** A built-in policy by id, or undefined when there is none. Parsed once per file version. */
export function builtInPolicy(id: string): Policy | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  const file = path.join(BUILT_IN_POLICY_DIR, `${id}.yaml`);
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = builtInCache.get(id);
  if (cached && cached.mtimeMs === mtimeMs) return cached.policy;
  const policy = loadPolicyFile(file);
  builtInCache.set(id, { mtimeMs, policy });
  return policy;
}

export function builtInPolicyIds(): string[] {
  if (!fs.existsSync(BUILT_IN_POLICY_DIR)) return [];
  return fs.readdirSync(BUILT_IN_POLICY_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}

/** A copy of the policy with overrides set (values already parsed against each parameter's kind). */
export function withOverrides(policy: Policy, overrides: Map<string, { value: unknown; display: unknown }>): Policy {
  if (overrides.size === 0) return policy;
  const parameters = new Map(policy.parameters);
  for (const [name, o] of overrides) {
    const p = parameters.get(name);
    if (p) parameters.set(name, { ...p, override: o as PolicyParameter['override'] & object });
  }
  return { ...policy, parameters };
}

/**
 * The jurisdiction a policy is issued by and settled in, as a 6-digit code: the most specific of
 * its `jurisdiction.*` parameters (a district's own code, or a city's or province's prefix padded
 * with zeros — 4104 → 410400, 41 → 410000). Null when a policy names no jurisdiction.
 */
export function policyHomeCode(policy: Policy): string | null {
  let home: string | null = null;
  for (const p of policy.parameters.values()) {
    if (!p.name.startsWith('jurisdiction.') || (p.kind !== 'division' && p.kind !== 'prefix')) continue;
    const code = String(p.versions.at(-1)?.display ?? '');
    if (/^\d{2,6}$/.test(code) && (!home || code.length > home.length)) home = code;
  }
  return home ? home.padEnd(6, '0') : null;
}
