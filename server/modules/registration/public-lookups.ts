/**
 * What the public form may ask before submitting: whether a credit code is in the registry (then the
 * applicant claims that unit — its name is shown, nothing private), and which verified agencies a
 * broker may name. Names and credit codes of units are public facts (国家企业信用信息公示系统).
 */
import { sql } from 'kysely';
import type { CreditCodeLookup, PublicAgencyOption } from '../../../common/registration-api.js';
import { AGENCY_KINDS, isRegistrableKind } from '../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { findOrganizationByUscc } from '../registry/organization-repo.js';
import { likePattern } from '../registry/organizations.js';
import { findOpenRegistrationForCode, unitAdminsOf } from './repo.js';

export async function lookupCreditCode(ctx: Ctx, creditCode: string): Promise<CreditCodeLookup> {
  const [org, pending] = await Promise.all([findOrganizationByUscc(ctx.db, creditCode), findOpenRegistrationForCode(ctx.db, creditCode)]);
  const admins = org ? await unitAdminsOf(ctx.db, [org.id]) : [];
  return {
    creditCode,
    registered: !!org,
    name: org?.name ?? null,
    hasUnitAdmin: admins.some((a) => a.disabled === 0),
    pending: !!pending,
    refusal: org && !isRegistrableKind(org.kind) ? `该单位登记为${ORGANIZATION_KINDS.label(org.kind)}，其账号由科技局开通，不能在此注册` : null,
  };
}

export async function listPublicAgencies(ctx: Ctx, q: string | undefined): Promise<PublicAgencyOption[]> {
  let query = ctx.db
    .selectFrom('organization as o')
    .select(['o.name', 'o.uscc'])
    .where('o.kind', 'in', [...AGENCY_KINDS])
    .where((eb) => eb.exists(eb.selectFrom('unit_admin as a').select('a.user_id').whereRef('a.organization_id', '=', 'o.id')));
  if (q) query = query.where('o.name', 'like', sql<string>`${likePattern(q)} escape '\\'`);
  const rows = await query.orderBy('o.name').limit(20).execute();
  return rows.map((r) => ({ name: r.name, creditCode: r.uscc }));
}
