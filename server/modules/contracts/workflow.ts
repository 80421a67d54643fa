/**
 * The registration workflow as the national rules run it — one state table. Each transition names
 * the action (permission + audit action) that performs it.
 *
 * draft → submitted → (materials_requested ↔ submitted) → registered | rejected (未予登记);
 * registered → amended | cancelled | revoked; amended → amended | cancelled | revoked.
 */
import { CONTRACT_STATUSES, type ContractStatus } from '../../../common/vocabulary.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';

export const TRANSITIONS: Record<ContractStatus, Partial<Record<ContractStatus, Action>>> = {
  draft: { submitted: 'contracts.contract.submit' },
  submitted: {
    materials_requested: 'contracts.contract.review',
    registered: 'contracts.contract.review',
    rejected: 'contracts.contract.review',
  },
  materials_requested: { submitted: 'contracts.contract.submit' },
  registered: {
    amended: 'contracts.contract.change',
    cancelled: 'contracts.contract.change',
    revoked: 'contracts.contract.change',
  },
  amended: {
    amended: 'contracts.contract.change',
    cancelled: 'contracts.contract.change',
    revoked: 'contracts.contract.change',
  },
  rejected: {},
  cancelled: {},
  revoked: {},
};

/** Statuses in which the applicant may still edit the contract. */
export const EDITABLE_STATUSES: readonly ContractStatus[] = ['draft', 'materials_requested'];

/** Statuses that carry a registration number from the national system. */
export const REGISTERED_STATUSES: readonly ContractStatus[] = ['registered', 'amended'];

/** The action that moves a contract from `from` to `to`; throws CONFLICT for an illegal move. */
export function transitionAction(from: ContractStatus, to: ContractStatus): Action {
  const action = TRANSITIONS[from][to];
  if (!action) {
    const allowed = Object.keys(TRANSITIONS[from]) as ContractStatus[];
    throw new AppError(
      'CONFLICT',
      `不能从“${CONTRACT_STATUSES.label(from)}”变为“${CONTRACT_STATUSES.label(to)}”` +
        (allowed.length ? `（可变为：${allowed.map((s) => CONTRACT_STATUSES.label(s)).join('、')}）` : '（该状态为终态）'),
      { field: 'to' },
    );
  }
  return action;
}

export function nextStatuses(from: ContractStatus): ContractStatus[] {
  return Object.keys(TRANSITIONS[from]) as ContractStatus[];
}
