/**
 * Disabling an account: it can no longer log in and its sessions end at once, in the same
 * transaction. Not one's own account (another admin does that), and never the last working admin. Audited.
 */
import type { ManagedUser } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { endSessions } from '../auth/sessions.js';
import { assertVersion, loadManagedUser } from './access.js';
import { assertNotLastAdmin } from './last-admin.js';
import { presentUser } from './present.js';

export async function disableUser(ctx: Ctx, userId: string, version?: number): Promise<ManagedUser> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadManagedUser(trx, ctx.actor, 'users.user.disable', userId);
    assertVersion(row, version);
    if (row.id === ctx.actor.id) throw new AppError('CONFLICT', '不能停用自己的账号：请由另一位系统管理员操作');
    if (row.disabled) throw new AppError('CONFLICT', `账号“${row.display_name}”已停用`);
    if ((JSON.parse(row.roles) as string[]).includes('admin')) await assertNotLastAdmin(trx, ctx.dialect, row.id, 'disable');
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('app_user').set({ disabled: 1, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute();
    const sessionsEnded = await endSessions(trx, row.id);
    await audit(trx, ctx, { action: 'users.user.disable', subjectType: 'user', subjectId: row.id, before: { disabled: false }, after: { disabled: true, sessionsEnded } });
    const updated = await trx.selectFrom('app_user').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return presentUser(trx, updated, ctx.actor, ctx.clock.now());
  });
}
