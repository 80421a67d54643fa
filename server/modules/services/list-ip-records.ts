/** The IP operation records an actor may read, filtered and paged. */
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';
import { ownOrganizations } from './access.js';
import type { IpRecordQuery } from './schema.js';
import { type IpRecord, presentIpRecords } from './present-ip-records.js';

export async function listIpRecords(ctx: Ctx, query: IpRecordQuery): Promise<{ items: IpRecord[]; total: number }> {
  const scope = assertCan(ctx.actor, 'ip.record.read');
  let base = ctx.db.selectFrom('ip_record');
  if (scope === 'jurisdiction') base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  else {
    const orgs = ownOrganizations(ctx.actor);
    base = base.where((eb) => eb.or([eb('from_organization_id', 'in', orgs), eb('to_organization_id', 'in', orgs)]));
  }
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.organizationId) base = base.where((eb) => eb.or([eb('from_organization_id', '=', query.organizationId!), eb('to_organization_id', '=', query.organizationId!)]));
  if (query.achievementId) base = base.where('achievement_id', '=', query.achievementId);
  if (query.contractId) base = base.where('contract_id', '=', query.contractId);
  if (query.q) {
    const p = sql<string>`${likePattern(query.q)} escape '\\'`;
    base = base.where((eb) => eb.or([eb('ip_title', 'like', p), eb('ip_number', 'like', p)]));
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentIpRecords(ctx.db, rows), total: Number(total) };
}
