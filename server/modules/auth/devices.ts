/**
 * 登录设备: the user's own sessions, each with the device in words (from its user agent), the
 * address, when it began and was last used; the user ends one, or all but the current.
 */
import Bowser from 'bowser';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { endSessions, sha256 } from './sessions.js';

export interface LoginDevice {
  /** A handle for ending it: a digest of the session's id, never the id or token itself. */
  handle: string;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const handleOf = (sessionId: string) => sha256(`device:${sessionId}`).slice(0, 24);

const BROWSER_WORDS: Record<string, string> = { WeChat: '微信', 'QQ Browser': 'QQ 浏览器', 'UC Browser': 'UC 浏览器', '360 Browser': '360 浏览器', 'Microsoft Edge': 'Edge' };
const PLATFORM_WORDS: Record<string, string> = { desktop: '电脑', mobile: '手机', tablet: '平板' };

/** `Chrome 120 · Windows 10 电脑`, `微信 8 · iOS 17.1 手机`, or 未知设备 when the browser did not say. */
export function deviceInWords(userAgent: string | null): string {
  if (!userAgent) return '未知设备';
  const ua = Bowser.parse(userAgent);
  const name = ua.browser.name ? (BROWSER_WORDS[ua.browser.name] ?? ua.browser.name) : '';
  const browser = [name, name ? ua.browser.version?.split('.')[0] : ''].filter(Boolean).join(' ');
  const os = [ua.os.name, ua.os.versionName ?? ua.os.version].filter(Boolean).join(' ');
  const system = [os, ua.platform.type ? PLATFORM_WORDS[ua.platform.type] : ''].filter(Boolean).join(' ');
  return [browser, system].filter(Boolean).join(' · ') || '未知设备';
}

export async function listDevices(ctx: Ctx, sessionToken: string): Promise<LoginDevice[]> {
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const now = ctx.clock.now().toISOString();
  const rows = await ctx.db
    .selectFrom('session')
    .select(['id', 'user_agent', 'ip', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  const current = sha256(sessionToken);
  return rows
    .map((r) => ({
      handle: handleOf(r.id),
      device: deviceInWords(r.user_agent),
      ip: r.ip,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at ?? r.created_at,
      current: r.id === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions (not the current one: that is 退出登录). */
export async function endDevice(ctx: Ctx, sessionToken: string, handle: string): Promise<void> {
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const rows = await ctx.db.selectFrom('session').select(['id', 'user_agent']).where('user_id', '=', userId).execute();
  const target = rows.find((r) => handleOf(r.id) === handle);
  if (!target) throw new AppError('NOT_FOUND', '没有找到这个登录设备，它可能已经退出或过期，请刷新列表');
  if (target.id === sha256(sessionToken)) throw new AppError('CONFLICT', '这是您当前使用的设备，请用「退出登录」结束它');
  await inTransaction(ctx, async (trx) => {
    await trx.deleteFrom('session').where('id', '=', target.id).execute();
    await audit(trx, ctx, { action: 'auth.session.end', subjectType: 'user', subjectId: userId, after: { device: deviceInWords(target.user_agent) } });
  });
}

/** Ends every session of the user but the current one. */
export async function endOtherDevices(ctx: Ctx, sessionToken: string): Promise<number> {
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  return inTransaction(ctx, async (trx) => {
    const endedSessions = await endSessions(trx, userId, { token: sessionToken });
    await audit(trx, ctx, { action: 'auth.session.end_others', subjectType: 'user', subjectId: userId, after: { endedSessions } });
    return endedSessions;
  });
}
