/**
 * Steps 8–9 generalised: from a beneficiary's base to whole yuan — a rate, marginal tiers, a fixed
 * sum plus a rate on the excess over a threshold, a fixed sum plus an increment per whole step, a
 * flat or per-contract amount, an amount by recognition level or grade — then the cap (fixed or
 * banded by a measure), then the budget. Exact over BigInt rationals; every cut is traced.
 */
import type { ResolvedParameter, Tier, Band } from './parameters.js';
import type { AmountFormula, Cap } from './rules.js';
import { ZERO, add, cmp, div, fenJson as json, floor, mul, rat, ratToDisplay, ratToString, type Rational } from './rational.js';

export type FormulaTrace =
  | { step: 'computed'; formula: string; base_fen?: string; yuan: number | string; parts?: { from_fen: string; to_fen: string | null; rate_percent: string | number; fen: string }[] }
  | { step: 'band'; measure: string; measure_fen: string; band: { from_fen: string; to_fen: string | null; cap_yuan: number | string } | null }
  | { step: 'cap'; cap_yuan: number | string; before_yuan: number | string; after_yuan: number | string }
  | {
      step: 'budget';
      budget_yuan: number | string;
      total_yuan: number | string;
      before_yuan: number | string;
      floored_yuan: number | string;
      remainder: string;
      leftover_yuan: 0 | 1;
      after_yuan: number | string;
    };

export type Params = Map<string, ResolvedParameter>;

function value<T>(params: Params, ref: { param: string }): T {
  const p = params.get(ref.param);
  if (!p) throw new Error(`parameter ${ref.param} missing after validation`);
  return p.value as T;
}

const HUNDRED = rat(100n);
/** A rate's display, once per rate: the same parameter's rational is shown in every award of a rule. */
const displayed = new WeakMap<Rational, string | number>();
function pct(r: Rational): string | number {
  let d = displayed.get(r);
  if (d === undefined) displayed.set(r, (d = ratToDisplay(r)));
  return d;
}

/**
 * An amount whose trace is written when first read: a national year computes tens of thousands of
 * amounts, and their formula texts are only needed for the awards someone stores or reads.
 */
function traced(yuan: bigint, write: () => FormulaTrace): { yuan: bigint; trace: FormulaTrace } {
  let trace: FormulaTrace | undefined;
  return {
    yuan,
    get trace() {
      return (trace ??= write());
    },
  };
}
const fenToYuanFloor = (fen: Rational): bigint => floor(div(fen, HUNDRED));

/** What a beneficiary brings to its formula. */
export interface FormulaInput {
  /** Base in fen, exact. */
  base: Rational;
  /** Contracts counted (for per-contract amounts). */
  count: number;
  /** Recognition level / grade for by_level / by_grade. */
  level?: string;
  grade?: string;
}

/** The amount before the cap, in whole yuan (floored), with its trace. */
export function computeAmount(formula: AmountFormula, input: FormulaInput, params: Params): { yuan: bigint; trace: FormulaTrace } {
  const b = input.base;
  switch (formula.kind) {
    case 'rate': {
      const rate = value<Rational>(params, formula.rate);
      const yuan = fenToYuanFloor(div(mul(b, rate), HUNDRED));
      return traced(yuan, () => {
        const bText = ratToString(b);
        return { step: 'computed', base_fen: bText, yuan: json(yuan), formula: `floor(${bText} 分 × ${pct(rate)}% ÷ 100 分/元) = ${yuan} 元` };
      });
    }
    case 'tiers': {
      const bText = ratToString(b);
      const tiers = value<Tier[]>(params, formula.tiers);
      let lower = 0n;
      let total = ZERO;
      const parts: NonNullable<Extract<FormulaTrace, { step: 'computed' }>['parts']> = [];
      for (const t of tiers) {
        const upper = t.upTo;
        const top = upper === undefined || cmp(b, rat(upper)) < 0 ? b : rat(upper);
        if (cmp(top, rat(lower)) <= 0) break;
        const portion = add(top, rat(-lower));
        const fen = div(mul(portion, t.rate), HUNDRED);
        total = add(total, fen);
        parts.push({ from_fen: String(lower), to_fen: upper === undefined ? null : String(upper), rate_percent: pct(t.rate), fen: ratToString(fen) });
        if (upper === undefined) break;
        lower = upper;
      }
      const yuan = fenToYuanFloor(total);
      const text = parts.map((p) => `(${p.from_fen}–${p.to_fen ?? '∞'} 分段 × ${p.rate_percent}%)`).join(' + ');
      return { yuan, trace: { step: 'computed', base_fen: bText, yuan: json(yuan), parts, formula: `floor((${text || '0'}) ÷ 100 分/元) = ${yuan} 元` } };
    }
    case 'excess': {
      const bText = ratToString(b);
      const threshold = value<bigint>(params, formula.threshold);
      const fixed = value<bigint>(params, formula.fixed);
      const rate = value<Rational>(params, formula.rate);
      if (cmp(b, rat(threshold)) < 0)
        return { yuan: 0n, trace: { step: 'computed', base_fen: bText, yuan: 0, formula: `${bText} 分 < 起点 ${threshold} 分：0 元` } };
      const excess = add(b, rat(-threshold));
      const yuan = fenToYuanFloor(add(rat(fixed), div(mul(excess, rate), HUNDRED)));
      return {
        yuan,
        trace: { step: 'computed', base_fen: bText, yuan: json(yuan), formula: `floor((${fixed} 分 + (${bText} − ${threshold}) 分 × ${pct(rate)}%) ÷ 100 分/元) = ${yuan} 元` },
      };
    }
    case 'steps': {
      const bText = ratToString(b);
      const threshold = value<bigint>(params, formula.threshold);
      const fixed = value<bigint>(params, formula.fixed);
      const step = value<bigint>(params, formula.step);
      const perStep = value<bigint>(params, formula.perStep);
      if (cmp(b, rat(threshold)) < 0)
        return { yuan: 0n, trace: { step: 'computed', base_fen: bText, yuan: 0, formula: `${bText} 分 < 起点 ${threshold} 分：0 元` } };
      const steps = step > 0n ? floor(div(add(b, rat(-threshold)), rat(step))) : 0n;
      const yuan = (fixed + steps * perStep) / 100n;
      return {
        yuan,
        trace: { step: 'computed', base_fen: bText, yuan: json(yuan), formula: `(${fixed} 分 + floor((${bText} − ${threshold}) ÷ ${step}) = ${steps} 档 × ${perStep} 分) ÷ 100 分/元 = ${yuan} 元` },
      };
    }
    case 'fixed': {
      const amount = value<bigint>(params, formula.amount);
      return { yuan: amount / 100n, trace: { step: 'computed', yuan: json(amount / 100n), formula: `定额 ${amount / 100n} 元` } };
    }
    case 'per_contract': {
      const amount = value<bigint>(params, formula.amount);
      const yuan = (amount * BigInt(input.count)) / 100n;
      return { yuan, trace: { step: 'computed', yuan: json(yuan), formula: `${input.count} 份合同 × ${amount / 100n} 元 = ${yuan} 元` } };
    }
    case 'by_level':
    case 'by_grade': {
      const table = value<Record<string, bigint>>(params, formula.table);
      const key = formula.kind === 'by_level' ? input.level : input.grade;
      const amount = key !== undefined ? (table[key] ?? 0n) : 0n;
      return { yuan: amount / 100n, trace: { step: 'computed', yuan: json(amount / 100n), formula: `${formula.kind === 'by_level' ? '级别' : '等次'} ${key ?? '—'}：${amount / 100n} 元` } };
    }
  }
}

/** The cap in fen for this beneficiary, or undefined for none; `measure` is the band measure in fen. */
export function capFor(cap: Cap | undefined, measure: Rational, params: Params): { capFen?: bigint; trace?: FormulaTrace } {
  if (!cap) return {};
  if (cap.kind === 'fixed') return { capFen: value<bigint>(params, cap.cap) };
  const bands = value<Band[]>(params, cap.bands);
  const band = bands.find((x) => cmp(measure, rat(x.from)) >= 0 && (x.to === undefined || cmp(measure, rat(x.to)) < 0));
  return {
    capFen: band ? band.cap : 0n,
    trace: {
      step: 'band',
      measure: cap.measure,
      measure_fen: ratToString(measure),
      band: band ? { from_fen: String(band.from), to_fen: band.to === undefined ? null : String(band.to), cap_yuan: json(band.cap / 100n) } : null,
    },
  };
}

/** Step 8's min(cap, computed) in yuan, with a trace entry when the cap cut it. */
export function applyCap(yuan: bigint, capFen: bigint | undefined): { yuan: bigint; trace?: FormulaTrace } {
  if (capFen === undefined) return { yuan };
  const capYuan = capFen / 100n;
  if (yuan <= capYuan) return { yuan };
  return { yuan: capYuan, trace: { step: 'cap', cap_yuan: json(capYuan), before_yuan: json(yuan), after_yuan: json(capYuan) } };
}

export interface BudgetDraft {
  to: string;
  yuan: bigint;
  trace: FormulaTrace[] | unknown[];
}

/** Step 9: scale a rule's awards to its budget by largest remainders (ties: smaller ref first). */
export function applyBudget(drafts: BudgetDraft[], budgetFen: bigint): void {
  const budget = budgetFen / 100n;
  const total = drafts.reduce((s, d) => s + d.yuan, 0n);
  if (total <= budget) return;
  const scaled = drafts.map((d) => ({ d, floored: (d.yuan * budget) / total, remainder: (d.yuan * budget) % total }));
  let leftover = budget - scaled.reduce((s, x) => s + x.floored, 0n);
  const order = [...scaled].sort((x, y) =>
    x.remainder !== y.remainder ? (x.remainder > y.remainder ? -1 : 1) : x.d.to < y.d.to ? -1 : x.d.to > y.d.to ? 1 : 0,
  );
  const extra = new Set<BudgetDraft>();
  for (const x of order) {
    if (leftover <= 0n) break;
    extra.add(x.d);
    leftover -= 1n;
  }
  for (const x of scaled) {
    const after = x.floored + (extra.has(x.d) ? 1n : 0n);
    (x.d.trace as FormulaTrace[]).push({
      step: 'budget',
      budget_yuan: json(budget),
      total_yuan: json(total),
      before_yuan: json(x.d.yuan),
      floored_yuan: json(x.floored),
      remainder: `${x.remainder}/${total}`,
      leftover_yuan: extra.has(x.d) ? 1 : 0,
      after_yuan: json(after),
    });
    x.d.yuan = after;
  }
}
