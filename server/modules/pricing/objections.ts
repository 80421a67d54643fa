/**
 * 定价公示异议: while a 公示 runs anyone may object — a logged-in user under their account, a visitor
 * with a name and a contact. The institution (or the operator) answers each; a contract waits for
 * every answer before it is submitted (gate.ts). Audited on the contract, in words.
 */
import { chinaDate } from '../../../common/dates.js';
import type { PricingObjection } from '../../../common/pricing-api.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { actsForInstitution, presentObjection } from './publicity.js';
import { type ObjectionRow, type PublicityRow, assertVersion, findObjection, findPublicity, updateVersioned } from './repo.js';
import type { AnswerInput, ObjectionInput, PublicObjectionInput } from './schema.js';

const contractName = async (db: Executor, publicity: PublicityRow) =>
  (await db.selectFrom('contract').select('name').where('id', '=', publicity.contract_id).executeTakeFirstOrThrow()).name;

/**
 * The institution learns of an objection at once: its contract cannot be submitted until every
 * objection is answered (gate.ts), so an unseen one would hold the registration without a word.
 */
async function tellInstitution(db: Executor, ctx: Ctx, publicity: PublicityRow, objection: ObjectionRow): Promise<void> {
  const name = await contractName(db, publicity);
  await sendNotification(db, ctx, {
    jurisdictionCode: publicity.jurisdiction_code,
    recipientOrganizationId: publicity.institution_id,
    kind: 'pricing.objection.created',
    title: `成果定价公示收到异议：${name}`,
    body: `${objection.submitter_name}对“${name}”的成果定价公示提出异议：“${objection.content}”。请在合同页面的“成果定价公示”中答复；异议均答复且公示期满后，合同方可提交登记。`,
    link: `/contracts/${publicity.contract_id}`,
  });
}

async function record(ctx: Ctx, publicityId: string, input: { content: string; contact: string | null; submitterName: string; submittedBy: string | null }, publicJurisdiction?: string): Promise<PricingObjection> {
  return inTransaction(ctx, async (trx) => {
    const publicity = await findPublicity(trx, publicityId);
    if (!publicity || publicity.status !== 'publicized' || (publicJurisdiction && !isWithinJurisdiction(publicJurisdiction, publicity.jurisdiction_code))) {
      throw new AppError('NOT_FOUND', '该成果定价公示不存在或已撤回');
    }
    const today = chinaDate(ctx.clock.now());
    if (today < publicity.starts_on || today > publicity.ends_on) {
      throw new AppError('CONFLICT', `公示期为 ${publicity.starts_on} 至 ${publicity.ends_on}，期外不受理异议`, { field: 'publicityId' });
    }
    const row: ObjectionRow = {
      id: newId(),
      publicity_id: publicity.id,
      submitted_by: input.submittedBy,
      submitter_name: input.submitterName,
      contact: input.contact,
      content: input.content,
      status: 'open',
      answer: null,
      answered_by: null,
      answered_by_name: null,
      answered_at: null,
      version: 1,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx.insertInto('pricing_objection').values(row).execute();
    await tellInstitution(trx, ctx, publicity, row);
    await audit(trx, ctx, {
      action: 'pricing.objection.create',
      subjectType: 'contract',
      subjectId: publicity.contract_id,
      after: { submitterName: row.submitter_name, ...(row.contact ? { contact: row.contact } : {}), objectionContent: row.content },
    });
    return presentObjection(row, true);
  });
}

/** An objection by a logged-in user, under their account. */
export async function createObjection(ctx: Ctx, publicityId: string, input: ObjectionInput): Promise<PricingObjection> {
  assertCan(ctx.actor, 'pricing.objection.create');
  return record(ctx, publicityId, { content: input.content, contact: input.contact || null, submitterName: ctx.actor.name, submittedBy: ctx.actor.id });
}

/** An objection by a visitor of the portal, with a name and a contact (no account). */
export async function createPublicObjection(ctx: Ctx, jurisdiction: string, publicityId: string, input: PublicObjectionInput): Promise<PricingObjection> {
  // The log names the visitor as they named themselves, marked as the public's.
  const visitor = { ...ctx, actor: { ...ctx.actor, name: `公众（${input.name}）` } };
  const made = await record(visitor, publicityId, { content: input.content, contact: input.contact, submitterName: input.name, submittedBy: null }, jurisdiction);
  return { ...made, contact: null };
}

/** The institution (or the operator) answers an objection. */
export async function answerObjection(ctx: Ctx, id: string, input: AnswerInput): Promise<PricingObjection> {
  const scope = assertCan(ctx.actor, 'pricing.objection.answer');
  return inTransaction(ctx, async (trx) => {
    const objection = await findObjection(trx, id);
    if (!objection) throw new AppError('NOT_FOUND', '该异议不存在');
    const publicity = (await findPublicity(trx, objection.publicity_id))!;
    if (!actsForInstitution(ctx.actor, scope, publicity)) throw new AppError('FORBIDDEN', '只有转让方（许可方）单位或科技局运营人员可以答复该异议');
    if (objection.status !== 'open') throw new AppError('CONFLICT', '该异议已答复', { field: 'status' });
    if (publicity.status === 'withdrawn') throw new AppError('CONFLICT', '该成果定价公示已撤回，无需答复', { field: 'status' });
    assertVersion(objection, input.version, '该异议');
    const now = ctx.clock.now().toISOString();
    await updateVersioned(trx, 'pricing_objection', objection, { status: 'answered', answer: input.answer, answered_by: ctx.actor.id, answered_by_name: ctx.actor.name, answered_at: now }, '该异议');
    // A logged-in objector is told in the platform; a visitor reads the answer on the portal's 公示.
    if (objection.submitted_by) {
      const name = await contractName(trx, publicity);
      await sendNotification(trx, ctx, {
        jurisdictionCode: publicity.jurisdiction_code,
        recipientUserId: objection.submitted_by,
        kind: 'pricing.objection.answered',
        title: `定价公示异议已答复：${name}`,
        body: `您对“${name}”成果定价公示提出的异议“${objection.content}”已答复：${input.answer}`,
        link: `/public/pricing/${publicity.id}`,
      });
    }
    await audit(trx, ctx, {
      action: 'pricing.objection.answer',
      subjectType: 'contract',
      subjectId: publicity.contract_id,
      after: { submitterName: objection.submitter_name, objectionContent: objection.content, answer: input.answer },
    });
    return presentObjection((await findObjection(trx, id))!, true);
  });
}
