/** A bank publishes a financing product (金融产品); audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadOrganization } from './access.js';
import { type ProductRow, insertRow } from './repo.js';
import type { ProductInput } from './schema.js';
import { type FinanceProduct, presentProducts, checkProductRanges, productAudit } from './present-finance.js';

export async function createProduct(ctx: Ctx, input: ProductInput, opts: { isDemo?: boolean } = {}): Promise<FinanceProduct> {
  return inTransaction(ctx, async (trx) => {
    const bank = await loadOrganization(trx, ctx.actor, 'finance.product.write', input.bankOrganizationId, 'bankOrganizationId', { kinds: ['bank'], kindLabel: '金融机构' });
    checkProductRanges(input);
    const now = ctx.clock.now().toISOString();
    const row: ProductRow = {
      id: newId(), jurisdiction_code: bank.jurisdiction_code, bank_organization_id: bank.id, name: input.name, kind: input.kind,
      min_amount_fen: input.minAmountFen, max_amount_fen: input.maxAmountFen, min_rate_bp: input.minRateBp, max_rate_bp: input.maxRateBp,
      min_term_months: input.minTermMonths, max_term_months: input.maxTermMonths, required_qualifications: JSON.stringify(input.requiredQualifications),
      collateral_kinds: JSON.stringify(input.collateralKinds), description: input.description, status: 'active', is_demo: opts.isDemo ? 1 : 0, version: 1,
      created_at: now, updated_at: now,
    };
    await insertRow(trx, 'finance_product', row);
    await audit(trx, ctx, { action: 'finance.product.write', subjectType: 'finance_product', subjectId: row.id, after: productAudit(row) });
    return (await presentProducts(trx, [row]))[0]!;
  });
}
