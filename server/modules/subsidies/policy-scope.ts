/**
 * A jurisdiction settles and opens notices only under its own policies: 新华区 cannot pay out under
 * 湛河区's plan, nor a district under its province's. The deployer's CLI (the system actor) may.
 */
import type { Actor } from '../../context.js';
import { AppError } from '../../errors.js';
import { findDivision } from '../registry/divisions.js';
import { type Policy, policyHomeCode } from './policy.js';

const nameOf = (code: string) => findDivision(code)?.name ?? '其他辖区';

export function isPolicyOfJurisdiction(actor: Pick<Actor, 'id' | 'jurisdictionCode'>, policy: Policy): boolean {
  if (actor.id === null) return true;
  return policyHomeCode(policy) === actor.jurisdictionCode;
}

export function assertPolicyOfJurisdiction(actor: Pick<Actor, 'id' | 'jurisdictionCode'>, policy: Policy, doing: string): void {
  if (isPolicyOfJurisdiction(actor, policy)) return;
  const home = policyHomeCode(policy);
  throw new AppError('FORBIDDEN', `政策“${policy.title}”由${home ? nameOf(home) : '其他辖区'}制定，${nameOf(actor.jurisdictionCode)}不能按它${doing}`, { field: 'policy' });
}

/** 科技局 of the jurisdiction: the issuer a notice carries unless the operator writes another. */
export function defaultIssuer(jurisdictionCode: string): string {
  return `${nameOf(jurisdictionCode)}科学技术局`;
}
