/**
 * Finding a contract's other party: an enterprise buying from a university must be able to name
 * it, although the registry's lists show an enterprise only its own organizations. This lookup
 * answers with what a contract form needs and what is public anyway (name, 统一社会信用代码, kind,
 * place) for the whole registry — never contacts, equity or qualifications — and only for a search
 * of at least two characters, twenty at a time, so it cannot be used to page through the registry.
 */
import { sql } from 'kysely';
import { checkUscc, normalizeUscc } from '../../../common/uscc.js';
import type { ContractPartyOption } from '../../../common/contract-api.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { findDivision } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';

export const PARTY_LOOKUP_LIMIT = 20;

export async function lookupContractParties(ctx: Ctx, q: string): Promise<ContractPartyOption[]> {
  assertCan(ctx.actor, 'contracts.party.lookup');
  const text = q.trim();
  if ([...text].length < 2) throw new AppError('VALIDATION', '请至少输入两个字的单位名称或完整的统一社会信用代码', { field: 'q' });
  const rows = await ctx.db
    .selectFrom('organization')
    .select(['id', 'name', 'uscc', 'kind', 'division_code'])
    .where((eb) => (checkUscc(text).ok ? eb('uscc', '=', normalizeUscc(text)) : eb('name', 'like', sql<string>`${likePattern(text)} escape '\\'`)))
    .orderBy('name')
    .limit(PARTY_LOOKUP_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    kind: r.kind,
    divisionName: r.division_code ? (findDivision(r.division_code)?.fullName ?? null) : null,
  }));
}
