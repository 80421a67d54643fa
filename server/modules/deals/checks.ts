/** Checks shared by creating and editing a deal; every error names its field. */
import type { Actor, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { isBrokerPerson } from './repo.js';

const fail = (field: string, message: string) => new AppError('VALIDATION', message, { field });

export async function checkParties(db: Executor, buyer: string | null, seller: string | null): Promise<void> {
  for (const [field, id] of [['buyerOrganizationId', buyer], ['sellerOrganizationId', seller]] as const) {
    if (!id) continue;
    const found = await db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw fail(field, `机构不存在：${id}`);
  }
  if (buyer && seller && buyer === seller) throw fail('sellerOrganizationId', '同一机构不能既是买方又是卖方');
}

export async function checkBrokerPerson(db: Executor, personId: string | null | undefined): Promise<void> {
  if (!personId) return;
  const person = await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) throw fail('brokerPersonId', `人员不存在：${personId}`);
  if (!(await isBrokerPerson(db, personId))) throw fail('brokerPersonId', '该人员不是登记的技术经纪（经理）人');
}

export async function checkEvent(db: Executor, actor: Actor, eventId: string | null | undefined): Promise<void> {
  if (!eventId) return;
  const event = await db.selectFrom('market_event').select(['id', 'jurisdiction_code']).where('id', '=', eventId).executeTakeFirst();
  if (!event || !isWithinJurisdiction(actor.jurisdictionCode, event.jurisdiction_code)) throw fail('eventId', `对接活动不存在：${eventId}`);
}
