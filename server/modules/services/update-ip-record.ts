/** Edits an IP operation record; guarded by `version`, audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertVersion, checkAchievement, checkContract } from './access.js';
import { type IpRecordRow, findRow, updateVersioned } from './repo.js';
import type { IpRecordPatch } from './schema.js';
import { ipRecordAudit, type IpRecord, presentIpRecords, checkRecord, loadIpRecord } from './present-ip-records.js';

export async function updateIpRecord(ctx: Ctx, id: string, patch: IpRecordPatch): Promise<IpRecord> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadIpRecord(trx, ctx, 'ip.record.write', id);
    assertVersion(row, patch.version, '知识产权运营记录');
    await checkAchievement(trx, patch.achievementId);
    await checkContract(trx, patch.contractId);
    const pick = <T>(sent: T | null | undefined, stored: T | null): T | null => (sent === undefined ? stored : sent);
    const next: IpRecordRow = {
      ...row, ip_number: pick(patch.ipNumber, row.ip_number), ip_title: patch.ipTitle ?? row.ip_title, license_scope: pick(patch.licenseScope, row.license_scope),
      starts_on: patch.startsOn ?? row.starts_on, ends_on: pick(patch.endsOn, row.ends_on), amount_fen: patch.amountFen ?? row.amount_fen,
      equity_share_bp: pick(patch.equityShareBp, row.equity_share_bp), achievement_id: pick(patch.achievementId, row.achievement_id),
      contract_id: pick(patch.contractId, row.contract_id), note: pick(patch.note, row.note), updated_at: ctx.clock.now().toISOString(),
    };
    checkRecord(next);
    const { id: _id, version: _v, ...set } = next;
    if (!(await updateVersioned(trx, 'ip_record', id, row.version, set))) throw new AppError('CONFLICT', '该记录已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findRow(trx, 'ip_record', id))!;
    await audit(trx, ctx, { action: 'ip.record.write', subjectType: 'ip_record', subjectId: id, ...changedFields(ipRecordAudit(row), ipRecordAudit(after)) });
    return (await presentIpRecords(trx, [after]))[0]!;
  });
}
