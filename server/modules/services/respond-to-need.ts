/** A bank answers a matched need through one of its products: an offer or a decline; the enterprise is notified. */
import { chinaDate } from '../../../common/dates.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { matchNeedToProduct } from './match-finance.js';
import { type OfferRow, findRow, insertRow } from './repo.js';
import type { OfferInput } from './schema.js';
import { type FinanceOffer, num, presentProducts, presentOffers, validQualifications, matchInputs } from './present-finance.js';

/** A bank answers a matched need through one of its products: an offer (amount, rate, term) or a decline. */
export async function respondToNeed(ctx: Ctx, needId: string, input: OfferInput, opts: { isDemo?: boolean } = {}): Promise<FinanceOffer> {
  return inTransaction(ctx, async (trx) => {
    const scope = assertCan(ctx.actor, 'finance.offer.write');
    const product = await findRow(trx, 'finance_product', input.productId);
    if (!product) throw new AppError('VALIDATION', `金融产品不存在：${input.productId}`, { field: 'productId' });
    if (scope === 'own' && !ctx.actor.organizationIds.includes(product.bank_organization_id)) throw new AppError('FORBIDDEN', '只能以本机构的金融产品答复');
    // The bank's own product first: its status is the bank's to know.
    if (product.status !== 'active') throw new AppError('CONFLICT', '该金融产品已下架', { field: 'productId' });
    // A bank sees only the open needs its products match (list-matched-needs); any other need — closed,
    // elsewhere, unmatched or missing — gets one answer, which tells nothing of its state or of what the
    // enterprise lacks. An administrator, who may read every need of the jurisdiction, is told why.
    const readsNeeds = scope === 'jurisdiction';
    const noSuchNeed = () => new AppError('NOT_FOUND', '融资需求不存在，或不在本机构产品的匹配范围内', { field: 'needId' });
    const need = await findRow(trx, 'finance_need', needId);
    if (!need || !isWithinJurisdiction(ctx.actor.jurisdictionCode, need.jurisdiction_code)) throw readsNeeds ? notFound('融资需求', needId) : noSuchNeed();
    if (need.status !== 'open') throw readsNeeds ? new AppError('CONFLICT', '该融资需求已关闭', { field: 'status' }) : noSuchNeed();
    const [presented] = await presentProducts(trx, [product]);
    const match = matchNeedToProduct(await matchInputs(trx, need), presented!, await validQualifications(trx, need.organization_id, chinaDate(ctx.clock.now())));
    if (!match.matched) {
      if (!readsNeeds) throw noSuchNeed();
      throw new AppError('CONFLICT', `该需求与产品不匹配：${match.reasons.filter((r) => !r.met).map((r) => r.text).join('；')}`, { field: 'productId' });
    }
    if (input.decision === 'offered') {
      for (const f of ['amountFen', 'rateBp', 'termMonths'] as const) {
        if (input[f] === undefined) throw new AppError('VALIDATION', '提供授信方案须填写金额、年利率和期限', { field: f });
      }
      if (input.rateBp! < product.min_rate_bp || input.rateBp! > product.max_rate_bp) throw new AppError('VALIDATION', '年利率应在产品利率区间内', { field: 'rateBp' });
      if (input.amountFen! > num(product.max_amount_fen)) throw new AppError('VALIDATION', '授信金额不能超过产品最高额度', { field: 'amountFen' });
    } else if (!input.note) {
      throw new AppError('VALIDATION', '婉拒须写明原因', { field: 'note' });
    }
    const existing = await trx.selectFrom('finance_offer').select('id').where('need_id', '=', needId).where('product_id', '=', product.id).executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', '已就该产品答复过此需求', { field: 'productId' });
    const row: OfferRow = {
      id: newId(), need_id: needId, product_id: product.id, bank_organization_id: product.bank_organization_id, decision: input.decision,
      amount_fen: input.decision === 'offered' ? input.amountFen! : null, rate_bp: input.decision === 'offered' ? input.rateBp! : null,
      term_months: input.decision === 'offered' ? input.termMonths! : null, note: input.note ?? null, created_by: ctx.actor.id, author_name: ctx.actor.name,
      is_demo: opts.isDemo ? 1 : 0, created_at: ctx.clock.now().toISOString(),
    };
    await insertRow(trx, 'finance_offer', row);
    await audit(trx, ctx, {
      action: 'finance.offer.write', subjectType: 'finance_need', subjectId: needId,
      after: { offerId: row.id, productId: row.product_id, decision: row.decision, amountFen: row.amount_fen, rateBp: row.rate_bp, termMonths: row.term_months, note: row.note },
    });
    const [offer] = await presentOffers(trx, [row]);
    await sendNotification(trx, ctx, {
      jurisdictionCode: need.jurisdiction_code, recipientOrganizationId: need.organization_id, kind: 'finance.offer',
      title: input.decision === 'offered' ? `${offer!.bank.name}为“${need.title}”提供了授信方案` : `${offer!.bank.name}婉拒了“${need.title}”`,
      body: `产品：${offer!.product.name}。可在“融资需求”中查看。`, link: `/finance/needs/${needId}`, dedupeKey: `finance-offer:${row.id}`,
    });
    return offer!;
  });
}
