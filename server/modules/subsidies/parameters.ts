/**
 * Policy parameters: named, typed values with effective dates and legal references. A policy file
 * declares each parameter's kind; a value history (`values:`) lets a rate or cap change on a date
 * without a new policy. The value used for application year Y is the one in force on the last day
 * of the base year Y − 1 — the period being rewarded.
 */
import { isIsoDate, type IsoDate } from '../../../common/dates.js';
import { CONTRACT_TYPES, CREDIT_KINDS, type ContractType, type CreditKind } from './model.js';
import { cmp, parseDecimal, parseYuanToFen, rat, ratToDisplay, type Rational } from './rational.js';

export const PARAMETER_KINDS = ['division', 'prefix', 'percent', 'yuan', 'types', 'base', 'tiers', 'bands', 'table', 'number', 'credit_kinds'] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

/**
 * What a rule's rate applies to, per contract. `amount` and `tech_amount` are the names the first
 * policy used for `received` and `received_tech`, and stay accepted.
 */
export const BASE_KINDS = ['received', 'received_tech', 'received_within_tech', 'registered_amount', 'registered_tech_amount'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
const BASE_ALIASES: Record<string, BaseKind> = { amount: 'received', tech_amount: 'received_tech' };

/** A marginal tier: the part of the base up to `upTo` fen (the rest when absent) at `rate` percent. */
export interface Tier {
  upTo?: bigint;
  rate: Rational;
}
/** A band of a measure [from, to) fen with the cap that applies inside it. */
export interface Band {
  from: bigint;
  to?: bigint;
  cap: bigint;
}

export interface KindValues {
  division: string;
  prefix: string;
  percent: Rational;
  /** integer fen */
  yuan: bigint;
  types: ContractType[];
  base: BaseKind;
  tiers: Tier[];
  bands: Band[];
  /** key → fen, e.g. recognition level → one-off amount */
  table: Record<string, bigint>;
  number: Rational;
  /** Kinds of credit records that keep their holder from awards. */
  credit_kinds: CreditKind[];
}
export type ParameterValue = KindValues[ParameterKind];

export interface LegalReference {
  document: string;
  clause: string;
  text: string;
}

/** One value in a parameter's history. */
export interface ParameterVersion {
  value: ParameterValue;
  /** The value as written, for traces and summaries. */
  display: unknown;
  effective: IsoDate;
  reference: LegalReference;
}

export interface PolicyParameter {
  name: string;
  kind: ParameterKind;
  /** "最高": a case or a year's setting may lower a percent, never raise it above this. */
  maximum?: Rational;
  /** Oldest first. */
  versions: ParameterVersion[];
  /** A case's (or a settlement's) override; wins over every version. */
  override?: { value: ParameterValue; display: unknown };
}

/** The value a rule uses, with where it came from. */
export interface ResolvedParameter {
  name: string;
  kind: ParameterKind;
  value: ParameterValue;
  display: unknown;
  effective: IsoDate;
  reference: LegalReference;
  source: 'policy' | 'case';
}

type Parsed<T> = { ok: true; value: T; display: unknown } | { ok: false; reason: string };

function percent(raw: unknown): { ok: true; value: Rational } | { ok: false; reason: string } {
  const r = parseDecimal(raw, 6);
  if (!r.ok) return r;
  if (cmp(r.value, rat(0n)) < 0 || cmp(r.value, rat(100n)) > 0) return { ok: false, reason: '百分比应在 0 到 100 之间' };
  return r;
}

function yuan(raw: unknown): { ok: true; value: bigint } | { ok: false; reason: string } {
  const r = parseYuanToFen(raw);
  if (!r.ok) return r;
  if (r.value < 0n) return { ok: false, reason: '金额不能为负' };
  return r;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseTiers(raw: unknown): Parsed<Tier[]> {
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, reason: '应为分段列表，如 [{ up_to: 100000, rate: 1 }, { rate: 0.5 }]' };
  const tiers: Tier[] = [];
  for (const [i, t] of raw.entries()) {
    if (!isRecord(t) || Object.keys(t).some((k) => k !== 'up_to' && k !== 'rate')) return { ok: false, reason: `第${i + 1}段应只有 up_to 和 rate` };
    const r = percent(t.rate);
    if (!r.ok) return { ok: false, reason: `第${i + 1}段 rate：${r.reason}` };
    const last = i === raw.length - 1;
    if (t.up_to === undefined) {
      if (!last) return { ok: false, reason: `只有最后一段可以不写 up_to（第${i + 1}段）` };
      tiers.push({ rate: r.value });
      continue;
    }
    const u = yuan(t.up_to);
    if (!u.ok) return { ok: false, reason: `第${i + 1}段 up_to：${u.reason}` };
    const prev = tiers.at(-1)?.upTo ?? 0n;
    if (u.value <= prev) return { ok: false, reason: `分段上限应逐段递增（第${i + 1}段）` };
    tiers.push({ upTo: u.value, rate: r.value });
  }
  return { ok: true, value: tiers, display: raw };
}

function parseBands(raw: unknown): Parsed<Band[]> {
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, reason: '应为区间列表，如 [{ from: 5000000, to: 50000000, cap: 100000 }]' };
  const bands: Band[] = [];
  for (const [i, b] of raw.entries()) {
    if (!isRecord(b) || Object.keys(b).some((k) => !['from', 'to', 'cap'].includes(k))) return { ok: false, reason: `第${i + 1}个区间应只有 from、to 和 cap` };
    const from = yuan(b.from);
    if (!from.ok) return { ok: false, reason: `第${i + 1}个区间 from：${from.reason}` };
    const cap = yuan(b.cap);
    if (!cap.ok) return { ok: false, reason: `第${i + 1}个区间 cap：${cap.reason}` };
    let to: bigint | undefined;
    if (b.to !== undefined) {
      const t = yuan(b.to);
      if (!t.ok) return { ok: false, reason: `第${i + 1}个区间 to：${t.reason}` };
      if (t.value <= from.value) return { ok: false, reason: `第${i + 1}个区间 to 应大于 from` };
      to = t.value;
    } else if (i !== raw.length - 1) return { ok: false, reason: `只有最后一个区间可以不写 to（第${i + 1}个）` };
    const prev = bands.at(-1);
    if (prev && (prev.to === undefined || from.value < prev.to)) return { ok: false, reason: `区间应按顺序且不重叠（第${i + 1}个）` };
    bands.push({ from: from.value, ...(to !== undefined ? { to } : {}), cap: cap.value });
  }
  return { ok: true, value: bands, display: raw };
}

/** Parses one value of a kind; a Chinese reason when it does not fit. */
export function parseParameterValue(kind: ParameterKind, raw: unknown): Parsed<ParameterValue> {
  const text = typeof raw === 'number' ? String(raw) : raw;
  switch (kind) {
    case 'division':
      if (typeof text !== 'string' || !/^\d{6}$/.test(text)) return { ok: false, reason: '应为6位行政区划代码' };
      return { ok: true, value: text, display: text };
    case 'prefix':
      if (typeof text !== 'string' || !/^\d{2,6}$/.test(text)) return { ok: false, reason: '应为2–6位行政区划代码前缀' };
      return { ok: true, value: text, display: text };
    case 'base': {
      const b = typeof raw === 'string' ? (BASE_ALIASES[raw] ?? raw) : raw;
      if (!BASE_KINDS.includes(b as BaseKind)) return { ok: false, reason: `应为 ${[...BASE_KINDS, ...Object.keys(BASE_ALIASES)].join(' | ')}` };
      return { ok: true, value: b as BaseKind, display: raw };
    }
    case 'percent': {
      const r = percent(raw);
      return r.ok ? { ok: true, value: r.value, display: ratToDisplay(r.value) } : r;
    }
    case 'number': {
      const r = parseDecimal(raw, 6);
      if (!r.ok) return r;
      if (cmp(r.value, rat(0n)) < 0) return { ok: false, reason: '不能为负' };
      return { ok: true, value: r.value, display: ratToDisplay(r.value) };
    }
    case 'yuan': {
      const r = yuan(raw);
      return r.ok ? { ok: true, value: r.value, display: raw } : r;
    }
    case 'types': {
      if (!Array.isArray(raw) || raw.length === 0) return { ok: false, reason: `应为合同类型列表（${CONTRACT_TYPES.join(' | ')}）` };
      for (const t of raw) {
        if (!CONTRACT_TYPES.includes(t as ContractType)) return { ok: false, reason: `未知合同类型“${String(t)}”（${CONTRACT_TYPES.join(' | ')}）` };
      }
      const types = [...new Set(raw as ContractType[])];
      return { ok: true, value: types, display: types };
    }
    case 'credit_kinds': {
      // An empty list is allowed: a policy may exclude no kind at all.
      if (!Array.isArray(raw)) return { ok: false, reason: `应为信用记录类型列表（${CREDIT_KINDS.join(' | ')}）` };
      for (const k of raw) {
        if (!CREDIT_KINDS.includes(k as CreditKind)) return { ok: false, reason: `未知信用记录类型“${String(k)}”（${CREDIT_KINDS.join(' | ')}）` };
      }
      const kinds = [...new Set(raw as CreditKind[])];
      return { ok: true, value: kinds, display: kinds };
    }
    case 'tiers':
      return parseTiers(raw);
    case 'bands':
      return parseBands(raw);
    case 'table': {
      if (!isRecord(raw) || Object.keys(raw).length === 0) return { ok: false, reason: '应为“键: 金额”的对照表，如 { national: 150000, provincial: 70000 }' };
      const table: Record<string, bigint> = {};
      for (const [k, v] of Object.entries(raw)) {
        const y = yuan(v);
        if (!y.ok) return { ok: false, reason: `${k}：${y.reason}` };
        table[k] = y.value;
      }
      return { ok: true, value: table, display: raw };
    }
  }
}

/** The value in force on `asOf`, or undefined when the first version starts later. */
export function resolveParameter(p: PolicyParameter, asOf: IsoDate): ResolvedParameter | undefined {
  let chosen: ParameterVersion | undefined;
  for (const v of p.versions) if (v.effective <= asOf) chosen = v;
  if (!chosen) return undefined;
  if (p.override) return { name: p.name, kind: p.kind, ...chosen, value: p.override.value, display: p.override.display, source: 'case' };
  return { name: p.name, kind: p.kind, ...chosen, source: 'policy' };
}

export const isDate = isIsoDate;
