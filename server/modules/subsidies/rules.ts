/**
 * The rules of a policy file, parsed and checked against its parameters. A rule says who benefits
 * (buyer, seller, broker, third party, registration office, or an organization by recognition),
 * when it applies at all, the ordered conditions whose first failure is the exclusion reason, what
 * the rate applies to, how the amount is formed, and what caps it. Numbers live in parameters, so
 * each carries its legal reference; see docs/policies.md for the vocabulary.
 */
import { EXCLUSION_REASON_LABELS } from '../../../common/subsidy-vocabulary.js';
import { formatPath, type InputIssue } from './input-error.js';
import { CONTRACT_TYPES, FUNDING_LEVELS, KIND_TERMS, type ContractType, type FundingLevel, type KindTerm } from './model.js';
import { BASE_KINDS, type BaseKind, type LegalReference, type ParameterKind, type PolicyParameter } from './parameters.js';
import { parseDecimal, type Rational } from './rational.js';

export const ROLES = ['buyer', 'seller', 'broker', 'third_party', 'registration_office', 'organization'] as const;
export type Role = (typeof ROLES)[number];
export const PARTIES = ['seller', 'buyer', 'implementation', 'beneficiary'] as const;
export type Party = (typeof PARTIES)[number];
export const CAP_MEASURES = ['base', 'registered_amount', 'registered_tech_amount'] as const;
export type CapMeasure = (typeof CAP_MEASURES)[number];

/** A value from a parameter (by name) or, for structural lists, written in the rule. */
export type ParamRef = { param: string };

export type Predicate =
  | { test: 'registered' }
  | { test: 'registered_within'; from: number; to: number }
  | { test: 'type'; types: ParamRef | ContractType[] }
  | { test: 'license_term_at_least'; years: ParamRef | Rational }
  | { test: 'kind'; party: 'seller' | 'buyer' | 'beneficiary'; kinds: KindTerm[] }
  | { test: 'in'; party: Party; area: string; negate: boolean }
  | { test: 'any_in'; parties: Party[]; area: string }
  | { test: 'not_related' }
  | { test: 'no_funding'; levels: FundingLevel[] }
  | { test: 'not_fiscal_funds' }
  | { test: 'amount_at_least'; amount: ParamRef }
  | { test: 'between'; kinds: [KindTerm[], KindTerm[]] }
  | { test: 'recognized'; party: 'seller' | 'buyer' | 'beneficiary'; kind: string; levels?: string[] }
  | { test: 'base_positive' };

export interface Condition {
  predicate: Predicate;
  reason: string;
  /** Only checked when the beneficiary has this role (rules with several roles). */
  role?: Role;
  /** Where it is written, for messages: `rules[0].conditions[2]`. */
  at: string;
}
export interface Applicability {
  predicate: Predicate;
  role?: Role;
  at: string;
}

export type AmountFormula =
  | { kind: 'rate'; rate: ParamRef }
  | { kind: 'tiers'; tiers: ParamRef }
  | { kind: 'excess'; threshold: ParamRef; fixed: ParamRef; rate: ParamRef }
  | { kind: 'steps'; threshold: ParamRef; fixed: ParamRef; step: ParamRef; perStep: ParamRef }
  | { kind: 'fixed'; amount: ParamRef }
  | { kind: 'per_contract'; amount: ParamRef }
  | { kind: 'by_level'; table: ParamRef }
  | { kind: 'by_grade'; table: ParamRef };

export type Cap = { kind: 'fixed'; cap: ParamRef } | { kind: 'bands'; bands: ParamRef; measure: CapMeasure };

export interface RecognitionMatch {
  kind: string;
  levels?: string[];
  grades?: string[];
  /** Only the first recognition at that level counts (a new recognition, 新认定). */
  firstAtLevel: boolean;
}

export interface PolicyRule {
  id: string;
  title: string;
  reference: LegalReference;
  roles: Role[];
  appliesWhen: Applicability[];
  conditions: Condition[];
  /** Absent for organization rules. */
  base?: ParamRef | BaseKind;
  amount: AmountFormula;
  cap?: Cap;
  recognition?: RecognitionMatch;
  /** Labels of exclusion reasons this rule defines itself. */
  reasonLabels: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const RULE_KEYS = ['id', 'title', 'reference', 'beneficiary', 'applies_when', 'conditions', 'base', 'amount', 'cap', 'recognition'];

/** Parses the `rules:` of a policy; problems go to `issues` with their path. */
export function parseRules(raw: unknown, parameters: Map<string, PolicyParameter>, issues: InputIssue[]): PolicyRule[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({ path: 'rules', reason: '应为至少一条规则的列表' });
    return [];
  }
  const rules: PolicyRule[] = [];
  const ids = new Set<string>();
  raw.forEach((r, i) => {
    const at = `rules[${i}]`;
    const before = issues.length;
    const rule = parseRule(r, at, parameters, issues);
    if (rule && ids.has(rule.id)) issues.push({ path: `${at}.id`, reason: `规则 id“${rule.id}”重复` });
    if (rule && issues.length === before) {
      ids.add(rule.id);
      rules.push(rule);
    }
  });
  return rules;
}

function parseRule(r: unknown, at: string, parameters: Map<string, PolicyParameter>, issues: InputIssue[]): PolicyRule | undefined {
  const problem = (path: string, reason: string) => issues.push({ path: path ? `${at}.${path}` : at, reason });
  if (!isRecord(r)) return void problem('', '应为对象');
  for (const k of Object.keys(r)) if (!RULE_KEYS.includes(k)) problem(k, `未知字段（可用：${RULE_KEYS.join(', ')}）`);
  if (typeof r.id !== 'string' || !/^[a-z][a-z0-9_]*$/.test(r.id)) problem('id', '应为小写字母开头的标识，如 enterprise_purchase');
  if (typeof r.title !== 'string' || !r.title) problem('title', '缺少规则名称');
  const reference = parseReference(r.reference, `${at}.reference`, issues);

  const roleList = Array.isArray(r.beneficiary) ? r.beneficiary : [r.beneficiary];
  const roles: Role[] = [];
  for (const role of roleList) {
    if (!ROLES.includes(role as Role)) problem('beneficiary', `未知受益方“${String(role)}”（可用：${ROLES.join(', ')}）`);
    else roles.push(role as Role);
  }
  const orgRule = roles.includes('organization');
  if (orgRule && roles.length > 1) problem('beneficiary', 'organization 不能与其他受益方同用');

  /** A parameter reference; `path` is relative to the rule, or absolute when it starts with `rules[`. */
  const param = (path: string, value: unknown, kinds: ParameterKind[]): ParamRef | undefined => {
    const report = (reason: string) => (path.startsWith('rules[') ? void issues.push({ path, reason }) : void problem(path, reason));
    if (typeof value !== 'string') return report(`应为参数名（${kinds.join('/')} 类参数）`);
    const p = parameters.get(value);
    if (!p) return report(`未定义的参数“${value}”`);
    if (!kinds.includes(p.kind)) return report(`参数“${value}”是 ${p.kind} 类，这里需要 ${kinds.join(' 或 ')} 类`);
    return { param: value };
  };
  const reasonLabels: Record<string, string> = {};

  const appliesWhen: Applicability[] = [];
  if (r.applies_when !== undefined) {
    if (!Array.isArray(r.applies_when)) problem('applies_when', '应为条件列表');
    else
      r.applies_when.forEach((c, j) => {
        const cat = `${at}.applies_when[${j}]`;
        const parsed = parseConditionEntry(c, cat, { roles, param, issues, needsReason: false });
        if (parsed) appliesWhen.push({ predicate: parsed.predicate, ...(parsed.role ? { role: parsed.role } : {}), at: cat });
      });
  }
  const conditions: Condition[] = [];
  if (r.conditions !== undefined) {
    if (!Array.isArray(r.conditions)) problem('conditions', '应为条件列表');
    else
      r.conditions.forEach((c, j) => {
        const cat = `${at}.conditions[${j}]`;
        const parsed = parseConditionEntry(c, cat, { roles, param, issues, needsReason: true });
        if (!parsed) return;
        if (parsed.label) reasonLabels[parsed.reason!] = parsed.label;
        conditions.push({ predicate: parsed.predicate, reason: parsed.reason!, ...(parsed.role ? { role: parsed.role } : {}), at: cat });
      });
  }

  let base: PolicyRule['base'];
  if (!orgRule) {
    if (r.base === undefined) base = 'registered_amount';
    else if (typeof r.base === 'string' && BASE_KINDS.includes(r.base as BaseKind)) base = r.base as BaseKind;
    else base = param('base', r.base, ['base']);
  } else if (r.base !== undefined) problem('base', '按认定给予的规则（organization）没有计算基数');

  const amount = parseAmount(r.amount, 'amount', { problem, param, orgRule });
  let cap: Cap | undefined;
  if (r.cap !== undefined) {
    if (typeof r.cap === 'string') {
      const c = param('cap', r.cap, ['yuan']);
      if (c) cap = { kind: 'fixed', cap: c };
    } else if (isRecord(r.cap)) {
      const extra = Object.keys(r.cap).filter((k) => k !== 'bands' && k !== 'measure');
      if (extra.length) problem('cap', `未知字段 ${extra.join(', ')}（可用：bands, measure）`);
      const bands = param('cap.bands', r.cap.bands, ['bands']);
      const measure = r.cap.measure ?? 'base';
      if (!CAP_MEASURES.includes(measure as CapMeasure)) problem('cap.measure', `应为 ${CAP_MEASURES.join(' | ')}`);
      else if (bands) cap = { kind: 'bands', bands, measure: measure as CapMeasure };
    } else problem('cap', '应为金额参数名，或 { bands: 参数名, measure: … }');
  }

  let recognition: RecognitionMatch | undefined;
  if (orgRule) {
    if (!isRecord(r.recognition) || typeof r.recognition.kind !== 'string') problem('recognition', '按认定给予的规则需要 recognition: { kind, levels, first_at_level }');
    else {
      const rec = r.recognition;
      const extra = Object.keys(rec).filter((k) => !['kind', 'levels', 'grades', 'first_at_level'].includes(k));
      if (extra.length) problem('recognition', `未知字段 ${extra.join(', ')}（可用：kind, levels, grades, first_at_level）`);
      const strings = (v: unknown, name: string) => {
        if (v === undefined) return undefined;
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return void problem(`recognition.${name}`, '应为字符串列表');
        return v as string[];
      };
      const levels = strings(rec.levels, 'levels');
      const grades = strings(rec.grades, 'grades');
      recognition = { kind: rec.kind as string, ...(levels ? { levels } : {}), ...(grades ? { grades } : {}), firstAtLevel: rec.first_at_level === true };
    }
  } else if (r.recognition !== undefined) problem('recognition', '只有 organization 规则有 recognition');

  if (!amount || !reference || typeof r.id !== 'string' || typeof r.title !== 'string') return undefined;
  return {
    id: r.id,
    title: r.title,
    reference,
    roles,
    appliesWhen,
    conditions,
    ...(base !== undefined ? { base } : {}),
    amount,
    ...(cap ? { cap } : {}),
    ...(recognition ? { recognition } : {}),
    reasonLabels,
  };
}

export function parseReference(raw: unknown, at: string, issues: InputIssue[]): LegalReference | undefined {
  if (!isRecord(raw) || typeof raw.document !== 'string' || typeof raw.clause !== 'string' || typeof raw.text !== 'string' || !raw.document || !raw.text) {
    issues.push({ path: at, reason: '应为 { document: 文号, clause: 条款, text: 原文 }' });
    return undefined;
  }
  const extra = Object.keys(raw).filter((k) => !['document', 'clause', 'text'].includes(k));
  if (extra.length) {
    issues.push({ path: at, reason: `未知字段 ${extra.join(', ')}（可用：document, clause, text）` });
    return undefined;
  }
  return { document: raw.document, clause: raw.clause, text: raw.text };
}

interface AmountContext {
  problem: (path: string, reason: string) => void;
  param: (path: string, value: unknown, kinds: ParameterKind[]) => ParamRef | undefined;
  orgRule: boolean;
}

const AMOUNT_KINDS = ['rate', 'tiers', 'excess', 'steps', 'fixed', 'per_contract', 'by_level', 'by_grade'];

function parseAmount(raw: unknown, at: string, { problem, param, orgRule }: AmountContext): AmountFormula | undefined {
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return void problem(at, `应为只含一种算法的对象：${AMOUNT_KINDS.join(' | ')}`);
  const [kind, v] = Object.entries(raw)[0]!;
  const sub = (keys: string[]): Record<string, unknown> | undefined => {
    if (!isRecord(v)) return void problem(`${at}.${kind}`, `应为 { ${keys.join(', ')} }`);
    const extra = Object.keys(v).filter((k) => !keys.includes(k));
    if (extra.length) return void problem(`${at}.${kind}`, `未知字段 ${extra.join(', ')}（可用：${keys.join(', ')}）`);
    return v;
  };
  const onlyFor = (org: boolean) => {
    if (org !== orgRule) problem(`${at}.${kind}`, org ? '只用于按认定给予的规则（organization）' : '不用于按认定给予的规则（organization）');
    return org === orgRule;
  };
  switch (kind) {
    case 'rate': {
      const rate = onlyFor(false) && param(`${at}.rate`, v, ['percent']);
      return rate ? { kind, rate } : undefined;
    }
    case 'tiers': {
      const tiers = onlyFor(false) && param(`${at}.tiers`, v, ['tiers']);
      return tiers ? { kind, tiers } : undefined;
    }
    case 'excess': {
      const s = onlyFor(false) ? sub(['threshold', 'fixed', 'rate']) : undefined;
      if (!s) return undefined;
      const threshold = param(`${at}.excess.threshold`, s.threshold, ['yuan']);
      const fixed = param(`${at}.excess.fixed`, s.fixed, ['yuan']);
      const rate = param(`${at}.excess.rate`, s.rate, ['percent']);
      return threshold && fixed && rate ? { kind, threshold, fixed, rate } : undefined;
    }
    case 'steps': {
      const s = onlyFor(false) ? sub(['threshold', 'fixed', 'step', 'per_step']) : undefined;
      if (!s) return undefined;
      const threshold = param(`${at}.steps.threshold`, s.threshold, ['yuan']);
      const fixed = param(`${at}.steps.fixed`, s.fixed, ['yuan']);
      const step = param(`${at}.steps.step`, s.step, ['yuan']);
      const perStep = param(`${at}.steps.per_step`, s.per_step, ['yuan']);
      return threshold && fixed && step && perStep ? { kind, threshold, fixed, step, perStep } : undefined;
    }
    case 'fixed': {
      const amount = param(`${at}.fixed`, v, ['yuan']);
      return amount ? { kind, amount } : undefined;
    }
    case 'per_contract': {
      const amount = onlyFor(false) && param(`${at}.per_contract`, v, ['yuan']);
      return amount ? { kind, amount } : undefined;
    }
    case 'by_level':
    case 'by_grade': {
      const table = onlyFor(true) && param(`${at}.${kind}`, v, ['table']);
      return table ? { kind, table } : undefined;
    }
    default:
      return void problem(at, `未知算法“${kind}”（可用：${AMOUNT_KINDS.join(' | ')}）`);
  }
}

interface ConditionContext {
  roles: Role[];
  param: AmountContext['param'];
  issues: InputIssue[];
  needsReason: boolean;
}

const PREDICATE_KEYS = [
  'registered',
  'registered_within',
  'type',
  'license_term_at_least',
  '<party>.kind',
  '<party>.in',
  '<party>.not_in',
  '<party>.recognized',
  'any_in',
  'not_related',
  'no_funding',
  'not_fiscal_funds',
  'amount_at_least',
  'between',
  'base_positive',
];

/** One entry of `applies_when` or `conditions`: exactly one predicate, plus reason/label/role. */
function parseConditionEntry(
  raw: unknown,
  at: string,
  ctx: ConditionContext,
): { predicate: Predicate; reason?: string; label?: string; role?: Role } | undefined {
  const problem = (reason: string, path = at) => void ctx.issues.push({ path, reason });
  if (!isRecord(raw)) return problem('应为对象，如 { registered: true, reason: not_registered }');
  const meta = ['reason', 'label', 'role'];
  const keys = Object.keys(raw).filter((k) => !meta.includes(k));
  if (keys.length !== 1) return problem(`应恰好含一个判断（可用：${PREDICATE_KEYS.join(', ')}），实际 ${keys.length} 个`);
  const key = keys[0]!;
  const value = raw[key];
  // Where the predicate's value is: `rules[0].conditions[2].registered`, or `…["seller.in"]` for a dotted key.
  const keyPath = formatPath([key]);
  const vat = `${at}${keyPath.startsWith('[') ? '' : '.'}${keyPath}`;

  let role: Role | undefined;
  if (raw.role !== undefined) {
    if (!ctx.roles.includes(raw.role as Role)) return problem(`role 应为本规则的受益方之一（${ctx.roles.join(', ')}）`, `${at}.role`);
    role = raw.role as Role;
  }
  let reason: string | undefined;
  let label: string | undefined;
  if (ctx.needsReason) {
    if (typeof raw.reason !== 'string' || !/^[a-z][a-z0-9_]*$/.test(raw.reason)) return problem('缺少排除原因代码 reason（小写字母和下划线）', `${at}.reason`);
    reason = raw.reason;
    if (raw.label !== undefined) {
      if (typeof raw.label !== 'string' || !raw.label) return problem('label 应为中文说明', `${at}.label`);
      label = raw.label;
    } else if (!(reason in EXCLUSION_REASON_LABELS)) {
      return problem(`“${reason}”不是内置的排除原因，请同时写 label（中文说明）；内置：${Object.keys(EXCLUSION_REASON_LABELS).join(', ')}`, `${at}.reason`);
    }
  } else if (raw.reason !== undefined || raw.label !== undefined) return problem('applies_when 的条目不写 reason/label（不适用时不列为排除）');

  const rolesAt = role ? [role] : ctx.roles;
  const predicate = parsePredicate(key, value, vat, rolesAt, ctx, problem);
  if (!predicate) return undefined;
  if (ctx.roles.includes('organization')) {
    const aboutBeneficiary = (predicate.test === 'kind' || predicate.test === 'in' || predicate.test === 'recognized') && predicate.party === 'beneficiary';
    if (!aboutBeneficiary) return problem('按认定给予的规则（organization）只能判断 beneficiary.kind / beneficiary.in / beneficiary.not_in / beneficiary.recognized', vat);
  }
  return { predicate, ...(reason ? { reason } : {}), ...(label ? { label } : {}), ...(role ? { role } : {}) };
}

function kindList(value: unknown, at: string, problem: (reason: string, path?: string) => undefined): KindTerm[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return problem(`应为单位类型列表（${KIND_TERMS.join(' | ')}）`, at);
  for (const k of value) if (!KIND_TERMS.includes(k as KindTerm)) return problem(`未知单位类型“${String(k)}”（${KIND_TERMS.join(' | ')}）`, at);
  return value as KindTerm[];
}

function parsePredicate(
  key: string,
  value: unknown,
  at: string,
  roles: Role[],
  ctx: ConditionContext,
  problem: (reason: string, path?: string) => undefined,
): Predicate | undefined {
  const flag = (test: 'registered' | 'not_related' | 'not_fiscal_funds' | 'base_positive'): Predicate | undefined =>
    value === true ? { test } : problem('应为 true', at);
  const area = (v: unknown): string | undefined => {
    if (typeof v !== 'string' || !/^[a-z_]+$/.test(v)) return problem('应为辖区名（district | city | province，对应参数 jurisdiction.<名>）', at);
    const p = ctx.param(at, `jurisdiction.${v}`, ['division', 'prefix']);
    return p ? v : undefined;
  };
  const dotted = /^(seller|buyer|implementation|beneficiary)\.(kind|in|not_in|recognized)$/.exec(key);
  if (dotted) {
    const party = dotted[1] as Party;
    const what = dotted[2]!;
    if (party === 'beneficiary' && roles.some((r) => r === 'broker')) return problem('技术经纪人（broker）规则不能判断 beneficiary 的单位属性；请用 role 限定', at);
    if (what === 'in' || what === 'not_in') {
      const a = area(value);
      return a ? { test: 'in', party, area: a, negate: what === 'not_in' } : undefined;
    }
    if (party === 'implementation') return problem(`implementation 只能用 in / not_in`, at);
    if (what === 'kind') {
      const kinds = kindList(value, at, problem);
      return kinds ? { test: 'kind', party, kinds } : undefined;
    }
    if (!isRecord(value) || typeof value.kind !== 'string') return problem('应为 { kind: 认定类型, levels: [national, provincial] }', at);
    const levels = value.levels;
    if (levels !== undefined && (!Array.isArray(levels) || levels.some((l) => typeof l !== 'string'))) return problem('levels 应为字符串列表', at);
    return { test: 'recognized', party, kind: value.kind, ...(levels ? { levels: levels as string[] } : {}) };
  }
  switch (key) {
    case 'registered':
    case 'not_related':
    case 'not_fiscal_funds':
    case 'base_positive':
      return flag(key);
    case 'registered_within': {
      if (!isRecord(value) || !Number.isInteger(value.from) || !Number.isInteger(value.to) || (value.from as number) > (value.to as number))
        return problem('应为 { from: 年度偏移, to: 年度偏移 }，相对基准年度，如 { from: -1, to: 0 }', at);
      return { test: 'registered_within', from: value.from as number, to: value.to as number };
    }
    case 'type': {
      if (typeof value === 'string') {
        const p = ctx.param(at, value, ['types']);
        return p ? { test: 'type', types: p } : undefined;
      }
      if (!Array.isArray(value) || value.length === 0) return problem(`应为合同类型列表或 types 类参数名（${CONTRACT_TYPES.join(' | ')}）`, at);
      for (const t of value) if (!CONTRACT_TYPES.includes(t as ContractType)) return problem(`未知合同类型“${String(t)}”`, at);
      return { test: 'type', types: value as ContractType[] };
    }
    case 'license_term_at_least': {
      if (typeof value === 'string') {
        const p = ctx.param(at, value, ['number']);
        return p ? { test: 'license_term_at_least', years: p } : undefined;
      }
      const n = parseDecimal(value, 2);
      return n.ok ? { test: 'license_term_at_least', years: n.value } : problem(n.reason, at);
    }
    case 'any_in': {
      if (!isRecord(value) || !Array.isArray(value.parties) || value.parties.length === 0) return problem('应为 { parties: [buyer, seller, implementation], area: district }', at);
      for (const p of value.parties) if (!['seller', 'buyer', 'implementation'].includes(p as string)) return problem(`parties 只能是 seller、buyer、implementation`, at);
      const a = area(value.area);
      return a ? { test: 'any_in', parties: value.parties as Party[], area: a } : undefined;
    }
    case 'no_funding': {
      if (!Array.isArray(value) || value.length === 0) return problem(`应为资助级别列表（${FUNDING_LEVELS.join(' | ')}）`, at);
      for (const l of value) if (!FUNDING_LEVELS.includes(l as FundingLevel)) return problem(`未知资助级别“${String(l)}”`, at);
      return { test: 'no_funding', levels: value as FundingLevel[] };
    }
    case 'amount_at_least': {
      const p = ctx.param(at, value, ['yuan']);
      return p ? { test: 'amount_at_least', amount: p } : undefined;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return problem('应为两组单位类型：[[enterprise], [university, research_institute]]', at);
      const a = kindList(value[0], at, problem);
      const b = a && kindList(value[1], at, problem);
      return a && b ? { test: 'between', kinds: [a, b] } : undefined;
    }
    default:
      return problem(`未知判断“${key}”（可用：${PREDICATE_KEYS.join(', ')}）`, at);
  }
}
