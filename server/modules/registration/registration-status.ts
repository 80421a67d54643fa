/**
 * The applicant's side after submitting (/register/status, no login): the 申请编号 and the query code
 * open the application — its status, the reason it was returned, its history — and a returned one
 * may be corrected and resubmitted with new evidence; the history keeps every submission.
 */
import crypto from 'node:crypto';
import type { RegistrationStatusView } from '../../../common/registration-api.js';
import type { RegistrationAction, RegistrationStatus } from '../../../common/registration-vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { hashChosenPassword, prepareApplication, type RegistrationUploads, submittedApplication } from './application-fields.js';
import { verifyCaptcha } from './captcha.js';
import { hashSecretCode } from './codes.js';
import { appendStep, findRegistrationByNumber, type RegistrationRow, stepsOf } from './repo.js';
import type { ApplicationInput } from './schema.js';
import { applicantActor, snapshotOf, storeUploads } from './submit-registration.js';

const NOT_FOUND_MESSAGE = '申请编号或查询码不正确，请核对后重新输入';

/** The application the number and query code open; the same answer whichever of the two is wrong. */
async function openApplication(db: Executor, number: string, queryCode: string): Promise<RegistrationRow> {
  const row = await findRegistrationByNumber(db, number.trim().toUpperCase());
  const given = Buffer.from(hashSecretCode(queryCode));
  const expected = Buffer.from(row?.query_code_hash ?? '0'.repeat(64));
  if (!row || !crypto.timingSafeEqual(given, expected)) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE, { field: 'queryCode' });
  return row;
}

async function agencyOf(db: Executor, row: RegistrationRow) {
  if (!row.agency_organization_id) return undefined;
  return db.selectFrom('organization').select(['name', 'uscc']).where('id', '=', row.agency_organization_id).executeTakeFirst();
}

async function present(db: Executor, row: RegistrationRow): Promise<RegistrationStatusView> {
  const [steps, agency, org] = await Promise.all([
    stepsOf(db, row.id),
    agencyOf(db, row),
    row.organization_id ? db.selectFrom('organization').select('name').where('id', '=', row.organization_id).executeTakeFirst() : undefined,
  ]);
  return {
    number: row.number,
    applicantType: row.applicant_type as RegistrationStatusView['applicantType'],
    status: row.status as RegistrationStatus,
    unitName: org?.name ?? agency?.name ?? row.org_name ?? '',
    username: row.username,
    submittedAt: row.created_at,
    updatedAt: row.updated_at,
    returnReason: row.status === 'returned' ? row.return_reason : null,
    steps: steps.map((s) => ({ seq: Number(s.seq), action: s.action as RegistrationAction, at: s.at, actorName: s.actor_name, reason: s.reason })),
    application: submittedApplication(row, agency),
  };
}

export async function readRegistrationStatus(ctx: Ctx, input: { number: string; queryCode: string }): Promise<RegistrationStatusView> {
  return present(ctx.db, await openApplication(ctx.db, input.number, input.queryCode));
}

export async function resubmitRegistration(
  ctx: Ctx,
  input: { number: string; queryCode: string; captchaId: string; captchaAnswer: string; application: ApplicationInput },
  uploads: RegistrationUploads,
): Promise<RegistrationStatusView> {
  await verifyCaptcha(ctx, input.captchaId, input.captchaAnswer);
  const passwordHash = await hashChosenPassword(input.application);
  return inTransaction(ctx, async (trx) => {
    const row = await openApplication(trx, input.number, input.queryCode);
    if (row.status !== 'returned') {
      throw new AppError('CONFLICT', row.status === 'pending' ? '该申请正在审核中，无需重新提交' : '该申请已审核通过，请直接登录');
    }
    const prepared = await prepareApplication(ctx, trx, input.application, uploads, passwordHash, row);
    const applicant: Ctx = { ...ctx, db: trx, actor: applicantActor(input.application.applicantName, prepared.columns.review_division_code) };
    await storeUploads(applicant, prepared);
    const now = ctx.clock.now().toISOString();
    const next: RegistrationRow = { ...row, ...prepared.columns, status: 'pending', submissions: row.submissions + 1, version: row.version + 1, updated_at: now };
    const updated = await trx
      .updateTable('unit_registration')
      .set({ ...prepared.columns, status: 'pending', submissions: next.submissions, version: next.version, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该申请刚刚被修改过，请重新查询后再提交');
    await appendStep(trx, row.id, { action: 'resubmit', at: now, actor_name: applicant.actor.name, reason: null, snapshot: snapshotOf(next), ip: ctx.ip });
    await audit(trx, applicant, {
      action: 'registration.resubmit',
      subjectType: 'unit_registration',
      subjectId: row.id,
      before: submittedApplication(row),
      after: submittedApplication(next),
    });
    return present(trx, next);
  });
}
