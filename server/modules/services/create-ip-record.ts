/** Records a licence or an IP-as-equity contribution (知识产权运营); audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { checkAchievement, checkContract } from './access.js';
import { type IpRecordRow, insertRow } from './repo.js';
import type { IpRecordInput } from './schema.js';
import { ipRecordAudit, type IpRecord, presentIpRecords, checkRecord, orgFor } from './present-ip-records.js';

export async function createIpRecord(ctx: Ctx, input: IpRecordInput, opts: { isDemo?: boolean } = {}): Promise<IpRecord> {
  return inTransaction(ctx, async (trx) => {
    const scope = assertCan(ctx.actor, 'ip.record.write');
    const from = await orgFor(trx, input.fromOrganizationId, 'fromOrganizationId');
    await orgFor(trx, input.toOrganizationId, 'toOrganizationId');
    if (scope === 'own' && ![from.id, input.toOrganizationId].some((id) => ctx.actor.organizationIds.includes(id))) {
      throw new AppError('FORBIDDEN', '只能登记本单位作为一方的知识产权运营记录');
    }
    await checkAchievement(trx, input.achievementId);
    await checkContract(trx, input.contractId);
    const now = ctx.clock.now().toISOString();
    const row: IpRecordRow = {
      id: newId(), jurisdiction_code: from.jurisdiction_code,
      kind: input.kind, ip_kind: input.ipKind, ip_number: input.ipNumber ?? null, ip_title: input.ipTitle,
      from_organization_id: input.fromOrganizationId, to_organization_id: input.toOrganizationId, license_scope: input.licenseScope ?? null,
      starts_on: input.startsOn, ends_on: input.endsOn ?? null, amount_fen: input.amountFen, equity_share_bp: input.equityShareBp ?? null,
      achievement_id: input.achievementId ?? null, contract_id: input.contractId ?? null, note: input.note ?? null, created_by: ctx.actor.id,
      is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: now, updated_at: now,
    };
    checkRecord(row);
    await insertRow(trx, 'ip_record', row);
    await audit(trx, ctx, { action: 'ip.record.write', subjectType: 'ip_record', subjectId: row.id, after: ipRecordAudit(row) });
    return (await presentIpRecords(trx, [row]))[0]!;
  });
}
