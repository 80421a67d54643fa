/**
 * Per-address limits of the public registration forms. Each attempt is recorded first (its own
 * committed statement) and then counted with the others of its window: of many parallel attempts,
 * at most the limit pass — an attempt that sees more than the limit, its own included, is refused.
 * Attempts count whether or not they succeed (a wrong captcha spends one).
 */
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';

export type AttemptKind = 'captcha' | 'submit' | 'status' | 'join' | 'lookup';

/** How many attempts of a kind one address may make in its window. */
export const PUBLIC_LIMITS: Record<AttemptKind, { max: number; minutes: number; what: string }> = {
  captcha: { max: 60, minutes: 10, what: '获取验证码' },
  submit: { max: 20, minutes: 60, what: '提交注册申请' },
  status: { max: 30, minutes: 10, what: '查询申请' },
  join: { max: 20, minutes: 10, what: '使用邀请码' },
  lookup: { max: 120, minutes: 10, what: '查询统一社会信用代码' },
};

export async function spendAttempt(ctx: Ctx, kind: AttemptKind): Promise<void> {
  const limit = PUBLIC_LIMITS[kind];
  const now = ctx.clock.now();
  const ip = ctx.ip ?? 'unknown';
  await ctx.db.insertInto('public_attempt').values({ id: newId(now.getTime()), kind, ip, at: now.toISOString() }).execute();
  const since = new Date(now.getTime() - limit.minutes * 60_000).toISOString();
  const row = await ctx.db
    .selectFrom('public_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) > limit.max) {
    throw new AppError('RATE_LIMITED', `${limit.what}过于频繁，请 ${limit.minutes} 分钟后再试`);
  }
}

/** Attempts older than a day count for nothing: they go (riding on captcha issuance). */
export async function forgetOldAttempts(ctx: Ctx): Promise<void> {
  const dayAgo = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString();
  await ctx.db.deleteFrom('public_attempt').where('at', '<', dayAgo).execute();
}
