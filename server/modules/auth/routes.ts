import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE, type Services, ctxOf } from '../../http/session-hook.js';
import type { Executor } from '../../context.js';
import { permissionsOf } from '../access/permissions.js';
import { login, type LoginOutcome, logout, SESSION_HOURS, type SessionActor } from './sessions.js';
import type { SessionStage } from './session-policy.js';
import { changeOwnPassword } from './passwords.js';
import { endDevice, endOtherDevices, listDevices } from './devices.js';
import { loadActor } from './users.js';
import { completeTotpLogin, confirmTotp, disableTotp, setupTotp, totpStatus } from './totp.js';

/** The signed-in user as the web app needs it: the units it acts for by name, never by id alone. */
async function presentUser(db: Executor, actor: SessionActor, stage: SessionStage) {
  const organizations = actor.organizationIds.length
    ? await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', actor.organizationIds).orderBy('name').execute()
    : [];
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.name,
    roles: actor.roles,
    jurisdictionCode: actor.jurisdictionCode,
    organizationIds: actor.organizationIds,
    organizations,
    permissions: permissionsOf(actor.roles),
    /** 'full', or what the session must do first: 'must_change' (change the password), 'enrol' (enrol TOTP). */
    stage,
  };
}

export function authRoutes(app: FastifyInstance, services: Services, secureCookies: boolean) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: secureCookies, maxAge: SESSION_HOURS * 3600 };

  /** A finished login sets the cookies; one waiting for its second factor answers with the challenge only. */
  async function answerLogin(result: LoginOutcome, reply: FastifyReply) {
    if (result.kind === 'challenge') return { secondFactor: 'totp' as const, challengeToken: result.challengeToken, expiresAt: result.expiresAt };
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieOptions, httpOnly: false });
    return { user: await presentUser(services.handle.db, result.actor, result.stage), csrfToken: result.csrfToken };
  }

  r.post('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: '登录',
      body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    },
  }, async (request, reply) => {
    const result = await login(ctxOf(request, services), request.body.username, request.body.password, { userAgent: request.headers['user-agent'] });
    return answerLogin(result, reply);
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    if (request.session) await logout(ctxOf(request, services), request.session.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  // The second step of a login with TOTP: the challenge from /login plus a 6-digit code or a recovery code.
  r.post('/api/auth/login/totp', {
    schema: {
      tags: ['auth'],
      summary: '登录第二步：动态验证码或恢复码',
      body: z.strictObject({ challengeToken: z.string().min(1).max(200), code: z.string().min(1).max(40) }),
    },
  }, async (request, reply) => {
    const result = await completeTotpLogin(ctxOf(request, services), request.body.challengeToken, request.body.code, { userAgent: request.headers['user-agent'] });
    return answerLogin(result, reply);
  });

  r.get('/api/auth/totp', { schema: { tags: ['auth'], summary: '我的动态验证码状态' } }, async (request) => totpStatus(ctxOf(request, services)));

  r.post('/api/auth/totp/setup', { schema: { tags: ['auth'], summary: '开始绑定动态验证码（二维码与密钥）' } }, async (request) => setupTotp(ctxOf(request, services)));

  r.post('/api/auth/totp/confirm', {
    schema: { tags: ['auth'], summary: '确认绑定动态验证码，返回一次性恢复码', body: z.strictObject({ code: z.string().min(1).max(20) }) },
  }, async (request) => {
    const session = request.session!;
    const result = await confirmTotp(ctxOf(request, services), session.token, request.body.code);
    const actor = (await loadActor(services.handle.db, session.actor.id!))!;
    return { user: await presentUser(services.handle.db, actor, result.stage), recoveryCodes: result.recoveryCodes };
  });

  r.post('/api/auth/totp/disable', {
    schema: { tags: ['auth'], summary: '解除动态验证码（须密码与动态码）', body: z.strictObject({ password: z.string().min(1).max(200), code: z.string().min(1).max(20) }) },
  }, async (request) => {
    const session = request.session!;
    const result = await disableTotp(ctxOf(request, services), session.token, request.body);
    const actor = (await loadActor(services.handle.db, session.actor.id!))!;
    return { user: await presentUser(services.handle.db, actor, result.stage) };
  });

  // 账号安全: the user's own password and 登录设备.
  r.post('/api/auth/password', {
    schema: {
      tags: ['auth'],
      summary: '修改自己的密码（须原密码；结束其他登录设备）',
      body: z.strictObject({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
    },
  }, async (request) => {
    const session = request.session!;
    const result = await changeOwnPassword(ctxOf(request, services), session.token, request.body);
    const actor = (await loadActor(services.handle.db, session.actor.id!))!;
    return { user: await presentUser(services.handle.db, actor, result.stage), endedSessions: result.endedSessions };
  });

  r.get('/api/auth/sessions', { schema: { tags: ['auth'], summary: '我的登录设备' } }, async (request) => {
    return { items: await listDevices(ctxOf(request, services), request.session!.token) };
  });

  r.delete('/api/auth/sessions/:handle', {
    schema: { tags: ['auth'], summary: '结束一个登录设备', params: z.strictObject({ handle: z.string().min(1).max(64) }) },
  }, async (request) => {
    await endDevice(ctxOf(request, services), request.session!.token, request.params.handle);
    return { ok: true };
  });

  r.post('/api/auth/sessions/end-others', { schema: { tags: ['auth'], summary: '结束其他所有登录设备' } }, async (request) => {
    return { endedSessions: await endOtherDevices(ctxOf(request, services), request.session!.token) };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => {
    const session = request.session!;
    return { user: await presentUser(services.handle.db, session.actor, session.stage), csrfToken: session.csrfToken };
  });
}
