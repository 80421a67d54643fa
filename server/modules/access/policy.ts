/**
 * Object-level checks on top of the permission table: a jurisdiction-wide role reaches records its
 * jurisdiction holds; an "own" role reaches only the organizations its account acts for.
 */
import { USER_ROLES } from '../../../common/vocabulary.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../context.js';
import { type Action, type Scope, scopeFor } from './permissions.js';
import { isWithinJurisdiction } from '../registry/divisions.js';

export function assertCan(actor: Actor, action: Action): Scope {
  const scope = scopeFor(actor.roles, action);
  if (!scope) {
    // The action's code is for programs; a person reads which of their roles falls short.
    const roles = actor.roles.map((r) => USER_ROLES.label(r)).join('、') || '未分配角色';
    throw new AppError('FORBIDDEN', `当前账号（${roles}）无权执行此操作；如需办理，请联系系统管理员`);
  }
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
