/**
 * Qualifications (资质) with validity: 高新技术企业 certificates (3 years), 科技型中小企业 yearly
 * registrations, demonstration-institution recognitions; the registry answers "valid on date D".
 */
import { addDays, addYears } from '../../../common/dates.js';
import type { QualificationInput } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { assertDirectWrite } from './verified-facts.js';
import { type QualificationRow, findOrganizationById } from './organization-repo.js';

export interface Qualification {
  id: string;
  organizationId: string;
  type: string;
  number: string;
  level: string | null;
  issuedOn: string;
  validUntil: string;
}

export function presentQualification(row: QualificationRow): Qualification {
  return {
    id: row.id,
    organizationId: row.organization_id,
    type: row.type,
    number: row.number,
    level: row.level,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
  };
}

/** When a qualification's validity ends if the certificate does not say. */
export function defaultValidUntil(type: string, issuedOn: string): string {
  if (type === 'high_tech_enterprise') return addDays(addYears(issuedOn, 3), -1); // 3 years from issue
  if (type === 'tech_sme') return `${issuedOn.slice(0, 4)}-12-31`; // registered per year
  return '9999-12-31'; // recognitions last until revoked
}

export function qualificationRow(organizationId: string, input: QualificationInput, now: string): QualificationRow {
  const validUntil = input.validUntil ?? defaultValidUntil(input.type, input.issuedOn);
  if (validUntil < input.issuedOn) {
    throw new AppError('VALIDATION', '有效期截止日不得早于发证日期', { field: 'validUntil' });
  }
  return {
    id: newId(),
    organization_id: organizationId,
    type: input.type,
    number: input.number,
    level: input.level ?? null,
    issued_on: input.issuedOn,
    valid_until: validUntil,
    created_at: now,
  };
}

export async function addQualification(ctx: Ctx, organizationId: string, input: QualificationInput): Promise<Qualification> {
  return inTransaction(ctx, async (trx) => {
    const org = await findOrganizationById(trx, organizationId);
    if (!org) throw notFound('机构', organizationId);
    assertDirectWrite(ctx.actor, 'registry.qualification.create', org, '资质');
    const dup = await trx
      .selectFrom('qualification')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('type', '=', input.type)
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', `资质证书编号 ${input.number} 已登记`, { field: 'number' });
    const row = qualificationRow(organizationId, input, ctx.clock.now().toISOString());
    await trx.insertInto('qualification').values(row).execute();
    const q = presentQualification(row);
    await audit(trx, ctx, { action: 'registry.qualification.create', subjectType: 'organization', subjectId: organizationId, after: q });
    return q;
  });
}

/** Organizations holding a qualification of `type` valid on `date` (the registry's "valid on D"). */
export async function organizationsQualifiedOn(db: Executor, type: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('qualification')
    .select('organization_id')
    .distinct()
    .where('type', '=', type)
    .where('issued_on', '<=', date)
    .where('valid_until', '>=', date)
    .execute();
  return rows.map((r) => r.organization_id);
}
