/**
 * Changing an account's roles (用户与权限, `user grant` / `user revoke`). The last working admin keeps
 * the admin role; a role done for a unit needs the account tied to one. The account's sessions stay:
 * each request reads the roles afresh (server/modules/auth/sessions.ts resolveSession). Audited.
 */
import type { ManagedUser } from '../../../common/users-api.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction, withinTransaction } from '../../context.js';
import { audit } from '../audit/audit.js';
import { assertVersion, loadManagedUser } from './access.js';
import { checkUnits } from './create-account.js';
import { assertNotLastAdmin } from './last-admin.js';
import { presentUser } from './present.js';

export async function changeRoles(ctx: Ctx, userId: string, roles: UserRole[], version?: number): Promise<ManagedUser> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadManagedUser(trx, ctx.actor, 'users.user.update_roles', userId);
    assertVersion(row, version);
    const before = JSON.parse(row.roles) as UserRole[];
    const after = [...new Set(roles)];
    if (before.includes('admin') && !after.includes('admin')) await assertNotLastAdmin(trx, ctx.dialect, row.id, 'demote');
    const units = await trx.selectFrom('user_organization').select('organization_id').where('user_id', '=', row.id).execute();
    const added = after.filter((r) => !before.includes(r));
    await checkUnits(withinTransaction(ctx, trx), added, units.map((u) => u.organization_id));
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('app_user').set({ roles: JSON.stringify(after), version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute();
    await audit(trx, ctx, { action: 'users.user.update_roles', subjectType: 'user', subjectId: row.id, before: { roles: before }, after: { roles: after } });
    const updated = await trx.selectFrom('app_user').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return presentUser(trx, updated, ctx.actor, ctx.clock.now());
  });
}
