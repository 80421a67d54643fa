/**
 * Login, sessions and their limits. Sessions live in the database so several app instances can
 * share one PostgreSQL; the cookie holds a random token and the table only its SHA-256.
 * Limits: 5 wrong passwords lock an account for 15 minutes; 20 failed attempts from one IP in
 * 10 minutes are refused with RATE_LIMITED.
 */
import crypto from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { type loadActor as LoadActor, loadActor } from './users.js';
import { newId } from '../../ids.js';

export const SESSION_HOURS = 12;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const IP_WINDOW_MINUTES = 10;
export const IP_MAX_FAILURES = 20;

export type SessionActor = NonNullable<Awaited<ReturnType<typeof LoadActor>>>;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal it.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$qdFbXfsygKKGWAqS+UAgwA$cQA012wIi3c2pdp4VyUh7i8XZB9F7XkG8EItQ3kZKXY';

export async function login(
  ctx: Ctx,
  username: string,
  password: string,
): Promise<{ token: string; csrfToken: string; actor: SessionActor }> {
  const now = ctx.clock.now();
  const ip = ctx.ip ?? 'unknown';
  const windowStart = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000).toISOString();
  const recent = await ctx.db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>=', windowStart)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= IP_MAX_FAILURES) {
    throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${IP_WINDOW_MINUTES} 分钟后再试`);
  }
  const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  if (user?.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('LOCKED', `账号已锁定至 ${user.locked_until.slice(0, 16).replace('T', ' ')}（UTC），请稍后再试或联系管理员`);
  }
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  const attemptRow = { id: newId(), ip, username, at: now.toISOString() };
  if (!user || !ok || user.disabled) {
    await inTransaction(ctx, async (trx) => {
      await trx.insertInto('login_attempt').values({ ...attemptRow, success: 0 }).execute();
      if (user) {
        const failures = user.failed_logins + 1;
        const lock = failures >= LOCK_AFTER_FAILURES;
        await trx
          .updateTable('app_user')
          .set({
            failed_logins: lock ? 0 : failures,
            locked_until: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : user.locked_until,
          })
          .where('id', '=', user.id)
          .execute();
        await audit(trx, { ...ctx, actor: { ...ctx.actor, name: username } }, {
          action: lock ? 'auth.user.lock' : 'auth.login.fail',
          subjectType: 'user',
          subjectId: user.id,
          after: { failures, locked: lock },
        });
      }
    });
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('login_attempt').values({ ...attemptRow, success: 1 }).execute();
    // Housekeeping rides on logins: attempts older than a day and expired sessions go.
    await trx.deleteFrom('login_attempt').where('at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
    await trx.deleteFrom('session').where('expires_at', '<=', now.toISOString()).execute();
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx
      .insertInto('session')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        ip,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .execute();
    await audit(trx, { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.display_name } }, {
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
  const actor = (await loadActor(ctx.db, user.id))!;
  return { token, csrfToken, actor };
}

export async function resolveSession(ctx: Pick<Ctx, 'db' | 'clock'>, token: string): Promise<{ actor: SessionActor; csrfToken: string } | null> {
  const session = await ctx.db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .executeTakeFirst();
  if (!session) return null;
  const actor = await loadActor(ctx.db, session.user_id);
  return actor ? { actor, csrfToken: session.csrf_token } : null;
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const deleted = await trx.deleteFrom('session').where('id', '=', sha256(token)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0 && ctx.actor.id) {
      await audit(trx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.id });
    }
  });
}
