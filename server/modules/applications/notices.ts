/**
 * 申报通知: a notice opens a window for applications under one policy and year, for some of the
 * policy's rules, with a budget per rule and the number of working days of its 公示.
 */
import { settlementPolicy } from '../subsidies/settlement.js';
import { addDays, chinaDate } from '../../../common/dates.js';
import type { Notice } from '../../../common/application-api.js';
import { APPLICATION_STATUSES, type ApplicationStatus, type NoticeStatus } from '../../../common/application-vocabulary.js';
import type { Actor, Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import { SubsidyInputError } from '../subsidies/input-error.js';
import { builtInPolicy, builtInPolicyIds, parametersForYear, type Policy } from '../subsidies/policy.js';
import { assertPolicyOfJurisdiction, defaultIssuer } from '../subsidies/policy-scope.js';
import { findNotice, type NoticeRow } from './repo.js';
import type { NoticeInput } from './schema.js';
import { notifyNoticePublished } from '../notifications/applicant-notices.js';
import { workingCalendar } from '../calendar/stored-calendar.js';
import { addWorkingDays, calendarWarning } from '../contracts/deadlines.js';
import type { WorkingCalendar } from '../contracts/holidays.js';

export function policyOf(id: string): Policy {
  const p = builtInPolicy(id);
  if (!p) throw new AppError('VALIDATION', `没有这项政策（可选：${builtInPolicyIds().map((p) => builtInPolicy(p)!.title).join('、')}）`, { field: 'policy' });
  return p;
}

export function ruleTitleOf(policy: Policy | undefined, rule: string): string {
  return policy?.rules.find((r) => r.id === rule)?.title ?? rule;
}

/**
 * The 公示 end counted again with today's calendar: the years it had to guess, and the end the
 * loaded calendar gives now when it differs from the one stored at publishing (a year loaded since).
 */
function noticeCalendar(r: NoticeRow, calendar: WorkingCalendar | null): Pick<Notice, 'noticeUncoveredYears' | 'noticeRecountedEndsOn' | 'noticeCalendarWarning'> {
  if (!calendar || !r.publicized_on || !r.notice_ends_on) return { noticeUncoveredYears: [], noticeRecountedEndsOn: null, noticeCalendarWarning: null };
  const { due, uncoveredYears } = addWorkingDays(addDays(r.publicized_on, -1), r.notice_days, calendar);
  const recounted = due !== r.notice_ends_on ? due : null;
  const warnings = [calendarWarning(uncoveredYears), recounted ? `公示截止日 ${r.notice_ends_on} 是按发布公示时的节假日安排计算的，按现已载入的安排应为 ${recounted}` : null].filter(Boolean);
  return { noticeUncoveredYears: uncoveredYears, noticeRecountedEndsOn: recounted, noticeCalendarWarning: warnings.length ? warnings.join('；') : null };
}

export async function presentNotices(db: Executor, rows: NoticeRow[], today: string): Promise<Notice[]> {
  const ids = rows.map((r) => r.id);
  const calendar = rows.some((r) => r.publicized_on) ? await workingCalendar(db) : null;
  const counts = ids.length
    ? await db
        .selectFrom('subsidy_application')
        .select(['notice_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('notice_id', 'in', ids)
        .groupBy(['notice_id', 'status'])
        .execute()
    : [];
  return rows.map((r) => {
    const policy = builtInPolicy(r.policy_id);
    const c: Partial<Record<ApplicationStatus, number>> = {};
    for (const x of counts) if (x.notice_id === r.id) c[x.status as ApplicationStatus] = Number(x.n);
    const status = r.status as NoticeStatus;
    return {
      id: r.id,
      jurisdictionCode: r.jurisdiction_code,
      title: r.title,
      policyId: r.policy_id,
      policyTitle: policy?.title ?? r.policy_id,
      year: r.year,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      rules: (JSON.parse(r.rules) as string[]).map((id) => ({ id, title: ruleTitleOf(policy, id) })),
      budgets: JSON.parse(r.budgets) as Record<string, number>,
      overrides: JSON.parse(r.overrides) as Record<string, number | string>,
      noticeDays: r.notice_days,
      issuer: r.issuer,
      contact: r.contact,
      status,
      open: status === 'published' && r.opens_on <= today && today <= r.closes_on,
      settlementRunId: r.settlement_run_id,
      publicizedOn: r.publicized_on,
      noticeEndsOn: r.notice_ends_on,
      ...noticeCalendar(r, calendar),
      approvedByName: r.approved_by_name,
      approvedAt: r.approved_at,
      counts: c,
      isDemo: r.is_demo === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export async function presentNotice(db: Executor, row: NoticeRow, today: string): Promise<Notice> {
  return (await presentNotices(db, [row], today))[0]!;
}

export function reachesNotice(actor: Actor, row: { jurisdiction_code: string }): boolean {
  // Notices are the jurisdiction's documents: every role that may read them reads its own jurisdiction's.
  return isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code);
}

/** Checks the permission first (a role without it gets 403 even for a missing notice), then finds and reaches. */
export async function loadNoticeFor(db: Executor, actor: Actor, action: Action, id: string): Promise<NoticeRow> {
  assertCan(actor, action);
  const row = await findNotice(db, id);
  if (!row) throw notFound('申报通知', id);
  if (!reachesNotice(actor, row)) throw new AppError('FORBIDDEN', '无权访问该申报通知');
  return row;
}

/** Publishes a notice: its window opens on `opensOn`. */
export async function createNotice(ctx: Ctx, input: NoticeInput, opts: { isDemo?: boolean } = {}): Promise<Notice> {
  assertCan(ctx.actor, 'applications.notice.create');
  const policy = policyOf(input.policy);
  assertPolicyOfJurisdiction(ctx.actor, policy, '发布申报通知');
  try {
    parametersForYear(policy, input.year);
  } catch (error) {
    if (error instanceof SubsidyInputError) throw new AppError('VALIDATION', error.issues.map((i) => i.reason).join('；'), { field: 'year' });
    throw error;
  }
  if (input.closesOn < input.opensOn) throw new AppError('VALIDATION', '申报截止日期不能早于开始日期', { field: 'closesOn' });
  const rules = [...new Set(input.rules)];
  for (const [i, rule] of input.rules.entries()) {
    if (!policy.rules.some((r) => r.id === rule)) {
      throw new AppError('VALIDATION', `政策“${policy.title}”没有规则“${rule}”（可选：${policy.rules.map((r) => r.id).join('、')}）`, { field: `rules.${i}` });
    }
  }
  for (const rule of Object.keys(input.budgets)) {
    if (!rules.includes(rule)) throw new AppError('VALIDATION', `预算所列规则“${rule}”不在本通知的奖补规则中`, { field: `budgets.${rule}` });
  }
  // The overrides are checked as a settlement would check them: names, kinds and maxima.
  settlementPolicy({ policy: policy.id, year: input.year, overrides: input.overrides });
  const now = ctx.clock.now().toISOString();
  const row: NoticeRow = {
    id: newId(),
    jurisdiction_code: ctx.actor.jurisdictionCode,
    title: input.title,
    policy_id: policy.id,
    year: input.year,
    opens_on: input.opensOn,
    closes_on: input.closesOn,
    rules: JSON.stringify(rules),
    budgets: JSON.stringify(input.budgets),
    overrides: JSON.stringify(input.overrides),
    notice_days: input.noticeDays,
    issuer: input.issuer ?? defaultIssuer(ctx.actor.jurisdictionCode),
    contact: input.contact,
    status: 'published',
    settlement_run_id: null,
    publicized_on: null,
    notice_ends_on: null,
    approved_by: null,
    approved_by_name: null,
    approved_at: null,
    created_by: ctx.actor.id,
    is_demo: opts.isDemo ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  return inTransaction(ctx, async (trx) => {
    await trx.insertInto('subsidy_notice').values(row).execute();
    const { createdAt: _c, updatedAt: _u, counts: _n, open: _o, ...after } = await presentNotice(trx, row, chinaDate(ctx.clock.now()));
    await audit(trx, ctx, { action: 'applications.notice.create', subjectType: 'subsidy_notice', subjectId: row.id, after });
    if (row.status === 'published') await notifyNoticePublished(trx, ctx, row);
    return presentNotice(trx, row, chinaDate(ctx.clock.now()));
  });
}

export async function getNotice(ctx: Ctx, id: string): Promise<Notice> {
  const row = await loadNoticeFor(ctx.db, ctx.actor, 'applications.notice.read', id);
  return presentNotice(ctx.db, row, chinaDate(ctx.clock.now()));
}

/** Notices of the actor's jurisdiction, newest first; `open` keeps those accepting applications today. */
export async function listNotices(ctx: Ctx, query: { status?: NoticeStatus; open?: 'true' | 'false'; page: number; pageSize: number }) {
  assertCan(ctx.actor, 'applications.notice.read');
  const today = chinaDate(ctx.clock.now());
  let base = ctx.db.selectFrom('subsidy_notice').where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (query.status) base = base.where('status', '=', query.status);
  if (query.open === 'true') base = base.where('status', '=', 'published').where('opens_on', '<=', today).where('closes_on', '>=', today);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentNotices(ctx.db, rows, today), total: Number(total) };
}

export const statusLabel = APPLICATION_STATUSES.label;
