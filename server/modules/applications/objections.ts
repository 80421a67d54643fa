/**
 * 公示异议: during the 公示 anyone may object to a listed award — a logged-in user under their
 * account, the public with a name and a contact. The operator resolves each: dismissed (the award
 * stays), or upheld — the application is taken off the list, or contracts are taken out of its
 * claim — and the list is recomputed by a new settlement run (budgets are shared, so every
 * remaining award may change).
 */
import { chinaDate } from '../../../common/dates.js';
import type { Objection } from '../../../common/application-api.js';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../../../common/application-vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { loadNoticeFor } from './notices.js';
import { type NoticeRow, type ObjectionRow, applicationsOfNotice, assertVersion, claimsOf, findApplication, findNotice, updateVersioned } from './repo.js';
import { moveApplication, settleApplications, storeAwards } from './round.js';
import type { ObjectionInput, PublicObjectionInput, ResolveObjectionInput } from './schema.js';

async function present(ctx: Ctx, rows: ObjectionRow[]): Promise<Objection[]> {
  const ids = [...new Set(rows.map((r) => r.application_id))];
  const apps = ids.length ? await ctx.db.selectFrom('subsidy_application').select(['id', 'number', 'beneficiary_ref', 'beneficiary_kind']).where('id', 'in', ids).execute() : [];
  const refs = apps.map((a) => a.beneficiary_ref);
  const [orgs, people] = await Promise.all([
    refs.length ? ctx.db.selectFrom('organization').select(['id', 'name']).where('id', 'in', refs).execute() : [],
    refs.length ? ctx.db.selectFrom('person').select(['id', 'name']).where('id', 'in', refs).execute() : [],
  ]);
  const names = new Map([...orgs, ...people].map((x) => [x.id, x.name]));
  const byId = new Map(apps.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    noticeId: r.notice_id,
    applicationId: r.application_id,
    applicationNumber: byId.get(r.application_id)?.number ?? '',
    beneficiaryName: names.get(byId.get(r.application_id)?.beneficiary_ref ?? '') ?? '',
    submitterName: r.submitter_name,
    contact: r.contact,
    content: r.content,
    status: r.status as ObjectionStatus,
    resolution: r.resolution,
    outcomeAction: r.outcome_action,
    resolvedByName: r.resolved_by_name,
    resolvedAt: r.resolved_at,
    version: r.version,
    createdAt: r.created_at,
  }));
}

function assertDuringNotice(notice: NoticeRow, today: string): void {
  if (notice.status !== 'publicized' || !notice.publicized_on || !notice.notice_ends_on) {
    throw new AppError('CONFLICT', '该通知不在公示期，不受理异议', { field: 'noticeId' });
  }
  if (today < notice.publicized_on || today > notice.notice_ends_on) {
    throw new AppError('CONFLICT', `公示期为 ${notice.publicized_on} 至 ${notice.notice_ends_on}，期外不受理异议`, { field: 'noticeId' });
  }
}

async function record(ctx: Ctx, notice: NoticeRow, input: { applicationId: string; content: string; contact: string | null; submitterName: string; submittedBy: string | null }): Promise<Objection> {
  return inTransaction(ctx, async (trx) => {
    assertDuringNotice(notice, chinaDate(ctx.clock.now()));
    const app = await findApplication(trx, input.applicationId);
    if (!app || app.notice_id !== notice.id || app.status !== 'publicized') {
      throw new AppError('VALIDATION', '异议对象须为本次公示名单中的申报', { field: 'applicationId' });
    }
    const row: ObjectionRow = {
      id: newId(),
      notice_id: notice.id,
      application_id: app.id,
      submitted_by: input.submittedBy,
      submitter_name: input.submitterName,
      contact: input.contact,
      content: input.content,
      status: 'open',
      resolution: null,
      outcome_action: null,
      resolved_by: null,
      resolved_by_name: null,
      resolved_at: null,
      version: 1,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('subsidy_objection').values(row).execute();
    await audit(trx, ctx, {
      action: 'applications.objection.create',
      subjectType: 'subsidy_objection',
      subjectId: row.id,
      after: { noticeId: notice.id, applicationId: app.id, submitterName: row.submitter_name, contact: row.contact, content: row.content },
    });
    return (await present({ ...ctx, db: trx as never }, [row]))[0]!;
  });
}

/** An objection by a logged-in user, under their account. */
export async function createObjection(ctx: Ctx, noticeId: string, input: ObjectionInput): Promise<Objection> {
  assertCan(ctx.actor, 'applications.objection.create');
  const notice = await loadNoticeFor(ctx.db, ctx.actor, 'applications.objection.create', noticeId);
  return record(ctx, notice, { applicationId: input.applicationId, content: input.content, contact: input.contact ?? null, submitterName: ctx.actor.name, submittedBy: ctx.actor.id });
}

/** An objection by the public, with a name and a contact (no account). */
export async function createPublicObjection(ctx: Ctx, noticeId: string, input: PublicObjectionInput): Promise<Objection> {
  const notice = await findNotice(ctx.db, noticeId);
  if (!notice) throw notFound('申报通知', noticeId);
  return record(ctx, notice, { applicationId: input.applicationId, content: input.content, contact: input.contact, submitterName: input.name, submittedBy: null });
}

export async function listObjections(ctx: Ctx, noticeId: string, status?: ObjectionStatus): Promise<Objection[]> {
  await loadNoticeFor(ctx.db, ctx.actor, 'applications.objection.resolve', noticeId);
  let q = ctx.db.selectFrom('subsidy_objection').selectAll().where('notice_id', '=', noticeId);
  if (status) q = q.where('status', '=', status);
  return present(ctx, await q.orderBy('created_at').orderBy('id').execute());
}

/** Resolves an objection; an upheld one changes the list and recomputes it by a new settlement run. */
export async function resolveObjection(ctx: Ctx, id: string, input: ResolveObjectionInput): Promise<Objection> {
  assertCan(ctx.actor, 'applications.objection.resolve');
  const objection = await ctx.db.selectFrom('subsidy_objection').selectAll().where('id', '=', id).executeTakeFirst();
  if (!objection) throw notFound('公示异议', id);
  const notice = await loadNoticeFor(ctx.db, ctx.actor, 'applications.objection.resolve', objection.notice_id);
  if (objection.status !== 'open') {
    throw new AppError('CONFLICT', `该异议已处理（${OBJECTION_STATUSES.label(objection.status)}）`, { field: 'status' });
  }
  assertVersion(objection, input.version, '该异议');
  if (notice.status !== 'publicized') throw new AppError('CONFLICT', '名单已审定，不能再处理异议', { field: 'status' });
  const now = ctx.clock.now().toISOString();
  const resolvedSet = { resolution: input.resolution, resolved_by: ctx.actor.id, resolved_by_name: ctx.actor.name, resolved_at: now };

  if (input.outcome === 'dismissed') {
    if (input.remove || input.excludeContracts?.length) throw new AppError('VALIDATION', '异议不成立时不能取消申报或剔除合同', { field: 'outcome' });
    return inTransaction(ctx, async (trx) => {
      await updateVersioned(trx, 'subsidy_objection', objection, { ...resolvedSet, status: 'dismissed' }, '该异议');
      await audit(trx, ctx, { action: 'applications.objection.resolve', subjectType: 'subsidy_objection', subjectId: id, before: { status: 'open' }, after: { status: 'dismissed', resolution: input.resolution } });
      return (await present({ ...ctx, db: trx as never }, [(await trx.selectFrom('subsidy_objection').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0]!;
    });
  }

  // Upheld: what changes, then the recomputation over the rest of the list.
  const exclude = new Set(input.excludeContracts ?? []);
  if (!input.remove && !exclude.size) throw new AppError('VALIDATION', '异议成立须取消该申报（remove）或剔除其合同（excludeContracts）', { field: 'remove' });
  if (input.remove && exclude.size) throw new AppError('VALIDATION', '取消申报与剔除合同只能选择一种', { field: 'excludeContracts' });
  const target = (await findApplication(ctx.db, objection.application_id))!;
  if (target.status !== 'publicized') throw new AppError('CONFLICT', '该申报已不在公示名单中', { field: 'applicationId' });
  const listed = await applicationsOfNotice(ctx.db, notice.id, ['publicized']);
  const claims = await claimsOf(ctx.db, listed.map((a) => a.id));
  const targetClaims = claims.get(target.id)!;
  for (const [i, c] of (input.excludeContracts ?? []).entries()) {
    if (!targetClaims.includes(c)) throw new AppError('VALIDATION', '剔除的合同不在该申报所选合同中', { field: `excludeContracts.${i}` });
  }
  const remainingClaims = targetClaims.filter((c) => !exclude.has(c));
  if (!input.remove && !remainingClaims.length) throw new AppError('VALIDATION', '剔除后该申报已无合同，请改为取消申报', { field: 'excludeContracts' });
  claims.set(target.id, remainingClaims);
  const remaining = input.remove ? listed.filter((a) => a.id !== target.id) : listed;
  const settled = remaining.length ? await settleApplications(ctx, notice, remaining, claims) : null;

  return inTransaction(ctx, async (trx) => {
    const currentNotice = (await findNotice(trx, notice.id))!;
    assertVersion(currentNotice, notice.version, '该申报通知');
    await updateVersioned(trx, 'subsidy_objection', objection, { ...resolvedSet, status: 'upheld', outcome_action: input.remove ? 'removed' : 'recomputed' }, '该异议');
    const fresh = new Map((await applicationsOfNotice(trx, notice.id, ['publicized'])).map((a) => [a.id, a]));
    if (input.remove) {
      await trx.deleteFrom('subsidy_application_award').where('application_id', '=', target.id).execute();
      await moveApplication(trx, ctx, fresh.get(target.id)!, 'removed', { award_yuan: 0 }, input.resolution, { objectionId: id });
    } else {
      await trx.deleteFrom('subsidy_application_contract').where('application_id', '=', target.id).where('contract_id', 'in', [...exclude]).execute();
    }
    for (const app of remaining) {
      const row = fresh.get(app.id);
      if (!row) throw new AppError('CONFLICT', '公示名单已发生变化，请刷新后重试', { field: 'version' });
      const before = Number(row.award_yuan ?? 0);
      const yuan = await storeAwards(trx, row.id, settled!.run.id, settled!.awards.get(row.id) ?? []);
      if (yuan === 0) {
        await moveApplication(trx, ctx, row, 'no_award', { award_yuan: 0, settlement_run_id: settled!.run.id }, input.resolution, { objectionId: id, runId: settled!.run.id });
      } else {
        await updateVersioned(trx, 'subsidy_application', row, { award_yuan: yuan, settlement_run_id: settled!.run.id, updated_at: now }, `申报 ${row.number} `);
        if (yuan !== before || row.id === target.id) {
          await audit(trx, ctx, { action: 'applications.objection.resolve', subjectType: 'subsidy_application', subjectId: row.id, before: { awardYuan: before }, after: { awardYuan: yuan, runId: settled!.run.id, objectionId: id } });
        }
      }
    }
    await updateVersioned(trx, 'subsidy_notice', currentNotice, { settlement_run_id: settled?.run.id ?? currentNotice.settlement_run_id, updated_at: now }, '该申报通知');
    await audit(trx, ctx, {
      action: 'applications.objection.resolve',
      subjectType: 'subsidy_objection',
      subjectId: id,
      before: { status: 'open' },
      after: { status: 'upheld', resolution: input.resolution, ...(input.remove ? { removed: target.id } : { excludedContracts: [...exclude] }), runId: settled?.run.id ?? null },
    });
    return (await present({ ...ctx, db: trx as never }, [(await trx.selectFrom('subsidy_objection').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0]!;
  });
}
