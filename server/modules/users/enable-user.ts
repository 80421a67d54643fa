/** Enabling a disabled account again: it logs in with the password it had. Audited. */
import type { ManagedUser } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { assertVersion, loadManagedUser } from './access.js';
import { presentUser } from './present.js';

export async function enableUser(ctx: Ctx, userId: string, version?: number): Promise<ManagedUser> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadManagedUser(trx, ctx.actor, 'users.user.disable', userId);
    assertVersion(row, version);
    if (!row.disabled) throw new AppError('CONFLICT', `账号“${row.display_name}”未停用`);
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('app_user').set({ disabled: 0, version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute();
    await audit(trx, ctx, { action: 'users.user.enable', subjectType: 'user', subjectId: row.id, before: { disabled: true }, after: { disabled: false } });
    const updated = await trx.selectFrom('app_user').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return presentUser(trx, updated, ctx.actor, ctx.clock.now());
  });
}
