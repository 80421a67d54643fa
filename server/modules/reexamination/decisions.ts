/**
 * The decisions a 复查 can re-examine, each read from its own module's tables into one frozen
 * snapshot: who decided, when, the outcome and reason in words, what it was about, and the evidence
 * files by content hash as they stood. One reader per kind; each refuses a decision that does not
 * exist or is not decided yet, naming the field (decisionId) in words.
 *
 * A decision is the record that holds exactly one decision: a registration's or an application's
 * review step (an application is reviewed again after a 退回补正, a registration after resubmission),
 * an objection, a 变更申请, a 信用修复 request, a 定价公示 objection. For a registration or an
 * application the caller may also name the record itself: its latest decision of that kind is meant.
 */
import { APPLICATION_STATUSES, OBJECTION_STATUSES } from '../../../common/application-vocabulary.js';
import { CHANGE_REQUEST_GROUPS, CHANGE_REQUEST_STATUSES, type ChangeDifference, type RequestedChange } from '../../../common/change-request.js';
import { CREDIT_REPAIR_STATUSES } from '../../../common/credit.js';
import type { DecisionKind, DecisionSnapshot, SnapshotEvidence } from '../../../common/reexamination.js';
import { DECISION_KINDS } from '../../../common/reexamination.js';
import { LICENSE_KINDS } from '../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';
import { recordText, type CreditRecordRow } from '../credit/records.js';
import { EVIDENCE_LABELS } from '../registration/application-fields.js';
import { summarize } from '../registry/change-request-differences.js';
import { builtInPolicy } from '../subsidies/policy.js';

/** A decision as a 复查 freezes it, with where it lies and who made it (by account, when known). */
export interface FrozenDecision {
  decisionId: string;
  jurisdictionCode: string;
  deciderId: string | null;
  snapshot: DecisionSnapshot;
}

/**
 * What a reader must be allowed to read, beside the case, to download the decision's evidence
 * (the decision's own module's read permission); null: the files are public.
 */
export const EVIDENCE_READ_ACTION: Record<DecisionKind, Action | null> = {
  registration: 'registration.review',
  application_first_review: 'applications.application.read',
  application_second_review: 'applications.application.read',
  objection: 'applications.application.read',
  change_request: 'registry.change_request.read',
  credit_repair: 'credit.record.read',
  // The valuation report is published with the 公示 (/api/public/pricing/:id/valuation-report).
  pricing_objection: null,
};

const field = { field: 'decisionId' };
const missing = (what: string) => new AppError('VALIDATION', `要复查的决定不存在：未找到该${what}`, field);
const undecided = (what: string, state: string) => new AppError('VALIDATION', `该${what}${state}，还没有可复查的决定`, field);

async function organizationName(db: Executor, id: string | null): Promise<string> {
  if (!id) return '';
  return (await db.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}

// ——— 单位注册审核 ———

const REGISTRATION_OUTCOMES: Record<string, string> = { approve: '审核通过（开通单位账号）', return: '退回申请人修改' };

async function registrationDecision(db: Executor, id: string): Promise<FrozenDecision> {
  let step = await db.selectFrom('unit_registration_step').selectAll().where('id', '=', id).executeTakeFirst();
  if (!step) {
    const latest = await db
      .selectFrom('unit_registration_step')
      .selectAll()
      .where('registration_id', '=', id)
      .where('action', 'in', ['approve', 'return'])
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (!latest) {
      const exists = await db.selectFrom('unit_registration').select('id').where('id', '=', id).where('applicant_type', '=', 'unit').executeTakeFirst();
      throw exists ? undecided('注册申请', '尚未审核') : missing('注册申请');
    }
    step = latest;
  }
  if (!(step.action in REGISTRATION_OUTCOMES)) throw undecided('注册申请', '这一步是申请人的提交');
  const reg = await db.selectFrom('unit_registration').selectAll().where('id', '=', step.registration_id).executeTakeFirst();
  if (!reg || reg.applicant_type !== 'unit') throw missing('注册申请');
  // The step keeps the decider's name only; the audit event of the same transaction keeps the account.
  const event = await db
    .selectFrom('audit_event')
    .select('actor_id')
    .where('subject_id', '=', reg.id)
    .where('action', '=', `registration.${step.action}`)
    .where('at', '=', step.at)
    .executeTakeFirst();
  // The evidence the decision looked at: the latest submission before it.
  const submission = await db
    .selectFrom('unit_registration_step')
    .select('snapshot')
    .where('registration_id', '=', reg.id)
    .where('seq', '<', step.seq)
    .where('snapshot', 'is not', null)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const submitted = submission?.snapshot ? (JSON.parse(submission.snapshot) as { evidence?: { license?: string | null; authorization?: string | null } }).evidence ?? {} : {};
  const evidence: SnapshotEvidence[] = [];
  if (submitted.license) evidence.push({ hash: submitted.license, fileName: LICENSE_KINDS.label(reg.license_kind ?? 'business_license') });
  if (submitted.authorization) evidence.push({ hash: submitted.authorization, fileName: EVIDENCE_LABELS.authorization });
  return {
    decisionId: step.id,
    jurisdictionCode: reg.review_division_code,
    deciderId: event?.actor_id ?? null,
    snapshot: {
      kind: 'registration',
      kindLabel: DECISION_KINDS.label('registration'),
      subject: `「${reg.org_name ?? ''}」的单位注册申请 ${reg.number}`,
      deciderName: step.actor_name,
      decidedAt: step.at,
      outcome: REGISTRATION_OUTCOMES[step.action]!,
      reason: step.reason,
      facts: [
        { label: '统一社会信用代码', value: reg.uscc ?? '' },
        { label: '单位类型', value: ORGANIZATION_KINDS.label(reg.org_kind ?? '') },
        { label: '申请人', value: reg.applicant_name },
      ],
      evidence,
    },
  };
}

// ——— 奖补申报初审、复核 ———

/** The statuses an application's review moves from: 初审 from 已提交, 复核 from 初审通过. */
const REVIEWED_FROM: Record<'application_first_review' | 'application_second_review', string> = {
  application_first_review: 'submitted',
  application_second_review: 'first_passed',
};

/** A review's outcome as a decision (the statuses read as where the application waits next). */
const REVIEW_OUTCOMES: Record<string, string> = { first_passed: '初审通过', second_passed: '复核通过', returned: '退回补正', rejected: '不予支持' };

async function applicationReviewDecision(db: Executor, kind: 'application_first_review' | 'application_second_review', id: string): Promise<FrozenDecision> {
  const what = kind === 'application_first_review' ? '申报的初审' : '申报的复核';
  let step = await db.selectFrom('subsidy_application_step').selectAll().where('id', '=', id).executeTakeFirst();
  if (!step) {
    step = await db
      .selectFrom('subsidy_application_step')
      .selectAll()
      .where('application_id', '=', id)
      .where('from_status', '=', REVIEWED_FROM[kind])
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (!step) {
      const exists = await db.selectFrom('subsidy_application').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? undecided(what.replace('的', ''), '尚未作出') : missing('奖补申报');
    }
  }
  if (step.from_status !== REVIEWED_FROM[kind]) throw undecided(`申报的这一步`, `不是${what.slice(3)}决定`);
  const app = await db.selectFrom('subsidy_application').selectAll().where('id', '=', step.application_id).executeTakeFirst();
  if (!app) throw missing('奖补申报');
  const notice = await db.selectFrom('subsidy_notice').select(['title', 'policy_id']).where('id', '=', app.notice_id).executeTakeFirst();
  const files = await db.selectFrom('subsidy_application_evidence').select(['hash', 'label']).where('application_id', '=', app.id).orderBy('label').execute();
  return {
    decisionId: step.id,
    jurisdictionCode: app.jurisdiction_code,
    deciderId: step.actor_id,
    snapshot: {
      kind,
      kindLabel: DECISION_KINDS.label(kind),
      subject: `「${await organizationName(db, app.organization_id)}」的奖补申报 ${app.number}`,
      deciderName: step.actor_name,
      decidedAt: step.at,
      outcome: REVIEW_OUTCOMES[step.to_status] ?? APPLICATION_STATUSES.label(step.to_status),
      reason: step.reason,
      facts: [
        { label: '申报通知', value: notice?.title ?? '' },
        // The rules then in force: the policy the notice applied.
        { label: '适用政策', value: (notice && builtInPolicy(notice.policy_id)?.title) ?? '' },
      ].filter((f) => f.value),
      evidence: files.map((f) => ({ hash: f.hash, fileName: f.label })),
    },
  };
}

// ——— 公示异议处理 ———

async function objectionDecision(db: Executor, id: string): Promise<FrozenDecision> {
  const o = await db.selectFrom('subsidy_objection').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw missing('公示异议');
  if (o.status === 'open' || !o.resolved_at) throw undecided('公示异议', '尚未处理');
  const app = (await db.selectFrom('subsidy_application').select(['number', 'organization_id', 'jurisdiction_code']).where('id', '=', o.application_id).executeTakeFirst())!;
  const action = o.outcome_action === 'removed' ? '，取消该申报' : o.outcome_action === 'recomputed' ? '，剔除合同后重新核定' : '';
  return {
    decisionId: o.id,
    jurisdictionCode: app.jurisdiction_code,
    deciderId: o.resolved_by,
    snapshot: {
      kind: 'objection',
      kindLabel: DECISION_KINDS.label('objection'),
      subject: `对「${await organizationName(db, app.organization_id)}」奖补申报 ${app.number} 的公示异议`,
      deciderName: o.resolved_by_name ?? '',
      decidedAt: o.resolved_at,
      outcome: `${OBJECTION_STATUSES.label(o.status)}${action}`,
      reason: o.resolution,
      facts: [
        { label: '异议人', value: o.submitter_name },
        { label: '异议内容', value: o.content },
      ],
      evidence: [],
    },
  };
}

// ——— 变更申请审核 ———

async function changeRequestDecision(db: Executor, id: string): Promise<FrozenDecision> {
  const r = await db.selectFrom('registry_change_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw missing('变更申请');
  if (r.status !== 'approved' && r.status !== 'rejected') throw undecided('变更申请', CHANGE_REQUEST_STATUSES.label(r.status));
  const differences = JSON.parse(r.decided_differences ?? '[]') as ChangeDifference[];
  const files = await db.selectFrom('registry_change_request_evidence').select(['hash', 'file_name']).where('request_id', '=', r.id).orderBy('file_name').execute();
  return {
    decisionId: r.id,
    jurisdictionCode: r.jurisdiction_code,
    deciderId: r.decided_by,
    snapshot: {
      kind: 'change_request',
      kindLabel: DECISION_KINDS.label('change_request'),
      subject: `「${await organizationName(db, r.organization_id)}」的${CHANGE_REQUEST_GROUPS.label(r.field_group)}变更申请`,
      deciderName: r.decided_by_name ?? '',
      decidedAt: r.decided_at!,
      outcome: CHANGE_REQUEST_STATUSES.label(r.status),
      reason: r.decision_reason,
      facts: [
        { label: '申请变更', value: summarize(differences, JSON.parse(r.requested) as RequestedChange) },
        { label: '申请说明', value: r.explanation ?? '' },
        { label: '申请人', value: r.submitted_by_name },
      ].filter((f) => f.value),
      evidence: files.map((f) => ({ hash: f.hash, fileName: f.file_name })),
    },
  };
}

// ——— 信用修复决定 ———

async function creditRepairDecision(db: Executor, id: string): Promise<FrozenDecision> {
  const p = await db.selectFrom('credit_repair').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw missing('信用修复申请');
  if (p.status === 'pending' || !p.decided_at) throw undecided('信用修复申请', '尚未审核');
  const record = (await db.selectFrom('credit_record').selectAll().where('id', '=', p.record_id).executeTakeFirst()) as CreditRecordRow;
  const holder = record.organization_id
    ? await organizationName(db, record.organization_id)
    : ((await db.selectFrom('person').select('name').where('id', '=', record.person_id!).executeTakeFirst())?.name ?? '');
  const files = await db.selectFrom('credit_repair_evidence').select(['hash', 'file_name']).where('repair_id', '=', p.id).orderBy('file_name').execute();
  return {
    decisionId: p.id,
    jurisdictionCode: p.jurisdiction_code,
    deciderId: p.decided_by,
    snapshot: {
      kind: 'credit_repair',
      kindLabel: DECISION_KINDS.label('credit_repair'),
      subject: `「${holder}」的信用修复申请`,
      deciderName: p.decided_by_name ?? '',
      decidedAt: p.decided_at,
      outcome: CREDIT_REPAIR_STATUSES.label(p.status),
      reason: p.decision_reason,
      facts: [
        { label: '信用记录', value: recordText(record) },
        { label: '申请说明', value: p.explanation },
        { label: '申请人', value: p.submitted_by_name },
      ],
      evidence: files.map((f) => ({ hash: f.hash, fileName: f.file_name })),
    },
  };
}

// ——— 定价公示异议答复 ———

async function pricingObjectionDecision(db: Executor, id: string): Promise<FrozenDecision> {
  const o = await db.selectFrom('pricing_objection').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw missing('定价公示异议');
  if (o.status !== 'answered' || !o.answered_at) throw undecided('定价公示异议', '尚未答复');
  const pub = (await db.selectFrom('pricing_publicity').selectAll().where('id', '=', o.publicity_id).executeTakeFirst())!;
  const contract = await db.selectFrom('contract').select('name').where('id', '=', pub.contract_id).executeTakeFirst();
  return {
    decisionId: o.id,
    jurisdictionCode: pub.jurisdiction_code,
    deciderId: o.answered_by,
    snapshot: {
      kind: 'pricing_objection',
      kindLabel: DECISION_KINDS.label('pricing_objection'),
      subject: `对「${contract?.name ?? ''}」成果定价公示的异议`,
      deciderName: o.answered_by_name ?? '',
      decidedAt: o.answered_at,
      outcome: '已答复',
      reason: o.answer,
      facts: [
        { label: '公示单位', value: await organizationName(db, pub.institution_id) },
        { label: '异议人', value: o.submitter_name },
        { label: '异议内容', value: o.content },
      ],
      evidence: pub.valuation_file_hash ? [{ hash: pub.valuation_file_hash, fileName: pub.valuation_file_name ?? '资产评估报告' }] : [],
    },
  };
}

/** The decision, frozen as it stands now; VALIDATION (decisionId) when there is none to re-examine. */
export function freezeDecision(db: Executor, kind: DecisionKind, id: string): Promise<FrozenDecision> {
  switch (kind) {
    case 'registration':
      return registrationDecision(db, id);
    case 'application_first_review':
    case 'application_second_review':
      return applicationReviewDecision(db, kind, id);
    case 'objection':
      return objectionDecision(db, id);
    case 'change_request':
      return changeRequestDecision(db, id);
    case 'credit_repair':
      return creditRepairDecision(db, id);
    case 'pricing_objection':
      return pricingObjectionDecision(db, id);
  }
}
