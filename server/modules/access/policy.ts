/**
 * Object-level checks on top of the permission table: a jurisdiction-wide role reaches records its
 * jurisdiction holds; an "own" role reaches only the organizations its account acts for.
 */
import { AppError } from '../../errors.js';
import type { Actor } from '../../context.js';
import { type Action, type Scope, scopeFor } from './permissions.js';
import { isWithinJurisdiction } from '../registry/divisions.js';

export function assertCan(actor: Actor, action: Action): Scope {
  const scope = scopeFor(actor.roles, action);
  if (!scope) throw new AppError('FORBIDDEN', `无权执行此操作（${action}）`);
  return scope;
}

/** Whether the actor may act on an organization held by `jurisdictionCode`. */
export function canReachOrganization(actor: Actor, scope: Scope, org: { id: string; jurisdiction_code: string }): boolean {
  return scope === 'jurisdiction'
    ? isWithinJurisdiction(actor.jurisdictionCode, org.jurisdiction_code)
    : actor.organizationIds.includes(org.id);
}

export function assertReachesOrganization(actor: Actor, action: Action, org: { id: string; jurisdiction_code: string }): void {
  const scope = assertCan(actor, action);
  if (!canReachOrganization(actor, scope, org)) throw new AppError('FORBIDDEN', '无权访问该机构的数据');
}
