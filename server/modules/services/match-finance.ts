/**
 * Matching financing needs ↔ products (plan (十五)), pure: each criterion — amount within the
 * product's range, term within its range, the product's required qualifications held and valid
 * on the day, a collateral the product accepts, and for 技术合同贷 a linked registered contract —
 * gives a reason in words, met or not. A product matches when every criterion is met; products rank
 * by matched first, then criteria met, then the lowest rate, then the highest ceiling, then name.
 */
import { COLLATERAL_KINDS, type MatchCriterion } from '../../../common/services-vocabulary.js';
import { QUALIFICATION_TYPES } from '../../../common/vocabulary.js';

export interface MatchReason {
  criterion: MatchCriterion;
  met: boolean;
  text: string;
}

export interface MatchNeed {
  amountFen: number;
  termMonths: number;
  collateralKinds: string[];
  /** The linked contract, if any: its registration status. */
  contract: { name: string; status: string } | null;
}

export interface MatchProduct {
  id: string;
  name: string;
  kind: string;
  minAmountFen: number;
  maxAmountFen: number;
  minRateBp: number;
  maxRateBp: number;
  minTermMonths: number;
  maxTermMonths: number;
  requiredQualifications: string[];
  collateralKinds: string[];
}

export interface ProductMatch<P extends MatchProduct = MatchProduct> {
  product: P;
  matched: boolean;
  /** How many criteria are met. */
  score: number;
  reasons: MatchReason[];
}

/** Fen as 万元 for reasons (1 万元 = 1,000,000 fen), at most two decimals. */
export function wan(fenAmount: number): string {
  const whole = Math.trunc(fenAmount / 1_000_000);
  const cents = Math.round((fenAmount % 1_000_000) / 10_000);
  return cents ? `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}万元` : `${whole}万元`;
}

export function matchNeedToProduct<P extends MatchProduct>(need: MatchNeed, product: P, validQualifications: ReadonlySet<string>): ProductMatch<P> {
  const reasons: MatchReason[] = [];
  const range = `${wan(product.minAmountFen)}–${wan(product.maxAmountFen)}`;
  const amountOk = need.amountFen >= product.minAmountFen && need.amountFen <= product.maxAmountFen;
  reasons.push({ criterion: 'amount', met: amountOk, text: `融资金额${wan(need.amountFen)}${amountOk ? '在' : '不在'}产品额度${range}内` });
  const termOk = need.termMonths >= product.minTermMonths && need.termMonths <= product.maxTermMonths;
  reasons.push({ criterion: 'term', met: termOk, text: `融资期限${need.termMonths}个月${termOk ? '在' : '不在'}产品期限${product.minTermMonths}–${product.maxTermMonths}个月内` });
  const missing = product.requiredQualifications.filter((q) => !validQualifications.has(q));
  const label = (qs: string[]) => qs.map((q) => QUALIFICATION_TYPES.label(q)).join('、');
  reasons.push({
    criterion: 'eligibility',
    met: missing.length === 0,
    text: product.requiredQualifications.length === 0 ? '产品无资质要求'
      : missing.length === 0 ? `具备有效的${label(product.requiredQualifications)}资质`
      : `缺少有效的${label(missing)}资质`,
  });
  const accepted = need.collateralKinds.filter((k) => product.collateralKinds.includes(k));
  const credit = product.collateralKinds.includes('credit');
  const collateralOk = accepted.length > 0 || credit;
  reasons.push({
    criterion: 'collateral',
    met: collateralOk,
    text: accepted.length ? `产品接受${accepted.map((k) => COLLATERAL_KINDS.label(k)).join('、')}`
      : credit ? '产品为信用贷款，无需抵押'
      : `产品不接受所提供的担保方式（${need.collateralKinds.map((k) => COLLATERAL_KINDS.label(k)).join('、')}）`,
  });
  if (product.kind === 'contract_loan') {
    const ok = need.contract?.status === 'registered';
    reasons.push({
      criterion: 'contract', met: ok,
      text: ok ? `已关联登记的技术合同“${need.contract!.name}”` : need.contract ? `关联的技术合同“${need.contract.name}”尚未登记` : '技术合同贷须关联已登记的技术合同',
    });
  }
  const score = reasons.filter((r) => r.met).length;
  return { product, matched: score === reasons.length, score, reasons };
}

/** Every product against the need, ranked. */
export function rankProducts<P extends MatchProduct>(need: MatchNeed, products: P[], validQualifications: ReadonlySet<string>): ProductMatch<P>[] {
  return products
    .map((p) => matchNeedToProduct(need, p, validQualifications))
    .sort((a, b) =>
      Number(b.matched) - Number(a.matched) || b.score - a.score || a.product.minRateBp - b.product.minRateBp ||
      b.product.maxAmountFen - a.product.maxAmountFen || a.product.name.localeCompare(b.product.name, 'zh-CN') || a.product.id.localeCompare(b.product.id));
}
