/** 拨付: finance records the payment of an approved award — date, bank reference, amount in fen. */
import { chinaDate } from '../../../common/dates.js';
import type { ApplicationDetail } from '../../../common/application-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { detailOf, loadApplicationFor } from './applications.js';
import { assertVersion, findApplication, findNotice } from './repo.js';
import { moveApplication } from './round.js';
import type { PaymentInput } from './schema.js';
import { transitionAction } from './workflow.js';
import { notifyApplication } from '../notifications/applicant-notices.js';
import { yuanWords } from '../subsidies/trace-words.js';

export async function recordPayment(ctx: Ctx, applicationId: string, input: PaymentInput): Promise<ApplicationDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadApplicationFor(trx, ctx.actor, 'applications.payment.record', applicationId);
    transitionAction(row.status as never, 'paid');
    assertVersion(row, input.version, '该申报');
    const notice = (await findNotice(trx, row.notice_id))!;
    const today = chinaDate(ctx.clock.now());
    if (input.paidOn > today) throw new AppError('VALIDATION', '拨付日期不能晚于今天', { field: 'paidOn' });
    const approvedOn = notice.approved_at ? chinaDate(new Date(notice.approved_at)) : today;
    if (input.paidOn < approvedOn) throw new AppError('VALIDATION', `拨付日期不能早于财政审定日期 ${approvedOn}`, { field: 'paidOn' });
    const yuan = Number(row.award_yuan ?? 0);
    if (!Number.isSafeInteger(yuan * 100)) throw new AppError('VALIDATION', '金额超出范围', { field: 'amount' });
    const amountFen = yuan * 100;
    // The versioned move first: a concurrent record of the same payment waits on the row, then finds
    // the version moved (a 409 in words) instead of reaching the disbursement's unique index.
    await moveApplication(trx, ctx, row, 'paid', {}, null, { amountFen, paidOn: input.paidOn, bankReference: input.bankReference });
    await trx.insertInto('subsidy_disbursement').values({
      id: newId(),
      application_id: row.id,
      notice_id: row.notice_id,
      amount_fen: amountFen,
      paid_on: input.paidOn,
      bank_reference: input.bankReference,
      recorded_by: ctx.actor.id,
      recorded_by_name: ctx.actor.name,
      recorded_at: ctx.clock.now().toISOString(),
    }).execute();
    await notifyApplication(trx, ctx, row, 'applications.paid', '奖补已拨付', `奖补 ${yuanWords(yuan)} 已于 ${input.paidOn} 拨付至贵单位账户。`);
    return detailOf(trx, (await findApplication(trx, applicationId))!);
  });
}
