/**
 * One event: its featured listings, the registrations the actor may see (the operator: all; others:
 * their own and their organizations'), and the deals that came from it that the actor may read.
 */
import type { EventDetail } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { notFound } from '../../errors.js';
import { scopeFor } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { listDeals } from '../deals/list-deals.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { featuredListings, findEvent, presentEvents, presentRegistrations } from './repo.js';

export async function getEvent(ctx: Ctx, id: string): Promise<EventDetail> {
  assertCan(ctx.actor, 'events.event.read');
  const row = await findEvent(ctx.db, id);
  if (!row || !isWithinJurisdiction(ctx.actor.jurisdictionCode, row.jurisdiction_code)) throw notFound('对接活动', id);
  const [event] = await presentEvents(ctx.db, [row]);
  let registrations = ctx.db.selectFrom('market_event_registration').selectAll().where('event_id', '=', id);
  if (scopeFor(ctx.actor.roles, 'events.attendance.mark') !== 'jurisdiction') {
    const orgs = ctx.actor.organizationIds.length ? ctx.actor.organizationIds : [''];
    registrations = registrations.where((eb) => eb.or([eb('user_id', '=', ctx.actor.id ?? ''), eb('organization_id', 'in', orgs)]));
  }
  const deals = scopeFor(ctx.actor.roles, 'deals.deal.read') ? (await listDeals(ctx, { eventId: id, page: 1, pageSize: 100 })).items : [];
  return {
    ...event!,
    listings: await featuredListings(ctx.db, id),
    registrations: await presentRegistrations(ctx.db, await registrations.orderBy('created_at').orderBy('id').execute()),
    deals,
  };
}
