/**
 * Permission names the web checks. Reads are documented (docs/api.md, brief); writes are not
 * yet: a user may create / update a registry record when the server lists `<base>.create` /
 * `<base>.update`, or `<base>.write` for both.
 */
import type { ContractStatus } from '../../common/vocabulary.js';
import type { User } from './types.js';

export const PERMISSIONS = {
  organizationRead: 'registry.organization.read',
  personRead: 'registry.person.read',
  platformRead: 'registry.platform.read',
  registryImport: 'registry.import',
  auditRead: 'audit.read',
  contractRead: 'contracts.contract.read',
  contractCreate: 'contracts.contract.create',
  contractUpdate: 'contracts.contract.update',
  contractSubmit: 'contracts.contract.submit',
  contractReview: 'contracts.contract.review',
  contractChange: 'contracts.contract.change',
  paymentWrite: 'contracts.payment.write',
  contractImport: 'contracts.import',
  settlementRead: 'subsidies.settlement.read',
} as const;

export type RegistryEntity = 'organization' | 'person' | 'platform';

export function can(user: User | null | undefined, permission: string): boolean {
  return !!user && user.permissions.includes(permission);
}

export function canCreate(user: User | null | undefined, entity: RegistryEntity): boolean {
  return can(user, `registry.${entity}.create`) || can(user, `registry.${entity}.write`);
}

/**
 * Whether 编辑 shows: full edits (`<base>.update`), or, for an organization's own users, the
 * self-service fields only (`<base>.update_contact`; verified facts go through a 变更申请).
 */
export function canUpdate(user: User | null | undefined, entity: RegistryEntity): boolean {
  return can(user, `registry.${entity}.update`) || can(user, `registry.${entity}.write`) || can(user, `registry.${entity}.update_contact`);
}

/** Whether the user edits the verified facts of a registry record directly (operator, admin). */
export function canEditFacts(user: User | null | undefined, entity: RegistryEntity): boolean {
  return can(user, `registry.${entity}.update`) || can(user, `registry.${entity}.write`);
}

/**
 * The permission that moves a contract into `to` (server/modules/contracts/workflow.ts): the
 * applicant submits; the registration office requests materials, registers or rejects; it also
 * amends, cancels and revokes a registration.
 */
export function transitionPermission(to: ContractStatus): string {
  switch (to) {
    case 'submitted':
      return PERMISSIONS.contractSubmit;
    case 'materials_requested':
    case 'registered':
    case 'rejected':
      return PERMISSIONS.contractReview;
    default:
      return PERMISSIONS.contractChange;
  }
}

/** The workflow moves the user may make from the contract's status (the server lists the legal ones). */
export function allowedTransitions(user: User | null | undefined, next: readonly ContractStatus[]): ContractStatus[] {
  return next.filter((to) => can(user, transitionPermission(to)));
}
