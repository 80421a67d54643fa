/** Every active product of the need's jurisdiction against the need, ranked, with reasons and the bank's answer. */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { type MatchReason, rankProducts } from './match-finance.js';
import { offersOf } from './repo.js';
import { type FinanceProduct, type FinanceOffer, presentProducts, presentOffers, loadNeed, validQualifications, matchInputs } from './present-finance.js';

export interface NeedMatch {
  product: FinanceProduct;
  matched: boolean;
  score: number;
  reasons: MatchReason[];
  offer: FinanceOffer | null;
}

export async function matchNeed(ctx: Ctx, needId: string): Promise<{ asOf: string; items: NeedMatch[] }> {
  const need = await loadNeed(ctx.db, ctx, 'finance.need.read', needId);
  const today = chinaDate(ctx.clock.now());
  const rows = await ctx.db.selectFrom('finance_product').selectAll().where('status', '=', 'active')
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(need.jurisdiction_code))).execute();
  const products = await presentProducts(ctx.db, rows);
  const ranked = rankProducts(await matchInputs(ctx.db, need), products, await validQualifications(ctx.db, need.organization_id, today));
  const offers = await presentOffers(ctx.db, await offersOf(ctx.db, [need.id]));
  return { asOf: today, items: ranked.map((m) => ({ ...m, offer: offers.find((o) => o.product.id === m.product.id) ?? null })) };
}
