/**
 * Who reaches a deal. A jurisdiction-wide role (operator, evaluator) reaches the deals its
 * jurisdiction holds. An "own" role reaches a deal it is assigned to as broker — its own account,
 * or the institution it acts for — and, for reading, a deal where one of its organizations is the
 * buyer or the seller.
 */
import type { Actor, Executor } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { AppError, notFound } from '../../errors.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction, jurisdictionPrefix } from '../registry/divisions.js';
import type { ExpressionBuilder } from 'kysely';
import { type DealRow, findDeal } from './repo.js';

export function isAssignedBroker(actor: Actor, row: Pick<DealRow, 'broker_user_id' | 'broker_organization_id'>): boolean {
  return (!!actor.id && row.broker_user_id === actor.id) || (!!row.broker_organization_id && actor.organizationIds.includes(row.broker_organization_id));
}

export function isParty(actor: Actor, row: Pick<DealRow, 'buyer_organization_id' | 'seller_organization_id'>): boolean {
  return [row.buyer_organization_id, row.seller_organization_id].some((id) => !!id && actor.organizationIds.includes(id));
}

export function canReachDeal(actor: Actor, action: Action, row: DealRow): boolean {
  const scope = assertCan(actor, action);
  if (scope === 'jurisdiction') return isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code);
  return isAssignedBroker(actor, row) || (action === 'deals.deal.read' && isParty(actor, row));
}

export async function loadDealFor(db: Executor, actor: Actor, action: Action, id: string): Promise<DealRow> {
  assertCan(actor, action);
  const row = await findDeal(db, id);
  if (!row) throw notFound('对接项目', id);
  if (!canReachDeal(actor, action, row)) throw new AppError('FORBIDDEN', '无权访问该对接项目');
  return row;
}

/** The deals an actor may read, as a where-clause on `deal`. */
export function readableDeals(actor: Actor) {
  const scope = assertCan(actor, 'deals.deal.read');
  if (scope === 'jurisdiction') return underPrefix('deal.jurisdiction_code', jurisdictionPrefix(actor.jurisdictionCode));
  const orgs = actor.organizationIds.length ? actor.organizationIds : [''];
  return (eb: ExpressionBuilder<Database, 'deal'>) =>
    eb.or([
      eb('deal.broker_user_id', '=', actor.id ?? ''),
      eb('deal.broker_organization_id', 'in', orgs),
      eb('deal.buyer_organization_id', 'in', orgs),
      eb('deal.seller_organization_id', 'in', orgs),
    ]);
}
