/** Edits an open deal (对接 or 洽谈): its title, parties, registered broker or event. Audited; guarded by `version`. */
import type { DealStage } from '../../../common/deal-vocabulary.js';
import type { Deal } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { loadDealFor } from './access.js';
import { checkBrokerPerson, checkEvent, checkParties } from './checks.js';
import { auditView, presentDeals } from './present.js';
import { type DealRow, findDeal, updateDeal as writeDeal } from './repo.js';
import type { DealPatch } from './schema.js';
import { OPEN_STAGES } from './workflow.js';

export function assertVersion(row: { version: number }, version: number): void {
  if (row.version !== version) {
    throw new AppError('CONFLICT', `该对接项目已被他人修改（当前版本 ${row.version}，提交版本 ${version}），请刷新后重试`, { field: 'version' });
  }
}

export async function updateDeal(ctx: Ctx, id: string, patch: DealPatch): Promise<Deal> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadDealFor(trx, ctx.actor, 'deals.deal.update', id);
    assertVersion(row, patch.version);
    if (!OPEN_STAGES.includes(row.stage as DealStage)) throw new AppError('CONFLICT', '已签约或已终止的对接项目不能修改', { field: 'stage' });
    const pick = <T>(sent: T | null | undefined, stored: T | null): T | null => (sent === undefined ? stored : sent);
    const set: Partial<DealRow> = {
      title: patch.title ?? row.title,
      buyer_organization_id: pick(patch.buyerOrganizationId, row.buyer_organization_id),
      seller_organization_id: pick(patch.sellerOrganizationId, row.seller_organization_id),
      broker_person_id: pick(patch.brokerPersonId, row.broker_person_id),
      event_id: pick(patch.eventId, row.event_id),
      updated_at: ctx.clock.now().toISOString(),
    };
    await checkParties(trx, set.buyer_organization_id ?? null, set.seller_organization_id ?? null);
    if (patch.brokerPersonId) await checkBrokerPerson(trx, patch.brokerPersonId);
    if (patch.eventId) await checkEvent(trx, ctx.actor, patch.eventId);
    if (!(await writeDeal(trx, id, row.version, set))) throw new AppError('CONFLICT', '该对接项目已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findDeal(trx, id))!;
    await audit(trx, ctx, { action: 'deals.deal.update', subjectType: 'deal', subjectId: id, ...changedFields(auditView(row), auditView(after)) });
    return (await presentDeals(trx, [after]))[0]!;
  });
}
