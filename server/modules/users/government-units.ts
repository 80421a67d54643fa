/** The department units an account may be tied to: the registry's government departments of the admin's jurisdiction, by name. */
import { sql } from 'kysely';
import type { GovernmentUnitOption } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { findDivision, jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';

export async function listGovernmentUnits(ctx: Ctx, q?: string): Promise<GovernmentUnitOption[]> {
  assertCan(ctx.actor, 'users.user.read');
  let query = ctx.db
    .selectFrom('organization')
    .select(['id', 'name', 'division_code'])
    .where('kind', '=', 'government_department')
    .where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (q) query = query.where('name', 'like', sql<string>`${likePattern(q)} escape '\\'`);
  const rows = await query.orderBy('name').limit(50).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, divisionName: findDivision(r.division_code)?.fullName ?? null }));
}
