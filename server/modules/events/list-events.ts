/** The events of the actor's jurisdiction, newest date first; upcoming or past. */
import { chinaDate } from '../../../common/dates.js';
import type { MarketEvent } from '../../../common/deal-api.js';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { presentEvents } from './repo.js';
import type { EventQuery } from './schema.js';

export async function listEvents(ctx: Ctx, query: EventQuery): Promise<{ items: MarketEvent[]; total: number }> {
  assertCan(ctx.actor, 'events.event.read');
  let base = ctx.db.selectFrom('market_event').where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (query.kind) base = base.where('kind', '=', query.kind);
  const today = chinaDate(ctx.clock.now());
  if (query.when === 'upcoming') base = base.where('held_on', '>=', today);
  if (query.when === 'past') base = base.where('held_on', '<', today);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('held_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentEvents(ctx.db, rows), total: Number(total) };
}
