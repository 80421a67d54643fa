/**
 * Signs a deal (签约): records the agreed amount (成交额) and creates the technology contract's
 * draft through the contracts module (insertContract, the same path as POST /api/contracts), in
 * the same transaction — pre-filled from the deal: the name from the listings, the type from the
 * achievement's transfer mode (common/deal-vocabulary.ts CONTRACT_TYPE_OF_MODE), the seller and
 * buyer organizations, the registered broker on the broker list, the technical field, the patents
 * and the amount. The deal then links the contract and shows its registration status.
 */
import { chinaDate } from '../../../common/dates.js';
import { CONTRACT_TYPE_OF_MODE, contractSubtypeOf, type DealStage } from '../../../common/deal-vocabulary.js';
import { TRANSFER_MODES, type TransferMode } from '../../../common/market-vocabulary.js';
import { CONTRACT_TYPES } from '../../../common/vocabulary.js';
import type { DealDetail } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { insertContract } from '../contracts/contracts.js';
import { contractInput } from '../contracts/schema.js';
import { sendNotification } from '../notifications/notifications.js';
import { loadDealFor } from './access.js';
import { getDealDetail } from './get-deal.js';
import { appendStep, findDeal, updateDeal } from './repo.js';
import type { DealSign } from './schema.js';
import { assertVersion } from './update-deal.js';
import { assertTransition } from './workflow.js';

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

/** The role the brokering agency has on the contracts deals create. */
export const INTERMEDIARY_ROLE = '技术中介方（促成对接）';

export async function signDeal(ctx: Ctx, id: string, input: DealSign, opts: { isDemo?: boolean } = {}): Promise<DealDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadDealFor(trx, ctx.actor, 'deals.deal.sign', id);
    const from = row.stage as DealStage;
    assertTransition(from, 'signed');
    assertVersion(row, input.version);
    if (!row.seller_organization_id) throw fail('sellerOrganizationId', '签约前须确定卖方（成果方）机构');
    if (!row.buyer_organization_id) throw fail('buyerOrganizationId', '签约前须确定买方（需求方）机构');
    const achievement = row.achievement_id ? await trx.selectFrom('achievement').selectAll().where('id', '=', row.achievement_id).executeTakeFirst() : undefined;
    const demand = row.demand_id ? await trx.selectFrom('demand').selectAll().where('id', '=', row.demand_id).executeTakeFirst() : undefined;

    const modes = achievement ? (JSON.parse(achievement.transfer_modes) as TransferMode[]) : [];
    const mode = input.transferMode ?? modes[0];
    if (!mode) throw fail('transferMode', `请选择转化方式（${Object.values(TRANSFER_MODES.table).join('、')}），以确定合同类别`);
    if (input.transferMode && modes.length && !modes.includes(input.transferMode)) {
      throw fail('transferMode', `该成果的转化方式为：${modes.map((m) => TRANSFER_MODES.label(m)).join('、')}`);
    }
    const type = CONTRACT_TYPE_OF_MODE[mode];
    if (type === 'license' && input.licenseYears === undefined) throw fail('licenseYears', '技术许可合同须填写许可年限');
    const techField = input.techField ?? row.technical_field;
    if (!techField) throw fail('techField', '请选择合同的技术领域');
    const ipItems = (achievement ? (JSON.parse(achievement.ip_items) as { kind: string; number?: string }[]) : [])
      .filter((ip) => ip.number)
      .map((ip) => ({ kind: ip.kind, number: ip.number! }));
    const subject = achievement?.title ?? demand?.title ?? row.title;
    const name = input.contractName ?? `${subject}${CONTRACT_TYPES.label(type)}合同${mode === 'equity' ? '（作价入股）' : ''}`.slice(0, 200);
    const instant = ctx.clock.now();
    const signedOn = input.signedOn ?? chinaDate(instant);
    if (signedOn > chinaDate(instant)) throw fail('signedOn', '签订日期不能晚于今天');

    const draft = contractInput.parse({
      name,
      type,
      subtype: contractSubtypeOf(mode, ipItems.some((ip) => ip.kind === 'patent')),
      ...(type === 'license' ? { licenseScope: input.licenseScope ?? 'ordinary', licenseYears: input.licenseYears } : {}),
      sellers: [{ organizationId: row.seller_organization_id }],
      buyers: [{ organizationId: row.buyer_organization_id }],
      signedOn,
      amountFen: input.amountFen,
      techField,
      ipItems,
      brokers: row.broker_person_id ? [{ personId: row.broker_person_id, share: 1 }] : [],
      // The broker's agency is named on the contract as the intermediary (中介方): it reads the draft it brought about.
      thirdParties:
        row.broker_organization_id && row.broker_organization_id !== row.seller_organization_id && row.broker_organization_id !== row.buyer_organization_id
          ? [{ organizationId: row.broker_organization_id, role: INTERMEDIARY_ROLE }]
          : [],
    });
    // The contract belongs to the deal's jurisdiction, whoever signs.
    const contract = await insertContract({ ...ctx, actor: { ...ctx.actor, jurisdictionCode: row.jurisdiction_code } }, trx, draft, { isDemo: opts.isDemo ?? row.is_demo === 1 });

    const set = { stage: 'signed', agreed_amount_fen: input.amountFen, signed_on: signedOn, contract_id: contract.id, updated_at: instant.toISOString() };
    if (!(await updateDeal(trx, id, row.version, set))) throw new AppError('CONFLICT', '该对接项目已被他人修改，请刷新后重试', { field: 'version' });
    await appendStep(trx, {
      id: newId(), deal_id: id, from_stage: from, to_stage: 'signed', at: instant.toISOString(), on_date: chinaDate(instant),
      actor_name: ctx.actor.name, reason: null, note: input.note ?? null,
    });
    await audit(trx, ctx, {
      action: 'deals.deal.sign', subjectType: 'deal', subjectId: id,
      before: { stage: from, version: row.version },
      after: { stage: 'signed', version: row.version + 1, agreedAmountFen: input.amountFen, signedOn, contractId: contract.id },
    });
    for (const organizationId of new Set([row.buyer_organization_id, row.seller_organization_id])) {
      await sendNotification(trx, ctx, {
        jurisdictionCode: row.jurisdiction_code, recipientOrganizationId: organizationId!, kind: 'deals.signed',
        title: `对接已签约：${contract.name}`, body: `技术合同登记草稿已按对接项目“${row.title}”预填，请核对后提交认定登记。`,
        link: `/contracts/${contract.id}`, dedupeKey: `deal:${id}:signed:${organizationId}`,
      });
    }
    return getDealDetail(trx, (await findDeal(trx, id))!);
  });
}
