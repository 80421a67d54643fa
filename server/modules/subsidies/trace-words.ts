/**
 * The engine's trace in plain Chinese, for the people who read an award: the enterprise on its
 * workbench, the application page, the settlement's award drawer, the award notice. Amounts in
 * 元 / 万元 with thousands separators, rates in %, rules by the policy's Chinese titles — never a
 * parameter key, a fen amount or a formula in code form (server/testing/internals.ts).
 *
 * The engine's trace stays as it is (hashed into every settlement's result); this module reads it
 * with the policy beside it: the rule's formula kind says which sentence to write, and the
 * parameter entries of the trace give the values the engine used (overrides included).
 */
import { PAYMENT_NOTE_LABELS, ROLE_LABELS } from '../../../common/subsidy-vocabulary.js';
import { formatYuan } from '../documents/amount-in-words.js';
import type { Award, TraceEntry } from './engine.js';
import type { FormulaTrace } from './formulas.js';
import type { Policy } from './policy.js';
import type { PolicyRule } from './rules.js';

// ——— amounts ———

/** A fen amount (integer, or an exact fraction "a/b" cut to whole fen) as BigInt fen. */
function toFen(fen: string | number | bigint): bigint {
  if (typeof fen === 'bigint') return fen;
  const text = String(fen);
  if (text.includes('/')) {
    const [n, d] = text.split('/');
    return BigInt(n!) / BigInt(d!);
  }
  return BigInt(text.includes('.') ? text.split('.')[0]! : text);
}

/** Fen as words: whole 万 in 万元 ("120 万元"), otherwise 元 with thousands separators ("1,234.56 元"). */
export function fenWords(fen: string | number | bigint): string {
  const f = toFen(fen);
  const abs = f < 0n ? -f : f;
  if (abs >= 1_000_000n && abs % 1_000_000n === 0n) return `${new Intl.NumberFormat('zh-CN').format(f / 1_000_000n)} 万元`;
  if (abs >= 1_000_000n && abs % 10_000n === 0n) {
    // Whole hundreds of yuan above 1 万: 12.5 万元 reads better than 125,000 元.
    const wan = Number(f / 10_000n) / 100;
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(wan)} 万元`;
  }
  const text = formatYuan(f);
  return `${text.endsWith('.00') ? text.slice(0, -3) : text} 元`;
}

/** Whole (or decimal) yuan as words, like fenWords. */
export function yuanWords(yuan: string | number | bigint): string {
  const text = String(yuan);
  const [whole = '0', fraction = ''] = text.split('.');
  return fenWords(BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2)) * (whole.startsWith('-') ? -1n : 1n));
}

const percentWords = (p: unknown) => `${String(p)}%`;

// ——— the words of the engine's vocabulary ———

/** What a rule's base is, as the beneficiary knows it (the base year is the year before the application year). */
const BASE_WORDS: Record<string, string> = {
  received: '上年度有凭证和发票的到账额',
  received_tech: '上年度到账额按技术交易额所占比例折算',
  received_within_tech: '上年度到账额（累计不超过技术交易额）',
  registered_amount: '上年度登记合同的成交额',
  registered_tech_amount: '上年度登记合同的技术交易额',
};
const MEASURE_WORDS: Record<string, string> = { base: '计算基数', registered_amount: '上年度登记成交额' };
const RECOGNITION_WORDS: Record<string, string> = {
  tech_transfer_demo: '技术转移示范机构',
  tech_transfer_demo_review: '技术转移示范机构年度考核',
};
const LEVEL_WORDS: Record<string, string> = { national: '国家级', provincial: '省级', municipal: '市级', district: '区级' };
const GRADE_WORDS: Record<string, string> = { excellent: '优秀', good: '良好', qualified: '合格', unqualified: '不合格' };
const word = (table: Record<string, string>, code: string | undefined, fallback = '其他') => (code === undefined ? fallback : (table[code] ?? fallback));

// ——— reading a trace ———

type Computed = Extract<FormulaTrace, { step: 'computed' }>;
type ParameterEntry = Extract<TraceEntry, { step: 'parameter' }>;

interface Reading {
  rule: PolicyRule | undefined;
  params: Map<string, ParameterEntry>;
  baseKind: string | undefined;
  roles: string[];
}

function param(r: Reading, ref: { param: string } | undefined): ParameterEntry | undefined {
  return ref ? r.params.get(ref.param) : undefined;
}

/** "每家企业每年" from a cap's own words ("每家企业每年最高不超过20万元"), when the policy says it so. */
function capHolder(r: Reading): string {
  const cap = r.rule?.cap;
  const entry = cap ? param(r, cap.kind === 'fixed' ? cap.cap : cap.bands) : undefined;
  const text = entry?.reference ?? '';
  const m = text.match(/(同一[^，。；]{1,12}?|每[家个名位户][^，。；每]{1,8}?)每年/);
  return m ? `${m[1]}每年` : '每年';
}

/** The computation in one sentence, before the cap ("按上年度到账额 120 万元的 10% 计 12 万元"). */
function computedWords(t: Computed, r: Reading): string {
  const base = t.base_fen !== undefined ? fenWords(t.base_fen) : undefined;
  const baseName = r.baseKind ? word(BASE_WORDS, r.baseKind, '计算基数') : '计算基数';
  const result = yuanWords(t.yuan);
  const amount = r.rule?.amount;
  switch (amount?.kind) {
    case 'rate': {
      const rate = param(r, amount.rate);
      return `按${baseName} ${base} 的 ${rate ? percentWords(rate.value) : '规定比例'} 计 ${result}`;
    }
    case 'tiers': {
      const parts = (t.parts ?? []).map((p) => `${p.to_fen === null ? `超过 ${fenWords(p.from_fen)} 的部分` : `${fenWords(p.from_fen)}至 ${fenWords(p.to_fen)} 的部分`}按 ${percentWords(p.rate_percent)} 计 ${fenWords(p.fen)}`);
      return `按${baseName} ${base} 分段计算：${parts.join('；') || '无可计部分'}，合计 ${result}`;
    }
    case 'excess': {
      const threshold = param(r, amount.threshold);
      const fixed = param(r, amount.fixed);
      const rate = param(r, amount.rate);
      if (t.yuan === 0 || t.yuan === '0') return `${baseName} ${base} 未达到起点 ${threshold ? yuanWords(String(threshold.value)) : ''}，不予奖补`;
      return `${baseName} ${base}，达到起点 ${threshold ? yuanWords(String(threshold.value)) : ''} 给予 ${fixed ? yuanWords(String(fixed.value)) : '定额'}，超出部分按 ${rate ? percentWords(rate.value) : '规定比例'} 计，合计 ${result}`;
    }
    case 'steps': {
      const threshold = param(r, amount.threshold);
      const fixed = param(r, amount.fixed);
      const step = param(r, amount.step);
      const perStep = param(r, amount.perStep);
      if (t.yuan === 0 || t.yuan === '0') return `${baseName} ${base} 未达到起点 ${threshold ? yuanWords(String(threshold.value)) : ''}，不予奖补`;
      return `${baseName} ${base}，达到起点 ${threshold ? yuanWords(String(threshold.value)) : ''} 给予 ${fixed ? yuanWords(String(fixed.value)) : '定额'}，此后每增加 ${step ? yuanWords(String(step.value)) : '一档'} 再给予 ${perStep ? yuanWords(String(perStep.value)) : '定额'}，合计 ${result}`;
    }
    case 'fixed':
      return `定额奖补 ${result}`;
    case 'per_contract': {
      const each = param(r, amount.amount);
      return `按合同份数给予，每份 ${each ? yuanWords(String(each.value)) : '定额'}，计 ${result}`;
    }
    case 'by_level':
    case 'by_grade':
      return `按认定${amount.kind === 'by_level' ? '级别' : '考核等次'}给予 ${result}`;
    default:
      return `计 ${result}`;
  }
}

function contractWords(t: Extract<TraceEntry, { step: 'contract' }>, nameOf: (ref: string) => string): string[] {
  const role = ROLE_LABELS[t.role] ?? '受益方';
  const share = t.share ? `，按本人份额 ${t.share} 计 ${fenWords(t.part_fen!)}` : '';
  const lines = [`合同「${nameOf(t.contract)}」（作为${role}）：计入${word(BASE_WORDS, t.base_kind, '计算基数')} ${fenWords(t.base_fen)}${share}`];
  for (const p of t.payments ?? []) {
    const why = p.why?.map((w) => PAYMENT_NOTE_LABELS[w] ?? '不计').join('；');
    lines.push(`  ${p.date} 到账 ${fenWords(p.amount_fen)}，发票 ${fenWords(p.invoice_fen)}，计入 ${fenWords(p.counted_fen)}${why ? `（${why}）` : ''}`);
  }
  return lines;
}

function readingOf(award: Pick<Award, 'rule' | 'trace'>, policy: Policy | undefined): Reading {
  return {
    rule: policy?.rules.find((x) => x.id === award.rule),
    params: new Map(award.trace.flatMap((t) => (t.step === 'parameter' ? [[t.name, t] as const] : []))),
    baseKind: award.trace.find((t): t is Extract<TraceEntry, { step: 'contract' }> => t.step === 'contract')?.base_kind,
    roles: award.trace.flatMap((t) => (t.step === 'rule' ? t.roles : [])),
  };
}

/**
 * The trace of one award as sentences, in order: the rule it follows, each contract and what it
 * counted, the computation with the cap, a budget cut, the amount. `policy` is the award's policy
 * (its rule's formula says which sentence to write); `nameOf` names a contract.
 */
export function traceInWords(award: Pick<Award, 'rule' | 'trace'>, policy: Policy | undefined, nameOf: (ref: string) => string = () => '（未命名合同）'): string[] {
  const reading = readingOf(award, policy);
  const lines: string[] = [];
  const capEntry = award.trace.find((t): t is Extract<FormulaTrace, { step: 'cap' }> => t.step === 'cap');
  const band = award.trace.find((t): t is Extract<FormulaTrace, { step: 'band' }> => t.step === 'band');
  for (const t of award.trace) {
    switch (t.step) {
      case 'rule':
        lines.push(`依据${t.reference.split('：')[0]}「${t.title}」（受益身份：${t.roles.map((x) => ROLE_LABELS[x] ?? '受益方').join('、')}）：${t.reference.split('：').slice(1).join('：')}`);
        break;
      case 'contract':
        lines.push(...contractWords(t, nameOf));
        break;
      case 'recognition':
        lines.push(`${t.date} 获认定为${word(LEVEL_WORDS, t.level, '')}${word(RECOGNITION_WORDS, t.kind, '相关认定')}${t.grade ? `（${word(GRADE_WORDS, t.grade)}）` : ''}`);
        break;
      case 'parameter':
        // Folded into the computation's sentence: a parameter's name is the policy file's, not the reader's.
        break;
      case 'computed':
        lines.push(computedWords(t, reading) + capClause(reading, capEntry, band));
        break;
      case 'band':
        lines.push(
          t.band
            ? `按${word(MEASURE_WORDS, t.measure, '计算基数')} ${fenWords(t.measure_fen)} 所在区间，上限为 ${yuanWords(t.band.cap_yuan)}`
            : `${word(MEASURE_WORDS, t.measure, '计算基数')} ${fenWords(t.measure_fen)} 未达到最低区间，不予奖补`,
        );
        break;
      case 'cap':
        break;
      case 'budget':
        lines.push(`本项预算 ${yuanWords(t.budget_yuan)} 不足以全额支付（符合条件合计 ${yuanWords(t.total_yuan)}），按比例核减：由 ${yuanWords(t.before_yuan)} 减为 ${yuanWords(t.after_yuan)}`);
        break;
      case 'award':
        lines.push(`奖补金额：${yuanWords(t.yuan)}`);
        break;
    }
  }
  return lines.map(tidy);
}

/** No space between an amount's unit and the Chinese that follows ("30 万元的 10%"). */
const tidy = (line: string) => line.replace(/元 (?=[\u4e00-\u9fa5])/g, '元');

/** "，未超过每家企业每年 20 万元的上限" or "，超过…，按上限计 20 万元"; empty when the rule has no cap. */
function capClause(r: Reading, cap: Extract<FormulaTrace, { step: 'cap' }> | undefined, band: Extract<FormulaTrace, { step: 'band' }> | undefined): string {
  const holder = capHolder(r);
  if (cap) return `，超过${band?.band ? '所在区间' : holder} ${yuanWords(cap.cap_yuan)} 的上限，按上限计 ${yuanWords(cap.after_yuan)}`;
  if (band?.band) return `，未超过所在区间 ${yuanWords(band.band.cap_yuan)} 的上限`;
  const fixed = r.rule?.cap?.kind === 'fixed' ? param(r, r.rule.cap.cap) : undefined;
  if (fixed) return `，未超过${holder} ${yuanWords(String(fixed.value))} 的上限`;
  return '';
}

/** The award in one sentence (the computation and its cap), for a summary line: the workbench's 免申即享 card. */
export function awardSentence(award: Pick<Award, 'rule' | 'trace' | 'amount'>, policy: Policy | undefined): string {
  const reading = readingOf(award, policy);
  const computed = award.trace.find((t): t is Computed => t.step === 'computed');
  if (!computed) return `奖补金额：${yuanWords(award.amount)}`;
  const cap = award.trace.find((t): t is Extract<FormulaTrace, { step: 'cap' }> => t.step === 'cap');
  const band = award.trace.find((t): t is Extract<FormulaTrace, { step: 'band' }> => t.step === 'band');
  const budget = award.trace.find((t): t is Extract<FormulaTrace, { step: 'budget' }> => t.step === 'budget');
  const sentence = computedWords(computed, reading) + capClause(reading, cap, band);
  return tidy(budget ? `${sentence}；因预算不足按比例核减为 ${yuanWords(budget.after_yuan)}` : sentence);
}
