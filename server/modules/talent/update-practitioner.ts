/** Changes a practitioner period: organization, level, employment, certificate, dates (ends it with validTo). Audited; guarded by `version`. */
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertVersion, loadPersonFor } from './access.js';
import { type Practitioner, presentPractitioner } from './present.js';
import { type PractitionerRow, findPractitioner, updateVersioned } from './repo.js';
import { checkPeriod } from './save-practitioner.js';
import type { PractitionerPatch } from './schema.js';

export async function updatePractitioner(ctx: Ctx, id: string, patch: PractitionerPatch): Promise<Practitioner> {
  assertCan(ctx.actor, 'talent.practitioner.write');
  return inTransaction(ctx, async (trx) => {
    const row = await findPractitioner(trx, id);
    if (!row) throw notFound('从业人员登记', id);
    const person = await loadPersonFor(trx, ctx.actor, 'talent.practitioner.write', row.person_id);
    assertVersion(row, patch.version, '从业人员登记');
    const pick = <T>(sent: T | null | undefined, stored: T | null): T | null => (sent === undefined ? stored : sent);
    const next: PractitionerRow = {
      ...row,
      organization_id: pick(patch.organizationId, row.organization_id),
      level: pick(patch.level, row.level),
      employment: patch.employment ?? row.employment,
      certificate_number: pick(patch.certificateNumber, row.certificate_number),
      valid_from: patch.validFrom ?? row.valid_from,
      valid_to: pick(patch.validTo, row.valid_to),
      updated_at: ctx.clock.now().toISOString(),
    };
    await checkPeriod(trx, next, id);
    const { id: _id, version: _v, ...set } = next;
    if (!(await updateVersioned(trx, 'practitioner', id, row.version, set))) throw new AppError('CONFLICT', '该从业人员登记已被他人修改，请刷新后重试', { field: 'version' });
    const after = (await findPractitioner(trx, id))!;
    await audit(trx, ctx, { action: 'talent.practitioner.write', subjectType: 'practitioner', subjectId: id, ...changedFields({ ...row }, { ...after }) });
    return presentPractitioner(after, { person: person.name });
  });
}
