/**
 * Two-factor login with TOTP (RFC 6238, otplib v13): required for operator, finance, admin and
 * evaluator (demo accounts exempt), optional for the others. Enrolment keeps the secret encrypted
 * by the data protector, shows it as a QR code drawn here (nothing fetched from outside) and in
 * text, confirms with a code, then hands out 10 one-time recovery codes kept only as keyed digests.
 * A code is accepted once (the last time step is kept); a challenge takes few attempts, and wrong
 * codes count against the account like wrong passwords.
 */
import crypto from 'node:crypto';
import { verify as verifyPassword } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { clearAccountFailures, lockIfExhausted, takeAccountSlot } from './login-guard.js';
import { CHALLENGE_MAX_ATTEMPTS, RECOVERY_CODE_COUNT, type SessionStage, totpRequired } from './session-policy.js';
import { type ClientInfo, type LoginOutcome, openSession, setSessionStage, sha256 } from './sessions.js';

const ISSUER = '技术转移体系平台';
/** One 30-second step either side: phone clocks drift. */
const TOLERANCE_SECONDS = 30;
const CHALLENGE_GONE = '登录验证已失效（超时或动态码错误次数过多），请重新输入用户名和密码登录';

const epochOf = (ctx: Pick<Ctx, 'clock'>) => Math.floor(ctx.clock.now().getTime() / 1000);

/** Recovery codes as people copy them: 4-4 groups of unambiguous letters and digits. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

function requireUser(ctx: Ctx): string {
  if (!ctx.actor.id) throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.actor.id;
}

async function userRow(ctx: Ctx, id: string) {
  return ctx.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A 6-digit code against the secret, once per time step; the matched step, or null. */
async function matchCode(secret: string, code: string, epoch: number, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verifyTotp({ secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  if (!result.valid) return null;
  return 'timeStep' in result ? result.timeStep : Math.floor(epoch / 30);
}

export interface TotpStatus {
  enrolled: boolean;
  enabledAt: string | null;
  required: boolean;
  isDemo: boolean;
  recoveryCodesLeft: number;
}

export async function totpStatus(ctx: Ctx): Promise<TotpStatus> {
  const user = await userRow(ctx, requireUser(ctx));
  const left = await ctx.db.selectFrom('recovery_code').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return {
    enrolled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at,
    required: totpRequired(JSON.parse(user.roles) as UserRole[], user.is_demo === 1),
    isDemo: user.is_demo === 1,
    recoveryCodesLeft: user.totp_enabled_at ? Number(left.n) : 0,
  };
}

/**
 * Starts an enrolment: a secret, shown as a QR code and as text. An enrolment already started and
 * not yet confirmed keeps its secret — the page opened again, in a second tab or re-drawn, must not
 * invalidate the code a person has just scanned.
 */
export async function setupTotp(ctx: Ctx): Promise<{ secret: string; qrDataUrl: string }> {
  const user = await userRow(ctx, requireUser(ctx));
  if (user.totp_enabled_at) throw new AppError('CONFLICT', '您已绑定动态验证码；如需更换手机，请先在「账号安全」中解除绑定');
  const pending = user.totp_secret ? ctx.protector.decrypt(user.totp_secret) : null;
  const secret = pending ?? generateSecret();
  const uri = generateURI({ issuer: ISSUER, label: user.username, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  if (!pending) {
    await inTransaction(ctx, async (trx) => {
      await trx.updateTable('app_user').set({ totp_secret: ctx.protector.encrypt(secret), totp_enabled_at: null }).where('id', '=', user.id).execute();
      await audit(trx, ctx, { action: 'auth.totp.setup', subjectType: 'user', subjectId: user.id });
    });
  }
  return { secret, qrDataUrl };
}

/** Confirms the enrolment with a code from the app; returns the recovery codes, shown this once. */
export async function confirmTotp(ctx: Ctx, sessionToken: string, code: string): Promise<{ recoveryCodes: string[]; stage: SessionStage }> {
  const user = await userRow(ctx, requireUser(ctx));
  if (user.totp_enabled_at) throw new AppError('CONFLICT', '您已绑定动态验证码');
  if (!user.totp_secret) throw new AppError('CONFLICT', '请先扫描二维码开始绑定', { field: 'code' });
  const step = await matchCode(ctx.protector.decrypt(user.totp_secret), code.trim(), epochOf(ctx), null);
  if (step === null) throw new AppError('VALIDATION', '动态码不正确：请输入验证器上当前显示的 6 位数字（并确认手机时间准确）', { field: 'code' });
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const now = ctx.clock.now().toISOString();
  const stage: SessionStage = user.must_change_password ? 'must_change' : 'full';
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('app_user').set({ totp_enabled_at: now, totp_last_step: step }).where('id', '=', user.id).execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('recovery_code')
      .values(recoveryCodes.map((c) => ({ id: newId(), user_id: user.id, code_hash: ctx.protector.digest(normalizeRecoveryCode(c)), created_at: now, used_at: null })))
      .execute();
    await setSessionStage(trx, sessionToken, stage);
    await audit(trx, ctx, { action: 'auth.totp.enrol', subjectType: 'user', subjectId: user.id, after: { recoveryCodesLeft: RECOVERY_CODE_COUNT } });
  });
  return { recoveryCodes, stage };
}

/** Removes TOTP with the password and a current code; a role that requires it must enrol again at once. */
export async function disableTotp(ctx: Ctx, sessionToken: string, input: { password: string; code: string }): Promise<{ stage: SessionStage }> {
  const user = await userRow(ctx, requireUser(ctx));
  if (!user.totp_enabled_at || !user.totp_secret) throw new AppError('CONFLICT', '您尚未绑定动态验证码');
  const now = ctx.clock.now();
  if (!(await takeAccountSlot(ctx.db, user.id, now))) throw new AppError('LOCKED', '错误次数过多，账号已暂时锁定，请稍后再试或联系管理员');
  const passwordOk = await verifyPassword(user.password_hash, input.password).catch(() => false);
  const step = passwordOk ? await matchCode(ctx.protector.decrypt(user.totp_secret), input.code.trim(), epochOf(ctx), user.totp_last_step) : null;
  if (!passwordOk || step === null) {
    await inTransaction(ctx, async (trx) => {
      await lockIfExhausted(trx, user.id, now);
      await audit(trx, ctx, { action: 'auth.totp.fail', subjectType: 'user', subjectId: user.id });
    });
    throw new AppError('VALIDATION', passwordOk ? '动态码不正确' : '登录密码不正确', { field: passwordOk ? 'code' : 'password' });
  }
  await clearAccountFailures(ctx.db, user.id);
  const stage: SessionStage = totpRequired(JSON.parse(user.roles) as UserRole[], user.is_demo === 1) ? 'enrol' : 'full';
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('app_user').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', user.id).execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
    await setSessionStage(trx, sessionToken, stage);
    await audit(trx, ctx, { action: 'auth.totp.disable', subjectType: 'user', subjectId: user.id });
  });
  return { stage };
}

/**
 * The second step of a login: the challenge from the password step plus a 6-digit code or a
 * recovery code. Each challenge takes CHALLENGE_MAX_ATTEMPTS codes (counted atomically), and each
 * wrong code takes one of the account's slots like a wrong password.
 */
export async function completeTotpLogin(ctx: Ctx, challengeToken: string, code: string, client: ClientInfo = {}): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const challenge = await ctx.db
    .updateTable('login_challenge')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', sha256(challengeToken))
    .where('kind', '=', 'totp')
    .where('attempts', '<', CHALLENGE_MAX_ATTEMPTS)
    .where('expires_at', '>', now.toISOString())
    .returning(['user_id', 'attempts'])
    .executeTakeFirst();
  if (!challenge) throw new AppError('UNAUTHENTICATED', CHALLENGE_GONE);
  const user = await userRow(ctx, challenge.user_id);
  const as = { ...ctx, actor: { ...ctx.actor, id: user.id, name: user.display_name } };
  if (user.disabled || !user.totp_enabled_at || !user.totp_secret || !(await takeAccountSlot(ctx.db, user.id, now))) {
    await ctx.db.deleteFrom('login_challenge').where('id', '=', sha256(challengeToken)).execute();
    throw new AppError('UNAUTHENTICATED', CHALLENGE_GONE);
  }
  const typed = code.trim();
  let how: 'totp' | 'recovery_code' | null = null;
  if (/^\d{6}$/.test(typed)) {
    const step = await matchCode(ctx.protector.decrypt(user.totp_secret), typed, epochOf(ctx), user.totp_last_step);
    if (step !== null) {
      // Only one request may spend this step.
      const spent = await ctx.db
        .updateTable('app_user')
        .set({ totp_last_step: step })
        .where('id', '=', user.id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) === 1) how = 'totp';
    }
  } else if (normalizeRecoveryCode(typed).length === 8) {
    const used = await ctx.db
      .updateTable('recovery_code')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', ctx.protector.digest(normalizeRecoveryCode(typed)))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 1) how = 'recovery_code';
  }
  if (!how) {
    await inTransaction(ctx, async (trx) => {
      const lockedUntil = await lockIfExhausted(trx, user.id, now);
      await audit(trx, as, { action: lockedUntil ? 'auth.user.lock' : 'auth.totp.fail', subjectType: 'user', subjectId: user.id, after: { attempts: challenge.attempts, ...(lockedUntil ? { locked: true, lockedUntil } : {}) } });
    });
    const left = CHALLENGE_MAX_ATTEMPTS - challenge.attempts;
    throw new AppError('UNAUTHENTICATED', left > 0 ? `动态码或恢复码不正确，请核对后重试（本次登录还可尝试 ${left} 次）` : CHALLENGE_GONE, { field: 'code' });
  }
  await ctx.db.deleteFrom('login_challenge').where('id', '=', sha256(challengeToken)).execute();
  await clearAccountFailures(ctx.db, user.id);
  if (how === 'recovery_code') {
    const left = await ctx.db.selectFrom('recovery_code').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('used_at', 'is', null).executeTakeFirstOrThrow();
    await inTransaction(ctx, (trx) => audit(trx, as, { action: 'auth.recovery_code.use', subjectType: 'user', subjectId: user.id, after: { recoveryCodesLeft: Number(left.n) } }));
  }
  return openSession(ctx, await userRow(ctx, user.id), client, { secondFactor: how });
}
