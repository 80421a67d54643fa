/**
 * Moves a deal along its pipeline: 对接 → 洽谈, or ends it (终止, with a reason). Signing is
 * sign-deal.ts. Each move is a step and an audit event in the same transaction.
 */
import { chinaDate } from '../../../common/dates.js';
import { type DealStage, TERMINATION_REASONS } from '../../../common/deal-vocabulary.js';
import type { DealDetail } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadDealFor } from './access.js';
import { getDealDetail } from './get-deal.js';
import { appendStep, findDeal, updateDeal } from './repo.js';
import type { DealTransition } from './schema.js';
import { assertVersion } from './update-deal.js';
import { assertTransition } from './workflow.js';

export async function transitionDeal(ctx: Ctx, id: string, input: DealTransition): Promise<DealDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadDealFor(trx, ctx.actor, 'deals.deal.update', id);
    const from = row.stage as DealStage;
    assertTransition(from, input.to);
    if (input.to === 'signed') throw new AppError('CONFLICT', '签约须填写成交额，请使用“签约”操作', { field: 'to' });
    assertVersion(row, input.version);
    if (input.to === 'terminated' && !input.reason) {
      throw new AppError('VALIDATION', `终止对接须选择原因：${Object.values(TERMINATION_REASONS.table).join('、')}`, { field: 'reason' });
    }
    if (input.to === 'terminated' && input.reason === 'other' && !input.note) throw new AppError('VALIDATION', '原因为“其他”时须写明说明', { field: 'note' });
    if (input.to !== 'terminated' && input.reason) throw new AppError('VALIDATION', '只有终止对接时选择原因', { field: 'reason' });
    const instant = ctx.clock.now();
    const set = {
      stage: input.to,
      updated_at: instant.toISOString(),
      ...(input.to === 'terminated' ? { termination_reason: input.reason!, termination_note: input.note ?? null } : {}),
    };
    if (!(await updateDeal(trx, id, row.version, set))) throw new AppError('CONFLICT', '该对接项目已被他人修改，请刷新后重试', { field: 'version' });
    await appendStep(trx, {
      id: newId(), deal_id: id, from_stage: from, to_stage: input.to, at: instant.toISOString(), on_date: chinaDate(instant),
      actor_name: ctx.actor.name, reason: input.reason ?? null, note: input.note ?? null,
    });
    await audit(trx, ctx, {
      action: 'deals.deal.update', subjectType: 'deal', subjectId: id,
      before: { stage: from, version: row.version },
      after: { stage: input.to, version: row.version + 1, ...(input.reason ? { reason: input.reason } : {}), ...(input.note ? { note: input.note } : {}) },
    });
    return getDealDetail(trx, (await findDeal(trx, id))!);
  });
}
