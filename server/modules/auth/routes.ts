import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, SESSION_COOKIE, type Services, ctxOf } from '../../http/session-hook.js';
import { permissionsOf } from '../access/permissions.js';
import { login, logout, SESSION_HOURS, type SessionActor } from './sessions.js';

function presentUser(actor: SessionActor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.name,
    roles: actor.roles,
    jurisdictionCode: actor.jurisdictionCode,
    organizationIds: actor.organizationIds,
    permissions: permissionsOf(actor.roles),
  };
}

export function authRoutes(app: FastifyInstance, services: Services, secureCookies: boolean) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: secureCookies, maxAge: SESSION_HOURS * 3600 };

  r.post('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: '登录',
      body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    },
  }, async (request, reply) => {
    const result = await login(ctxOf(request, services), request.body.username, request.body.password);
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookieOptions, httpOnly: false });
    return { user: presentUser(result.actor), csrfToken: result.csrfToken };
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    if (request.session) await logout(ctxOf(request, services), request.session.token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => {
    const session = request.session!;
    return { user: presentUser(session.actor), csrfToken: session.csrfToken };
  });
}
