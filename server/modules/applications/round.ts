/**
 * The round after the reviews: the operator closes it and the awards are computed by a settlement
 * run over the passed applications only (their claimed contracts and their beneficiaries, the
 * notice's budgets shared among them); the list goes on 公示 for N working days; after the period
 * 财政局 approves it. An upheld objection recomputes the list by a new run (objections.ts).
 *
 * The first computation (核定) runs its settlement inside the transaction that writes the awards,
 * with the notice locked, so a losing concurrent 核定 stores no run. A recomputation after an upheld
 * objection (objections.ts) still runs first and re-checks versions after.
 */
import { addDays, chinaDate } from '../../../common/dates.js';
import type { ApplicationStatus } from '../../../common/application-vocabulary.js';
import type { Notice } from '../../../common/application-api.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction, withinTransaction } from '../../context.js';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { addWorkingDays, calendarWarning } from '../contracts/deadlines.js';
import type { WorkingCalendar } from '../contracts/holidays.js';
import { workingCalendar } from '../calendar/stored-calendar.js';
import { listAwards, runSettlement, type SettlementRun } from '../subsidies/settlement.js';
import { loadNoticeFor, presentNotice } from './notices.js';
import { type ApplicationRow, type NoticeRow, appendStep, applicationsOfNotice, assertVersion, claimsOf, findNotice, updateVersioned } from './repo.js';
import { LISTED, UNDER_REVIEW, noticeTransitionAction, transitionAction } from './workflow.js';
import { notifyApplication } from '../notifications/applicant-notices.js';
import { yuanWords } from '../subsidies/trace-words.js';

export interface Settled {
  run: SettlementRun;
  /** application id → its awards from the run (rules the notice covers only). */
  awards: Map<string, { seq: number; rule: string; amountYuan: number }[]>;
}

/**
 * Runs the settlement for these applications: their claimed contracts (after `claims` overrides)
 * and their beneficiaries, under the notice's policy, year and budgets.
 */
export async function settleApplications(ctx: Ctx, notice: NoticeRow, apps: ApplicationRow[], claims: Map<string, string[]>): Promise<Settled> {
  const contracts = [...new Set(apps.flatMap((a) => claims.get(a.id) ?? []))].sort();
  const beneficiaries = [...new Set(apps.map((a) => a.beneficiary_ref))].sort();
  const run = await runSettlement(ctx, {
    policy: notice.policy_id,
    year: notice.year,
    budgets: JSON.parse(notice.budgets) as Record<string, number>,
    overrides: JSON.parse(notice.overrides) as Record<string, unknown>,
    applications: { ref: notice.id, contracts, beneficiaries },
  });
  const rules = new Set(JSON.parse(notice.rules) as string[]);
  const byBeneficiary = new Map(apps.map((a) => [a.beneficiary_ref, a.id]));
  const awards = new Map<string, { seq: number; rule: string; amountYuan: number }[]>(apps.map((a) => [a.id, []]));
  for (const a of await listAwards(ctx.db, run.id)) {
    const appId = byBeneficiary.get(a.beneficiaryRef);
    if (!appId || !rules.has(a.rule) || a.amountYuan <= 0) continue;
    awards.get(appId)!.push({ seq: a.seq, rule: a.rule, amountYuan: a.amountYuan });
  }
  return { run, awards };
}

/** Replaces an application's awards by those of `runId`; returns the total in whole yuan. */
export async function storeAwards(trx: Executor, appId: string, runId: string, awards: { seq: number; rule: string; amountYuan: number }[]): Promise<number> {
  await trx.deleteFrom('subsidy_application_award').where('application_id', '=', appId).execute();
  if (awards.length) {
    await trx
      .insertInto('subsidy_application_award')
      .values(awards.map((a) => ({ id: newId(), application_id: appId, run_id: runId, seq: a.seq, rule: a.rule, amount_yuan: a.amountYuan })))
      .execute();
  }
  return awards.reduce((s, a) => s + a.amountYuan, 0);
}

/** Moves one application inside `trx`: state table, version, step and audit. */
export async function moveApplication(
  trx: Transaction<Database>,
  ctx: Ctx,
  row: ApplicationRow,
  to: ApplicationStatus,
  set: Record<string, unknown> = {},
  reason: string | null = null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const from = row.status as ApplicationStatus;
  const action = transitionAction(from, to);
  const now = ctx.clock.now().toISOString();
  await updateVersioned(trx, 'subsidy_application', row, { ...set, status: to, updated_at: now }, `申报 ${row.number} `);
  await appendStep(trx, { application_id: row.id, from_status: from, to_status: to, at: now, actor_id: ctx.actor.id, actor_name: ctx.actor.name, reason });
  await audit(trx, ctx, {
    action,
    subjectType: 'subsidy_application',
    subjectId: row.id,
    before: { status: from, version: row.version },
    after: { status: to, version: row.version + 1, ...extra },
  });
}

async function moveNotice(trx: Transaction<Database>, ctx: Ctx, row: NoticeRow, to: NoticeRow['status'], set: Record<string, unknown>, extra: Record<string, unknown>) {
  const action = noticeTransitionAction(row.status as never, to as never);
  await updateVersioned(trx, 'subsidy_notice', row, { ...set, status: to, updated_at: ctx.clock.now().toISOString() }, '该申报通知');
  await audit(trx, ctx, {
    action,
    subjectType: 'subsidy_notice',
    subjectId: row.id,
    before: { status: row.status, version: row.version },
    after: { status: to, version: row.version + 1, ...extra },
  });
}

/**
 * Closes the round: no application may still wait for a review; the passed ones (复核通过) get
 * their awards from one settlement run — awarded, or no_award when nothing is due.
 */
export async function computeAwards(ctx: Ctx, noticeId: string, version: number): Promise<Notice> {
  // One transaction from the check to the awards, with the notice locked first: a second 核定 of
  // the same notice waits, then finds it changed and leaves nothing — no second settlement run in
  // the immutable log (issue 12). On PostgreSQL it is repeatable read, so the world the settlement
  // loads is one snapshot and the loser's lock fails as a serialization conflict (a 409,
  // server/http/errors.ts); SQLite runs one write transaction at a time anyway.
  const begin = ctx.db.isTransaction || ctx.dialect !== 'postgres' ? null : ctx.db.transaction().setIsolationLevel('repeatable read');
  const work = async (trx: Transaction<Database>) => {
    if (ctx.dialect === 'postgres') await sql`select id from subsidy_notice where id = ${noticeId} for update`.execute(trx);
    const tctx = withinTransaction(ctx, trx);
    await loadNoticeFor(trx, ctx.actor, 'applications.notice.compute', noticeId);
    const current = (await findNotice(trx, noticeId))!;
    assertVersion(current, version, '该申报通知');
    noticeTransitionAction(current.status as never, 'computed');
    const pending = await applicationsOfNotice(trx, noticeId, UNDER_REVIEW);
    if (pending.length) {
      throw new AppError('CONFLICT', `尚有 ${pending.length} 份申报未完成初审或复核（${pending.slice(0, 5).map((a) => a.number).join('、')}${pending.length > 5 ? '等' : ''}），不能核定`, { field: 'status' });
    }
    const passed = await applicationsOfNotice(trx, noticeId, ['second_passed']);
    if (!passed.length) throw new AppError('CONFLICT', '没有复核通过的申报，无需核定', { field: 'status' });
    const claims = await claimsOf(trx, passed.map((a) => a.id));
    const settled = await settleApplications(tctx, current, passed, claims);
    let total = 0;
    for (const app of passed) {
      const awards = settled.awards.get(app.id) ?? [];
      const yuan = await storeAwards(trx, app.id, settled.run.id, awards);
      total += yuan;
      await moveApplication(trx, ctx, app, yuan > 0 ? 'awarded' : 'no_award', { award_yuan: yuan, settlement_run_id: settled.run.id }, null, {
        runId: settled.run.id,
        awardYuan: yuan,
        awards: awards.map((a) => ({ rule: a.rule, yuan: a.amountYuan })),
      });
      await notifyApplication(trx, ctx, app, 'applications.awarded', yuan > 0 ? `奖补已核定：${yuanWords(yuan)}` : '奖补核定结果：无奖补', yuan > 0 ? `核定奖补 ${yuanWords(yuan)}，计算依据可在申报页查看；名单将进行公示。` : '按政策核定，本次申报无可奖补金额，原因可在申报页查看。');
    }
    await moveNotice(trx, ctx, current, 'computed', { settlement_run_id: settled.run.id }, { runId: settled.run.id, resultHash: settled.run.resultHash, applications: passed.length, totalYuan: total });
    return presentNotice(trx, (await findNotice(trx, noticeId))!, chinaDate(ctx.clock.now()));
  };
  return begin ? begin.execute(work) : inTransaction(ctx, work);
}

/** The last day of a 公示 of `days` working days starting on `startsOn` (counted when it is a working day). */
export function noticeEnd(startsOn: string, days: number, calendar: WorkingCalendar): { endsOn: string; calendarComplete: boolean; calendarWarning: string | null } {
  const { due, calendarComplete, uncoveredYears } = addWorkingDays(addDays(startsOn, -1), days, calendar);
  return { endsOn: due, calendarComplete, calendarWarning: calendarWarning(uncoveredYears) };
}

/** Puts the awarded applications on 公示 for the notice's number of working days. */
export async function publicizeNotice(ctx: Ctx, noticeId: string, input: { version: number; startsOn?: string | undefined }): Promise<Notice> {
  return inTransaction(ctx, async (trx) => {
    const notice = await loadNoticeFor(trx, ctx.actor, 'applications.notice.publicize', noticeId);
    noticeTransitionAction(notice.status as never, 'publicized');
    assertVersion(notice, input.version, '该申报通知');
    const today = chinaDate(ctx.clock.now());
    const startsOn = input.startsOn ?? today;
    if (startsOn < today) throw new AppError('VALIDATION', '公示开始日期不能早于今天', { field: 'startsOn' });
    const awarded = await applicationsOfNotice(trx, noticeId, ['awarded']);
    if (!awarded.length) throw new AppError('CONFLICT', '没有核定获奖补的申报，无需公示', { field: 'status' });
    const { endsOn } = noticeEnd(startsOn, notice.notice_days, await workingCalendar(trx));
    for (const app of awarded) {
      await moveApplication(trx, ctx, app, 'publicized', {}, null, { startsOn, endsOn });
      await notifyApplication(trx, ctx, app, 'applications.publicized', '奖补名单公示', `贵单位的奖补 ${yuanWords(Number(app.award_yuan ?? 0))} 自 ${startsOn} 起公示至 ${endsOn}；公示期满且无异议后由财政审定拨付。`);
    }
    await moveNotice(trx, ctx, notice, 'publicized', { publicized_on: startsOn, notice_ends_on: endsOn }, { startsOn, endsOn, workingDays: notice.notice_days });
    return presentNotice(trx, (await findNotice(trx, noticeId))!, today);
  });
}

/** 财政局 approves the list after the 公示 period, with every objection resolved. */
export async function approveNotice(ctx: Ctx, noticeId: string, version: number): Promise<Notice> {
  return inTransaction(ctx, async (trx) => {
    const notice = await loadNoticeFor(trx, ctx.actor, 'applications.notice.approve', noticeId);
    noticeTransitionAction(notice.status as never, 'approved');
    assertVersion(notice, version, '该申报通知');
    const today = chinaDate(ctx.clock.now());
    if (!notice.notice_ends_on || today <= notice.notice_ends_on) {
      throw new AppError('CONFLICT', `公示期至 ${notice.notice_ends_on} 结束，期满后方可审定`, { field: 'status' });
    }
    const open = await trx.selectFrom('subsidy_objection').select('id').where('notice_id', '=', noticeId).where('status', '=', 'open').execute();
    if (open.length) throw new AppError('CONFLICT', `尚有 ${open.length} 件公示异议未处理，处理后方可审定`, { field: 'status' });
    const listed = await applicationsOfNotice(trx, noticeId, ['publicized']);
    for (const app of listed) await moveApplication(trx, ctx, app, 'approved');
    const now = ctx.clock.now().toISOString();
    const total = listed.reduce((s, a) => s + Number(a.award_yuan ?? 0), 0);
    await moveNotice(trx, ctx, notice, 'approved', { approved_by: ctx.actor.id, approved_by_name: ctx.actor.name, approved_at: now }, { applications: listed.length, totalYuan: total });
    return presentNotice(trx, (await findNotice(trx, noticeId))!, today);
  });
}

export { LISTED };
