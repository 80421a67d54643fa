/** The open needs a bank's active products match fully (or it already answered). */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ownOrganizations } from './access.js';
import { type ProductMatch, type MatchReason, matchNeedToProduct } from './match-finance.js';
import { offersOf } from './repo.js';
import { type FinanceProduct, type FinanceOffer, type FinanceNeed, presentProducts, presentNeeds, presentOffers, validQualifications, matchInputs } from './present-finance.js';

export interface BankMatch {
  need: FinanceNeed;
  product: FinanceProduct;
  reasons: MatchReason[];
  offer: FinanceOffer | null;
}

/** The open needs of the bank's jurisdiction that its active products match fully (or it already answered), newest first. */
export async function matchedNeedsForBank(ctx: Ctx): Promise<{ asOf: string; items: BankMatch[] }> {
  const scope = assertCan(ctx.actor, 'finance.offer.write');
  const today = chinaDate(ctx.clock.now());
  let productQuery = ctx.db.selectFrom('finance_product').selectAll().where('status', '=', 'active');
  if (scope === 'own') productQuery = productQuery.where('bank_organization_id', 'in', ownOrganizations(ctx.actor));
  else productQuery = productQuery.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  const productRows = await productQuery.orderBy('name').execute();
  if (!productRows.length) return { asOf: today, items: [] };
  const products = await presentProducts(ctx.db, productRows);
  const needRows = await ctx.db.selectFrom('finance_need').selectAll().where('status', '=', 'open')
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode))).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  const needs = await presentNeeds(ctx.db, needRows);
  const offers = await presentOffers(ctx.db, await offersOf(ctx.db, needRows.map((n) => n.id)));
  const items: BankMatch[] = [];
  for (const [i, row] of needRows.entries()) {
    const input = await matchInputs(ctx.db, row);
    const quals = await validQualifications(ctx.db, row.organization_id, today);
    for (const product of products) {
      const m: ProductMatch<FinanceProduct> = matchNeedToProduct(input, product, quals);
      const offer = offers.find((o) => o.needId === row.id && o.product.id === product.id) ?? null;
      if (m.matched || offer) items.push({ need: needs[i]!, product, reasons: m.reasons, offer });
    }
  }
  return { asOf: today, items };
}
