/**
 * 成果定价公示: an institution (or the operator for it) publicizes the price decision of its transfer
 * or licence contract before submitting it for registration, and may withdraw it (with a reason) while
 * the contract is still a draft, to publicize a corrected one. Audited on the contract, in words.
 */
import { addDays, chinaDate } from '../../../common/dates.js';
import type { ContractPricing, PricingObjection, PricingPublicity } from '../../../common/pricing-api.js';
import { PRICING_METHODS, type PricingMethod, type PricingObjectionStatus, type PublicityStatus } from '../../../common/pricing-vocabulary.js';
import { CONTRACT_TYPES } from '../../../common/vocabulary.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { loadContractFor } from '../contracts/contracts.js';
import { addWorkingDays } from '../contracts/deadlines.js';
import { BUILT_IN_CALENDAR, type WorkingCalendar } from '../contracts/holidays.js';
import { workingCalendar } from '../calendar/stored-calendar.js';
import { assertMayAttach } from '../contracts/evidence.js';
import { EDITABLE_STATUSES } from '../contracts/workflow.js';
import { underPrefix } from '../../db/under-prefix.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { outcomeOf, pricingBlocker, publicizingInstitutionOf } from './gate.js';
import { type ObjectionRow, type PublicityRow, activePublicityOf, assertVersion, findPublicity, objectionsOf, partiesOf, publicitiesOf, updateVersioned } from './repo.js';
import type { PublicityInput, WithdrawInput } from './schema.js';

/** The last day of a 公示 of `days` working days from `startsOn` (counted when it is a working day), as the subsidy 公示 counts. */
export function publicityEnd(startsOn: string, days: number, calendar: WorkingCalendar = BUILT_IN_CALENDAR): string {
  return addWorkingDays(addDays(startsOn, -1), days, calendar).due;
}

export function presentObjection(r: ObjectionRow, withContact: boolean): PricingObjection {
  return {
    id: r.id,
    publicityId: r.publicity_id,
    submitterName: r.submitter_name,
    contact: withContact ? r.contact : null,
    content: r.content,
    status: r.status as PricingObjectionStatus,
    answer: r.answer,
    answeredByName: r.answered_by_name,
    answeredAt: r.answered_at,
    version: r.version,
    createdAt: r.created_at,
  };
}

/** Rows as the API's 公示, with the contract's and parties' names, stage and outcome on `today`. */
export async function presentPublicities(db: Executor, rows: PublicityRow[], today: string): Promise<PricingPublicity[]> {
  const contractIds = [...new Set(rows.map((r) => r.contract_id))];
  const [contracts, parties, objections] = await Promise.all([
    contractIds.length ? db.selectFrom('contract').select(['id', 'name', 'type']).where('id', 'in', contractIds).execute() : [],
    partiesOf(db, contractIds),
    objectionsOf(db, rows.map((r) => r.id)),
  ]);
  const contractById = new Map(contracts.map((c) => [c.id, c]));
  return rows.map((r) => {
    const contract = contractById.get(r.contract_id)!;
    const mine = objections.filter((o) => o.publicity_id === r.id);
    return {
      id: r.id,
      contractId: r.contract_id,
      contractName: contract.name,
      contractType: contract.type,
      contractTypeLabel: CONTRACT_TYPES.label(contract.type),
      institutionName: parties.find((p) => p.id === r.institution_id)?.name ?? '',
      buyerNames: parties.filter((p) => p.contract_id === r.contract_id && p.side === 'buyer').map((p) => p.name),
      method: r.method as PricingMethod,
      methodLabel: PRICING_METHODS.label(r.method),
      priceFen: Number(r.price_fen),
      hasValuationReport: !!r.valuation_file_hash,
      valuationReportName: r.valuation_file_hash ? (r.valuation_file_name || '资产评估报告') : null,
      decisionBody: r.decision_body,
      decidedOn: r.decided_on,
      periodDays: r.period_days,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status as PublicityStatus,
      ...outcomeOf(r, mine, today),
      objectionCount: mine.length,
      openObjectionCount: mine.filter((o) => o.status === 'open').length,
      withdrawnReason: r.withdrawn_reason,
      createdByName: r.created_by_name,
      version: r.version,
      createdAt: r.created_at,
    };
  });
}

/** May the actor publicize for (and answer objections to) this institution's contract? */
export function actsForInstitution(actor: Actor, scope: 'jurisdiction' | 'own', publicity: { jurisdiction_code: string; institution_id: string }): boolean {
  return scope === 'jurisdiction' ? isWithinJurisdiction(actor.jurisdictionCode, publicity.jurisdiction_code) : actor.organizationIds.includes(publicity.institution_id);
}

function auditView(row: PublicityRow) {
  return {
    pricingMethod: row.method,
    priceFen: Number(row.price_fen),
    ...(row.valuation_file_hash ? { valuationFileHash: row.valuation_file_hash, valuationFileName: row.valuation_file_name } : {}),
    decisionBody: row.decision_body,
    decidedOn: row.decided_on,
    periodDays: row.period_days,
    publicizedOn: row.starts_on,
    noticeEndsOn: row.ends_on,
  };
}

/** Publicizes the price decision of an institution's transfer or licence contract. */
export async function createPublicity(ctx: Ctx, contractId: string, input: PublicityInput, opts: { isDemo?: boolean } = {}): Promise<PricingPublicity> {
  const scope = assertCan(ctx.actor, 'pricing.publicity.write');
  return inTransaction(ctx, async (trx) => {
    const contract = await loadContractFor(trx, ctx.actor, 'contracts.contract.read', contractId);
    const institution = await publicizingInstitutionOf(trx, contract);
    if (!institution) {
      throw new AppError('VALIDATION', '只有本辖区高校、科研院所作为转让方（许可方）的技术转让、技术许可合同需要成果定价公示', { field: 'contractId' });
    }
    if (!actsForInstitution(ctx.actor, scope, { jurisdiction_code: contract.jurisdiction_code, institution_id: institution.id })) {
      throw new AppError('FORBIDDEN', `只有${institution.name}或科技局运营人员可以发布该合同的成果定价公示`);
    }
    if (!(EDITABLE_STATUSES as readonly string[]).includes(contract.status)) {
      throw new AppError('CONFLICT', '合同已提交登记，不能再发布成果定价公示', { field: 'contractId' });
    }
    const live = await activePublicityOf(trx, contract.id);
    if (live) throw new AppError('CONFLICT', `该合同已有成果定价公示（${live.starts_on} 至 ${live.ends_on}），如需更正请先撤回`, { field: 'contractId' });
    const today = chinaDate(ctx.clock.now());
    if (input.decidedOn > today) throw new AppError('VALIDATION', '决策日期不能晚于今天', { field: 'decidedOn' });
    const startsOn = input.startsOn ?? today;
    if (startsOn < today) throw new AppError('VALIDATION', '公示开始日期不能早于今天', { field: 'startsOn' });
    if (startsOn < input.decidedOn) throw new AppError('VALIDATION', '公示开始日期不能早于决策日期', { field: 'startsOn' });
    // Only a report this account uploaded (issue 12, defect 5): a hash alone must not publish another's file.
    if (input.valuationFileHash) await assertMayAttach(trx, ctx.actor, 'valuationFileHash', input.valuationFileHash, '资产评估报告');
    if (!input.valuationFileHash && input.valuationFileName) throw new AppError('VALIDATION', '请先上传资产评估报告文件', { field: 'valuationFileHash' });
    const now = ctx.clock.now().toISOString();
    const row: PublicityRow = {
      id: newId(),
      jurisdiction_code: contract.jurisdiction_code,
      contract_id: contract.id,
      institution_id: institution.id,
      method: input.method,
      price_fen: input.priceFen,
      valuation_file_hash: input.valuationFileHash ?? null,
      valuation_file_name: input.valuationFileHash ? (input.valuationFileName || null) : null,
      decision_body: input.decisionBody,
      decided_on: input.decidedOn,
      period_days: input.periodDays,
      starts_on: startsOn,
      ends_on: publicityEnd(startsOn, input.periodDays, await workingCalendar(trx)),
      status: 'publicized',
      active_key: contract.id,
      withdrawn_reason: null,
      is_demo: opts.isDemo ? 1 : 0,
      created_by: ctx.actor.id,
      created_by_name: ctx.actor.name,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('pricing_publicity').values(row).execute();
    await audit(trx, ctx, { action: 'pricing.publicity.create', subjectType: 'contract', subjectId: contract.id, after: auditView(row) });
    return (await presentPublicities(trx, [row], today))[0]!;
  });
}

/** Withdraws a 公示 while its contract is not yet submitted; a corrected one may follow. */
export async function withdrawPublicity(ctx: Ctx, id: string, input: WithdrawInput): Promise<PricingPublicity> {
  const scope = assertCan(ctx.actor, 'pricing.publicity.write');
  return inTransaction(ctx, async (trx) => {
    const row = await findPublicity(trx, id);
    if (!row) throw new AppError('NOT_FOUND', '该成果定价公示不存在');
    if (!actsForInstitution(ctx.actor, scope, row)) throw new AppError('FORBIDDEN', '无权撤回该成果定价公示');
    if (row.status === 'withdrawn') throw new AppError('CONFLICT', '该成果定价公示已撤回', { field: 'status' });
    assertVersion(row, input.version, '该成果定价公示');
    const contract = (await trx.selectFrom('contract').select(['status']).where('id', '=', row.contract_id).executeTakeFirstOrThrow());
    if (!(EDITABLE_STATUSES as readonly string[]).includes(contract.status)) throw new AppError('CONFLICT', '合同已提交登记，成果定价公示不能撤回', { field: 'status' });
    await updateVersioned(trx, 'pricing_publicity', row, { status: 'withdrawn', active_key: null, withdrawn_reason: input.reason, updated_at: ctx.clock.now().toISOString() }, '该成果定价公示');
    await audit(trx, ctx, { action: 'pricing.publicity.withdraw', subjectType: 'contract', subjectId: row.contract_id, before: auditView(row), after: { withdrawnReason: input.reason } });
    return (await presentPublicities(trx, [(await findPublicity(trx, id))!], chinaDate(ctx.clock.now())))[0]!;
  });
}

/** The contract page's view: whether it needs a 公示, what still blocks submission, every 公示 with its objections. */
export async function contractPricing(ctx: Ctx, contractId: string): Promise<ContractPricing> {
  const contract = await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', contractId);
  const today = chinaDate(ctx.clock.now());
  const required = !!(await publicizingInstitutionOf(ctx.db, contract));
  const rows = await publicitiesOf(ctx.db, contract.id);
  const [presented, objections] = await Promise.all([presentPublicities(ctx.db, rows, today), objectionsOf(ctx.db, rows.map((r) => r.id))]);
  return {
    required,
    blocker: required && (EDITABLE_STATUSES as readonly string[]).includes(contract.status) ? await pricingBlocker(ctx.db, contract, today) : null,
    publicities: presented.map((p) => ({ ...p, objections: objections.filter((o) => o.publicity_id === p.id).map((o) => presentObjection(o, true)) })),
  };
}

// ——— the portal (no session) ———

/** The jurisdiction's 公示 on the portal, newest first (withdrawn ones are not shown). */
export async function listPublicPublicities(db: Executor, jurisdiction: string, today: string): Promise<PricingPublicity[]> {
  const rows = await db
    .selectFrom('pricing_publicity')
    .selectAll()
    .where('status', '=', 'publicized')
    .where('starts_on', '<=', today)
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(jurisdiction)))
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return presentPublicities(db, rows, today);
}

async function publicRow(db: Executor, jurisdiction: string, id: string, today: string): Promise<PublicityRow> {
  const row = await findPublicity(db, id);
  if (!row || row.status !== 'publicized' || row.starts_on > today || !isWithinJurisdiction(jurisdiction, row.jurisdiction_code)) throw new AppError('NOT_FOUND', '该成果定价公示不存在或未在公示');
  return row;
}

/** One 公示 on the portal, with the objections' answers (not who objected or their contact). */
export async function getPublicPublicity(db: Executor, jurisdiction: string, id: string, today: string) {
  const row = await publicRow(db, jurisdiction, id, today);
  const [publicity] = await presentPublicities(db, [row], today);
  const answered = (await objectionsOf(db, [row.id])).filter((o) => o.status === 'answered');
  return { ...publicity!, answers: answered.map((o) => ({ content: o.content, answer: o.answer!, answeredAt: o.answered_at! })) };
}

/** The valuation report of a 公示 shown on the portal. */
export async function readPublicValuationReport(db: Executor, jurisdiction: string, id: string, today: string) {
  const row = await publicRow(db, jurisdiction, id, today);
  if (!row.valuation_file_hash) throw new AppError('NOT_FOUND', '该公示没有资产评估报告');
  const file = await db.selectFrom('evidence_file').selectAll().where('hash', '=', row.valuation_file_hash).executeTakeFirstOrThrow();
  return { name: row.valuation_file_name || '资产评估报告', mime: file.mime, size: Number(file.size), content: file.content };
}
