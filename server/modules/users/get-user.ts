/** One account as the admin sees it: roles, units, login state (last login, failed attempts, lock). */
import type { ManagedUser } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { loadManagedUser } from './access.js';
import { presentUser } from './present.js';

export async function getUser(ctx: Ctx, userId: string): Promise<ManagedUser> {
  const row = await loadManagedUser(ctx.db, ctx.actor, 'users.user.read', userId);
  return presentUser(ctx.db, row, ctx.actor, ctx.clock.now());
}
