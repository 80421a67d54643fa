/** The service requests an actor may read (as requester or provider), filtered and paged; newest first. */
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ownOrganizations } from './access.js';
import type { RequestQuery } from './schema.js';
import { type ServiceRequest, presentRequests } from './present-requests.js';

export async function listServiceRequests(ctx: Ctx, query: RequestQuery): Promise<{ items: ServiceRequest[]; total: number }> {
  const scope = assertCan(ctx.actor, 'services.request.read');
  let base = ctx.db.selectFrom('service_request');
  if (scope === 'jurisdiction') base = base.where(underPrefix('service_request.jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  else {
    const orgs = ownOrganizations(ctx.actor);
    base = base.where((eb) => eb.or([
      ...(query.side !== 'provider' ? [eb('requester_organization_id', 'in', orgs)] : []),
      ...(query.side !== 'requester' ? [eb('provider_organization_id', 'in', orgs)] : []),
    ]));
  }
  if (query.status) base = base.where('status', '=', query.status);
  if (query.category) base = base.where('category', '=', query.category);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentRequests(ctx.db, rows), total: Number(total) };
}
