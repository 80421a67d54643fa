/** The offerings an agency manages (its own), or the jurisdiction's for the operator. */
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { ownOrganizations } from './access.js';
import type { OfferingQuery } from './schema.js';
import { type Offering, pageOfferings, offeringBase } from './present-offerings.js';

/** The offerings an agency manages (its own), or the jurisdiction's for the operator; withdrawn ones included. */
export async function listOfferings(ctx: Ctx, query: OfferingQuery): Promise<{ items: Offering[]; total: number }> {
  const scope = assertCan(ctx.actor, 'services.offering.read');
  let base = offeringBase(ctx.db);
  base = scope === 'jurisdiction'
    ? base.where(underPrefix('service_offering.jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)))
    : base.where('service_offering.organization_id', 'in', ownOrganizations(ctx.actor));
  return pageOfferings(ctx.db, base, query);
}
