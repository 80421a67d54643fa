/** Edits or withdraws a financing product; guarded by `version`, audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertReaches, assertVersion } from './access.js';
import { type ProductRow, findRow, updateVersioned } from './repo.js';
import type { ProductPatch } from './schema.js';
import { type FinanceProduct, num, presentProducts, checkProductRanges, productAudit } from './present-finance.js';

export async function updateProduct(ctx: Ctx, id: string, patch: ProductPatch): Promise<FinanceProduct> {
  return inTransaction(ctx, async (trx) => {
    assertCan(ctx.actor, 'finance.product.write');
    const row = await findRow(trx, 'finance_product', id);
    if (!row) throw notFound('金融产品', id);
    assertReaches(ctx.actor, 'finance.product.write', row, [row.bank_organization_id], '金融产品');
    assertVersion(row, patch.version, '金融产品');
    const merged = {
      minAmountFen: patch.minAmountFen ?? num(row.min_amount_fen), maxAmountFen: patch.maxAmountFen ?? num(row.max_amount_fen),
      minRateBp: patch.minRateBp ?? row.min_rate_bp, maxRateBp: patch.maxRateBp ?? row.max_rate_bp,
      minTermMonths: patch.minTermMonths ?? row.min_term_months, maxTermMonths: patch.maxTermMonths ?? row.max_term_months,
    };
    checkProductRanges(merged);
    const set: Partial<ProductRow> = {
      name: patch.name ?? row.name, kind: patch.kind ?? row.kind, min_amount_fen: merged.minAmountFen, max_amount_fen: merged.maxAmountFen,
      min_rate_bp: merged.minRateBp, max_rate_bp: merged.maxRateBp, min_term_months: merged.minTermMonths, max_term_months: merged.maxTermMonths,
      required_qualifications: patch.requiredQualifications ? JSON.stringify(patch.requiredQualifications) : row.required_qualifications,
      collateral_kinds: patch.collateralKinds ? JSON.stringify(patch.collateralKinds) : row.collateral_kinds,
      description: patch.description ?? row.description, status: patch.status ?? row.status, updated_at: ctx.clock.now().toISOString(),
    };
    if (!(await updateVersioned(trx, 'finance_product', id, row.version, set))) throw new AppError('CONFLICT', '该金融产品已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findRow(trx, 'finance_product', id))!;
    await audit(trx, ctx, { action: 'finance.product.write', subjectType: 'finance_product', subjectId: id, ...changedFields(productAudit(row), productAudit(after)) });
    return (await presentProducts(trx, [after]))[0]!;
  });
}
