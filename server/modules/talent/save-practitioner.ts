/**
 * Records a practitioner period (从业登记): a registry person in the broker or transfer-staff role,
 * with organization, certificate level, full- or part-time and the dates the role holds. Periods
 * of one person in one role may not overlap. The registry's person must hold the role (person_role)
 * or gets it added, so the registry and the dated record agree. Audited.
 */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { assertCan } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { loadPersonFor } from './access.js';
import { type Practitioner, presentPractitioner } from './present.js';
import { type PractitionerRow, overlapping } from './repo.js';
import type { PractitionerInput } from './schema.js';
import type { Executor } from '../../context.js';

export async function checkPeriod(db: Executor, row: Pick<PractitionerRow, 'person_id' | 'role' | 'valid_from' | 'valid_to' | 'organization_id'>, exceptId?: string) {
  if (row.valid_to && row.valid_to < row.valid_from) throw new AppError('VALIDATION', '任职终止日期不能早于起始日期', { field: 'validTo' });
  if (row.organization_id) {
    const org = await db.selectFrom('organization').select('id').where('id', '=', row.organization_id).executeTakeFirst();
    if (!org) throw new AppError('VALIDATION', `机构不存在：${row.organization_id}`, { field: 'organizationId' });
  }
  const clash = await overlapping(db, row.person_id, row.role, row.valid_from, row.valid_to, exceptId);
  if (clash.length) {
    const c = clash[0]!;
    throw new AppError('CONFLICT', `该人员同一身份的任职期间重叠（已有 ${c.valid_from} 至 ${c.valid_to ?? '今'}）`, { field: 'validFrom' });
  }
}

export async function savePractitioner(ctx: Ctx, input: PractitionerInput, opts: { isDemo?: boolean } = {}): Promise<Practitioner> {
  assertCan(ctx.actor, 'talent.practitioner.write');
  return inTransaction(ctx, async (trx) => {
    const person = await loadPersonFor(trx, ctx.actor, 'talent.practitioner.write', input.personId);
    const now = ctx.clock.now().toISOString();
    const row: PractitionerRow = {
      id: newId(),
      jurisdiction_code: person.jurisdiction_code,
      person_id: person.id,
      role: input.role,
      organization_id: input.organizationId ?? null,
      level: input.level ?? null,
      employment: input.employment,
      certificate_number: input.certificateNumber ?? null,
      valid_from: input.validFrom,
      valid_to: input.validTo ?? null,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await checkPeriod(trx, row);
    await trx.insertInto('practitioner').values(row).execute();
    const held = await trx.selectFrom('person_role').select('id').where('person_id', '=', person.id).where('role', '=', input.role).executeTakeFirst();
    if (!held) {
      await trx.insertInto('person_role').values({
        id: newId(), person_id: person.id, role: input.role, certificate_number: row.certificate_number, level: row.level, employment: row.employment,
      }).execute();
    }
    await audit(trx, ctx, { action: 'talent.practitioner.write', subjectType: 'practitioner', subjectId: row.id, after: { ...row } });
    return presentPractitioner(row, { person: person.name });
  });
}
