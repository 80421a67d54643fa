/**
 * The researchers named on a technology contract (科研人员) with their role, for the contract's page.
 * Whoever may read the contract sees them: who worked on it is part of the contract's record, the
 * same as its brokers.
 */
import type { Ctx } from '../../context.js';
import { loadContractFor } from '../contracts/contracts.js';
import { researchersOf } from './set-contract-researchers.js';

export async function listContractResearchers(ctx: Ctx, contractId: string) {
  const contract = await loadContractFor(ctx.db, ctx.actor, 'contracts.contract.read', contractId);
  return { contractId: contract.id, researchers: await researchersOf(ctx.db, contract.id) };
}
