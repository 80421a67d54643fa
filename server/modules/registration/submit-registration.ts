/**
 * 单位注册, submitted on the public form (no login): the captcha is spent first, then the application
 * is checked (application-fields.ts), its evidence stored, and the application recorded with its
 * 申请编号 and a query code — shown to the applicant once, kept only as a hash — in one transaction
 * with its history step and audit event. A unit's application waits in the 注册审核 queue of the
 * operators whose jurisdiction covers it; a broker's waits for the agency's 单位管理员.
 */
import type { SubmittedRegistration } from '../../../common/registration-api.js';
import type { Actor, Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { putEvidenceFile } from '../contracts/evidence.js';
import { hashChosenPassword, prepareApplication, type PreparedApplication, type RegistrationUploads, submittedApplication } from './application-fields.js';
import { verifyCaptcha } from './captcha.js';
import { hashSecretCode, isUniqueViolation, newSecretCode, nextRegistrationNumber } from './codes.js';
import { appendStep, type RegistrationRow } from './repo.js';
import type { ApplicationInput } from './schema.js';

/** A first-time single sign-on identity the applicant arrived with (linked to the account on approval). */
export interface PendingIdentity {
  issuer: string;
  subject: string;
}

/** Who acts on the public form: the applicant, by the name they gave. */
export function applicantActor(name: string, jurisdictionCode: string): Actor {
  return { id: null, name: `注册申请人：${name}`, roles: [], jurisdictionCode, organizationIds: [] };
}

/** Stores the uploads of a prepared application and fills in their hashes. */
export async function storeUploads(ctx: Ctx, prepared: PreparedApplication): Promise<void> {
  for (const field of ['license', 'authorization'] as const) {
    const upload = prepared.uploads[field];
    if (!upload) continue;
    const stored = await putEvidenceFile(ctx, upload.data, upload.fileName);
    prepared.columns[field === 'license' ? 'license_hash' : 'authorization_hash'] = stored.hash;
  }
}

/** The history's copy of a submission: the fields and the evidence, nothing secret. */
export function snapshotOf(row: RegistrationRow): string {
  return JSON.stringify({ ...submittedApplication(row), evidence: { license: row.license_hash, authorization: row.authorization_hash } });
}

export async function submitRegistration(
  ctx: Ctx,
  input: { captchaId: string; captchaAnswer: string; application: ApplicationInput },
  uploads: RegistrationUploads,
  options: { identity?: PendingIdentity } = {},
): Promise<SubmittedRegistration> {
  await verifyCaptcha(ctx, input.captchaId, input.captchaAnswer);
  const app = input.application;
  if (app.password === undefined) throw new AppError('VALIDATION', '请设置密码', { field: 'application.password' });
  const passwordHash = await hashChosenPassword(app);
  const queryCode = newSecretCode();
  // Two applications in the same instant may draw the same 申请编号; the later one tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx, async (trx) => {
        const prepared = await prepareApplication(ctx, trx, app, uploads, passwordHash);
        const applicant: Ctx = { ...ctx, db: trx, actor: applicantActor(app.applicantName, prepared.columns.review_division_code) };
        await storeUploads(applicant, prepared);
        const now = ctx.clock.now();
        const row: RegistrationRow = {
          ...prepared.columns,
          id: newId(now.getTime()),
          number: await nextRegistrationNumber(trx, now),
          query_code_hash: hashSecretCode(queryCode),
          status: 'pending',
          organization_id: null,
          return_reason: null,
          decided_at: null,
          decided_by_name: null,
          user_id: null,
          person_id: null,
          oidc_issuer: options.identity?.issuer ?? null,
          oidc_subject: options.identity?.subject ?? null,
          submissions: 1,
          version: 1,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await trx.insertInto('unit_registration').values(row).execute();
        await appendStep(trx, row.id, { action: 'submit', at: row.created_at, actor_name: applicant.actor.name, reason: null, snapshot: snapshotOf(row), ip: ctx.ip });
        await audit(trx, applicant, {
          action: 'registration.submit',
          subjectType: 'unit_registration',
          subjectId: row.id,
          after: { number: row.number, unitName: prepared.unitName, ...submittedApplication(row) },
        });
        return { number: row.number, queryCode, status: 'pending' as const };
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error) && !(error instanceof AppError)) continue;
      throw error;
    }
  }
}
