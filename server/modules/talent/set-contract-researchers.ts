/**
 * Names the researchers of a technology contract (科研人员) and their role — 项目负责人, 主要完成人,
 * 参与人员 — replacing the list. Set by the contract's owner (an organization party) or the
 * operator; the people must be in the registry, each once, and at most one 项目负责人. Audited.
 */
import { RESEARCHER_ROLES } from '../../../common/talent-vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { loadContractFor } from '../contracts/contracts.js';
import type { ResearchersInput } from './schema.js';

export interface ContractResearcher {
  personId: string;
  personName: string;
  role: string;
  roleLabel: string;
}

export async function researchersOf(db: Ctx['db'], contractId: string): Promise<ContractResearcher[]> {
  const rows = await db
    .selectFrom('contract_researcher as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.name', 'r.role'])
    .where('r.contract_id', '=', contractId)
    .orderBy('r.position')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, personName: r.name, role: r.role, roleLabel: RESEARCHER_ROLES.label(r.role) }));
}

export async function setContractResearchers(ctx: Ctx, contractId: string, input: ResearchersInput, opts: { isDemo?: boolean } = {}) {
  return inTransaction(ctx, async (trx) => {
    const contract = await loadContractFor(trx, ctx.actor, 'talent.researcher.write', contractId);
    const seen = new Set<string>();
    input.researchers.forEach((r, i) => {
      if (seen.has(r.personId)) throw new AppError('VALIDATION', '同一人员只能列一次', { field: `researchers.${i}.personId` });
      seen.add(r.personId);
    });
    if (input.researchers.filter((r) => r.role === 'project_leader').length > 1) {
      throw new AppError('VALIDATION', '一份合同只能有一名项目负责人', { field: 'researchers' });
    }
    const ids = [...seen];
    const people = ids.length ? await trx.selectFrom('person').select('id').where('id', 'in', ids).execute() : [];
    input.researchers.forEach((r, i) => {
      if (!people.some((p) => p.id === r.personId)) throw new AppError('VALIDATION', `人员不存在：${r.personId}`, { field: `researchers.${i}.personId` });
    });
    const before = await researchersOf(trx, contract.id);
    await trx.deleteFrom('contract_researcher').where('contract_id', '=', contract.id).execute();
    if (input.researchers.length) {
      await trx
        .insertInto('contract_researcher')
        .values(input.researchers.map((r, i) => ({ id: newId(), contract_id: contract.id, person_id: r.personId, role: r.role, position: i, is_demo: opts.isDemo ? 1 : 0 })))
        .execute();
    }
    await audit(trx, ctx, {
      action: 'talent.researcher.write', subjectType: 'contract', subjectId: contract.id,
      before: before.map((r) => ({ personId: r.personId, role: r.role })), after: input.researchers,
    });
    return { contractId: contract.id, researchers: await researchersOf(trx, contract.id) };
  });
}
