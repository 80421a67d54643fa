/** Edits or closes a financing need; guarded by `version`, audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertVersion, checkAchievement, checkContract } from './access.js';
import { type NeedRow, findRow, updateVersioned } from './repo.js';
import type { NeedPatch } from './schema.js';
import { type FinanceNeedDetail, needAudit, loadNeed, needDetail } from './present-finance.js';

export async function updateNeed(ctx: Ctx, id: string, patch: NeedPatch): Promise<FinanceNeedDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadNeed(trx, ctx, 'finance.need.write', id);
    assertVersion(row, patch.version, '融资需求');
    if (row.status === 'closed' && patch.status !== 'open') throw new AppError('CONFLICT', '已关闭的融资需求不能修改', { field: 'status' });
    await checkContract(trx, patch.contractId);
    await checkAchievement(trx, patch.achievementId);
    const pick = <T>(sent: T | null | undefined, stored: T | null): T | null => (sent === undefined ? stored : sent);
    const set: Partial<NeedRow> = {
      title: patch.title ?? row.title, amount_fen: patch.amountFen ?? row.amount_fen, purpose: patch.purpose ?? row.purpose,
      term_months: patch.termMonths ?? row.term_months, collateral_kinds: patch.collateralKinds ? JSON.stringify(patch.collateralKinds) : row.collateral_kinds,
      contract_id: pick(patch.contractId, row.contract_id), achievement_id: pick(patch.achievementId, row.achievement_id),
      description: patch.description ?? row.description, status: patch.status ?? row.status, updated_at: ctx.clock.now().toISOString(),
    };
    if (!(await updateVersioned(trx, 'finance_need', id, row.version, set))) throw new AppError('CONFLICT', '该融资需求已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findRow(trx, 'finance_need', id))!;
    await audit(trx, ctx, { action: 'finance.need.write', subjectType: 'finance_need', subjectId: id, ...changedFields(needAudit(row), needAudit(after)) });
    return needDetail(trx, after);
  });
}
