/**
 * Accounts a registration opens, through the auth module's createUser (the one way accounts are
 * made), with the contact details the applicant gave; and the 单位管理员 flag on an account's link
 * to a unit.
 */
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { createUser } from '../auth/users.js';

export interface AccountRequest {
  username: string;
  displayName: string;
  /** argon2id of the password the person chose (checked by the rules when they chose it). */
  passwordHash: string;
  mobile: string;
  position: string | null;
  role: UserRole;
  organization: { id: string; jurisdiction_code: string };
}

/** Opens the account inside the caller's transaction (`ctx.db` is it), tied to the unit with the unit's role. */
export async function openAccount(ctx: Ctx, request: AccountRequest): Promise<{ id: string }> {
  const user = await createUser(ctx, {
    username: request.username,
    displayName: request.displayName,
    passwordHash: request.passwordHash,
    roles: [request.role],
    jurisdictionCode: request.organization.jurisdiction_code,
    organizationIds: [request.organization.id],
  });
  await ctx.db.updateTable('app_user').set({ mobile: request.mobile, position: request.position }).where('id', '=', user.id).execute();
  return user;
}

export async function grantUnitAdmin(db: Executor, organizationId: string, userId: string, grantedBy: string, at: string): Promise<void> {
  const held = await db.selectFrom('unit_admin').select('user_id').where('organization_id', '=', organizationId).where('user_id', '=', userId).executeTakeFirst();
  if (!held) await db.insertInto('unit_admin').values({ organization_id: organizationId, user_id: userId, granted_at: at, granted_by_name: grantedBy }).execute();
}
