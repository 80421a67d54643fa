/**
 * 信用修复: a unit asks, with evidence (PDF, JPG, PNG), that a record against it end early; the
 * operator approves (the record ends today: from today settlements no longer exclude the unit) or
 * rejects with a reason. One pending request per record (unique index on record and pending key).
 * The unit is told either way.
 */
import { CREDIT_KINDS } from '../../../common/credit.js';
import type { EvidenceFile } from '../../../common/contract-api.js';
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan, assertReachesOrganization } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { assertMayAttach, storeEvidenceFile } from '../contracts/evidence.js';
import { sniffEvidenceType } from '../contracts/file-type.js';
import { sendNotification } from '../notifications/notifications.js';
import { CHANGE_EVIDENCE_MIMES } from '../registry/change-requests.js';
import type { CreditRecordView } from '../../../common/credit.js';
import { endRecordIn, findHolder, present, recordText, stateOn, type CreditRecordRow } from './records.js';

/** Stores a 信用修复 evidence file (PDF, JPG or PNG, judged by its content). */
export async function storeCreditRepairEvidence(ctx: Ctx, data: Buffer, fileName: string): Promise<EvidenceFile> {
  assertCan(ctx.actor, 'credit.repair.create');
  const mime = data.length > 0 ? sniffEvidenceType(data) : null;
  if (!(CHANGE_EVIDENCE_MIMES as readonly (string | null)[]).includes(mime)) {
    throw new AppError('VALIDATION', `文件“${fileName}”不是 PDF、JPG 或 PNG 文件（按文件内容判断，不看扩展名）`, { field: 'file' });
  }
  return storeEvidenceFile(ctx, data, fileName, 'credit.repair.create');
}

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** The unit asks for 信用修复 of one of its records. */
export async function requestCreditRepair(ctx: Ctx, recordId: string, input: { explanation: string; evidence: { hash: string; fileName: string }[] }): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.repair.create');
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('credit_record').selectAll().where('id', '=', recordId).executeTakeFirst();
    if (!row || !row.organization_id) throw notFound('信用记录', recordId);
    const org = await trx.selectFrom('organization').select(['id', 'name', 'jurisdiction_code']).where('id', '=', row.organization_id).executeTakeFirst();
    if (!org) throw notFound('机构', row.organization_id);
    assertReachesOrganization(ctx.actor, 'credit.repair.create', org);
    const today = chinaDate(ctx.clock.now());
    const state = stateOn(row, today);
    if (state === 'ended' || state === 'expired') throw new AppError('CONFLICT', '该信用记录已不在有效期内，无需申请信用修复', { field: 'recordId' });
    for (const [i, ref] of input.evidence.entries()) {
      await assertMayAttach(trx, ctx.actor, `evidence.${i}`, ref.hash, `证明材料“${ref.fileName}”`);
      const file = await trx.selectFrom('evidence_file').select(['mime']).where('hash', '=', ref.hash).executeTakeFirst();
      if (!file) throw new AppError('VALIDATION', `证明材料“${ref.fileName}”未上传成功，请重新上传`, { field: `evidence.${i}` });
      if (!(CHANGE_EVIDENCE_MIMES as readonly string[]).includes(file.mime)) throw new AppError('VALIDATION', `证明材料“${ref.fileName}”须为 PDF、JPG 或 PNG 文件`, { field: `evidence.${i}` });
    }
    const now = ctx.clock.now().toISOString();
    const id = newId();
    const pending = () => new AppError('CONFLICT', '该信用记录已有一份待审核的信用修复申请，请等待审核结果', { field: 'recordId' });
    const open = await trx.selectFrom('credit_repair').select('id').where('record_id', '=', row.id).where('pending_key', '=', 'pending').executeTakeFirst();
    if (open) throw pending();
    try {
      await trx
        .insertInto('credit_repair')
        .values({
          id,
          record_id: row.id,
          jurisdiction_code: row.jurisdiction_code,
          pending_key: 'pending',
          status: 'pending',
          explanation: input.explanation,
          submitted_by: ctx.actor.id,
          submitted_by_name: ctx.actor.name,
          submitted_at: now,
          decided_by: null,
          decided_by_name: null,
          decided_at: null,
          decision_reason: null,
          version: 1,
          updated_at: now,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw pending();
      throw error;
    }
    const files = [...new Map(input.evidence.map((e) => [e.hash, e])).values()];
    await trx.insertInto('credit_repair_evidence').values(files.map((e) => ({ id: newId(), repair_id: id, hash: e.hash, file_name: e.fileName }))).execute();
    await audit(trx, ctx, {
      action: 'credit.repair.create',
      subjectType: 'organization',
      subjectId: org.id,
      after: { creditRecord: recordText(row), repairStatus: '待审核', explanation: input.explanation, evidence: files.map((e) => e.fileName) },
    });
    return present(trx, row, org.name, today);
  });
}

/** The operator decides a pending 信用修复: approve ends the record today; reject keeps it, with the reason. */
export async function decideCreditRepair(ctx: Ctx, repairId: string, input: { decision: 'approve' | 'reject'; reason?: string | undefined; version: number }): Promise<CreditRecordView> {
  assertCan(ctx.actor, 'credit.repair.review');
  return inTransaction(ctx, async (trx) => {
    const repair = await trx.selectFrom('credit_repair').selectAll().where('id', '=', repairId).executeTakeFirst();
    if (!repair) throw notFound('信用修复申请', repairId);
    const row = (await trx.selectFrom('credit_record').selectAll().where('id', '=', repair.record_id).executeTakeFirst()) as CreditRecordRow;
    const holder = await findHolder(ctx, trx, { organizationId: row.organization_id, personId: row.person_id }, 'credit.record.write');
    if (repair.status !== 'pending') throw new AppError('CONFLICT', '该信用修复申请已审核，不能再办理', { field: 'status' });
    if (repair.version !== input.version) throw new AppError('CONFLICT', '该信用修复申请已被他人办理，请刷新后重试', { field: 'version' });
    const approve = input.decision === 'approve';
    const reason = input.reason?.trim() || null;
    if (!approve && !reason) throw new AppError('VALIDATION', '驳回须写明理由', { field: 'reason' });
    const today = chinaDate(ctx.clock.now());
    const now = ctx.clock.now().toISOString();
    const updated = await trx
      .updateTable('credit_repair')
      .set({ status: approve ? 'approved' : 'rejected', pending_key: null, decided_by: ctx.actor.id, decided_by_name: ctx.actor.name, decided_at: now, decision_reason: reason, version: repair.version + 1, updated_at: now })
      .where('id', '=', repair.id)
      .where('version', '=', repair.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该信用修复申请已被他人办理，请刷新后重试', { field: 'version' });
    let record = row;
    if (approve) {
      // A record not yet in force ends on its first day: it never is.
      const endedOn = row.valid_from > today ? row.valid_from : today;
      record = await endRecordIn(ctx, trx, row, holder, endedOn, `信用修复申请通过${reason ? `：${reason}` : ''}`, row.version);
    }
    await audit(trx, ctx, {
      action: approve ? 'credit.repair.approve' : 'credit.repair.reject',
      subjectType: holder.type,
      subjectId: holder.id,
      before: { creditRecord: recordText(row), repairStatus: '待审核' },
      after: { creditRecord: recordText(record), repairStatus: approve ? '已通过（记录已结束）' : '已驳回', ...(reason ? { decisionReason: reason } : {}) },
    });
    const kind = CREDIT_KINDS.label(row.kind);
    if (holder.type === 'organization') {
      await sendNotification(trx, ctx, {
        jurisdictionCode: holder.jurisdictionCode,
        ...(repair.submitted_by ? { recipientUserId: repair.submitted_by } : { recipientOrganizationId: holder.id }),
        kind: approve ? 'credit.repair.approved' : 'credit.repair.rejected',
        title: approve ? `信用修复已通过：${holder.name}` : `信用修复未通过：${holder.name}`,
        body: approve
          ? `“${holder.name}”的${kind}记录已于今日结束，此后的奖补结算不再因此排除。${reason ? `审核意见：${reason}` : ''}`
          : `“${holder.name}”的${kind}信用修复申请未通过，记录继续有效。驳回理由：${reason}`,
        link: '/credit',
      });
    }
    return present(trx, record, holder.name, today);
  });
}

/** One of a repair's evidence files, for those who may read its record. */
export async function readCreditRepairEvidence(ctx: Ctx, repairId: string, hash: string) {
  assertCan(ctx.actor, 'credit.record.read');
  const repair = await ctx.db.selectFrom('credit_repair').select(['record_id']).where('id', '=', repairId).executeTakeFirst();
  if (!repair) throw notFound('信用修复申请', repairId);
  const row = await ctx.db.selectFrom('credit_record').select(['organization_id', 'person_id']).where('id', '=', repair.record_id).executeTakeFirst();
  await findHolder(ctx, ctx.db, { organizationId: row?.organization_id ?? null, personId: row?.person_id ?? null }, 'credit.record.read');
  const file = await ctx.db
    .selectFrom('credit_repair_evidence as e')
    .innerJoin('evidence_file as f', 'f.hash', 'e.hash')
    .select(['f.content', 'f.mime', 'f.size', 'e.file_name'])
    .where('e.repair_id', '=', repairId)
    .where('e.hash', '=', hash)
    .executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND', '该信用修复申请没有这份证明材料');
  return { content: file.content, mime: file.mime, size: Number(file.size), fileName: file.file_name };
}
