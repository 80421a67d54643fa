/** The financing needs an actor may read, filtered and paged; newest first. */
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ownOrganizations } from './access.js';
import type { NeedQuery } from './schema.js';
import { type FinanceNeed, presentNeeds } from './present-finance.js';

export async function listNeeds(ctx: Ctx, query: NeedQuery): Promise<{ items: FinanceNeed[]; total: number }> {
  const scope = assertCan(ctx.actor, 'finance.need.read');
  let base = ctx.db.selectFrom('finance_need');
  base = scope === 'jurisdiction'
    ? base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    : base.where('organization_id', 'in', ownOrganizations(ctx.actor));
  if (query.status) base = base.where('status', '=', query.status);
  if (query.organizationId) base = base.where('organization_id', '=', query.organizationId);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentNeeds(ctx.db, rows), total: Number(total) };
}

// Matching
