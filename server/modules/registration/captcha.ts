/**
 * The captcha of the public forms, drawn by svg-captcha on this server (nothing fetched from
 * elsewhere). The answer is kept only as a SHA-256 of (challenge id, answer), expires after
 * CAPTCHA_MINUTES, and is spent by the first attempt to answer it, right or wrong — one image cannot
 * be guessed at repeatedly. Tests and journeys may give the app another `CaptchaMaker` (app config),
 * the one way to know an answer; no route ever tells it.
 */
import crypto from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { hashSecret } from './codes.js';
import { forgetOldAttempts, spendAttempt } from './throttle.js';

export const CAPTCHA_MINUTES = 10;

/** Draws one challenge: the image (SVG markup) and its answer. */
export type CaptchaMaker = () => { svg: string; answer: string };

/** Four characters without look-alikes, a little noise, in colour. */
export const svgCaptchaMaker: CaptchaMaker = () => {
  const c = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1iIlLqg9', width: 120, height: 40, background: '#f5f5f5' });
  return { svg: c.data, answer: c.text };
};

const answerHash = (id: string, answer: string) => hashSecret(`${id}:${answer.trim().toLowerCase()}`);

export interface IssuedCaptcha {
  id: string;
  /** A data: URL of the SVG, for an <img>. */
  image: string;
  expiresAt: string;
}

export async function issueCaptcha(ctx: Ctx, maker: CaptchaMaker): Promise<IssuedCaptcha> {
  await spendAttempt(ctx, 'captcha');
  const now = ctx.clock.now();
  // Housekeeping rides on issuance: spent or expired challenges and day-old attempts go.
  await ctx.db.deleteFrom('captcha_challenge').where('expires_at', '<', now.toISOString()).execute();
  await forgetOldAttempts(ctx);
  const { svg, answer } = maker();
  const id = crypto.randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + CAPTCHA_MINUTES * 60_000).toISOString();
  await ctx.db
    .insertInto('captcha_challenge')
    .values({ id, answer_hash: answerHash(id, answer), ip: ctx.ip, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { id, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, expiresAt };
}

/** Spends the challenge and throws a VALIDATION error on field `captchaAnswer` unless it was answered right in time. */
export async function verifyCaptcha(ctx: Ctx, id: string, answer: string): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const spent = await ctx.db
    .updateTable('captcha_challenge')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning(['answer_hash', 'expires_at'])
    .executeTakeFirst();
  if (!spent || spent.expires_at <= now) {
    throw new AppError('VALIDATION', '验证码已失效，请点击图片换一张后重新输入', { field: 'captchaAnswer' });
  }
  const given = Buffer.from(answerHash(id, answer));
  if (!crypto.timingSafeEqual(given, Buffer.from(spent.answer_hash))) {
    throw new AppError('VALIDATION', '验证码不正确，请看新图片重新输入', { field: 'captchaAnswer' });
  }
}
