/** Financing products: a bank's own, the jurisdiction's for other readers, the active ones for the public. */
import type { Ctx, Executor } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ownOrganizations } from './access.js';
import type { ProductQuery } from './schema.js';
import { type FinanceProduct, productBase, pageProducts } from './present-finance.js';

/** Products: a bank's own (withdrawn ones too); the jurisdiction's for everyone else who may read them. */
export async function listProducts(ctx: Ctx, query: ProductQuery): Promise<{ items: FinanceProduct[]; total: number }> {
  const scope = assertCan(ctx.actor, 'finance.product.read');
  let base = productBase(ctx.db, query);
  base = scope === 'jurisdiction'
    ? base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    : base.where('bank_organization_id', 'in', ownOrganizations(ctx.actor));
  return pageProducts(ctx.db, base, query);
}

/** The public list of active products (金融产品名录). */
export function listPublicProducts(db: Executor, query: ProductQuery): Promise<{ items: FinanceProduct[]; total: number }> {
  return pageProducts(db, productBase(db, { ...query, status: 'active' }), query);
}

// 融资需求
