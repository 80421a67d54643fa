/** The accounts of the admin's jurisdiction: searched by name, username or mobile; filtered by role, unit and state; paged. */
import { type ExpressionBuilder, sql } from 'kysely';
import type { UserPage } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { underPrefix } from '../../db/under-prefix.js';
import { assertCan } from '../access/policy.js';
import { jurisdictionPrefix } from '../registry/divisions.js';
import { likePattern } from '../registry/organizations.js';
import { mailConfigured } from './mail.js';
import { presentUsers } from './present.js';
import type { UserExportQuery, UserQuery } from './schema.js';

/** The filtered accounts as a query (shared with the Excel export). */
export function usersQuery(ctx: Ctx, query: UserExportQuery) {
  assertCan(ctx.actor, 'users.user.read');
  const now = ctx.clock.now().toISOString();
  let base = ctx.db.selectFrom('app_user').where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  if (query.q) {
    const pattern = sql<string>`${likePattern(query.q)} escape '\\'`;
    base = base.where((eb) => eb.or([eb('display_name', 'like', pattern), eb('username', 'like', pattern), eb('mobile', 'like', pattern)]));
  }
  // Roles are a JSON array of codes: '"finance"' matches the code exactly (no code is part of another's quotes).
  if (query.role) base = base.where('roles', 'like', `%"${query.role}"%`);
  if (query.organizationId) {
    const organizationId = query.organizationId;
    base = base.where((eb) => eb.exists(eb.selectFrom('user_organization as m').select('m.user_id').whereRef('m.user_id', '=', 'app_user.id').where('m.organization_id', '=', organizationId)));
  }
  const notLocked = (eb: ExpressionBuilder<Database, 'app_user'>) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]);
  switch (query.status) {
    case 'disabled':
      base = base.where('disabled', '=', 1);
      break;
    case 'locked':
      base = base.where('disabled', '=', 0).where('locked_until', '>', now);
      break;
    case 'must_change':
      base = base.where('disabled', '=', 0).where('must_change_password', '=', 1).where(notLocked);
      break;
    case 'active':
      base = base.where('disabled', '=', 0).where('must_change_password', '=', 0).where(notLocked);
      break;
    default:
  }
  return base;
}

export async function listUsers(ctx: Ctx, query: UserQuery): Promise<UserPage & { mailConfigured: boolean }> {
  const base = usersQuery(ctx, query);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await presentUsers(ctx.db, rows, ctx.actor, ctx.clock.now()), total: Number(total), mailConfigured: mailConfigured() };
}
