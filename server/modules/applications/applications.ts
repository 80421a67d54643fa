/**
 * Applications (申报): the applicant drafts one for its organization (or, as a broker, for a person
 * of its organization) while the notice's window is open — its registered contracts pre-filled —
 * picks the contracts to claim, attaches evidence, declares related parties and other public
 * funding, signs the commitment (承诺书) and submits. Operators review it twice (初审, then 复核 by
 * another operator). Every change is audited in its own transaction; `version` guards each step.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Application, ApplicationDetail, AwardView, ClaimableContract, OtherFunding, RelatedParty } from '../../../common/application-api.js';
import { APPLICATION_STATUSES, COMMITMENT_TEXT, REVIEW_DECISIONS, type ApplicationStatus, type ReviewDecision } from '../../../common/application-vocabulary.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertMayAttach } from '../contracts/evidence.js';
import { presentPayment } from '../contracts/payments.js';
import { childrenOf, invoicesOf, namesOf, paymentsOf } from '../contracts/repo.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { builtInPolicy } from '../subsidies/policy.js';
import { awardLines } from './award-lines.js';
import { loadNoticeFor, ruleTitleOf } from './notices.js';
import {
  type ApplicationRow,
  appendStep,
  assertVersion,
  awardsOf,
  beneficiaryNames,
  claimableContractIds,
  claimsOf,
  evidenceOf,
  findApplication,
  findNotice,
  replaceClaims,
  replaceEvidence,
  stepsOf,
  updateVersioned,
} from './repo.js';
import type { ApplicationInput, ApplicationPatch, ApplicationQuery, ReviewInput, SubmitInput } from './schema.js';
import { EDITABLE_STATUSES, nextStatuses, transitionAction, TRANSITIONS, WITH_AWARDS } from './workflow.js';
import { notifyApplication } from '../notifications/applicant-notices.js';

const review = (id: string | null, name: string | null, at: string | null) => (name && at ? { reviewerId: id, reviewerName: name, at } : null);

export async function presentApplications(db: Executor, rows: ApplicationRow[]): Promise<Application[]> {
  const noticeIds = [...new Set(rows.map((r) => r.notice_id))];
  const [notices, claims, names] = await Promise.all([
    noticeIds.length ? db.selectFrom('subsidy_notice').select(['id', 'title', 'year']).where('id', 'in', noticeIds).execute() : [],
    claimsOf(db, rows.map((r) => r.id)),
    beneficiaryNames(db, [
      ...rows.map((r) => ({ kind: r.beneficiary_kind, ref: r.beneficiary_ref })),
      ...rows.map((r) => ({ kind: 'organization', ref: r.organization_id })),
    ]),
  ]);
  const noticeById = new Map(notices.map((n) => [n.id, n]));
  return rows.map((r) => {
    const status = r.status as ApplicationStatus;
    return {
      id: r.id,
      number: r.number,
      noticeId: r.notice_id,
      noticeTitle: noticeById.get(r.notice_id)?.title ?? '',
      year: noticeById.get(r.notice_id)?.year ?? 0,
      organizationId: r.organization_id,
      organizationName: names.get(r.organization_id)?.name ?? '',
      beneficiaryKind: r.beneficiary_kind,
      beneficiaryRef: r.beneficiary_ref,
      beneficiaryName: names.get(r.beneficiary_ref)?.name ?? '',
      status,
      contractIds: claims.get(r.id) ?? [],
      relatedParties: JSON.parse(r.related_parties) as RelatedParty[],
      relatedPartiesNote: r.related_parties_note,
      otherFunding: JSON.parse(r.other_funding) as OtherFunding[],
      otherFundingNote: r.other_funding_note,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      payeeBank: r.payee_bank,
      payeeAccount: r.payee_account,
      commitment: r.commitment_signer && r.commitment_signed_at ? { text: r.commitment_text ?? COMMITMENT_TEXT, signer: r.commitment_signer, signedAt: r.commitment_signed_at } : null,
      firstSubmittedAt: r.first_submitted_at,
      submittedAt: r.submitted_at,
      returnReason: r.return_reason,
      rejectionReason: r.rejection_reason,
      firstReview: review(r.first_reviewer_id, r.first_reviewer_name, r.first_reviewed_at),
      secondReview: review(r.second_reviewer_id, r.second_reviewer_name, r.second_reviewed_at),
      awardYuan: r.award_yuan === null ? null : Number(r.award_yuan),
      nextStatuses: nextStatuses(status),
      isDemo: r.is_demo === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

async function contractsFor(db: Executor, ids: string[], claimed: Set<string>): Promise<ClaimableContract[]> {
  if (!ids.length) return [];
  const [rows, children, payments] = await Promise.all([
    db.selectFrom('contract').selectAll().where('id', 'in', ids).execute(),
    childrenOf(db, ids),
    paymentsOf(db, ids),
  ]);
  const invoices = await invoicesOf(db, payments.map((p) => p.id));
  const orgIds: string[] = [];
  const personIds: string[] = [];
  for (const c of children.values()) {
    for (const p of c.parties) if (p.organization_id) orgIds.push(p.organization_id);
    for (const b of c.brokers) personIds.push(b.person_id);
  }
  const names = await namesOf(db, orgIds, personIds);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const c = children.get(id)!;
    const party = (side: string) =>
      c.parties.filter((p) => p.side === side).map((p) => (p.organization_id ? names.organizations.get(p.organization_id)?.name ?? '' : p.person_name ?? ''));
    return [{
      id,
      name: r.name,
      type: r.type,
      registrationNumber: r.registration_number,
      registeredOn: r.registered_on,
      signedOn: r.signed_on,
      amountFen: Number(r.amount_fen),
      techAmountFen: Number(r.tech_amount_fen),
      sellers: party('seller'),
      buyers: party('buyer'),
      brokers: c.brokers.map((b) => names.people.get(b.person_id)?.name ?? ''),
      status: r.status,
      claimed: claimed.has(id),
      payments: payments.filter((p) => p.contract_id === id).map((p) => presentPayment(p, invoices.filter((i) => i.payment_id === p.id))),
    }];
  });
}

export async function detailOf(db: Executor, row: ApplicationRow): Promise<ApplicationDetail> {
  const [app] = await presentApplications(db, [row]);
  const editable = EDITABLE_STATUSES.includes(app!.status);
  const candidates = editable ? await claimableContractIds(db, { kind: row.beneficiary_kind, ref: row.beneficiary_ref }) : [];
  const ids = [...new Set([...app!.contractIds, ...candidates])];
  const [contracts, evidence, steps, awards, disbursement] = await Promise.all([
    contractsFor(db, ids, new Set(app!.contractIds)),
    evidenceOf(db, row.id),
    stepsOf(db, row.id),
    WITH_AWARDS.includes(app!.status) ? awardLinesOf(db, row) : Promise.resolve([]),
    db.selectFrom('subsidy_disbursement').selectAll().where('application_id', '=', row.id).executeTakeFirst(),
  ]);
  return {
    ...app!,
    contracts,
    evidence: evidence.map((e) => ({ hash: e.hash, label: e.label, size: Number(e.size), mime: e.mime })),
    steps: steps.map((s) => ({ seq: Number(s.seq), from: s.from_status, to: s.to_status, at: s.at, actorName: s.actor_name, reason: s.reason })),
    awards,
    disbursement: disbursement
      ? { amountFen: Number(disbursement.amount_fen), paidOn: disbursement.paid_on, bankReference: disbursement.bank_reference, recordedByName: disbursement.recorded_by_name, recordedAt: disbursement.recorded_at }
      : null,
  };
}

/** An application's awards with the Chinese explanation lines of each (explain.ts). */
export async function awardLinesOf(db: Executor, row: ApplicationRow): Promise<AwardView[]> {
  const notice = await findNotice(db, row.notice_id);
  const policy = notice ? builtInPolicy(notice.policy_id) : undefined;
  const awards = (await awardsOf(db, [row.id])).get(row.id) ?? [];
  return Promise.all(awards.map((a) => awardLines(db, a, ruleTitleOf(policy, a.rule), policy)));
}

// ——— who may reach an application ———

export function reachesApplication(actor: Actor, action: Action, row: { organization_id: string; jurisdiction_code: string }): boolean {
  const scope = assertCan(actor, action);
  return scope === 'jurisdiction' ? isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code) : actor.organizationIds.includes(row.organization_id);
}

/** Checks the permission first (403 even for a missing application), then finds and reaches. */
export async function loadApplicationFor(db: Executor, actor: Actor, action: Action, id: string): Promise<ApplicationRow> {
  assertCan(actor, action);
  const row = await findApplication(db, id);
  if (!row) throw notFound('申报', id);
  if (!reachesApplication(actor, action, row)) throw new AppError('FORBIDDEN', '无权访问该申报');
  return row;
}

// ——— checks beyond the schema ———

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

interface Declarations {
  contractIds: string[];
  evidence: { hash: string; label: string }[];
  relatedParties: RelatedParty[];
  otherFunding: OtherFunding[];
}

async function checkDeclarations(db: Executor, actor: Actor, candidates: string[], d: Declarations, keptEvidence: string[] = []): Promise<void> {
  const allowed = new Set(candidates);
  const seen = new Set<string>();
  for (const [i, id] of d.contractIds.entries()) {
    if (!allowed.has(id)) throw fail(`contractIds.${i}`, '所选合同不是申报对象已登记（或已变更登记）的技术合同');
    if (seen.has(id)) throw fail(`contractIds.${i}`, '同一合同重复选择');
    seen.add(id);
  }
  for (const [i, e] of d.evidence.entries()) {
    await assertMayAttach(db, actor, `evidence.${i}.hash`, e.hash, '证明', keptEvidence);
  }
  for (const [i, f] of d.otherFunding.entries()) {
    if (f.contractId && !seen.has(f.contractId)) throw fail(`otherFunding.${i}.contractId`, '其他财政资金所属合同须为本申报所选合同');
  }
}

async function nextNumber(db: Executor, year: number): Promise<string> {
  const prefix = `SB${year}`;
  const last = await db
    .selectFrom('subsidy_application')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('number', '>=', prefix)
    .where('number', '<', `SB${year + 1}`)
    .executeTakeFirst();
  const n = last?.number ? Number(String(last.number).slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(5, '0')}`;
}

function actorName(actor: Actor): string {
  return actor.name;
}

/** The applicable window: open today, and the notice still accepting applications. */
function assertWindow(notice: { status: string; opens_on: string; closes_on: string }, today: string, field = 'noticeId'): void {
  if (notice.status !== 'published') throw new AppError('CONFLICT', '本次申报已截止（已进入核定或公示阶段），不能再提交', { field });
  if (today < notice.opens_on || today > notice.closes_on) {
    throw new AppError('CONFLICT', `不在申报期内（申报期：${notice.opens_on} 至 ${notice.closes_on}，今天是 ${today}）`, { field });
  }
}

/** Drafts an application: the beneficiary's registered contracts are pre-filled unless `contractIds` is given. */
export async function createApplication(ctx: Ctx, input: ApplicationInput, opts: { isDemo?: boolean } = {}): Promise<ApplicationDetail> {
  const scope = assertCan(ctx.actor, 'applications.application.create');
  if (scope === 'own' && !ctx.actor.organizationIds.includes(input.organizationId)) {
    throw new AppError('FORBIDDEN', '只能为本账号所代表的单位申报', { field: 'organizationId' });
  }
  return inTransaction(ctx, async (trx) => {
    const notice = await loadNoticeFor(trx, ctx.actor, 'applications.notice.read', input.noticeId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw fail('noticeId', (e as AppError).message);
      throw e;
    });
    const today = chinaDate(ctx.clock.now());
    assertWindow(notice, today);
    const org = await trx.selectFrom('organization').select(['id', 'name']).where('id', '=', input.organizationId).executeTakeFirst();
    if (!org) throw fail('organizationId', `申报单位不存在：${input.organizationId}`);
    let beneficiary: { kind: 'organization' | 'person'; ref: string } = { kind: 'organization', ref: org.id };
    if (input.personId) {
      const affiliated = await trx
        .selectFrom('affiliation')
        .select('id')
        .where('person_id', '=', input.personId)
        .where('organization_id', '=', org.id)
        .executeTakeFirst();
      if (!affiliated) throw fail('personId', '技术经纪人须为申报单位登记的从业人员（在人员库中所属该单位）');
      beneficiary = { kind: 'person', ref: input.personId };
    }
    const existing = await trx
      .selectFrom('subsidy_application')
      .select('number')
      .where('notice_id', '=', notice.id)
      .where('beneficiary_ref', '=', beneficiary.ref)
      .executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `已就本通知申报（申报编号 ${existing.number}），请编辑原申报`, { field: input.personId ? 'personId' : 'organizationId' });
    const candidates = await claimableContractIds(trx, beneficiary);
    const contractIds = input.contractIds ?? candidates;
    await checkDeclarations(trx, ctx.actor, candidates, { contractIds, evidence: input.evidence, relatedParties: input.relatedParties, otherFunding: input.otherFunding });
    const now = ctx.clock.now().toISOString();
    const row: ApplicationRow = {
      id: newId(),
      number: await nextNumber(trx, notice.year),
      notice_id: notice.id,
      jurisdiction_code: notice.jurisdiction_code,
      organization_id: org.id,
      beneficiary_kind: beneficiary.kind,
      beneficiary_ref: beneficiary.ref,
      status: 'draft',
      contact_name: input.contactName ?? null,
      contact_phone: input.contactPhone ?? null,
      payee_bank: input.payeeBank ?? null,
      payee_account: input.payeeAccount ?? null,
      related_parties: JSON.stringify(input.relatedParties),
      related_parties_note: input.relatedPartiesNote ?? null,
      other_funding: JSON.stringify(input.otherFunding),
      other_funding_note: input.otherFundingNote ?? null,
      commitment_text: null,
      commitment_signer: null,
      commitment_user_id: null,
      commitment_signed_at: null,
      first_submitted_at: null,
      submitted_at: null,
      return_reason: null,
      rejection_reason: null,
      first_reviewer_id: null,
      first_reviewer_name: null,
      first_reviewed_at: null,
      second_reviewer_id: null,
      second_reviewer_name: null,
      second_reviewed_at: null,
      award_yuan: null,
      settlement_run_id: null,
      created_by: ctx.actor.id,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('subsidy_application').values(row).execute();
    await replaceClaims(trx, row.id, contractIds);
    await replaceEvidence(trx, row.id, input.evidence);
    await appendStep(trx, { application_id: row.id, from_status: null, to_status: 'draft', at: now, actor_id: ctx.actor.id, actor_name: actorName(ctx.actor), reason: null });
    const detail = await detailOf(trx, row);
    await audit(trx, ctx, { action: 'applications.application.create', subjectType: 'subsidy_application', subjectId: row.id, after: auditView(detail) });
    return detail;
  });
}

/** The audited view: business fields without bookkeeping or presentation. */
function auditView(d: ApplicationDetail) {
  return {
    number: d.number,
    noticeId: d.noticeId,
    organizationId: d.organizationId,
    beneficiaryKind: d.beneficiaryKind,
    beneficiaryRef: d.beneficiaryRef,
    status: d.status,
    contractIds: d.contractIds,
    evidence: d.evidence.map((e) => ({ hash: e.hash, label: e.label })),
    relatedParties: d.relatedParties,
    relatedPartiesNote: d.relatedPartiesNote,
    otherFunding: d.otherFunding,
    otherFundingNote: d.otherFundingNote,
    contactName: d.contactName,
    contactPhone: d.contactPhone,
    payeeBank: d.payeeBank,
    payeeAccount: d.payeeAccount,
    version: d.version,
  };
}

/** Edits a draft, or an application returned for correction; only the fields sent change. */
export async function updateApplication(ctx: Ctx, id: string, patch: ApplicationPatch): Promise<ApplicationDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadApplicationFor(trx, ctx.actor, 'applications.application.update', id);
    assertVersion(row, patch.version, '该申报');
    if (!EDITABLE_STATUSES.includes(row.status as ApplicationStatus)) {
      throw new AppError('CONFLICT', '只有草稿或退回补正的申报可以修改', { field: 'status' });
    }
    const notice = (await findNotice(trx, row.notice_id))!;
    if (notice.status !== 'published') throw new AppError('CONFLICT', '本次申报已截止，不能再修改', { field: 'status' });
    const before = await detailOf(trx, row);
    const merged: Declarations = {
      contractIds: patch.contractIds ?? before.contractIds,
      evidence: patch.evidence ?? before.evidence.map((e) => ({ hash: e.hash, label: e.label })),
      relatedParties: patch.relatedParties ?? before.relatedParties,
      otherFunding: patch.otherFunding ?? before.otherFunding,
    };
    const candidates = await claimableContractIds(trx, { kind: row.beneficiary_kind, ref: row.beneficiary_ref });
    // A claim made earlier stays valid for this check even if the contract has since changed status; submit re-checks.
    await checkDeclarations(trx, ctx.actor, [...new Set([...candidates, ...(patch.contractIds ? [] : before.contractIds)])], merged, before.evidence.map((e) => e.hash));
    const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
    const nullable = (v: string | null | undefined, column: string) => {
      if (v !== undefined) set[column] = v;
    };
    nullable(patch.relatedPartiesNote, 'related_parties_note');
    nullable(patch.otherFundingNote, 'other_funding_note');
    nullable(patch.contactName, 'contact_name');
    nullable(patch.contactPhone, 'contact_phone');
    nullable(patch.payeeBank, 'payee_bank');
    nullable(patch.payeeAccount, 'payee_account');
    if (patch.relatedParties) set.related_parties = JSON.stringify(patch.relatedParties);
    if (patch.otherFunding) set.other_funding = JSON.stringify(patch.otherFunding);
    await updateVersioned(trx, 'subsidy_application', row, set, '该申报');
    if (patch.contractIds) await replaceClaims(trx, id, patch.contractIds);
    if (patch.evidence) await replaceEvidence(trx, id, patch.evidence);
    const after = await detailOf(trx, (await findApplication(trx, id))!);
    await audit(trx, ctx, { action: 'applications.application.update', subjectType: 'subsidy_application', subjectId: id, ...changedFields(auditView(before), auditView(after)) });
    return after;
  });
}

/**
 * Submits with the signed commitment. The first submission must fall inside the window; after a
 * return for correction (退回补正) the applicant may resubmit until the round is closed.
 */
export async function submitApplication(ctx: Ctx, id: string, input: SubmitInput): Promise<ApplicationDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadApplicationFor(trx, ctx.actor, 'applications.application.submit', id);
    const from = row.status as ApplicationStatus;
    transitionAction(from, 'submitted');
    assertVersion(row, input.version, '该申报');
    const notice = (await findNotice(trx, row.notice_id))!;
    const today = chinaDate(ctx.clock.now());
    if (from === 'draft') assertWindow(notice, today, 'status');
    else if (notice.status !== 'published') throw new AppError('CONFLICT', '本次申报已截止（已进入核定或公示阶段），不能再提交', { field: 'status' });
    const claims = (await claimsOf(trx, [id])).get(id)!;
    if (!claims.length) throw fail('contractIds', '请至少选择一份已登记的技术合同');
    const candidates = new Set(await claimableContractIds(trx, { kind: row.beneficiary_kind, ref: row.beneficiary_ref }));
    for (const [i, c] of claims.entries()) {
      if (!candidates.has(c)) throw fail(`contractIds.${i}`, '所选合同已不是有效的登记合同（可能已注销或撤销），请重新选择');
    }
    const required: [keyof ApplicationRow, string, string][] = [
      ['contact_name', 'contactName', '请填写联系人'],
      ['contact_phone', 'contactPhone', '请填写联系电话'],
      ['payee_bank', 'payeeBank', '请填写收款开户银行'],
      ['payee_account', 'payeeAccount', '请填写收款银行账号'],
    ];
    for (const [column, field, message] of required) if (!row[column]) throw fail(field, message);
    const now = ctx.clock.now().toISOString();
    await updateVersioned(trx, 'subsidy_application', row, {
      status: 'submitted',
      commitment_text: COMMITMENT_TEXT,
      commitment_signer: input.commitment.signer,
      commitment_user_id: ctx.actor.id,
      commitment_signed_at: now,
      submitted_at: now,
      first_submitted_at: row.first_submitted_at ?? now,
      updated_at: now,
    }, '该申报');
    await appendStep(trx, { application_id: id, from_status: from, to_status: 'submitted', at: now, actor_id: ctx.actor.id, actor_name: actorName(ctx.actor), reason: null });
    await audit(trx, ctx, {
      action: 'applications.application.submit',
      subjectType: 'subsidy_application',
      subjectId: id,
      before: { status: from, version: row.version },
      after: { status: 'submitted', version: row.version + 1, commitment: { signer: input.commitment.signer, signedAt: now, text: COMMITMENT_TEXT } },
    });
    return detailOf(trx, (await findApplication(trx, id))!);
  });
}

const TARGET: Record<'first' | 'second', Record<ReviewDecision, ApplicationStatus>> = {
  first: { pass: 'first_passed', return: 'returned', reject: 'rejected' },
  second: { pass: 'second_passed', return: 'returned', reject: 'rejected' },
};

/**
 * 初审 (stage first) or 复核 (stage second): pass, return for correction (退回补正, with a reason),
 * or reject (不予支持, with a reason). The 复核 must be done by another person than the 初审.
 */
export async function reviewApplication(ctx: Ctx, id: string, stage: 'first' | 'second', input: ReviewInput): Promise<ApplicationDetail> {
  const action: Action = stage === 'first' ? 'applications.application.first_review' : 'applications.application.second_review';
  return inTransaction(ctx, async (trx) => {
    const row = await loadApplicationFor(trx, ctx.actor, action, id);
    const from = row.status as ApplicationStatus;
    const to = TARGET[stage][input.decision];
    const stageName = stage === 'first' ? '初审' : '复核';
    if (TRANSITIONS[from][to] !== action) {
      throw new AppError('CONFLICT', `该申报当前为“${APPLICATION_STATUSES.label(from)}”，不在${stageName}阶段`, { field: 'status' });
    }
    assertVersion(row, input.version, '该申报');
    if (input.decision !== 'pass' && !input.reason) {
      throw fail('reason', `${REVIEW_DECISIONS.label(input.decision)}须写明理由`);
    }
    if (stage === 'second' && row.first_reviewer_id === ctx.actor.id) {
      throw new AppError('FORBIDDEN', '复核须由初审人以外的工作人员进行（初审人不能复核同一申报）', { field: 'reviewer' });
    }
    const now = ctx.clock.now().toISOString();
    const set: Record<string, unknown> = { status: to, updated_at: now };
    if (stage === 'first') Object.assign(set, { first_reviewer_id: ctx.actor.id, first_reviewer_name: ctx.actor.name, first_reviewed_at: now });
    else Object.assign(set, { second_reviewer_id: ctx.actor.id, second_reviewer_name: ctx.actor.name, second_reviewed_at: now });
    if (to === 'returned') set.return_reason = input.reason;
    if (to === 'rejected') set.rejection_reason = input.reason;
    await updateVersioned(trx, 'subsidy_application', row, set, '该申报');
    await appendStep(trx, { application_id: id, from_status: from, to_status: to, at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, reason: input.reason ?? null });
    await audit(trx, ctx, {
      action,
      subjectType: 'subsidy_application',
      subjectId: id,
      before: { status: from, version: row.version },
      after: { status: to, version: row.version + 1, decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
    });
    if (to === 'returned') await notifyApplication(trx, ctx, row, 'applications.returned', '申报被退回补正', `${stageName}退回：${input.reason}。请修改后重新提交。`);
    else await notifyApplication(trx, ctx, row, 'applications.reviewed', `申报${stageName}${to === 'rejected' ? '不予支持' : '通过'}`, to === 'rejected' ? `${stageName}不予支持：${input.reason}` : stage === 'first' ? '初审已通过，转入复核。' : '复核已通过，等待核定奖补。');
    return detailOf(trx, (await findApplication(trx, id))!);
  });
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationDetail> {
  const row = await loadApplicationFor(ctx.db, ctx.actor, 'applications.application.read', id);
  return detailOf(ctx.db, row);
}

/** Applications the actor may read (an "own" role: its organizations'), filtered and paged. */
export async function listApplications(ctx: Ctx, query: ApplicationQuery): Promise<{ items: Application[]; total: number }> {
  const scope = assertCan(ctx.actor, 'applications.application.read');
  let base = ctx.db.selectFrom('subsidy_application');
  if (scope === 'jurisdiction') base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  else base = base.where('organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  if (query.noticeId) base = base.where('notice_id', '=', query.noticeId);
  if (query.status) base = base.where('status', '=', query.status);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('number', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentApplications(ctx.db, rows), total: Number(total) };
}

/** An evidence file of the application: one it attached, or a voucher/invoice of a contract it claims. */
export async function readApplicationEvidence(ctx: Ctx, id: string, hash: string) {
  const row = await loadApplicationFor(ctx.db, ctx.actor, 'applications.application.read', id);
  const attached = await ctx.db.selectFrom('subsidy_application_evidence').select('hash').where('application_id', '=', row.id).where('hash', '=', hash).executeTakeFirst();
  let reachable = !!attached;
  if (!reachable) {
    const claims = (await claimsOf(ctx.db, [row.id])).get(row.id)!;
    if (claims.length) {
      const voucher = await ctx.db.selectFrom('contract_payment').select('id').where('contract_id', 'in', claims).where('voucher_file_hash', '=', hash).executeTakeFirst();
      const invoice = voucher
        ? undefined
        : await ctx.db
            .selectFrom('contract_invoice')
            .innerJoin('contract_payment', 'contract_payment.id', 'contract_invoice.payment_id')
            .select('contract_invoice.id')
            .where('contract_payment.contract_id', 'in', claims)
            .where('contract_invoice.file_hash', '=', hash)
            .executeTakeFirst();
      reachable = !!(voucher || invoice);
    }
  }
  if (!reachable) throw notFound('证明文件', hash);
  const file = await ctx.db.selectFrom('evidence_file').select(['hash', 'mime', 'size', 'content']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw notFound('证明文件', hash);
  return { mime: file.mime, size: Number(file.size), content: Buffer.from(file.content) };
}
