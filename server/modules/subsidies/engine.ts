/**
 * The subsidy engine: steps 1–10 of SUBSIDY-CASES.md, pure (no database, no clock, no I/O).
 * Money is integer fen (BigInt), rates and shares exact rationals; awards are whole yuan.
 * Contracts and payments are put in a canonical order first, so the result does not depend on
 * the order a case lists them in.
 */
import type { IsoDate } from '../../../common/dates.js';
import type { Contract, ExclusionReason, Organization, Payment, Rule, SubsidyWorld } from './model.js';
import { RULES } from './model.js';
import type { ParameterEntry, ParameterName, PolicyParameters } from './policy.js';
import { ZERO, add, cmp, div, fenJson, floor, mul, rat, ratToDisplay, ratToString, type Rational } from './rational.js';

// ---------------------------------------------------------------- result and trace types

export interface PaymentTrace {
  date: IsoDate;
  amount_fen: number | string;
  invoice_fen: number | string;
  voucher: boolean;
  /** What this payment counts in the base year. */
  counted_fen: number | string;
  /** Why it counts less than its amount, or nothing. */
  why?: PaymentNote[];
}
export type PaymentNote =
  | 'no_voucher'
  | 'no_invoice'
  | 'invoice_below_amount'
  | 'contract_amount_reached'
  | 'before_base_year'
  | 'after_base_year';

export type TraceEntry =
  | {
      step: 'contract';
      contract: string;
      /** Payments in date order across all years (earlier years fill the contract amount first). */
      payments: PaymentTrace[];
      /** Step 2: sum of counted payments in the base year. */
      evidenced_fen: number | string;
      /** The base this contract gives: evidenced × tech_amount / amount (floored) when base = tech_amount. */
      base_fen: number | string;
      /** R3: this broker's part of the contract, share / sum of shares. */
      share?: string;
      /** R3: base_fen × share, exact (may be a fraction of a fen). */
      broker_base_fen?: string;
    }
  | { step: 'recognition'; kind: string; level: string; date: IsoDate }
  | {
      step: 'parameter';
      name: ParameterName;
      value: string | number | string[];
      effective: IsoDate;
      reference: string;
      source: 'policy' | 'case';
    }
  | { step: 'computed'; base_fen: string; rate_percent: string | number; yuan: number | string; formula: string }
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
    }
  | { step: 'award'; yuan: number | string };

export interface Award {
  to: string;
  rule: Rule;
  /** whole yuan */
  amount: number;
  trace: TraceEntry[];
}
export interface Exclusion {
  contract: string;
  rule: Rule;
  reason: ExclusionReason;
}
export interface SubsidyResult {
  year: number;
  policy: string;
  awards: Award[];
  excluded: Exclusion[];
}

// ---------------------------------------------------------------- step 1–2: evidenced turnover

export interface CountedContract {
  contract: string;
  payments: PaymentTrace[];
  evidenced: bigint;
  base: bigint;
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

function paymentOrder(a: Payment, b: Payment): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.amount !== b.amount) return a.amount < b.amount ? -1 : 1;
  if (a.invoice !== b.invoice) return a.invoice < b.invoice ? -1 : 1;
  return Number(a.voucher) - Number(b.voucher);
}

/** Steps 1 and 2 for one contract. */
export function countContract(c: Contract, baseYear: number, base: 'amount' | 'tech_amount'): CountedContract {
  const sorted = [...c.payments].sort(paymentOrder);
  let running = 0n;
  let evidenced = 0n;
  const payments: PaymentTrace[] = sorted.map((p) => {
    const why: PaymentNote[] = [];
    let counted: bigint;
    if (!p.voucher) (counted = 0n), why.push('no_voucher');
    else if (p.invoice <= 0n) (counted = 0n), why.push('no_invoice');
    else {
      counted = minBig(p.amount, p.invoice);
      if (p.invoice < p.amount) why.push('invoice_below_amount');
    }
    const room = c.amount - running;
    if (counted > room) {
      counted = room < 0n ? 0n : room;
      why.push('contract_amount_reached');
    }
    running += counted;
    const year = Number(p.date.slice(0, 4));
    let inBase = counted;
    if (year !== baseYear) {
      if (counted > 0n) why.push(year < baseYear ? 'before_base_year' : 'after_base_year');
      inBase = 0n;
    }
    evidenced += inBase;
    return {
      date: p.date,
      amount_fen: fenJson(p.amount),
      invoice_fen: fenJson(p.invoice),
      voucher: p.voucher,
      counted_fen: fenJson(inBase),
      ...(why.length ? { why } : {}),
    };
  });
  const baseFen = base === 'tech_amount' ? floor(rat(evidenced * c.techAmount, c.amount)) : evidenced;
  return { contract: c.ref, payments, evidenced, base: baseFen };
}

// ---------------------------------------------------------------- step 3: related parties

/** Holdings over the case's graph: X's holding of Z as the sum of path products (fractions of 1). */
export class Holdings {
  /** holder → [(held org, fraction)] */
  private readonly edges = new Map<string, { held: string; fraction: Rational }[]>();
  private readonly memo = new Map<string, Rational>();
  readonly parties: string[];

  constructor(organizations: Organization[], people: { ref: string }[]) {
    const parties = new Set<string>();
    for (const o of organizations) {
      parties.add(o.ref);
      for (const h of o.holders) {
        parties.add(h.holder);
        const list = this.edges.get(h.holder) ?? [];
        list.push({ held: o.ref, fraction: div(h.percent, rat(100n)) });
        this.edges.set(h.holder, list);
      }
    }
    for (const p of people) parties.add(p.ref);
    this.parties = [...parties].sort();
  }

  /** Sum over simple paths from `x` to `z` of the product of the fractions along the path. */
  of(x: string, z: string): Rational {
    const key = `${x}\u0000${z}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const visited = new Set<string>([x]);
    const walk = (node: string, product: Rational): Rational => {
      let sum = ZERO;
      for (const e of this.edges.get(node) ?? []) {
        if (visited.has(e.held)) continue;
        const p = mul(product, e.fraction);
        if (e.held === z) sum = add(sum, p);
        else {
          visited.add(e.held);
          sum = add(sum, walk(e.held, p));
          visited.delete(e.held);
        }
      }
      return sum;
    };
    const result = x === z ? ZERO : walk(x, rat(1n));
    this.memo.set(key, result);
    return result;
  }
}

/** Step 3: why two organizations are related, or null. `threshold` is a percent. */
export function relation(
  a: Organization,
  b: Organization,
  holdings: Holdings,
  threshold: Rational,
  declared: boolean,
): string | null {
  const t = div(threshold, rat(100n));
  const pct = (r: Rational) => `${ratToDisplay(mul(r, rat(100n)))}%`;
  const ab = holdings.of(a.ref, b.ref);
  if (cmp(ab, t) >= 0) return `${a.ref} 持有 ${b.ref} ${pct(ab)}`;
  const ba = holdings.of(b.ref, a.ref);
  if (cmp(ba, t) >= 0) return `${b.ref} 持有 ${a.ref} ${pct(ba)}`;
  for (const x of holdings.parties) {
    if (x === a.ref || x === b.ref) continue;
    const xa = holdings.of(x, a.ref);
    const xb = holdings.of(x, b.ref);
    if (cmp(xa, t) >= 0 && cmp(xb, t) >= 0) return `${x} 同时持有 ${a.ref} ${pct(xa)}、${b.ref} ${pct(xb)}`;
  }
  const rolesA = [a.legalRep, a.controller].filter((p): p is string => p !== undefined);
  const rolesB = [b.legalRep, b.controller].filter((p): p is string => p !== undefined);
  const shared = rolesA.filter((p) => rolesB.includes(p)).sort()[0];
  if (shared !== undefined) return `${shared} 同为双方的法定代表人或实际控制人`;
  if (declared) return '合同声明为关联方';
  return null;
}

// ---------------------------------------------------------------- steps 4–10

const R1_R3: Rule[] = ['enterprise_purchase', 'institution_transfer', 'broker'];
const INSTITUTION_KINDS = new Set(['university', 'research_institute', 'new_rd_institution']);

interface Eligible {
  contract: Contract;
  counted: CountedContract;
}

/** Steps 4–6 and 10 for one contract: per rule R1–R3 that fits its side, the first failing condition or eligibility. */
export function classifyContract(
  c: Contract,
  counted: CountedContract,
  orgs: Map<string, Organization>,
  params: PolicyParameters,
  holdings: Holdings,
): Partial<Record<Rule, ExclusionReason | 'eligible'>> {
  const seller = orgs.get(c.seller)!;
  const buyer = orgs.get(c.buyer)!;
  const district = params['jurisdiction.district'].value;
  const city = params['jurisdiction.city'].value;
  const inDistrict = (division: string) => division === district;
  const inCity = (division: string) => division.startsWith(city);
  const out: Partial<Record<Rule, ExclusionReason | 'eligible'>> = {};
  const first = (checks: [boolean, ExclusionReason][]): ExclusionReason | 'eligible' => checks.find(([fails]) => fails)?.[1] ?? 'eligible';

  if (buyer.kind === 'enterprise') {
    out.enterprise_purchase = first([
      [!c.registration, 'not_registered'],
      [!params['enterprise_purchase.types'].value.includes(c.type), 'type_not_eligible'],
      [!inDistrict(buyer.division), 'buyer_not_in_district'],
      [inCity(seller.division), 'seller_in_city'],
      [!inDistrict(c.implementedIn), 'not_implemented_in_district'],
      [relation(buyer, seller, holdings, params['related_party.threshold'].value, c.declaredRelated) !== null, 'related_party'],
      [counted.base === 0n, 'no_evidenced_turnover'],
    ]);
  }
  if (INSTITUTION_KINDS.has(seller.kind)) {
    out.institution_transfer = first([
      [!c.registration, 'not_registered'],
      [!params['institution_transfer.types'].value.includes(c.type), 'type_not_eligible'],
      [seller.kind === 'new_rd_institution' && !seller.filed, 'seller_not_eligible'],
      [!inCity(seller.division), 'seller_not_in_city'],
      [!inDistrict(c.implementedIn), 'not_implemented_in_district'],
      [c.funding.some((f) => f.level !== 'district'), 'already_funded'],
      [counted.base === 0n, 'no_evidenced_turnover'],
    ]);
  }
  if (c.brokers.length > 0) {
    out.broker = first([
      [!c.registration, 'not_registered'],
      [!(inDistrict(buyer.division) || inDistrict(seller.division) || inDistrict(c.implementedIn)), 'not_local'],
      [counted.base === 0n, 'no_evidenced_turnover'],
    ]);
  }
  return out;
}

function referenceText(p: ParameterEntry): string {
  return `${p.reference.document}${p.reference.clause}：${p.reference.text}`;
}

function parameterTrace(params: PolicyParameters, names: ParameterName[]): TraceEntry[] {
  return names.map((name) => {
    const p = params[name] as ParameterEntry;
    return { step: 'parameter', name, value: p.display, effective: p.effective, reference: referenceText(p), source: p.source };
  });
}

const RULE_PARAMETERS: Record<Rule, ParameterName[]> = {
  enterprise_purchase: ['base', 'jurisdiction.district', 'jurisdiction.city', 'enterprise_purchase.types', 'related_party.threshold', 'enterprise_purchase.rate', 'enterprise_purchase.cap'],
  institution_transfer: ['base', 'jurisdiction.district', 'jurisdiction.city', 'institution_transfer.types', 'institution_transfer.rate', 'institution_transfer.cap'],
  broker: ['base', 'jurisdiction.district', 'broker.rate', 'broker.cap'],
  demonstration_institution: ['jurisdiction.district', 'demonstration_institution.amount'],
};

interface Draft {
  to: string;
  rule: Rule;
  yuan: bigint;
  trace: TraceEntry[];
}

/** Step 8: min(cap, floor_to_yuan(base × rate / 100)), with its trace entries. */
function amountFor(base: Rational, rate: Rational, capFen: bigint): { yuan: bigint; trace: TraceEntry[] } {
  const fen = div(mul(base, rate), rat(100n));
  const computed = floor(div(fen, rat(100n)));
  const trace: TraceEntry[] = [
    {
      step: 'computed',
      base_fen: ratToString(base),
      rate_percent: ratToDisplay(rate),
      yuan: fenJson(computed),
      formula: `floor(${ratToString(base)} 分 × ${ratToString(rate)}% ÷ 100 分/元) = ${computed} 元`,
    },
  ];
  const capYuan = capFen / 100n;
  if (computed > capYuan) {
    trace.push({ step: 'cap', cap_yuan: fenJson(capYuan), before_yuan: fenJson(computed), after_yuan: fenJson(capYuan) });
    return { yuan: capYuan, trace };
  }
  return { yuan: computed, trace };
}

/** Step 9: scale a rule's awards to its budget by largest remainders (ties: smaller ref first). */
export function applyBudget(drafts: Draft[], budgetFen: bigint): void {
  const budget = budgetFen / 100n;
  const total = drafts.reduce((s, d) => s + d.yuan, 0n);
  if (total <= budget) return;
  const scaled = drafts.map((d) => ({ d, floored: (d.yuan * budget) / total, remainder: (d.yuan * budget) % total }));
  let leftover = budget - scaled.reduce((s, x) => s + x.floored, 0n);
  const order = [...scaled].sort((x, y) =>
    x.remainder !== y.remainder ? (x.remainder > y.remainder ? -1 : 1) : x.d.to < y.d.to ? -1 : x.d.to > y.d.to ? 1 : 0,
  );
  const extra = new Set<Draft>();
  for (const x of order) {
    if (leftover <= 0n) break;
    extra.add(x.d);
    leftover -= 1n;
  }
  for (const x of scaled) {
    const after = x.floored + (extra.has(x.d) ? 1n : 0n);
    x.d.trace.push({
      step: 'budget',
      budget_yuan: fenJson(budget),
      total_yuan: fenJson(total),
      before_yuan: fenJson(x.d.yuan),
      floored_yuan: fenJson(x.floored),
      remainder: `${x.remainder}/${total}`,
      leftover_yuan: extra.has(x.d) ? 1 : 0,
      after_yuan: fenJson(after),
    });
    x.d.yuan = after;
  }
}

const byRef = <T extends { ref: string }>(a: T, b: T) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** Computes every award and exclusion of a world for its application year. */
export function computeSubsidies(world: SubsidyWorld): SubsidyResult {
  const params = world.policy.parameters;
  const baseYear = world.year - 1;
  const orgs = new Map(world.organizations.map((o) => [o.ref, o]));
  const people = new Map(world.people.map((p) => [p.ref, p]));
  const holdings = new Holdings(world.organizations, world.people);
  const contracts = [...world.contracts].sort(byRef);

  const excluded: Exclusion[] = [];
  const eligible: Record<'enterprise_purchase' | 'institution_transfer' | 'broker', Eligible[]> = {
    enterprise_purchase: [],
    institution_transfer: [],
    broker: [],
  };
  for (const c of contracts) {
    const counted = countContract(c, baseYear, params.base.value);
    const verdicts = classifyContract(c, counted, orgs, params, holdings);
    for (const rule of R1_R3) {
      const v = verdicts[rule];
      if (v === undefined) continue;
      if (v === 'eligible') eligible[rule as keyof typeof eligible].push({ contract: c, counted });
      else excluded.push({ contract: c.ref, rule, reason: v });
    }
  }

  const drafts: Record<Rule, Draft[]> = { enterprise_purchase: [], institution_transfer: [], broker: [], demonstration_institution: [] };

  // R1 and R2: one base per beneficiary organization.
  for (const [rule, side] of [
    ['enterprise_purchase', 'buyer'],
    ['institution_transfer', 'seller'],
  ] as const) {
    const groups = new Map<string, Eligible[]>();
    for (const e of eligible[rule]) {
      const who = e.contract[side];
      groups.set(who, [...(groups.get(who) ?? []), e]);
    }
    for (const who of [...groups.keys()].sort()) {
      const list = groups.get(who)!;
      const base = list.reduce((s, e) => s + e.counted.base, 0n);
      const trace: TraceEntry[] = list.map((e) => ({
        step: 'contract',
        contract: e.contract.ref,
        payments: e.counted.payments,
        evidenced_fen: fenJson(e.counted.evidenced),
        base_fen: fenJson(e.counted.base),
      }));
      trace.push(...parameterTrace(params, RULE_PARAMETERS[rule]));
      const capName = `${rule}.cap` as const;
      const a = amountFor(rat(base), params[`${rule}.rate`].value, params[capName].value);
      drafts[rule].push({ to: who, rule, yuan: a.yuan, trace: [...trace, ...a.trace] });
    }
  }

  // R3: each broker's exact share of each contract.
  const brokerParts = new Map<string, { base: Rational; trace: TraceEntry[] }>();
  for (const e of eligible.broker) {
    const totalShares = e.contract.brokers.reduce((s, b) => add(s, b.share), ZERO);
    for (const b of [...e.contract.brokers].sort((x, y) => (x.person < y.person ? -1 : x.person > y.person ? 1 : 0))) {
      if (!people.get(b.person)?.broker) continue;
      const share = div(b.share, totalShares);
      const part = mul(rat(e.counted.base), share);
      const entry = brokerParts.get(b.person) ?? { base: ZERO, trace: [] };
      entry.base = add(entry.base, part);
      entry.trace.push({
        step: 'contract',
        contract: e.contract.ref,
        payments: e.counted.payments,
        evidenced_fen: fenJson(e.counted.evidenced),
        base_fen: fenJson(e.counted.base),
        share: ratToString(share),
        broker_base_fen: ratToString(part),
      });
      brokerParts.set(b.person, entry);
    }
  }
  for (const who of [...brokerParts.keys()].sort()) {
    const part = brokerParts.get(who)!;
    const a = amountFor(part.base, params['broker.rate'].value, params['broker.cap'].value);
    drafts.broker.push({ to: who, rule: 'broker', yuan: a.yuan, trace: [...part.trace, ...parameterTrace(params, RULE_PARAMETERS.broker), ...a.trace] });
  }

  // R4: newly recognised provincial demonstration institutions.
  const demoYuan = params['demonstration_institution.amount'].value / 100n;
  for (const o of [...world.organizations].sort(byRef)) {
    if (o.division !== params['jurisdiction.district'].value) continue;
    const provincial = o.recognitions.filter((r) => r.kind === 'tech_transfer_demo' && r.level === 'provincial').sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    const firstRecognition = provincial[0];
    if (!firstRecognition || Number(firstRecognition.date.slice(0, 4)) !== baseYear) continue;
    drafts.demonstration_institution.push({
      to: o.ref,
      rule: 'demonstration_institution',
      yuan: demoYuan,
      trace: [{ step: 'recognition', kind: firstRecognition.kind, level: firstRecognition.level, date: firstRecognition.date }, ...parameterTrace(params, RULE_PARAMETERS.demonstration_institution)],
    });
  }

  const awards: Award[] = [];
  for (const rule of RULES) {
    const list = drafts[rule].filter((d) => d.yuan > 0n);
    const budget = world.budgets[rule];
    if (budget !== undefined) applyBudget(list, budget);
    for (const d of list) {
      if (d.yuan === 0n) continue;
      d.trace.push({ step: 'award', yuan: fenJson(d.yuan) });
      awards.push({ to: d.to, rule, amount: Number(d.yuan), trace: d.trace });
    }
  }
  excluded.sort((a, b) => (a.contract !== b.contract ? (a.contract < b.contract ? -1 : 1) : RULES.indexOf(a.rule) - RULES.indexOf(b.rule)));
  return { year: world.year, policy: world.policy.id, awards, excluded };
}
