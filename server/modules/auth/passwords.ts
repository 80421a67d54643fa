/**
 * A user changes their own password: the old one first (so a session left open is not enough),
 * the new one through the 等保 level 3 rules. Every other session of the account ends in the same
 * transaction; this one stays and, if it was held at 'must_change', moves on.
 */
import { hash, verify } from '@node-rs/argon2';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { lockIfExhausted, takeAccountSlot } from './login-guard.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { type SessionStage, totpRequired } from './session-policy.js';
import { endSessions, setSessionStage } from './sessions.js';
import { ARGON2_OPTIONS } from './users.js';

export interface PasswordChange {
  oldPassword: string;
  newPassword: string;
}

/** Changes the acting user's password; returns the stage the current session moves to. */
export async function changeOwnPassword(ctx: Ctx, sessionToken: string, input: PasswordChange): Promise<{ stage: SessionStage; endedSessions: number }> {
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  // Guessing the old password from an open session counts like guessing at the login.
  if (!(await takeAccountSlot(ctx.db, userId, now))) {
    throw new AppError('LOCKED', '原密码连续输错次数过多，账号已暂时锁定，请稍后再试或联系管理员', { field: 'oldPassword' });
  }
  if (!(await verify(user.password_hash, input.oldPassword).catch(() => false))) {
    await inTransaction(ctx, async (trx) => {
      const lockedUntil = await lockIfExhausted(trx, userId, now);
      if (lockedUntil) await audit(trx, ctx, { action: 'auth.user.lock', subjectType: 'user', subjectId: userId, after: { locked: true, lockedUntil } });
    });
    throw new AppError('VALIDATION', '原密码不正确', { field: 'oldPassword' });
  }
  if (input.newPassword === input.oldPassword) {
    await ctx.db.updateTable('app_user').set({ failed_logins: 0 }).where('id', '=', userId).execute();
    throw new AppError('VALIDATION', '新密码不能与原密码相同', { field: 'newPassword' });
  }
  try {
    assertPasswordAcceptable(input.newPassword, user.username, 'newPassword');
  } finally {
    await ctx.db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  }
  const passwordHash = await hash(input.newPassword, ARGON2_OPTIONS);
  const stage: SessionStage = !user.totp_enabled_at && totpRequired(JSON.parse(user.roles) as UserRole[], user.is_demo === 1) ? 'enrol' : 'full';
  return inTransaction(ctx, async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: now.toISOString(),
        password_expires_at: null,
        updated_at: now.toISOString(),
        version: user.version + 1,
      })
      .where('id', '=', userId)
      .execute();
    const endedSessions = await endSessions(trx, userId, { token: sessionToken });
    await setSessionStage(trx, sessionToken, stage);
    await audit(trx, ctx, { action: 'auth.password.change', subjectType: 'user', subjectId: userId, after: { endedSessions } });
    return { stage, endedSessions };
  });
}
