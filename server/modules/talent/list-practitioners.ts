/**
 * The practitioners list (从业人员): the dated practitioner periods in force on a date (default
 * today), filtered by role, level, employment, organization or name; and the count behind T2 on
 * that date, computed by the indicators module's own query so the two always agree.
 */
import { sql } from 'kysely';
import { chinaDate } from '../../../common/dates.js';
import { PRACTITIONER_ROLES } from '../../../common/talent-vocabulary.js';
import type { Ctx } from '../../context.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { practitionerGroups } from '../indicators/repo.js';
import { likePattern } from '../registry/organizations.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { type Practitioner, presentPractitioner } from './present.js';
import type { PractitionerQuery } from './schema.js';

export interface PractitionerList {
  asOf: string;
  items: Practitioner[];
  total: number;
  /** T2 on `asOf`: distinct people in role (dated periods, and undated registry roles), for the jurisdiction. */
  t2: { total: number; byRole: { key: string; n: number }[]; byEmployment: { key: string; n: number }[] } | null;
}

export async function listPractitioners(ctx: Ctx, query: PractitionerQuery): Promise<PractitionerList> {
  const scope = assertCan(ctx.actor, 'talent.practitioner.read');
  const asOf = query.asOf ?? chinaDate(ctx.clock.now());
  const prefix = jurisdictionPrefix(ctx.actor.jurisdictionCode);
  let base = ctx.db
    .selectFrom('practitioner as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('organization as o', 'o.id', 't.organization_id')
    .where('t.valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>=', asOf)]));
  if (scope === 'jurisdiction') {
    base = base.where((eb) => eb.or([underPrefix('t.jurisdiction_code', prefix)(eb), underPrefix('o.division_code', prefix)(eb)]));
  } else {
    base = base.where('t.organization_id', 'in', ctx.actor.organizationIds.length ? ctx.actor.organizationIds : ['']);
  }
  if (query.role) base = base.where('t.role', '=', query.role);
  if (query.level) base = base.where('t.level', '=', query.level);
  if (query.employment) base = base.where('t.employment', '=', query.employment);
  if (query.organizationId) base = base.where('t.organization_id', '=', query.organizationId);
  if (query.q) base = base.where('p.name', 'like', sql<string>`${likePattern(query.q)} escape '\\'`);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll('t')
    .select(['p.name as person_name', 'o.name as organization_name'])
    .orderBy('p.name')
    .orderBy('t.role')
    .orderBy('t.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const t2 = scope === 'jurisdiction' ? await practitionerGroups(ctx.db, prefix, [...PRACTITIONER_ROLES], asOf) : null;
  return {
    asOf,
    items: rows.map(({ person_name, organization_name, ...r }) => presentPractitioner(r, { person: person_name, organization: organization_name })),
    total: Number(total),
    t2,
  };
}
