/**
 * Resolves the session cookie into an actor and enforces CSRF on state-changing requests
 * (double submit: the x-csrf-token header must equal the session's token).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Clock, Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { resolveSession, type SessionActor } from '../modules/auth/sessions.js';
import type { SessionStage } from '../modules/auth/session-policy.js';
import type { DataProtector } from '../modules/registry/protect.js';

export const SESSION_COOKIE = 'tt_session';
export const CSRF_COOKIE = 'tt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: { actor: SessionActor; csrfToken: string; token: string; stage: SessionStage } | null;
  }
}

/** The public: nothing but what is published. */
export const PUBLIC_ACTOR: Actor = { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Services {
  handle: DbHandle;
  clock: Clock;
  protector: DataProtector;
  /** Minutes without a request after which a session ends (default 30). */
  sessionIdleMinutes?: number;
}

/**
 * A session that must first change its password or enrol TOTP reaches only these routes; every
 * other answers 403 saying what to do.
 */
const STAGE_ROUTES: Record<Exclude<SessionStage, 'full'>, { routes: Set<string>; message: string }> = {
  must_change: {
    routes: new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']),
    message: '请先修改密码：管理员为您设置的初始密码须在首次登录时改为您自己的密码，修改后即可使用其他功能',
  },
  enrol: {
    routes: new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'GET /api/auth/totp', 'POST /api/auth/totp/setup', 'POST /api/auth/totp/confirm']),
    message: '请先绑定动态验证码：您的角色须使用双因素登录（密码 + 手机验证器上的 6 位动态码），绑定后即可使用其他功能',
  },
};

export function registerSessionHook(app: FastifyInstance, services: Services, isPublic: (req: FastifyRequest) => boolean) {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession({ db: services.handle.readDb, clock: services.clock }, token, {
        writeDb: services.handle.db,
        ...(services.sessionIdleMinutes ? { idleMinutes: services.sessionIdleMinutes } : {}),
      });
      if (found) request.session = { ...found, token };
    }
    if (isPublic(request)) return;
    if (!request.session) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (request.session.stage !== 'full') {
      const gate = STAGE_ROUTES[request.session.stage];
      if (!gate.routes.has(`${request.method} ${request.url.split('?')[0]}`)) throw new AppError('FORBIDDEN', gate.message);
    }
    if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new AppError('CSRF', '缺少或错误的 CSRF 令牌，请刷新页面后重试', { field: CSRF_HEADER });
    }
  });
}

export function ctxOf(request: FastifyRequest, services: Services): Ctx {
  return {
    // GET changes nothing, so it reads through the read connection and never waits behind a write.
    db: request.method === 'GET' ? services.handle.readDb : services.handle.db,
    dialect: services.handle.dialect,
    actor: request.session?.actor ?? PUBLIC_ACTOR,
    ip: request.ip,
    clock: services.clock,
    protector: services.protector,
    sqlite: services.handle.sqlite,
  };
}
