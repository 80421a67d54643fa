/** SQL of the registration tables; the use cases beside it call these. */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../context.js';
import type { UnitRegistrationStepTable, UnitRegistrationTable } from '../../db/schema.js';
import { newId } from '../../ids.js';

export type RegistrationRow = Selectable<UnitRegistrationTable>;
export type RegistrationStepRow = Selectable<UnitRegistrationStepTable>;

export function findRegistration(db: Executor, id: string) {
  return db.selectFrom('unit_registration').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRegistrationByNumber(db: Executor, number: string) {
  return db.selectFrom('unit_registration').selectAll().where('number', '=', number).executeTakeFirst();
}

/**
 * An application for this credit code that waits for review. (A returned one does not hold the code:
 * an abandoned application must not keep the real unit out; its resubmission is checked again.)
 */
export function findOpenRegistrationForCode(db: Executor, uscc: string, except?: string) {
  let q = db.selectFrom('unit_registration').select(['id', 'status']).where('uscc', '=', uscc).where('status', '=', 'pending');
  if (except) q = q.where('id', '!=', except);
  return q.executeTakeFirst();
}

/** Whether a username is taken by an account, or asked for by another application waiting for review. */
export async function usernameInUse(db: Executor, username: string, except?: string): Promise<'account' | 'application' | null> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  if (user) return 'account';
  let q = db.selectFrom('unit_registration').select('id').where('username', '=', username).where('status', '=', 'pending');
  if (except) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) ? 'application' : null;
}

export function stepsOf(db: Executor, registrationId: string) {
  return db.selectFrom('unit_registration_step').selectAll().where('registration_id', '=', registrationId).orderBy('seq').execute();
}

export async function appendStep(
  db: Executor,
  registrationId: string,
  step: Omit<Insertable<UnitRegistrationStepTable>, 'id' | 'registration_id' | 'seq'>,
): Promise<void> {
  const last = await db
    .selectFrom('unit_registration_step')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
  await db
    .insertInto('unit_registration_step')
    .values({ id: newId(), registration_id: registrationId, seq: Number(last?.seq ?? 0) + 1, ...step })
    .execute();
}

/** The accounts that administer a unit (单位管理员). */
export function unitAdminsOf(db: Executor, organizationIds: string[]) {
  return db
    .selectFrom('unit_admin as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.organization_id', 'a.user_id', 'u.display_name', 'u.username', 'u.mobile', 'u.disabled'])
    .where('a.organization_id', 'in', organizationIds.length ? organizationIds : [''])
    .orderBy('a.granted_at')
    .execute();
}

export async function isUnitAdmin(db: Executor, organizationId: string, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('unit_admin').select('user_id').where('organization_id', '=', organizationId).where('user_id', '=', userId).executeTakeFirst());
}
