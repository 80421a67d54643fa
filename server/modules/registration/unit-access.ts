/**
 * Who administers a unit's users: its 单位管理员 (an account acting for the unit and flagged as its
 * admin), or a platform admin within the admin's jurisdiction. Everyone else is refused, also other
 * accounts of the same unit.
 */
import type { Actor, Executor } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import { findOrganizationById, type OrganizationRow } from '../registry/organization-repo.js';
import { isUnitAdmin } from './repo.js';

export async function loadUnitForAdmin(db: Executor, actor: Actor, organizationId: string): Promise<OrganizationRow> {
  const scope = assertCan(actor, 'registration.unit.manage');
  const org = await findOrganizationById(db, organizationId);
  if (!org) throw notFound('单位', organizationId);
  if (scope === 'jurisdiction') {
    if (!isWithinJurisdiction(actor.jurisdictionCode, org.jurisdiction_code)) throw new AppError('FORBIDDEN', '该单位不在您的辖区');
    return org;
  }
  if (!actor.organizationIds.includes(organizationId)) throw new AppError('FORBIDDEN', '无权管理该单位的用户');
  if (!actor.id || !(await isUnitAdmin(db, organizationId, actor.id))) {
    throw new AppError('FORBIDDEN', '只有本单位的单位管理员可以管理本单位用户，请联系单位管理员');
  }
  return org;
}
