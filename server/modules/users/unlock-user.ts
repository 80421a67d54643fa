/** Lifting a login lock before its period ends (the lock also lifts itself). Audited with the counts it cleared. */
import type { ManagedUser } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { assertVersion, loadManagedUser } from './access.js';
import { presentUser } from './present.js';

export async function unlockUser(ctx: Ctx, userId: string, version?: number): Promise<ManagedUser> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadManagedUser(trx, ctx.actor, 'users.user.unlock', userId);
    assertVersion(row, version);
    const now = ctx.clock.now();
    const locked = !!row.locked_until && row.locked_until > now.toISOString();
    if (!locked && Number(row.failed_logins) === 0) throw new AppError('CONFLICT', `账号“${row.display_name}”未被锁定`);
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, version: row.version + 1, updated_at: now.toISOString() }).where('id', '=', row.id).execute();
    await audit(trx, ctx, {
      action: 'users.user.unlock',
      subjectType: 'user',
      subjectId: row.id,
      before: { failures: Number(row.failed_logins), locked, lockedUntil: locked ? row.locked_until : null },
      after: { failures: 0, locked: false, lockedUntil: null },
    });
    const updated = await trx.selectFrom('app_user').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return presentUser(trx, updated, ctx.actor, ctx.clock.now());
  });
}
