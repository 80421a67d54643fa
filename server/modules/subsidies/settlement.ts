/**
 * Settlement (奖补结算): a whole year computed for a jurisdiction under a policy, from the database
 * — proactively over the whole registry (免申即享), or over one notice's applications — and stored
 * as an immutable run: the policy and its file hash, the year, budgets, overrides, the input hash,
 * every award with its trace, every exclusion, and the result hash. The same inputs give the same
 * result hash; a correction is a new run (the tables refuse UPDATE and DELETE).
 */
import { assertPolicyOfJurisdiction } from './policy-scope.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { reasonLabel } from '../../../common/subsidy-vocabulary.js';
import { creditRecordText } from '../../../common/credit-vocabulary.js';
import { chinaDate, isIsoDate } from '../../../common/dates.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { inTransaction, type Ctx, type Executor } from '../../context.js';
import { insertMany } from '../../db/bulk-insert.js';
import type { SettlementAwardTable, SettlementRunTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { computeSubsidies, type CreditBar, type SubsidyResult } from './engine.js';
import { SubsidyInputError } from './input-error.js';
import { loadSubsidyWorld, type LoadedWorld } from './load-world.js';
import type { Contract, SubsidyWorld } from './model.js';
import { parseParameterValue } from './parameters.js';
import { builtInPolicy, builtInPolicyIds, withOverrides, type Policy } from './policy.js';
import { cmp, ratToDisplay, type Rational } from './rational.js';
import { hashWorld } from './world-hash.js';
import { notifyUnclaimedAwards } from '../notifications/applicant-notices.js';

export interface SettlementInput {
  /** A built-in policy id. */
  policy: string;
  /** Application year; the base year is year − 1. */
  year: number;
  /** Yearly budget per rule, whole yuan. */
  budgets?: Record<string, number>;
  /** Parameter overrides for this run (e.g. the amount finance set this year), as written in a case. */
  overrides?: Record<string, unknown>;
  /** The decision date: credit records in force on it keep their holders from awards (default: today in Beijing). */
  decidedOn?: string;
  /** Only these contracts and beneficiaries (one notice's applications); absent: the whole registry. */
  applications?: { ref: string; contracts: string[]; beneficiaries: string[] };
}

export interface SettlementRun {
  id: string;
  jurisdictionCode: string;
  policyId: string;
  policyTitle: string;
  policyHash: string;
  year: number;
  scope: 'registry' | 'applications';
  scopeRef: string | null;
  budgets: Record<string, number>;
  overrides: Record<string, unknown>;
  inputHash: string;
  resultHash: string;
  contractCount: number;
  awardCount: number;
  awardTotalYuan: number;
  exclusionCount: number;
  createdBy: string | null;
  createdAt: string;
}

export interface SettledAward {
  seq: number;
  rule: string;
  beneficiaryRef: string;
  beneficiaryKind: 'organization' | 'person';
  beneficiaryName: string;
  amountYuan: number;
}

/** The policy with this run's overrides, each checked against the parameter's kind and maximum; budgets checked against its rules. */
export function settlementPolicy(input: Pick<SettlementInput, 'policy' | 'year' | 'budgets' | 'overrides'>): Policy {
  const base = builtInPolicy(input.policy);
  if (!base) throw new AppError('VALIDATION', `没有这项政策（可选：${builtInPolicyIds().map((p) => builtInPolicy(p)!.title).join('、')}）`, { field: 'policy' });
  const overrides = new Map<string, { value: unknown; display: unknown }>();
  for (const [name, raw] of Object.entries(input.overrides ?? {})) {
    const p = base.parameters.get(name);
    if (!p) throw new AppError('VALIDATION', `政策“${base.id}”没有参数“${name}”`, { field: `overrides.${name}` });
    const v = parseParameterValue(p.kind, raw);
    if (!v.ok) throw new AppError('VALIDATION', `参数“${name}”：${v.reason}`, { field: `overrides.${name}` });
    if (p.maximum && cmp(v.value as Rational, p.maximum) > 0)
      throw new AppError('VALIDATION', `参数“${name}”：${String(v.display)} 超过最高值 ${ratToDisplay(p.maximum)}`, { field: `overrides.${name}` });
    overrides.set(name, { value: v.value, display: v.display });
  }
  for (const rule of Object.keys(input.budgets ?? {})) {
    if (!base.rules.some((r) => r.id === rule)) throw new AppError('VALIDATION', `政策“${base.id}”没有规则“${rule}”`, { field: `budgets.${rule}` });
  }
  for (const [rule, yuan] of Object.entries(input.budgets ?? {})) {
    if (!Number.isSafeInteger(yuan) || yuan < 0) throw new AppError('VALIDATION', `预算应为非负整元：${yuan}`, { field: `budgets.${rule}` });
  }
  return withOverrides(base, overrides);
}

/** The world of one run: everything, or only the contracts and beneficiaries of a notice's applications. */
function worldFor(loaded: LoadedWorld, policy: Policy, input: SettlementInput): SubsidyWorld {
  const budgets = Object.fromEntries(Object.entries(input.budgets ?? {}).map(([rule, yuan]) => [rule, yuan * 100]));
  let contracts: Contract[] = loaded.contracts;
  if (input.applications) {
    const wanted = new Set(input.applications.contracts);
    contracts = contracts.filter((c) => wanted.has(c.ref));
  }
  return {
    year: input.year,
    policy,
    budgets,
    organizations: loaded.organizations,
    people: loaded.people,
    contracts,
    ...(input.decidedOn ? { decidedOn: input.decidedOn } : {}),
    ...(input.applications ? { beneficiaries: new Set(input.applications.beneficiaries) } : {}),
  };
}

/** Canonical JSON for hashing: object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  // Written out rather than map/filter/join: the result hash serializes every trace of a national year.
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${canonicalJson(value[i]) ?? ''}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(record).sort()) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** The result hash: every award with its trace, then every exclusion line, in the engine's order. */
export function hashResult(result: SubsidyResult, lines = exclusionLines(result)): string {
  const h = crypto.createHash('sha256');
  h.update(`year ${result.year} policy ${result.policy}\n`);
  for (const a of result.awards) h.update(`A\t${a.rule}\t${a.to}\t${a.amount}\t${canonicalJson(a.trace)}\n`);
  h.update(lines);
  return h.digest('hex');
}

const CHUNK = 10_000;

/** Computes a settlement from the database and stores it as a new immutable run, audited. `observe` hears each phase's milliseconds (the benchmark reports them). */
export async function runSettlement(ctx: Ctx, input: SettlementInput, observe?: (phase: string, ms: number) => void): Promise<SettlementRun> {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    observe?.(name, Math.round(now - mark));
    mark = now;
  };
  assertCan(ctx.actor, 'subsidies.settlement.run');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new AppError('VALIDATION', `申报年度无效：${input.year}`, { field: 'year' });
  const policy = settlementPolicy(input);
  assertPolicyOfJurisdiction(ctx.actor, policy, '结算');
  const policyHash = crypto.createHash('sha256').update(fs.readFileSync(policy.file)).digest('hex');
  const loaded = await loadSubsidyWorld({ db: ctx.db, ...(ctx.sqlite ? { sqlite: ctx.sqlite } : {}) }, input.year);
  if (input.decidedOn !== undefined && !isIsoDate(input.decidedOn)) throw new AppError('VALIDATION', `决定日期无效：${input.decidedOn}（应为 YYYY-MM-DD）`, { field: 'decidedOn' });
  const world = worldFor(loaded, policy, { ...input, decidedOn: input.decidedOn ?? chinaDate(ctx.clock.now()) });
  phase('load');
  let result: SubsidyResult;
  try {
    result = computeSubsidies(world);
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new AppError('VALIDATION', error.message, { field: 'year' });
    throw error;
  }
  phase('compute');
  const inputHash = hashWorld(world, policyHash, input.overrides ?? {});
  phase('inputHash');
  const exclusionLinesText = exclusionLines(result);
  const resultHash = hashResult(result, exclusionLinesText);
  const id = newId(ctx.clock.now().getTime());
  const personRefs = new Set(loaded.people.map((p) => p.ref));
  const awardRows: SettlementAwardTable[] = result.awards.map((a, i) => ({
    run_id: id,
    seq: i + 1,
    rule: a.rule,
    beneficiary_ref: a.to,
    beneficiary_kind: personRefs.has(a.to) ? 'person' : 'organization',
    beneficiary_name: loaded.names.get(a.to) ?? a.to,
    amount_yuan: a.amount,
    trace: JSON.stringify(a.trace),
  }));
  const total = result.awards.reduce((s, a) => s + a.amount, 0);
  const exclusionsDocument = zlib.gzipSync(exclusionLinesText, { level: 1 });
  phase('resultHashAndTraces');
  const exclusionCount = result.exclusionCount ?? result.excluded.length;
  const run: SettlementRunTable = {
    id,
    jurisdiction_code: ctx.actor.jurisdictionCode,
    policy_id: policy.id,
    policy_title: policy.title,
    policy_hash: policyHash,
    year: input.year,
    scope: input.applications ? 'applications' : 'registry',
    scope_ref: input.applications?.ref ?? null,
    budgets: JSON.stringify(input.budgets ?? {}),
    overrides: JSON.stringify(input.overrides ?? {}),
    input_hash: inputHash,
    result_hash: resultHash,
    contract_count: world.contracts.length,
    award_count: result.awards.length,
    award_total_yuan: total,
    exclusion_count: exclusionCount,
    created_by: ctx.actor.id,
    created_at: ctx.clock.now().toISOString(),
  };
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('settlement_run').values(run).execute();
    for (let i = 0; i < awardRows.length; i += CHUNK) await insertMany(trx, ctx.sqlite, 'settlement_award', awardRows.slice(i, i + CHUNK));
    await trx.insertInto('settlement_exclusions').values({ run_id: id, encoding: EXCLUSIONS_ENCODING, line_count: exclusionCount, content: exclusionsDocument }).execute();
    await audit(trx, ctx, {
      action: 'subsidies.settlement.run',
      subjectType: 'settlement_run',
      subjectId: id,
      after: { policy: policy.id, year: input.year, scope: run.scope, scopeRef: run.scope_ref, inputHash, resultHash, awards: run.award_count, totalYuan: total },
    });
    // 免申即享: a settlement over the whole registry tells each awarded unit that has not applied.
    if (!input.applications) {
      await notifyUnclaimedAwards(trx, ctx, { id, policyId: policy.id, policyTitle: policy.title, year: input.year, jurisdictionCode: ctx.actor.jurisdictionCode }, awardRows.map((a) => ({ beneficiaryRef: a.beneficiary_ref, beneficiaryKind: a.beneficiary_kind, amountYuan: a.amount_yuan })));
    }
  });
  phase('store');
  return present(run);
}

const EXCLUSIONS_ENCODING = 'gzip-tsv';

/** Every exclusion as a `contract\trule\treason\tbeneficiary` line, in the engine's order. */
function exclusionLines(result: SubsidyResult): string {
  let text = '';
  // A credit_record line carries the record as a fifth column (JSON: no tab or newline); other lines are as before.
  const credit = (c: CreditBar | undefined) => (c ? `\t${JSON.stringify(c)}` : '');
  if (result.eachExclusion) result.eachExclusion((contract, rule, reason, to, c) => (text += `${contract}\t${rule}\t${reason}\t${to ?? ''}${credit(c)}\n`));
  else for (const e of result.excluded) text += `${e.contract}\t${e.rule}\t${e.reason}\t${e.to ?? ''}${credit(e.credit)}\n`;
  return text;
}

export interface SettledExclusion {
  contract: string;
  rule: string;
  reason: string;
  /** 中文: what the reason means, as the policy defines it. */
  label: string;
  to?: string;
  /** Reason credit_record: the record (whose, kind, source, 文号, dates). */
  credit?: CreditBar;
}

/** A run's exclusions (the first `limit`), or one contract's: why it earned nothing under a rule, in Chinese too. */
export async function listExclusions(db: Executor, runId: string, contract?: string, limit = Infinity): Promise<SettledExclusion[]> {
  const run = await getRun(db, runId);
  const row = await db.selectFrom('settlement_exclusions').select(['encoding', 'content']).where('run_id', '=', runId).executeTakeFirst();
  if (!row) return [];
  if (row.encoding !== EXCLUSIONS_ENCODING) throw new Error(`settlement ${runId}: unknown exclusions encoding ${row.encoding}`);
  const policy = builtInPolicy(run.policyId);
  const text = zlib.gunzipSync(row.content).toString('utf8');
  const out: SettledExclusion[] = [];
  for (const line of text.split('\n')) {
    if (out.length >= limit) break;
    if (!line || (contract && !line.startsWith(`${contract}\t`))) continue;
    const [c, rule, reason, to, creditJson] = line.split('\t') as [string, string, string, string, string | undefined];
    const labels = policy?.rules.find((r) => r.id === rule)?.reasonLabels;
    const credit = creditJson ? (JSON.parse(creditJson) as CreditBar) : undefined;
    out.push({ contract: c, rule, reason, label: reasonLabel(reason, labels), ...(to ? { to } : {}), ...(credit ? { credit } : {}) });
  }
  // A credit record in words, with its holder's name: 「…：某公司列入失信被执行人（来源：…）」.
  const holders = [...new Set(out.flatMap((e) => (e.credit ? [e.credit.holder] : [])))];
  if (holders.length) {
    const names = new Map<string, string>();
    for (const table of ['organization', 'person'] as const) {
      for (const r of await db.selectFrom(table).select(['id', 'name']).where('id', 'in', holders).execute()) names.set(r.id, r.name);
    }
    for (const e of out) if (e.credit) e.label = `${e.label}：${names.get(e.credit.holder) ?? ''}列入${creditRecordText(e.credit)}`;
  }
  return out;
}

export function present(r: SettlementRunTable): SettlementRun {
  return {
    id: r.id,
    jurisdictionCode: r.jurisdiction_code,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    policyHash: r.policy_hash,
    year: r.year,
    scope: r.scope as SettlementRun['scope'],
    scopeRef: r.scope_ref,
    budgets: JSON.parse(r.budgets) as Record<string, number>,
    overrides: JSON.parse(r.overrides) as Record<string, unknown>,
    inputHash: r.input_hash,
    resultHash: r.result_hash,
    contractCount: Number(r.contract_count),
    awardCount: Number(r.award_count),
    awardTotalYuan: Number(r.award_total_yuan),
    exclusionCount: Number(r.exclusion_count),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function getRun(db: Executor, id: string): Promise<SettlementRun> {
  const r = await db.selectFrom('settlement_run').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '该结算批次不存在');
  return present(r);
}

export async function listRuns(db: Executor, jurisdictionPrefix: string): Promise<SettlementRun[]> {
  const rows = await db
    .selectFrom('settlement_run')
    .selectAll()
    .where('jurisdiction_code', 'like', `${jurisdictionPrefix}%`)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(present);
}

/** A run's awards, optionally one beneficiary's (an index on run and beneficiary makes that quick). */
export async function listAwards(db: Executor, runId: string, beneficiaryRef?: string): Promise<SettledAward[]> {
  let q = db.selectFrom('settlement_award').select(['seq', 'rule', 'beneficiary_ref', 'beneficiary_kind', 'beneficiary_name', 'amount_yuan']).where('run_id', '=', runId);
  if (beneficiaryRef) q = q.where('beneficiary_ref', '=', beneficiaryRef);
  return (await q.orderBy('seq').execute()).map(presentAward);
}

function presentAward(r: Omit<SettlementAwardTable, 'run_id' | 'trace'>): SettledAward {
  return {
    seq: Number(r.seq),
    rule: r.rule,
    beneficiaryRef: r.beneficiary_ref,
    beneficiaryKind: r.beneficiary_kind,
    beneficiaryName: r.beneficiary_name,
    amountYuan: Number(r.amount_yuan),
  };
}

/** One award with its full trace, and the names of the contracts it counts. */
export async function getAwardExplanation(db: Executor, runId: string, seq: number) {
  const r = await db.selectFrom('settlement_award').selectAll().where('run_id', '=', runId).where('seq', '=', seq).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `结算批次 ${runId} 没有第 ${seq} 笔奖补`);
  const trace = JSON.parse(r.trace) as { step: string; contract?: string }[];
  const contractIds = trace.flatMap((t) => (t.step === 'contract' && t.contract ? [t.contract] : []));
  const contracts = contractIds.length
    ? await db.selectFrom('contract').select(['id', 'name', 'registration_number']).where('id', 'in', contractIds).execute()
    : [];
  return {
    ...presentAward(r),
    trace,
    contracts: Object.fromEntries(contracts.map((c) => [c.id, { name: c.name, registrationNumber: c.registration_number }])),
  };
}

/**
 * A settlement computed and not stored: what the engine gives on today's evidence, for estimates
 * a unit reads (the workbench's 免申即享). The same policy, world and engine as a run; no run, no
 * audit (nothing changes).
 */
export async function previewSettlement(ctx: Pick<Ctx, 'db' | 'sqlite'>, input: SettlementInput): Promise<{ result: SubsidyResult; world: SubsidyWorld; policy: Policy; names: Map<string, string> }> {
  const policy = settlementPolicy(input);
  const loaded = await loadSubsidyWorld({ db: ctx.db, ...(ctx.sqlite ? { sqlite: ctx.sqlite } : {}) }, input.year);
  const world = worldFor(loaded, policy, input);
  try {
    return { result: computeSubsidies(world), world, policy, names: loaded.names };
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new AppError('VALIDATION', error.message, { field: 'year' });
    throw error;
  }
}
