/** Edits or withdraws a service offering; guarded by `version`, audited. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertReaches, assertVersion } from './access.js';
import { type OfferingRow, findRow, updateVersioned } from './repo.js';
import type { OfferingPatch } from './schema.js';
import { offeringAudit, type Offering, presentOfferings } from './present-offerings.js';

export async function updateOffering(ctx: Ctx, id: string, patch: OfferingPatch): Promise<Offering> {
  return inTransaction(ctx, async (trx) => {
    assertCan(ctx.actor, 'services.offering.write');
    const row = await findRow(trx, 'service_offering', id);
    if (!row) throw notFound('服务项目', id);
    assertReaches(ctx.actor, 'services.offering.write', row, [row.organization_id], '服务项目');
    assertVersion(row, patch.version, '服务项目');
    const pick = <T>(sent: T | null | undefined, stored: T | null): T | null => (sent === undefined ? stored : sent);
    const set: Partial<OfferingRow> = {
      category: patch.category ?? row.category, title: patch.title ?? row.title, description: patch.description ?? row.description,
      price_terms: patch.priceTerms ?? row.price_terms, contact_name: pick(patch.contactName, row.contact_name), contact_phone: pick(patch.contactPhone, row.contact_phone),
      status: patch.status ?? row.status, updated_at: ctx.clock.now().toISOString(),
    };
    if (!(await updateVersioned(trx, 'service_offering', id, row.version, set))) throw new AppError('CONFLICT', '该服务项目已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findRow(trx, 'service_offering', id))!;
    await audit(trx, ctx, { action: 'services.offering.write', subjectType: 'service_offering', subjectId: id, ...changedFields(offeringAudit(row), offeringAudit(after)) });
    return (await presentOfferings(trx, [after]))[0]!;
  });
}
