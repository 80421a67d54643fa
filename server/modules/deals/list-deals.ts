/** The deals an actor may read (brokers: assigned; parties: theirs; operator: the jurisdiction), filtered and paged; newest first. */
import type { Deal } from '../../../common/deal-api.js';
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { likePattern } from '../registry/organizations.js';
import { readableDeals } from './access.js';
import { presentDeals } from './present.js';
import type { DealQuery } from './schema.js';

export async function listDeals(ctx: Ctx, query: DealQuery): Promise<{ items: Deal[]; total: number }> {
  let base = ctx.db.selectFrom('deal').where(readableDeals(ctx.actor));
  if (query.stage) base = base.where('deal.stage', '=', query.stage);
  if (query.eventId) base = base.where('deal.event_id', '=', query.eventId);
  if (query.demandId) base = base.where('deal.demand_id', '=', query.demandId);
  if (query.achievementId) base = base.where('deal.achievement_id', '=', query.achievementId);
  if (query.q) base = base.where('deal.title', 'like', sql<string>`${likePattern(query.q)} escape '\\'`);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll()
    .orderBy('deal.created_at', 'desc')
    .orderBy('deal.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await presentDeals(ctx.db, rows), total: Number(total) };
}
