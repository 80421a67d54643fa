/**
 * The split between verified facts and self-service fields (ADR 014). The operator and admin write
 * every registry field directly; an organization's own users write the self-service fields directly
 * and ask for the verified ones through a 变更申请 (change-requests.ts). This file refuses a direct
 * write of a verified fact by an own user, naming the field and pointing to the 变更申请.
 */
import {
  SELF_SERVICE_ORGANIZATION_FIELDS,
  VERIFIED_ORGANIZATION_FIELDS,
  VERIFIED_PERSON_FIELDS,
  type VerifiedOrganizationField,
} from '../../../common/change-request.js';
import type { Actor } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';
import { scopeFor } from '../access/permissions.js';
import { assertReachesOrganization, canReachOrganization } from '../access/policy.js';

type Org = { id: string; jurisdiction_code: string };

/** The refusal an own user meets when a request writes a verified fact directly. */
export function verifiedFactRefusal(label: string, field?: string): AppError {
  return new AppError(
    'FORBIDDEN',
    `“${label}”是经核实的登记信息，不能直接修改：请在机构页面提交变更申请并附证明材料，经科技局审核通过后生效`,
    field ? { field } : {},
  );
}

/**
 * Whether the actor may write verified facts of `org` directly: a jurisdiction-wide holder of
 * `action` reaching it. Own users who could file a 变更申请 are told to; others are refused plainly.
 */
export function assertDirectWrite(actor: Actor, action: Action, org: Org | null, label: string, field?: string): void {
  const scope = scopeFor(actor.roles, action);
  if (scope && (!org || canReachOrganization(actor, scope, org))) return;
  const requester = scopeFor(actor.roles, 'registry.change_request.create');
  if (requester && (!org || canReachOrganization(actor, requester, org))) throw verifiedFactRefusal(label, field);
  if (org) assertReachesOrganization(actor, action, org);
  throw new AppError('FORBIDDEN', '无权执行此操作');
}

/** A value as compared for "did it change": absent and null alike, lists in a stable form. */
function comparable(value: unknown): string {
  return JSON.stringify(value ?? null);
}

const SELF_SERVICE = new Set<string>(SELF_SERVICE_ORGANIZATION_FIELDS);

/**
 * For an actor without `registry.organization.update` on `org`: passes the self-service fields
 * (SELF_SERVICE_ORGANIZATION_FIELDS) and refuses a patch that changes any other field (a field
 * sent with its current value is no change). The list is an allow-list: a field added to
 * organizations later is a verified fact for own users until it is named self-service.
 */
export function assertSelfServiceOrganizationPatch(
  actor: Actor,
  org: Org,
  current: Record<string, unknown>,
  sent: Record<string, unknown>,
): void {
  const full = scopeFor(actor.roles, 'registry.organization.update');
  if (full && canReachOrganization(actor, full, org)) return;
  assertReachesOrganization(actor, 'registry.organization.update_contact', org);
  for (const [field, value] of Object.entries(sent)) {
    if (value === undefined || SELF_SERVICE.has(field)) continue;
    if (comparable(value) === comparable(current[field])) continue;
    throw verifiedFactRefusal(VERIFIED_ORGANIZATION_FIELDS.table[field as VerifiedOrganizationField] ?? '该项', field);
  }
}

/**
 * A person's verified facts (name, ID number, roles with their certificates, the organizations
 * they work for) are the operator's to change; an own user keeps the phone (and job titles) current.
 */
export function personFactsChanged(
  current: { name: string; idNumber: string; roles: unknown[]; affiliationOrganizations: string[] },
  next: { name: string; idNumber: string; roles: unknown[]; affiliationOrganizations: string[] },
): string | null {
  if (next.name !== current.name) return 'name';
  if (next.idNumber !== current.idNumber) return 'idNumber';
  const roles = (r: unknown[]) => r.map((x) => comparable(normalizeRole(x))).sort().join('|');
  if (roles(next.roles) !== roles(current.roles)) return 'roles';
  const orgs = (o: string[]) => [...new Set(o)].sort().join('|');
  if (orgs(next.affiliationOrganizations) !== orgs(current.affiliationOrganizations)) return 'affiliations';
  return null;
}

function normalizeRole(role: unknown) {
  const r = role as { role: string; certificateNumber?: string | null; level?: string | null; employment?: string | null };
  return { role: r.role, certificateNumber: r.certificateNumber ?? null, level: r.level ?? null, employment: r.employment ?? null };
}

export function personFactRefusal(field: string): AppError {
  const label = VERIFIED_PERSON_FIELDS.label(field);
  return new AppError('FORBIDDEN', `人员的“${label}”是经核实的登记信息，不能直接修改：请联系科技局核实后修改`, { field });
}
