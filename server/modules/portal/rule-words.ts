/**
 * What a subsidy clause pays, in plain words, derived from the policy data — never typed per rule:
 * "按上年度有转账凭证和发票的技术合同到账额的 10% 给予奖补，每年最高不超过 20 万元". The values are
 * those in force on `asOf` (the latest version when the policy has ended), each amount in yuan or
 * 万元; no rule id, parameter key or fen is ever part of the words.
 */
import { EXCLUSION_REASON_LABELS, ROLE_LABELS } from '../../../common/subsidy-vocabulary.js';
import { CONTRACT_TYPES, LEVELS } from '../../../common/vocabulary.js';
import type { IsoDate } from '../../../common/dates.js';
import { formatYuan } from '../documents/amount-in-words.js';
import type { BaseKind, Band, ParameterValue, Tier } from '../subsidies/parameters.js';
import type { Policy } from '../subsidies/policy.js';
import type { ParamRef, PolicyRule } from '../subsidies/rules.js';
import { ratToDisplay, type Rational } from '../subsidies/rational.js';

/** The base a rate applies to, as a reader would say it. */
const BASE_WORDS: Record<BaseKind, string> = {
  received: '上年度有转账凭证和发票的技术合同到账额',
  received_tech: '上年度技术合同到账额中的技术交易额部分',
  received_within_tech: '上年度技术合同到账额（不超过技术交易额）',
  registered_amount: '上年度登记的技术合同成交额',
  registered_tech_amount: '上年度登记的技术合同技术交易额',
};
const BASE_ALIASES: Record<string, BaseKind> = { amount: 'received', tech_amount: 'received_tech' };
const MEASURE_WORDS: Record<string, string> = { base: '计算基数', registered_amount: '上年度登记的成交额', registered_tech_amount: '上年度登记的技术交易额' };
const GRADE_WORDS: Record<string, string> = { excellent: '优秀', good: '良好', qualified: '合格', pass: '合格' };

/** Fen as 万元 when whole, else yuan with separators: 20 万元, 3,000 元, 1,234.50 元. */
export function moneyWords(fen: bigint): string {
  // 1 亿元 = 10⁸ yuan = 10¹⁰ fen; 1 万元 = 10⁴ yuan = 10⁶ fen.
  if (fen > 0n && fen % 10_000_000_000n === 0n) return `${new Intl.NumberFormat('zh-CN').format(fen / 10_000_000_000n)} 亿元`;
  if (fen > 0n && fen % 1_000_000n === 0n) return `${new Intl.NumberFormat('zh-CN').format(fen / 1_000_000n)} 万元`;
  const text = formatYuan(fen);
  return `${text.endsWith('.00') ? text.slice(0, -3) : text} 元`;
}

const percentWords = (r: Rational) => `${ratToDisplay(r)}%`;

/** The value a rule reads from a parameter, in force on `asOf` (or its latest version). */
function valueOf(policy: Policy, ref: ParamRef, asOf: IsoDate): { value: ParameterValue; effective: IsoDate } | undefined {
  const p = policy.parameters.get(ref.param);
  if (!p) return undefined;
  const inForce = p.versions.filter((v) => v.effective <= asOf).at(-1) ?? p.versions.at(-1);
  return inForce ? { value: inForce.value, effective: inForce.effective } : undefined;
}

function refsOf(rule: PolicyRule): ParamRef[] {
  const refs: ParamRef[] = [];
  const add = (v: unknown) => {
    if (v && typeof v === 'object' && 'param' in (v as object)) refs.push(v as ParamRef);
  };
  add(rule.base);
  for (const v of Object.values(rule.amount)) add(v);
  if (rule.cap) for (const v of Object.values(rule.cap)) add(v);
  for (const c of rule.conditions) for (const v of Object.values(c.predicate)) add(v);
  return refs;
}

function baseWords(policy: Policy, rule: PolicyRule, asOf: IsoDate): string {
  if (!rule.base) return '';
  const kind = typeof rule.base === 'string' ? rule.base : (valueOf(policy, rule.base, asOf)?.value as BaseKind | undefined);
  if (!kind) return '上年度技术合同成交额';
  return BASE_WORDS[BASE_ALIASES[kind] ?? kind] ?? '上年度技术合同成交额';
}

function tierWords(tiers: Tier[]): string {
  let from = 0n;
  return tiers
    .map((t) => {
      const part = t.upTo === undefined ? (from === 0n ? '全部' : `超过 ${moneyWords(from)}的部分`) : from === 0n ? `${moneyWords(t.upTo)}以内的部分` : `${moneyWords(from)}至 ${moneyWords(t.upTo)}的部分`;
      if (t.upTo !== undefined) from = t.upTo;
      return `${part}按 ${percentWords(t.rate)}`;
    })
    .join('，');
}

function bandWords(bands: Band[], measure: string): string {
  const parts = bands.map((b) => {
    const range = b.to === undefined ? `${moneyWords(b.from)}以上` : `${moneyWords(b.from)}至 ${moneyWords(b.to)}`;
    return `${range}的最高 ${moneyWords(b.cap)}`;
  });
  return `按${MEASURE_WORDS[measure] ?? '计算基数'}所在区间封顶：${parts.join('；')}`;
}

function tableWords(table: Record<string, bigint>, names: Record<string, string>): string {
  return Object.entries(table)
    .map(([k, fen]) => `${names[k] ?? '相应等次'} ${fen === 0n ? '按当年申报通知核定' : moneyWords(fen)}`)
    .join('、');
}

/** What the rule pays, in one sentence. */
export function paysWords(policy: Policy, rule: PolicyRule, asOf: IsoDate): string {
  const get = <T extends ParameterValue>(ref: ParamRef) => valueOf(policy, ref, asOf)?.value as T | undefined;
  const base = baseWords(policy, rule, asOf);
  const a = rule.amount;
  let amount: string;
  switch (a.kind) {
    case 'rate': {
      const rate = get<Rational>(a.rate);
      amount = rate ? `按${base}的 ${percentWords(rate)} 给予奖补` : `按${base}的一定比例给予奖补`;
      break;
    }
    case 'tiers': {
      const tiers = get<Tier[]>(a.tiers) ?? [];
      amount = `按${base}分段计算：${tierWords(tiers)}`;
      break;
    }
    case 'excess': {
      const threshold = get<bigint>(a.threshold) ?? 0n;
      const fixed = get<bigint>(a.fixed) ?? 0n;
      const rate = get<Rational>(a.rate);
      amount = `${base}达到 ${moneyWords(threshold)}的，给予 ${moneyWords(fixed)}${rate ? `，超过 ${moneyWords(threshold)}的部分再按 ${percentWords(rate)} 计` : ''}`;
      break;
    }
    case 'steps': {
      const threshold = get<bigint>(a.threshold) ?? 0n;
      const fixed = get<bigint>(a.fixed) ?? 0n;
      const step = get<bigint>(a.step) ?? 0n;
      const perStep = get<bigint>(a.perStep) ?? 0n;
      amount = `${base}达到 ${moneyWords(threshold)}的，给予 ${moneyWords(fixed)}，此后每增加 ${moneyWords(step)}再给予 ${moneyWords(perStep)}`;
      break;
    }
    case 'fixed': {
      const fen = get<bigint>(a.amount) ?? 0n;
      amount = fen === 0n ? '给予一次性补助，金额视财力情况在当年申报通知中核定' : `给予一次性补助 ${moneyWords(fen)}`;
      break;
    }
    case 'per_contract': {
      const fen = get<bigint>(a.amount) ?? 0n;
      amount = `每份符合条件的技术合同给予 ${moneyWords(fen)}`;
      break;
    }
    case 'by_level': {
      amount = `按认定级别给予一次性奖励：${tableWords(get<Record<string, bigint>>(a.table) ?? {}, LEVELS.table)}`;
      break;
    }
    case 'by_grade': {
      amount = `按评价等次给予奖励：${tableWords(get<Record<string, bigint>>(a.table) ?? {}, GRADE_WORDS)}`;
      break;
    }
  }
  let cap = '';
  if (rule.cap?.kind === 'fixed') {
    const fen = get<bigint>(rule.cap.cap);
    if (fen !== undefined && fen > 0n) cap = `，${rule.roles.includes('broker') ? '同一技术经纪人' : '每家单位'}每年最高不超过 ${moneyWords(fen)}`;
  } else if (rule.cap?.kind === 'bands') {
    cap = `，${bandWords(get<Band[]>(rule.cap.bands) ?? [], rule.cap.measure)}`;
  }
  return `${amount}${cap}。`;
}

export function beneficiaryWords(rule: PolicyRule): string {
  return rule.roles.map((r) => ROLE_LABELS[r] ?? '受益单位').join('、');
}

/** What must hold, in words: the supported contract types, then each case the rule excludes. */
export function conditionWords(policy: Policy, rule: PolicyRule, asOf: IsoDate): string[] {
  const lines: string[] = [];
  for (const c of rule.conditions) {
    if (c.predicate.test === 'type') {
      const types = Array.isArray(c.predicate.types) ? c.predicate.types : ((valueOf(policy, c.predicate.types, asOf)?.value as string[] | undefined) ?? []);
      if (types.length) lines.push(`支持的合同类型：${types.map((t) => CONTRACT_TYPES.table[t as keyof typeof CONTRACT_TYPES.table] ?? '其他').join('、')}`);
    }
  }
  const excluded = rule.conditions.map((c) => rule.reasonLabels[c.reason] ?? EXCLUSION_REASON_LABELS[c.reason]).filter((x): x is string => Boolean(x));
  if (excluded.length) lines.push(`不予奖补的情形：${[...new Set(excluded)].join('；')}`);
  return lines;
}

/** Since when the values in force apply: the latest effective date among the rule's parameters. */
export function effectiveWords(policy: Policy, rule: PolicyRule, asOf: IsoDate): string {
  const dates = refsOf(rule).map((r) => valueOf(policy, r, asOf)?.effective).filter((d): d is IsoDate => Boolean(d));
  const since = dates.sort().at(-1) ?? policy.effective;
  return `现行标准自 ${since} 起施行${policy.expires ? `，政策有效期至 ${policy.expires}` : ''}`;
}
