/**
 * Who reviews a unit's application: an operator (or admin) whose jurisdiction covers the
 * application's review division — the unit's division, or the platform's own jurisdiction for a unit
 * from elsewhere (application-fields.ts reviewDivisionFor).
 */
import type { Actor, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { findRegistration, type RegistrationRow } from './repo.js';

export async function loadRegistrationForReview(db: Executor, actor: Actor, id: string): Promise<RegistrationRow> {
  assertCan(actor, 'registration.review');
  const row = await findRegistration(db, id);
  if (!row || row.applicant_type !== 'unit') throw notFound('注册申请', id);
  if (!isWithinJurisdiction(actor.jurisdictionCode, row.review_division_code)) throw new AppError('FORBIDDEN', '该注册申请不在您的辖区');
  return row;
}
