/**
 * Resetting a password: a new one-time password, shown once to the admin (and mailed to the
 * account's e-mail when the platform has a mail server and the admin asks), valid 72 hours and to be
 * changed at the next login. It ends every session of the account and lifts a login lock — the
 * person calling for a reset is usually the one locked out. Audited; the password itself never is.
 */
import { hash } from '@node-rs/argon2';
import type { OneTimePassword } from '../../../common/users-api.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { endSessions } from '../auth/sessions.js';
import { ARGON2_OPTIONS } from '../auth/users.js';
import { assertVersion, loadManagedUser } from './access.js';
import { mailOneTimePassword } from './mail.js';
import { generateOneTimePassword, temporaryPasswordExpiry } from './one-time-password.js';
import { presentUser } from './present.js';

export async function resetPassword(ctx: Ctx, userId: string, options: { version?: number; mail?: boolean } = {}): Promise<OneTimePassword> {
  const target = await loadManagedUser(ctx.db, ctx.actor, 'users.user.reset_password', userId);
  if (target.disabled) throw new AppError('CONFLICT', `账号“${target.display_name}”已停用：请先启用再重置密码`);
  const password = generateOneTimePassword(target.username);
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  const expiresAt = temporaryPasswordExpiry(ctx.clock.now());
  const user = await inTransaction(ctx, async (trx) => {
    const row = await loadManagedUser(trx, ctx.actor, 'users.user.reset_password', userId);
    assertVersion(row, options.version);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: 1, password_expires_at: expiresAt, failed_logins: 0, locked_until: null, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    const sessionsEnded = await endSessions(trx, row.id);
    await audit(trx, ctx, {
      action: 'users.user.reset_password',
      subjectType: 'user',
      subjectId: row.id,
      after: { mustChangePassword: true, passwordExpiresAt: expiresAt, sessionsEnded, mailRequested: !!options.mail },
    });
    const updated = await trx.selectFrom('app_user').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return presentUser(trx, updated, ctx.actor, ctx.clock.now());
  });
  // After the commit: a mail server that is slow or down never holds or undoes the reset.
  const mailProblem = options.mail ? await mailOneTimePassword(user, password, expiresAt, user.jurisdictionCode) : null;
  return { user, password, expiresAt, mailed: !!options.mail && mailProblem === null, mailProblem };
}
