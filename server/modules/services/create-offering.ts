/** An agency publishes a service offering (服务项目); audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadOrganization } from './access.js';
import { type OfferingRow, insertRow } from './repo.js';
import type { OfferingInput } from './schema.js';
import { offeringAudit, PROVIDER_KINDS, type Offering, presentOfferings } from './present-offerings.js';

export async function createOffering(ctx: Ctx, input: OfferingInput, opts: { isDemo?: boolean } = {}): Promise<Offering> {
  return inTransaction(ctx, async (trx) => {
    const org = await loadOrganization(trx, ctx.actor, 'services.offering.write', input.organizationId, 'organizationId', { kinds: PROVIDER_KINDS, kindLabel: '服务机构或技术转移机构' });
    const now = ctx.clock.now().toISOString();
    const row: OfferingRow = {
      id: newId(), jurisdiction_code: org.jurisdiction_code, organization_id: org.id, category: input.category, title: input.title, description: input.description,
      price_terms: input.priceTerms, contact_name: input.contactName ?? null, contact_phone: input.contactPhone ?? null, status: 'active',
      is_demo: opts.isDemo ? 1 : 0, version: 1, created_at: now, updated_at: now,
    };
    await insertRow(trx, 'service_offering', row);
    await audit(trx, ctx, { action: 'services.offering.write', subjectType: 'service_offering', subjectId: row.id, after: offeringAudit(row) });
    return (await presentOfferings(trx, [row]))[0]!;
  });
}
