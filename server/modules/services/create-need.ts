/** An enterprise publishes a financing need (融资需求); audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { checkAchievement, checkContract, loadOrganization } from './access.js';
import { type NeedRow, insertRow } from './repo.js';
import type { NeedInput } from './schema.js';
import { type FinanceNeedDetail, presentNeeds, needAudit } from './present-finance.js';

export async function createNeed(ctx: Ctx, input: NeedInput, opts: { isDemo?: boolean } = {}): Promise<FinanceNeedDetail> {
  return inTransaction(ctx, async (trx) => {
    const org = await loadOrganization(trx, ctx.actor, 'finance.need.write', input.organizationId, 'organizationId');
    await checkContract(trx, input.contractId);
    await checkAchievement(trx, input.achievementId);
    const now = ctx.clock.now().toISOString();
    const row: NeedRow = {
      id: newId(), jurisdiction_code: org.jurisdiction_code, organization_id: org.id, title: input.title, amount_fen: input.amountFen, purpose: input.purpose,
      term_months: input.termMonths, collateral_kinds: JSON.stringify(input.collateralKinds), contract_id: input.contractId ?? null,
      achievement_id: input.achievementId ?? null, description: input.description, status: 'open', is_demo: opts.isDemo ? 1 : 0, version: 1,
      created_at: now, updated_at: now,
    };
    await insertRow(trx, 'finance_need', row);
    await audit(trx, ctx, { action: 'finance.need.write', subjectType: 'finance_need', subjectId: row.id, after: needAudit(row) });
    return { ...(await presentNeeds(trx, [row]))[0]!, offers: [] };
  });
}
