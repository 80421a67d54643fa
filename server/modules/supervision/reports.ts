/**
 * Progress reports (进度报告): a responsible unit reports on a measure for one period — text,
 * figures (named numbers) and attachments (the content-addressed evidence store) — drafts, submits;
 * the operator accepts it or returns it with a comment; the unit edits and resubmits. Every step
 * is kept, audited in its own transaction and guarded by `version`; the unit's organization is
 * notified when its report is returned or accepted, the jurisdiction's operators when one is
 * submitted.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Report, ReportDetail } from '../../../common/supervision-api.js';
import { REPORT_STATUSES, type ReportingPeriod, type ReportStatus } from '../../../common/supervision-vocabulary.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertMayAttach } from '../contracts/evidence.js';
import { sendNotification } from '../notifications/notifications.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { cellStatus } from './periods.js';
import { periodsOf } from './plans.js';
import {
  appendStep,
  assertVersion,
  attachmentsOf,
  findAssignment,
  findMeasure,
  findPlan,
  findReport,
  findUnit,
  replaceAttachments,
  type ReportRow,
  reportOfCell,
  stepsOf,
  updateReportVersioned,
} from './repo.js';
import type { ReportInput, ReportPatch, ReportQuery, ReviewInput } from './schema.js';
import { EDITABLE_STATUSES, nextStatuses, transitionAction } from './workflow.js';

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

async function presentReports(db: Executor, rows: ReportRow[], today: string): Promise<Report[]> {
  if (!rows.length) return [];
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const measureIds = [...new Set(rows.map((r) => r.measure_id))];
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const [plans, measures, units] = await Promise.all([
    db.selectFrom('supervision_plan').selectAll().where('id', 'in', planIds).execute(),
    db.selectFrom('supervision_measure').selectAll().where('id', 'in', measureIds).execute(),
    db.selectFrom('supervision_unit').selectAll().where('id', 'in', unitIds).execute(),
  ]);
  const plan = new Map(plans.map((p) => [p.id, p]));
  const measure = new Map(measures.map((m) => [m.id, m]));
  const unit = new Map(units.map((u) => [u.id, u]));
  return rows.map((r) => {
    const p = plan.get(r.plan_id)!;
    const m = measure.get(r.measure_id)!;
    const u = unit.get(r.unit_id)!;
    const period = periodsOf(p, m.period as ReportingPeriod).find((x) => x.code === r.period);
    const status = r.status as ReportStatus;
    const cell = period ? cellStatus(status, period, period.dueOn, today) : { overdue: false };
    return {
      id: r.id,
      planId: r.plan_id,
      measureId: r.measure_id,
      measureNumber: m.number,
      measureHeading: m.heading,
      unitId: r.unit_id,
      unitName: u.name,
      organizationId: u.organization_id,
      period: r.period,
      periodLabel: period?.label ?? r.period,
      periodEndsOn: period?.endsOn ?? '',
      dueOn: period?.dueOn ?? '',
      status,
      overdue: cell.overdue,
      text: r.text,
      figures: JSON.parse(r.figures) as Record<string, number>,
      reviewComment: r.review_comment,
      submissionCount: r.submission_count,
      firstSubmittedAt: r.first_submitted_at,
      submittedAt: r.submitted_at,
      reviewedByName: r.reviewed_by_name,
      reviewedAt: r.reviewed_at,
      nextStatuses: nextStatuses(status),
      isDemo: r.is_demo === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

async function detailOf(db: Executor, row: ReportRow, today: string): Promise<ReportDetail> {
  const [[report], measure, attachments, steps] = await Promise.all([
    presentReports(db, [row], today),
    findMeasure(db, row.measure_id),
    attachmentsOf(db, row.id),
    stepsOf(db, row.id),
  ]);
  return {
    ...report!,
    measureText: measure?.text ?? '',
    attachments: attachments.map((a) => ({ hash: a.hash, label: a.label, size: Number(a.size), mime: a.mime })),
    steps: steps.map((s) => ({ seq: Number(s.seq), from: s.from_status, to: s.to_status, at: s.at, actorName: s.actor_name, comment: s.comment })),
  };
}

/** The audited view: business fields only. */
function auditView(d: ReportDetail) {
  return {
    measureId: d.measureId,
    unitId: d.unitId,
    period: d.period,
    status: d.status,
    text: d.text,
    figures: d.figures,
    attachments: d.attachments.map((a) => ({ hash: a.hash, label: a.label })),
    version: d.version,
  };
}

// ——— who may reach a unit's reports ———

/** Whether the actor, holding `action`, reaches the unit (its organization for an "own" role). */
export function reachesUnit(actor: Actor, action: Action, unit: { organization_id: string | null }, jurisdictionCode: string): boolean {
  const scope = assertCan(actor, action);
  return scope === 'jurisdiction'
    ? isWithinJurisdiction(actor.jurisdictionCode, jurisdictionCode)
    : !!unit.organization_id && actor.organizationIds.includes(unit.organization_id);
}

/** Checks the permission first (403 even for a missing report), then finds and reaches. */
export async function loadReportFor(db: Executor, actor: Actor, action: Action, id: string): Promise<ReportRow> {
  assertCan(actor, action);
  const row = await findReport(db, id);
  if (!row) throw notFound('进度报告', id);
  const unit = (await findUnit(db, row.unit_id))!;
  if (!reachesUnit(actor, action, unit, row.jurisdiction_code)) throw new AppError('FORBIDDEN', '无权访问该单位的进度报告');
  return row;
}

/** Attachments the actor uploaded, or that the report already has (`kept`). */
async function checkAttachments(db: Executor, actor: Actor, attachments: { hash: string }[], kept: string[] = []): Promise<void> {
  for (const [i, a] of attachments.entries()) await assertMayAttach(db, actor, `attachments.${i}.hash`, a.hash, '附件', kept);
}

/** Drafts the report of one cell (measure × unit × period) of a period that has begun. */
export async function createReport(ctx: Ctx, input: ReportInput, opts: { isDemo?: boolean } = {}): Promise<ReportDetail> {
  assertCan(ctx.actor, 'supervision.report.write');
  return inTransaction(ctx, async (trx) => {
    const measure = await findMeasure(trx, input.measureId);
    if (!measure) throw fail('measureId', `措施不存在：${input.measureId}`);
    const plan = (await findPlan(trx, measure.plan_id))!;
    const unit = await findUnit(trx, input.unitId);
    if (!unit || unit.plan_id !== plan.id) throw fail('unitId', `责任单位不存在：${input.unitId}`);
    if (!reachesUnit(ctx.actor, 'supervision.report.write', unit, plan.jurisdiction_code)) {
      throw new AppError('FORBIDDEN', `只能为本账号所代表的单位填报进度（“${unit.name}”不是本单位）`, { field: 'unitId' });
    }
    if (!(await findAssignment(trx, measure.id, unit.id))) throw fail('unitId', `“${unit.name}”不是措施（${measure.number}）的责任单位`);
    const periods = periodsOf(plan, measure.period as ReportingPeriod);
    const period = periods.find((p) => p.code === input.period);
    if (!period) throw fail('period', `报告期 ${input.period} 不在方案期内（${periods[0]?.code ?? ''} 至 ${periods.at(-1)?.code ?? ''}）`);
    const today = chinaDate(ctx.clock.now());
    if (today < period.startsOn) throw new AppError('CONFLICT', `报告期“${period.label}”尚未开始（${period.startsOn} 起可填报）`, { field: 'period' });
    const existing = await reportOfCell(trx, measure.id, unit.id, period.code);
    if (existing) throw new AppError('CONFLICT', `“${unit.name}”已有措施（${measure.number}）${period.label}的进度报告，请编辑原报告`, { field: 'period' });
    await checkAttachments(trx, ctx.actor, input.attachments);
    const now = ctx.clock.now().toISOString();
    const row: ReportRow = {
      id: newId(),
      plan_id: plan.id,
      measure_id: measure.id,
      unit_id: unit.id,
      jurisdiction_code: plan.jurisdiction_code,
      period: period.code,
      status: 'draft',
      text: input.text,
      figures: JSON.stringify(input.figures),
      review_comment: null,
      submission_count: 0,
      first_submitted_at: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_by_name: null,
      reviewed_at: null,
      created_by: ctx.actor.id,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('supervision_report').values(row).execute();
    await replaceAttachments(trx, row.id, input.attachments);
    await appendStep(trx, { report_id: row.id, from_status: null, to_status: 'draft', at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, comment: null });
    const detail = await detailOf(trx, row, today);
    await audit(trx, ctx, { action: 'supervision.report.write', subjectType: 'supervision_report', subjectId: row.id, after: auditView(detail) });
    return detail;
  });
}

/** Edits a draft or a returned report; only the fields sent change. */
export async function updateReport(ctx: Ctx, id: string, patch: ReportPatch): Promise<ReportDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadReportFor(trx, ctx.actor, 'supervision.report.write', id);
    assertVersion(row, patch.version);
    if (!EDITABLE_STATUSES.includes(row.status as ReportStatus)) {
      throw new AppError('CONFLICT', `“${REPORT_STATUSES.label(row.status)}”的进度报告不能修改（只有草稿或已退回的报告可以修改）`, { field: 'status' });
    }
    if (patch.attachments) await checkAttachments(trx, ctx.actor, patch.attachments, (await attachmentsOf(trx, row.id)).map((a) => a.hash));
    const today = chinaDate(ctx.clock.now());
    const before = await detailOf(trx, row, today);
    const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
    if (patch.text !== undefined) set.text = patch.text;
    if (patch.figures !== undefined) set.figures = JSON.stringify(patch.figures);
    await updateReportVersioned(trx, row, set);
    if (patch.attachments) await replaceAttachments(trx, id, patch.attachments);
    const after = await detailOf(trx, (await findReport(trx, id))!, today);
    await audit(trx, ctx, { action: 'supervision.report.write', subjectType: 'supervision_report', subjectId: id, ...changedFields(auditView(before), auditView(after)) });
    return after;
  });
}

/** Submits (or resubmits after a return) a report; it must say something. */
export async function submitReport(ctx: Ctx, id: string, version: number): Promise<ReportDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadReportFor(trx, ctx.actor, 'supervision.report.submit', id);
    const from = row.status as ReportStatus;
    transitionAction(from, 'submitted');
    assertVersion(row, version);
    if (!row.text.trim()) throw fail('text', '请填写进展情况后再提交');
    const now = ctx.clock.now().toISOString();
    await updateReportVersioned(trx, row, {
      status: 'submitted',
      submitted_at: now,
      first_submitted_at: row.first_submitted_at ?? now,
      submission_count: row.submission_count + 1,
      updated_at: now,
    });
    await appendStep(trx, { report_id: id, from_status: from, to_status: 'submitted', at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, comment: null });
    const detail = await detailOf(trx, (await findReport(trx, id))!, chinaDate(ctx.clock.now()));
    await audit(trx, ctx, {
      action: 'supervision.report.submit',
      subjectType: 'supervision_report',
      subjectId: id,
      before: { status: from, version: row.version },
      after: { status: 'submitted', version: row.version + 1, submission: row.submission_count + 1 },
    });
    await notifyOperators(trx, ctx, detail);
    return detail;
  });
}

/** Accepts (采纳) a submitted report, or returns it (退回) with a comment saying what to change. */
export async function reviewReport(ctx: Ctx, id: string, input: ReviewInput): Promise<ReportDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadReportFor(trx, ctx.actor, 'supervision.report.review', id);
    const from = row.status as ReportStatus;
    const to: ReportStatus = input.decision === 'accept' ? 'accepted' : 'returned';
    transitionAction(from, to);
    assertVersion(row, input.version);
    if (to === 'returned' && !input.comment) throw fail('comment', '退回须写明意见');
    const now = ctx.clock.now().toISOString();
    await updateReportVersioned(trx, row, {
      status: to,
      review_comment: input.comment || null,
      reviewed_by: ctx.actor.id,
      reviewed_by_name: ctx.actor.name,
      reviewed_at: now,
      updated_at: now,
    });
    await appendStep(trx, { report_id: id, from_status: from, to_status: to, at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, comment: input.comment || null });
    const detail = await detailOf(trx, (await findReport(trx, id))!, chinaDate(ctx.clock.now()));
    await audit(trx, ctx, {
      action: 'supervision.report.review',
      subjectType: 'supervision_report',
      subjectId: id,
      before: { status: from, version: row.version },
      after: { status: to, version: row.version + 1, decision: input.decision, ...(input.comment ? { comment: input.comment } : {}) },
    });
    if (detail.organizationId) {
      const what = `措施（${detail.measureNumber}）${detail.measureHeading} · ${detail.periodLabel}`;
      await sendNotification(trx, ctx, {
        jurisdictionCode: row.jurisdiction_code,
        recipientOrganizationId: detail.organizationId,
        kind: to === 'returned' ? 'supervision.report.returned' : 'supervision.report.accepted',
        title: to === 'returned' ? `进度报告已退回：${what}` : `进度报告已采纳：${what}`,
        body: to === 'returned' ? `退回意见：${input.comment}。请修改后重新提交。` : input.comment ? `审核意见：${input.comment}` : '您单位报送的进度报告已采纳。',
        link: `/supervision/reports/${id}`,
      });
    }
    return detail;
  });
}

/** An operator's comment on a report, kept in its history without changing its status. */
export async function commentReport(ctx: Ctx, id: string, comment: string): Promise<ReportDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadReportFor(trx, ctx.actor, 'supervision.report.review', id);
    const now = ctx.clock.now().toISOString();
    await appendStep(trx, { report_id: id, from_status: row.status, to_status: row.status, at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, comment });
    await audit(trx, ctx, { action: 'supervision.report.review', subjectType: 'supervision_report', subjectId: id, after: { comment, status: row.status } });
    return detailOf(trx, row, chinaDate(ctx.clock.now()));
  });
}

/** Every active operator whose jurisdiction covers the report's hears of its submission. */
async function notifyOperators(trx: Executor, ctx: Ctx, report: ReportDetail): Promise<void> {
  const row = (await findReport(trx, report.id))!;
  const users = await trx.selectFrom('app_user').select(['id', 'roles', 'jurisdiction_code']).where('disabled', '=', 0).where('roles', 'like', '%"operator"%').execute();
  for (const u of users) {
    const roles = JSON.parse(u.roles) as UserRole[];
    if (!roles.includes('operator') || !isWithinJurisdiction(u.jurisdiction_code, row.jurisdiction_code)) continue;
    await sendNotification(trx, ctx, {
      jurisdictionCode: row.jurisdiction_code,
      recipientUserId: u.id,
      kind: 'supervision.report.submitted',
      title: `${report.unitName}${report.submissionCount > 1 ? '重新提交' : '提交'}了进度报告：措施（${report.measureNumber}）· ${report.periodLabel}`,
      body: report.text.length > 120 ? `${report.text.slice(0, 120)}…` : report.text,
      link: `/supervision/reports/${report.id}`,
    });
  }
}

export async function getReport(ctx: Ctx, id: string): Promise<ReportDetail> {
  const row = await loadReportFor(ctx.db, ctx.actor, 'supervision.report.read', id);
  return detailOf(ctx.db, row, chinaDate(ctx.clock.now()));
}

/** Reports the actor may read (a department: its units'), filtered and paged, newest first. */
export async function listReports(ctx: Ctx, query: ReportQuery): Promise<{ items: Report[]; total: number }> {
  const scope = assertCan(ctx.actor, 'supervision.report.read');
  let base = ctx.db.selectFrom('supervision_report as r').innerJoin('supervision_unit as u', 'u.id', 'r.unit_id');
  if (scope === 'jurisdiction') base = base.where(underPrefix('r.jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  else base = base.where('u.organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  if (query.planId) base = base.where('r.plan_id', '=', query.planId);
  if (query.status) base = base.where('r.status', '=', query.status);
  if (query.unitId) base = base.where('r.unit_id', '=', query.unitId);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll('r').orderBy('r.updated_at', 'desc').orderBy('r.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentReports(ctx.db, rows, chinaDate(ctx.clock.now())), total: Number(total) };
}

/** An attachment of a report the actor may read. */
export async function readReportAttachment(ctx: Ctx, id: string, hash: string) {
  const row = await loadReportFor(ctx.db, ctx.actor, 'supervision.report.read', id);
  const attached = await ctx.db.selectFrom('supervision_report_attachment').select('hash').where('report_id', '=', row.id).where('hash', '=', hash).executeTakeFirst();
  if (!attached) throw notFound('附件', hash);
  const file = await ctx.db.selectFrom('evidence_file').select(['mime', 'size', 'content']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw notFound('附件', hash);
  return { mime: file.mime, size: Number(file.size), content: Buffer.from(file.content) };
}
