/**
 * Starts a deal (发起对接) from a published demand, a published achievement, or both. The buyer is
 * the demand's organization and the seller the achievement's owner unless given; a broker starting
 * the deal is its broker (account and institution), the operator assigns one. Audited; the first
 * step (→ 对接) is kept in the step table.
 */
import { chinaDate } from '../../../common/dates.js';
import type { Deal } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { checkBrokerPerson, checkEvent, checkParties } from './checks.js';
import { auditView, presentDeals } from './present.js';
import { type DealRow, appendStep, brokerUser, insertDeal, insertNote } from './repo.js';
import type { DealInput } from './schema.js';

export async function createDeal(ctx: Ctx, input: DealInput, opts: { isDemo?: boolean } = {}): Promise<Deal> {
  const scope = assertCan(ctx.actor, 'deals.deal.create');
  if (!input.demandId && !input.achievementId) {
    throw new AppError('VALIDATION', '对接项目至少关联一条技术需求或科技成果', { field: 'demandId' });
  }
  return inTransaction(ctx, async (trx) => {
    const demand = input.demandId ? await trx.selectFrom('demand').selectAll().where('id', '=', input.demandId).executeTakeFirst() : undefined;
    const achievement = input.achievementId ? await trx.selectFrom('achievement').selectAll().where('id', '=', input.achievementId).executeTakeFirst() : undefined;
    for (const [field, row, what] of [['demandId', demand, '技术需求'], ['achievementId', achievement, '科技成果']] as const) {
      const wanted = field === 'demandId' ? input.demandId : input.achievementId;
      if (!wanted) continue;
      if (!row || !isWithinJurisdiction(ctx.actor.jurisdictionCode, row.jurisdiction_code)) throw new AppError('NOT_FOUND', `${what}不存在：${wanted}`, { field });
      if (row.status !== 'published') throw new AppError('CONFLICT', `只能对已发布的${what}发起对接`, { field });
    }
    const buyer = input.buyerOrganizationId ?? demand?.organization_id ?? null;
    const seller = input.sellerOrganizationId ?? achievement?.owner_organization_id ?? null;
    await checkParties(trx, buyer, seller);
    await checkBrokerPerson(trx, input.brokerPersonId);
    await checkEvent(trx, ctx.actor, input.eventId);

    // The broker: a broker starting a deal is its broker; the operator names one.
    let brokerUserId: string | null = null;
    let brokerOrganizationId: string | null = null;
    if (scope === 'own') {
      if (input.brokerUserId && input.brokerUserId !== ctx.actor.id) {
        throw new AppError('FORBIDDEN', '技术经纪人只能为自己发起对接', { field: 'brokerUserId' });
      }
      brokerUserId = ctx.actor.id;
      brokerOrganizationId = ctx.actor.organizationIds[0] ?? null;
    } else if (input.brokerUserId) {
      const user = await brokerUser(trx, input.brokerUserId);
      if (!user) throw new AppError('VALIDATION', '该账号不是技术经纪人账号', { field: 'brokerUserId' });
      brokerUserId = user.id;
      brokerOrganizationId = user.organizationIds[0] ?? null;
    } else if (!input.brokerPersonId) {
      throw new AppError('VALIDATION', '请指定技术经纪人（登记的经纪人或经纪人账号）', { field: 'brokerPersonId' });
    }

    if (input.inquiryId) {
      const inquiry = await trx.selectFrom('listing_inquiry').select(['id', 'listing_kind', 'listing_id']).where('id', '=', input.inquiryId).executeTakeFirst();
      const matches = inquiry && ((inquiry.listing_kind === 'demand' && inquiry.listing_id === input.demandId) ||
        (inquiry.listing_kind === 'achievement' && inquiry.listing_id === input.achievementId));
      if (!inquiry) throw new AppError('VALIDATION', `对接留言不存在：${input.inquiryId}`, { field: 'inquiryId' });
      if (!matches) throw new AppError('VALIDATION', '该留言不属于本对接项目的需求或成果', { field: 'inquiryId' });
    }

    const instant = ctx.clock.now();
    const now = instant.toISOString();
    const title = input.title ?? [demand?.title, achievement?.title].filter(Boolean).join(' × ').slice(0, 200);
    const row: DealRow = {
      id: newId(),
      jurisdiction_code: (demand ?? achievement)!.jurisdiction_code,
      title,
      demand_id: demand?.id ?? null,
      achievement_id: achievement?.id ?? null,
      buyer_organization_id: buyer,
      seller_organization_id: seller,
      broker_person_id: input.brokerPersonId ?? null,
      broker_user_id: brokerUserId,
      broker_organization_id: brokerOrganizationId,
      event_id: input.eventId ?? null,
      inquiry_id: input.inquiryId ?? null,
      technical_field: achievement?.technical_field ?? demand?.technical_field ?? null,
      stage: 'contacting',
      termination_reason: null,
      termination_note: null,
      agreed_amount_fen: null,
      signed_on: null,
      contract_id: null,
      created_by: ctx.actor.id,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertDeal(trx, row);
    await appendStep(trx, {
      id: newId(), deal_id: row.id, from_stage: null, to_stage: 'contacting', at: now, on_date: chinaDate(instant), actor_name: ctx.actor.name, reason: null, note: null,
    });
    if (input.note) {
      await insertNote(trx, { id: newId(), deal_id: row.id, text: input.note, next_step: null, due_on: null, author_user_id: ctx.actor.id, author_name: ctx.actor.name, created_at: now });
    }
    await audit(trx, ctx, { action: 'deals.deal.create', subjectType: 'deal', subjectId: row.id, after: auditView(row) });
    // The parties hear of it in their notification centre.
    for (const organizationId of new Set([buyer, seller].filter((id): id is string => !!id))) {
      await sendNotification(trx, ctx, {
        jurisdictionCode: row.jurisdiction_code, recipientOrganizationId: organizationId, kind: 'deals.started',
        title: `技术经纪人发起对接：${row.title}`, body: `${ctx.actor.name}为贵单位发起了对接项目“${row.title}”，可在“对接项目”中查看进展。`,
        link: `/deals/${row.id}`, dedupeKey: `deal:${row.id}:started:${organizationId}`,
      });
    }
    return (await presentDeals(trx, [row]))[0]!;
  });
}
