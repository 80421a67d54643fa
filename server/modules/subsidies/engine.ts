/**
 * The subsidy engine: a policy's rules applied to a world for one application year — pure (no
 * database, no clock, no I/O). For each contract and rule: does the rule apply to it (its side
 * fits), which condition fails first (the exclusion reason), else what base it gives to whom.
 * Then per beneficiary: the amount formula, the cap, the budget. Contracts and payments are put in
 * a canonical order first, so the result does not depend on the order they are listed in.
 */
import type { IsoDate } from '../../../common/dates.js';
import { contractBase, evidencedBeforeScaling, type CountingOptions, type PaymentTrace } from './counting.js';
import { applyBudget, applyCap, capFor, computeAmount, type FormulaTrace, type Params } from './formulas.js';
import { byRef, inRefOrder, type Contract, type CreditKind, type CreditRecord, type ExclusionReason, type KindTerm, type Organization, type Person, type Recognition, type Rule, type SubsidyWorld } from './model.js';
import { BASE_KINDS, type BaseKind } from './parameters.js';

const BASE_INDEX = Object.fromEntries(BASE_KINDS.map((k, i) => [k, i])) as Record<BaseKind, number>;
import { CREDIT_EXCLUDED_KINDS, parametersForYear } from './policy.js';
import { Holdings, relation } from './related-parties.js';
import type { Party, PolicyRule, Predicate, Role } from './rules.js';
import { ZERO, add, cmp, div, fenJson, mul, rat, ratToString, type Rational } from './rational.js';

// ---------------------------------------------------------------- result and trace types

export type TraceEntry =
  | { step: 'rule'; rule: string; title: string; roles: Role[]; reference: string }
  | {
      step: 'contract';
      contract: string;
      /** The beneficiary's role on this contract. */
      role: Role;
      base_kind: BaseKind;
      /** Payments in date order across all years (earlier years fill the contract amount first). */
      payments?: PaymentTrace[];
      /** Evidenced before the 技术交易额 scaling, when the base scales it. */
      evidenced_fen?: number;
      base_fen: number;
      /** A broker's part of the contract: share / sum of shares, and base × that, exact. */
      share?: string;
      part_fen?: string;
    }
  | { step: 'recognition'; kind: string; level: string; date: IsoDate; grade?: string }
  | { step: 'parameter'; name: string; value: unknown; effective: IsoDate; reference: string; source: 'policy' | 'case' }
  | FormulaTrace
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
  /** The beneficiary, for rules where a contract has several candidates (third parties). */
  to?: string;
  /** Reason `credit_record`: the record that keeps the beneficiary from the award. */
  credit?: CreditBar;
}

/** A credit record in force on the decision date, of a kind the policy excludes, and whose it is. */
export interface CreditBar extends CreditRecord {
  /** The ref of the organization or person holding it. */
  holder: string;
}

/** Walks exclusions: `credit` is set for reason `credit_record`. */
export type ExclusionVisitor = (contract: string, rule: string, reason: string, to: string | undefined, credit?: CreditBar) => void;

/** The reason a record in force of an excluded kind gives (SUBSIDY-CASES.md §11); checked before every condition. */
export const CREDIT_RECORD_REASON = 'credit_record';
export interface SubsidyResult {
  year: number;
  policy: string;
  awards: Award[];
  excluded: Exclusion[];
  /** How many exclusions, without making them into objects (not in the JSON). */
  readonly exclusionCount?: number;
  /** Walks the exclusions in order without making them into objects (not in the JSON). */
  readonly eachExclusion?: (visit: ExclusionVisitor) => void;
  /** The decision date whose credit records in force were applied (not in the JSON). */
  readonly decidedOn?: IsoDate;
  /** Everyone kept from awards by a credit record, in ref order (not in the JSON: brokers and organization rules write no exclusion row). */
  readonly creditWithheld?: readonly CreditBar[];
}

/** The decision date of a world: as set, else 30 June of the application year. */
export function decisionDate(world: Pick<SubsidyWorld, 'year' | 'decidedOn'>): IsoDate {
  return world.decidedOn ?? `${world.year}-06-30`;
}

/** Whether a record is in force on a date: `from ≤ date` and (no `to`, or `date ≤ to`). */
export function creditInForce(r: CreditRecord, on: IsoDate): boolean {
  return r.from <= on && (r.to === undefined || on <= r.to);
}

/**
 * Who is kept from awards, once per computation (the hot loop then asks a map, and only when some
 * holder is kept at all): each holder's first record in force of an excluded kind — earliest
 * start, then kind, then document, so the one named does not depend on the order they are listed.
 * Undefined when the policy excludes no kind or nobody has such a record.
 */
function creditBars_(world: SubsidyWorld, params: Params): Map<Organization | Person, CreditBar> | undefined {
  const p = params.get(CREDIT_EXCLUDED_KINDS);
  if (!p) return undefined;
  const kinds = new Set(p.value as CreditKind[]);
  if (kinds.size === 0) return undefined;
  const on = decisionDate(world);
  let bars: Map<Organization | Person, CreditBar> | undefined;
  const look = (holder: Organization | Person) => {
    const records = holder.credit;
    if (records === undefined || records.length === 0) return;
    let first: CreditRecord | undefined;
    for (const r of records) {
      if (!kinds.has(r.kind) || !creditInForce(r, on)) continue;
      if (!first || r.from < first.from || (r.from === first.from && (r.kind < first.kind || (r.kind === first.kind && (r.document ?? '') < (first.document ?? ''))))) first = r;
    }
    if (first) (bars ??= new Map()).set(holder, { holder: holder.ref, ...first });
  };
  for (const o of world.organizations) look(o);
  for (const person of world.people) look(person);
  return bars;
}

// ---------------------------------------------------------------- predicates

interface Env {
  c: Contract;
  seller: Organization;
  buyer: Organization;
  /** The beneficiary organization (buyer, seller, third party, registration office), if one. */
  beneficiary?: Organization;
  /** The contract's base under the rule's base kind, computed on first use. */
  base(): number;
}

/** The environment of the contract being looked at; reused for every contract, bases cached per kind. */
class ContractEnv implements Env {
  c!: Contract;
  seller!: Organization;
  buyer!: Organization;
  beneficiary?: Organization;
  kind: BaseKind = 'received';
  /** Bases of the current contract by kind (index in BASE_KINDS), valid where `known` has the kind's bit. */
  private readonly cache = new Float64Array(BASE_KINDS.length);
  /** Reset per contract: one store, where clearing the cache would be a call (most contracts never need a base). */
  private known = 0;

  constructor(private readonly counting: CountingOptions) {}

  reset(c: Contract): void {
    this.c = c;
    this.seller = c.seller;
    this.buyer = c.buyer;
    this.beneficiary = undefined;
    this.known = 0;
  }

  base(): number {
    const k = BASE_INDEX[this.kind];
    const bit = 1 << k;
    if (this.known & bit) return this.cache[k]!;
    const v = contractBase(this.c, this.kind, this.counting);
    this.cache[k] = v;
    this.known |= bit;
    return v;
  }
}

interface WorldView {
  baseYear: number;
  params: Params;
  holdings: Holdings;
}

function matchesKind(o: Organization, kinds: Set<KindTerm>): boolean {
  return kinds.has(o.kind) || (o.kind === 'new_rd_institution' && o.filed && kinds.has('filed_new_rd_institution'));
}

function divisionOf(e: Env, party: Party): string | undefined {
  switch (party) {
    case 'seller':
      return e.seller.division;
    case 'buyer':
      return e.buyer.division;
    case 'implementation':
      return e.c.implementedIn;
    case 'beneficiary':
      return e.beneficiary?.division;
  }
}

function orgOf(e: Env, party: 'seller' | 'buyer' | 'beneficiary'): Organization | undefined {
  return party === 'seller' ? e.seller : party === 'buyer' ? e.buyer : e.beneficiary;
}

// Predicates run per contract in the hot loop: plain loops, no closure made per call (a national
// year would make millions for the garbage collector).
function recognizedBy(o: Organization, kind: string, levels: Set<string> | undefined, until: IsoDate): boolean {
  for (const r of o.recognitions) if (r.kind === kind && (!levels || levels.has(r.level)) && r.date <= until) return true;
  return false;
}

/** Compiles a predicate once per computation into a closure over the world. */
function compilePredicate(p: Predicate, w: WorldView): (e: Env) => boolean {
  const param = <T>(name: string) => w.params.get(name)!.value as T;
  const area = (name: string) => param<string>(`jurisdiction.${name}`);
  switch (p.test) {
    case 'registered':
      return (e) => e.c.registration !== undefined;
    case 'registered_within': {
      const from = w.baseYear + p.from;
      const to = w.baseYear + p.to;
      // ISO dates compare as text: no year parsed per contract.
      const first = `${from}-01-01`;
      const last = `${to}-12-31`;
      return (e) => {
        const date = e.c.registration?.date;
        return date !== undefined && date >= first && date <= last;
      };
    }
    case 'type': {
      const types = new Set(Array.isArray(p.types) ? p.types : param<string[]>(p.types.param));
      return (e) => types.has(e.c.type);
    }
    case 'license_term_at_least': {
      const years = 'param' in p.years ? param<Rational>(p.years.param) : p.years;
      return (e) => e.c.type !== 'license' || (e.c.licenseTerm !== undefined && cmp(e.c.licenseTerm, years) >= 0);
    }
    case 'kind': {
      const kinds = new Set(p.kinds);
      return (e) => {
        const o = orgOf(e, p.party);
        return o !== undefined && matchesKind(o, kinds);
      };
    }
    case 'in': {
      const prefix = area(p.area);
      return (e) => {
        const d = divisionOf(e, p.party);
        const inside = d !== undefined && d.startsWith(prefix);
        return p.negate ? !inside : inside;
      };
    }
    case 'any_in': {
      const prefix = area(p.area);
      const parties = p.parties;
      return (e) => {
        for (const party of parties) if (divisionOf(e, party)?.startsWith(prefix)) return true;
        return false;
      };
    }
    case 'not_related': {
      const threshold = param<Rational>('related_party.threshold');
      return (e) => relation(e.buyer, e.seller, w.holdings, threshold, e.c.declaredRelated) === null;
    }
    case 'no_funding': {
      const levels = new Set<string>(p.levels);
      return (e) => {
        for (const f of e.c.funding) if (levels.has(f.level)) return false;
        return true;
      };
    }
    case 'not_fiscal_funds':
      return (e) => !e.c.fiscalFunds;
    case 'amount_at_least': {
      const fen = Number(param<bigint>(p.amount.param));
      return (e) => e.c.amount >= fen;
    }
    case 'between': {
      const a = new Set(p.kinds[0]);
      const b = new Set(p.kinds[1]);
      return (e) => (matchesKind(e.seller, a) && matchesKind(e.buyer, b)) || (matchesKind(e.buyer, a) && matchesKind(e.seller, b));
    }
    case 'recognized': {
      const levels = p.levels ? new Set(p.levels) : undefined;
      const until = `${w.baseYear}-12-31` as IsoDate;
      return (e) => {
        const o = orgOf(e, p.party);
        return o !== undefined && recognizedBy(o, p.kind, levels, until);
      };
    }
    case 'base_positive':
      return (e) => e.base() > 0;
  }
}

interface CompiledRole {
  role: Role;
  applies: ((e: Env) => boolean)[];
  /** `reason`: the index of the exclusion reason in the computation's reason table. */
  conditions: { test: (e: Env) => boolean; reason: number }[];
}

interface CompiledRule {
  rule: PolicyRule;
  base?: BaseKind;
  roles: CompiledRole[];
}

function compileRule(rule: PolicyRule, w: WorldView, reasons: ExclusionLog): CompiledRule {
  const base = rule.base === undefined ? undefined : typeof rule.base === 'string' ? rule.base : (w.params.get(rule.base.param)!.value as BaseKind);
  const roles = rule.roles.map((role) => ({
    role,
    applies: rule.appliesWhen.filter((a) => !a.role || a.role === role).map((a) => compilePredicate(a.predicate, w)),
    conditions: rule.conditions.filter((c) => !c.role || c.role === role).map((c) => ({ test: compilePredicate(c.predicate, w), reason: reasons.reasonIndex(c.reason) })),
  }));
  return { rule, ...(base ? { base } : {}), roles };
}

// ---------------------------------------------------------------- parameters a rule uses

function parametersUsed(rule: PolicyRule, params: Params): string[] {
  const names = new Set<string>();
  const add_ = (r: unknown) => {
    if (r && typeof r === 'object' && 'param' in r) names.add((r as { param: string }).param);
  };
  if (rule.base && typeof rule.base !== 'string') add_(rule.base);
  for (const c of [...rule.appliesWhen, ...rule.conditions]) {
    const p = c.predicate;
    if (p.test === 'in' || p.test === 'any_in') names.add(`jurisdiction.${p.area}`);
    if (p.test === 'not_related') names.add('related_party.threshold');
    if (p.test === 'type' && !Array.isArray(p.types)) add_(p.types);
    if (p.test === 'amount_at_least') add_(p.amount);
    if (p.test === 'license_term_at_least') add_(p.years);
  }
  for (const v of Object.values(rule.amount)) add_(v);
  if (rule.cap) add_(rule.cap.kind === 'fixed' ? rule.cap.cap : rule.cap.bands);
  return [...names].filter((n) => params.has(n));
}

function parameterTrace(params: Params, names: string[]): TraceEntry[] {
  return names.map((name) => {
    const p = params.get(name)!;
    return {
      step: 'parameter',
      name,
      value: p.display,
      effective: p.effective,
      reference: `${p.reference.document}${p.reference.clause}：${p.reference.text}`,
      source: p.source,
    };
  });
}

// ---------------------------------------------------------------- the computation

/** One beneficiary's running total under one rule. */
interface Accumulator {
  to: string;
  /** Sum of whole-fen bases. */
  fen: number;
  /** Broker parts that are fractions of a fen. */
  fraction: Rational;
  count: number;
  contracts: { c: Contract; role: Role; base: number; share?: Rational }[];
  /** The band measure, fen. */
  measure: number;
}


const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Trace entries, some deferred: the per-contract entries (with every payment) are built only when read. */
type TracePart = TraceEntry | (() => TraceEntry[]);

interface Draft {
  to: string;
  yuan: bigint;
  trace: TracePart[];
}

/** An award whose trace is materialized on first read (JSON.stringify reads it like any property). */
function makeAward(to: string, rule: string, amount: number, parts: TracePart[]): Award {
  let trace: TraceEntry[] | undefined;
  return {
    to,
    rule,
    amount,
    get trace(): TraceEntry[] {
      trace ??= parts.flatMap((p) => (typeof p === 'function' ? p() : [p]));
      return trace;
    },
  };
}

/** Computes every award and exclusion of a world for its application year. */
export function computeSubsidies(world: SubsidyWorld): SubsidyResult {
  const policy = world.policy;
  const params = parametersForYear(policy, world.year);
  const baseYear = world.year - 1;
  const view: WorldView = { baseYear, params, holdings: new Holdings(world.organizations) };
  const counting: CountingOptions = { baseYear, invoiceMustNameContract: policy.evidence.invoiceMustNameContract };
  const excluded = new ExclusionLog();
  const compiled = policy.rules.map((r) => compileRule(r, view, excluded));
  const creditBars = creditBars_(world, params);
  const creditReason = excluded.reasonIndex(CREDIT_RECORD_REASON);
  // Contracts are looked at in ref order. Inputs nearly always come sorted (the loader sorts), so
  // the order is checked as the loop goes — each contract is read once, not once to check and once
  // to compute — and only an unsorted input is sorted and looked at again.
  const freshState = (): LoopState => {
    excluded.clear();
    return { excluded, contractIndex: 0, warmth: 0, accumulators: compiled.map(() => new Map<string, Accumulator>()), baseYearText: String(baseYear), creditBars, creditReason };
  };
  let contracts: readonly Contract[] = world.contracts;
  let state = freshState();
  if (!considerContracts(contracts, compiled, state, new ContractEnv(counting))) {
    contracts = [...contracts].sort(byRef);
    state = freshState();
    considerContracts(contracts, compiled, state, new ContractEnv(counting));
  }
  const { accumulators } = state;

  const awards: Award[] = [];
  compiled.forEach((cr, ri) => {
    const drafts: Draft[] = cr.rule.roles.includes('organization')
      ? recognitionDrafts(cr, world.organizations, view, creditBars)
      : contractDrafts(cr, [...accumulators[ri]!.values()], view, counting);
    const list = drafts.filter((d) => d.yuan > 0n && (!world.beneficiaries || world.beneficiaries.has(d.to)));
    const budget = world.budgets[cr.rule.id];
    if (budget !== undefined) applyBudget(list, BigInt(budget));
    for (const d of list) {
      if (d.yuan === 0n) continue;
      d.trace.push({ step: 'award', yuan: fenJson(d.yuan) });
      awards.push(makeAward(d.to, cr.rule.id, Number(d.yuan), d.trace));
    }
  });
  // Exclusions come out in a canonical order already: contract ref, rule, role, beneficiary ref.
  // Kept compact (a national year has over a million) and made into objects only when read.
  const ruleIds = policy.rules.map((r) => r.id);
  let excludedList: Exclusion[] | undefined;
  const result = {
    year: world.year,
    policy: policy.id,
    awards,
    get excluded(): Exclusion[] {
      if (!excludedList) {
        const list: Exclusion[] = [];
        excluded.each(contracts, ruleIds, (contract, rule, reason, to, credit) =>
          list.push({ contract, rule, reason, ...(to !== undefined ? { to } : {}), ...(credit ? { credit } : {}) }),
        );
        excludedList = list;
      }
      return excludedList;
    },
  };
  // Not part of the JSON: a way to walk the exclusions without making a million objects.
  Object.defineProperty(result, 'exclusionCount', { value: excluded.length, enumerable: false });
  Object.defineProperty(result, 'eachExclusion', {
    enumerable: false,
    value: (visit: ExclusionVisitor) => excluded.each(contracts, ruleIds, visit),
  });
  Object.defineProperty(result, 'decidedOn', { value: decisionDate(world), enumerable: false });
  Object.defineProperty(result, 'creditWithheld', { value: creditBars ? [...creditBars.values()].sort((a, b) => byString(a.holder, b.holder)) : [], enumerable: false });
  return result as SubsidyResult;
}

/**
 * Exclusions as parallel typed arrays — contract index, rule index, reason index — so a million of
 * them are three growing buffers the garbage collector never walks; the beneficiary is kept only
 * where a contract has several (third parties).
 */
class ExclusionLog {
  length = 0;
  private contracts = new Int32Array(1024);
  private rules = new Uint16Array(1024);
  private reasons = new Uint16Array(1024);
  private readonly to = new Map<number, string>();
  /** The credit record of a `credit_record` exclusion, by position (few: most worlds have none). */
  private readonly credit = new Map<number, CreditBar>();
  private readonly reasonTable: string[] = [];

  /** The index of a reason in this log's table (at compile time, not in the loop). */
  reasonIndex(reason: string): number {
    const i = this.reasonTable.indexOf(reason);
    return i >= 0 ? i : this.reasonTable.push(reason) - 1;
  }

  /** Forgets every exclusion (the reason table stays: compiled rules hold its indexes). */
  clear(): void {
    this.length = 0;
    this.to.clear();
    this.credit.clear();
  }

  add(contract: number, rule: number, reason: number, to?: string, credit?: CreditBar): void {
    const i = this.length;
    if (i === this.contracts.length) this.grow();
    this.contracts[i] = contract;
    this.rules[i] = rule;
    this.reasons[i] = reason;
    if (to !== undefined) this.to.set(i, to);
    if (credit !== undefined) this.credit.set(i, credit);
    this.length = i + 1;
  }

  each(contracts: readonly Contract[], ruleIds: readonly string[], visit: ExclusionVisitor): void {
    const credit = this.credit.size ? this.credit : undefined;
    for (let i = 0; i < this.length; i++) visit(contracts[this.contracts[i]!]!.ref, ruleIds[this.rules[i]!]!, this.reasonTable[this.reasons[i]!]!, this.to.get(i), credit?.get(i));
  }

  /** Doubles the buffers (a typed array cannot grow in place). */
  private grow(): void {
    const n = this.contracts.length * 2;
    const contracts = new Int32Array(n);
    const rules = new Uint16Array(n);
    const reasons = new Uint16Array(n);
    contracts.set(this.contracts);
    rules.set(this.rules);
    reasons.set(this.reasons);
    this.contracts = contracts;
    this.rules = rules;
    this.reasons = reasons;
  }
}

/**
 * The hot loop (a million contracts in a national settlement): no closures or objects made per
 * contract — one reusable environment, plain loops; an exclusion is three numbers. Returns false,
 * having stopped, at the first contract out of ref order.
 *
 * Contracts are looked at in blocks: a tight loop first reads what every contract of the block
 * will need (its ref, registration, payments, its parties' kinds and divisions), so the memory
 * reads of many contracts are in flight at once and the rules then find them in the cache. One
 * contract at a time, each of those reads waits for memory in turn: on a national year, whose
 * objects spread over a gigabyte, that waiting was most of the loop.
 */
function considerContracts(contracts: readonly Contract[], compiled: CompiledRule[], state: LoopState, env: ContractEnv): boolean {
  let previous = '';
  for (let block = 0; block < contracts.length; block += WARM_BLOCK) {
    const end = Math.min(contracts.length, block + WARM_BLOCK);
    state.warmth += warm(contracts, block, end);
    for (let ci = block; ci < end; ci++) {
      const c = contracts[ci]!;
      if (c.ref < previous) return false;
      previous = c.ref;
      state.contractIndex = ci;
      considerContract(c, compiled, state, env);
    }
  }
  return true;
}

const WARM_BLOCK = 256;

/** Reads the block's contracts and parties; the sum is kept (in the state) only so the reads are not optimized away. */
function warm(contracts: readonly Contract[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const c = contracts[i]!;
    sum += c.ref.length + c.seller.kind.length + c.seller.division.length + c.buyer.kind.length + c.buyer.division.length + c.payments.length + (c.registration ? 1 : 0);
  }
  return sum;
}

/** One contract under every rule. */
function considerContract(c: Contract, compiled: CompiledRule[], state: LoopState, env: ContractEnv): void {
  env.reset(c);
  for (let ri = 0; ri < compiled.length; ri++) {
    const cr = compiled[ri]!;
    if (!cr.base) continue;
    env.kind = cr.base;
    for (const role of cr.roles) {
      switch (role.role) {
        case 'buyer':
          consider(state, ri, cr, role, env, env.buyer, false);
          break;
        case 'seller':
          consider(state, ri, cr, role, env, env.seller, false);
          break;
        case 'broker':
          if (c.brokers.length) consider(state, ri, cr, role, env, undefined, false);
          break;
        case 'third_party':
          for (const t of c.thirdParties.length > 1 ? [...c.thirdParties].sort((x, y) => byString(x.org.ref, y.org.ref)) : c.thirdParties)
            consider(state, ri, cr, role, env, t.org, true);
          break;
        case 'registration_office':
          if (c.registration?.office) consider(state, ri, cr, role, env, c.registration.office, false);
          break;
        case 'organization':
          break;
      }
    }
  }
}

interface LoopState {
  excluded: ExclusionLog;
  /** The index of the contract being looked at, in canonical order. */
  contractIndex: number;
  /** What the warming reads summed to (unused: it keeps them from being optimized away). */
  warmth: number;
  accumulators: Map<string, Accumulator>[];
  baseYearText: string;
  /** Holders kept from awards by a credit record; undefined when nobody is (the usual case: one check per contract). */
  creditBars: Map<Organization | Person, CreditBar> | undefined;
  /** The index of `credit_record` in the reason table. */
  creditReason: number;
}

function accumulator(state: LoopState, ri: number, to: string): Accumulator {
  const map = state.accumulators[ri]!;
  let a = map.get(to);
  if (!a) map.set(to, (a = { to, fen: 0, fraction: ZERO, count: 0, contracts: [], measure: 0 }));
  return a;
}

/**
 * One contract, one rule, one role, one beneficiary (none yet for brokers): the band measure,
 * then applicability, then the first failing condition (an exclusion) or the base to add.
 * `listTo`: the exclusion names the beneficiary (a contract may have several third parties).
 */
function consider(state: LoopState, ri: number, cr: CompiledRule, role: CompiledRole, env: ContractEnv, who: Organization | undefined, listTo: boolean): void {
  const c = env.c;
  env.beneficiary = who;
  const cap = cr.rule.cap;
  if (cap?.kind === 'bands' && cap.measure !== 'base' && who && c.registration?.date.startsWith(state.baseYearText)) {
    accumulator(state, ri, who.ref).measure += cap.measure === 'registered_amount' ? c.amount : c.techAmount;
  }
  for (const applies of role.applies) if (!applies(env)) return;
  // A credit record comes before every condition (§11); a broker's is looked at per person below.
  const bars = state.creditBars;
  if (bars !== undefined && who !== undefined) {
    const bar = bars.get(who);
    if (bar !== undefined) {
      state.excluded.add(state.contractIndex, ri, state.creditReason, listTo ? who.ref : undefined, bar);
      return;
    }
  }
  for (const k of role.conditions) {
    if (!k.test(env)) {
      state.excluded.add(state.contractIndex, ri, k.reason, listTo ? who!.ref : undefined);
      return;
    }
  }
  const base = env.base();
  if (role.role === 'broker') distributeToBrokers(state, ri, c, base, state.creditBars);
  else {
    const a = accumulator(state, ri, who!.ref);
    a.fen += base;
    a.count += 1;
    a.contracts.push({ c, role: role.role, base });
  }
}

/** Step 6: each broker's exact part; a named person who is not a broker gets nothing, and it is not passed on. */
function distributeToBrokers(state: LoopState, ri: number, c: Contract, base: number, bars: Map<Organization | Person, CreditBar> | undefined): void {
  if (c.brokers.length === 1) {
    const only = c.brokers[0]!;
    if (!only.person.broker || bars?.has(only.person)) return;
    const a = accumulator(state, ri, only.person.ref);
    a.fen += base;
    a.count += 1;
    a.contracts.push({ c, role: 'broker', base, share: ONE });
    return;
  }
  let total = ZERO;
  for (const b of c.brokers) total = add(total, b.share);
  for (const b of [...c.brokers].sort((x, y) => byString(x.person.ref, y.person.ref))) {
    // A broker kept by a credit record gets nothing, and the part is not passed on (§11).
    if (!b.person.broker || bars?.has(b.person)) continue;
    const share = div(b.share, total);
    const part = mul(rat(BigInt(base)), share);
    const a = accumulator(state, ri, b.person.ref);
    if (part.den === 1n) a.fen += Number(part.num);
    else a.fraction = add(a.fraction, part);
    a.count += 1;
    a.contracts.push({ c, role: 'broker', base, share });
  }
}

const ONE = rat(1n);

function ruleTrace(rule: PolicyRule, roles: Role[]): TraceEntry {
  return { step: 'rule', rule: rule.id, title: rule.title, roles, reference: `${rule.reference.document}${rule.reference.clause}：${rule.reference.text}` };
}

function contractDrafts(cr: CompiledRule, accs: Accumulator[], w: WorldView, counting: CountingOptions): Draft[] {
  // The rule's and its parameters' entries are the same in every award of the rule: made once and
  // shared (frozen), not once per beneficiary — a national year has tens of thousands of awards.
  const parameters = parameterTrace(w.params, parametersUsed(cr.rule, w.params)).map((t) => Object.freeze(t));
  const ruleEntries = new Map<string, TraceEntry>();
  const drafts: Draft[] = [];
  for (const a of accs.sort((x, y) => byString(x.to, y.to))) {
    if (a.count === 0) continue;
    const base = add(rat(BigInt(a.fen)), a.fraction);
    const roles = [...new Set(a.contracts.map((x) => x.role))];
    const rolesKey = roles.join();
    let ruleEntry = ruleEntries.get(rolesKey);
    if (!ruleEntry) ruleEntries.set(rolesKey, (ruleEntry = Object.freeze(ruleTrace(cr.rule, roles))));
    const trace: TracePart[] = [ruleEntry, () => contractEntries(a, cr.base!, counting), ...parameters];
    const computed = computeAmount(cr.rule.amount, { base, count: a.count }, w.params);
    trace.push(() => [computed.trace]);
    const cap = capFor(cr.rule.cap, cr.rule.cap?.kind === 'bands' && cr.rule.cap.measure === 'base' ? base : rat(BigInt(a.measure)), w.params);
    if (cap.trace) trace.push(cap.trace);
    const capped = applyCap(computed.yuan, cap.capFen);
    if (capped.trace) trace.push(capped.trace);
    drafts.push({ to: a.to, yuan: capped.yuan, trace });
  }
  return drafts;
}

/** The per-contract trace entries of one beneficiary: each payment, what it counted, the base. */
function contractEntries(a: Accumulator, kind: BaseKind, counting: CountingOptions): TraceEntry[] {
  return a.contracts.map(({ c, role, base: b, share }) => {
    const payments: PaymentTrace[] = [];
    const counted = kind.startsWith('received') ? contractBase(c, kind, counting, payments) : b;
    const evidenced = evidencedBeforeScaling(c, kind, counting);
    return {
      step: 'contract',
      contract: c.ref,
      role,
      base_kind: kind,
      ...(payments.length ? { payments } : {}),
      ...(evidenced !== undefined ? { evidenced_fen: evidenced } : {}),
      base_fen: counted,
      ...(share && c.brokers.length > 1 ? { share: ratToString(share), part_fen: ratToString(mul(rat(BigInt(b)), share)) } : {}),
    };
  });
}

/** Organization rules: one award per organization with a matching recognition dated in the base year. */
function recognitionDrafts(cr: CompiledRule, organizations: Organization[], w: WorldView, bars: Map<Organization | Person, CreditBar> | undefined): Draft[] {
  const match = cr.rule.recognition!;
  const role = cr.roles[0]!;
  const used = parametersUsed(cr.rule, w.params);
  const yearText = String(w.baseYear);
  const drafts: Draft[] = [];
  for (const o of inRefOrder(organizations)) {
    if (o.recognitions.length === 0 || bars?.has(o)) continue;
    const candidates = o.recognitions
      .filter((r) => r.kind === match.kind && (!match.levels || match.levels.includes(r.level)) && (!match.grades || (r.grade !== undefined && match.grades.includes(r.grade))))
      .sort((x, y) => byString(x.date, y.date));
    const inYear = candidates.filter(
      (r) => r.date.startsWith(yearText) && (!match.firstAtLevel || !candidates.some((e) => e.level === r.level && e.date < r.date)),
    );
    if (inYear.length === 0) continue;
    const env: Env = { c: undefined as unknown as Contract, seller: o, buyer: o, beneficiary: o, base: () => 0 };
    if (!role.applies.every((t) => t(env)) || !role.conditions.every((k) => k.test(env))) continue;
    // Several matching recognitions in one year (national and provincial, say): the largest amount wins.
    let best: { r: Recognition; computed: ReturnType<typeof computeAmount> } | undefined;
    for (const r of inYear) {
      const computed = computeAmount(cr.rule.amount, { base: ZERO, count: 1, level: r.level, ...(r.grade ? { grade: r.grade } : {}) }, w.params);
      if (!best || computed.yuan > best.computed.yuan) best = { r, computed };
    }
    const { r, computed } = best!;
    const trace: TraceEntry[] = [
      ruleTrace(cr.rule, ['organization']),
      { step: 'recognition', kind: r.kind, level: r.level, date: r.date, ...(r.grade ? { grade: r.grade } : {}) },
      ...parameterTrace(w.params, used),
      computed.trace,
    ];
    const cap = capFor(cr.rule.cap, ZERO, w.params);
    const capped = applyCap(computed.yuan, cap.capFen);
    if (capped.trace) trace.push(capped.trace);
    drafts.push({ to: o.ref, yuan: capped.yuan, trace });
  }
  return drafts;
}
