/**
 * An award's trace in Chinese sentences, for people: the CLI summary, the award notice and the
 * web's explanation panel all read this, so a beneficiary sees the same words everywhere.
 */
import { PAYMENT_NOTE_LABELS, ROLE_LABELS, BASE_LABELS, reasonLabel } from '../../../common/subsidy-vocabulary.js';
import { creditRecordText } from '../../../common/credit-vocabulary.js';
import { formatYuan } from '../documents/amount-in-words.js';
import type { Award, Exclusion, TraceEntry } from './engine.js';
import type { Policy } from './policy.js';
import { traceInWords } from './trace-words.js';

const yuan = (v: string | number | bigint) => new Intl.NumberFormat('zh-CN').format(BigInt(v));
/** Fen as yuan with two decimals, exact (fractions of a fen are cut, as the formula line shows them whole). */
export function fenText(fen: string | number): string {
  const text = String(fen);
  return formatYuan(text.includes('/') ? BigInt(text.split('/')[0]!) / BigInt(text.split('/')[1]!) : BigInt(text));
}

export function ruleTitle(policy: Policy, rule: string): string {
  return policy.rules.find((r) => r.id === rule)?.title ?? rule;
}

/** Why a contract earned nothing under a rule; a credit record is named (whose, kind, source, 文号, dates). */
export function exclusionText(policy: Policy, e: Exclusion, nameOf: (ref: string) => string = (r) => r): string {
  const r = policy.rules.find((x) => x.id === e.rule);
  const label = reasonLabel(e.reason, r?.reasonLabels);
  return e.credit ? `${label}：${nameOf(e.credit.holder)}列入${creditRecordText(e.credit)}` : label;
}

/**
 * One line per trace entry that matters to a reader, in order — in plain words (trace-words.ts)
 * when the award's policy is known, which is everywhere a person reads an award.
 */
export function explainAward(award: Award, nameOf: (ref: string) => string = (r) => r, policy?: Policy): string[] {
  if (policy) return traceInWords(award, policy, nameOf);
  return award.trace.flatMap((t) => explainEntry(t, nameOf));
}

function explainEntry(t: TraceEntry, nameOf: (ref: string) => string): string[] {
  switch (t.step) {
    case 'rule':
      return [`依据：${t.title}（受益身份：${t.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}）——${t.reference}`];
    case 'contract': {
      const lines = [`合同 ${nameOf(t.contract)}（${ROLE_LABELS[t.role] ?? t.role}）：${BASE_LABELS[t.base_kind] ?? t.base_kind} ${fenText(t.base_fen)} 元${t.share ? `，本人份额 ${t.share}，计 ${fenText(t.part_fen!)} 元` : ''}`];
      for (const p of t.payments ?? []) {
        const why = p.why?.map((w) => PAYMENT_NOTE_LABELS[w] ?? w).join('；');
        lines.push(`  ${p.date} 到账 ${fenText(p.amount_fen)} 元，发票 ${fenText(p.invoice_fen)} 元，计入 ${fenText(p.counted_fen)} 元${why ? `（${why}）` : ''}`);
      }
      return lines;
    }
    case 'recognition':
      return [`${t.date} 获认定：${t.kind}（${t.level}${t.grade ? `，${t.grade}` : ''}）`];
    case 'parameter':
      return [`参数 ${t.name} = ${JSON.stringify(t.value)}（${t.effective} 起施行${t.source === 'case' ? '，本次设定' : ''}）——${t.reference}`];
    case 'computed':
      return [`计算：${t.formula}`];
    case 'band':
      return [
        t.band
          ? `按${t.measure === 'base' ? '计算基数' : '上年度登记额'} ${fenText(t.measure_fen)} 元所在区间，上限 ${yuan(t.band.cap_yuan)} 元`
          : `${t.measure === 'base' ? '计算基数' : '上年度登记额'} ${fenText(t.measure_fen)} 元未达到最低区间，不予奖补`,
      ];
    case 'cap':
      return [`按上限 ${yuan(t.cap_yuan)} 元封顶（计算值 ${yuan(t.before_yuan)} 元）`];
    case 'budget':
      return [`预算 ${yuan(t.budget_yuan)} 元不足（本规则合计 ${yuan(t.total_yuan)} 元），按比例核减：${yuan(t.before_yuan)} → ${yuan(t.after_yuan)} 元`];
    case 'award':
      return [`奖补金额：${yuan(t.yuan)} 元`];
  }
}
