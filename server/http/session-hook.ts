/**
 * Resolves the session cookie into an actor and enforces CSRF on state-changing requests
 * (double submit: the x-csrf-token header must equal the session's token).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Clock, Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { resolveSession, type SessionActor } from '../modules/auth/sessions.js';
import type { DataProtector } from '../modules/registry/protect.js';

export const SESSION_COOKIE = 'tt_session';
export const CSRF_COOKIE = 'tt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: { actor: SessionActor; csrfToken: string; token: string } | null;
  }
}

/** The public: nothing but what is published. */
export const PUBLIC_ACTOR: Actor = { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Services {
  handle: DbHandle;
  clock: Clock;
  protector: DataProtector;
}

export function registerSessionHook(app: FastifyInstance, services: Services, isPublic: (req: FastifyRequest) => boolean) {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession({ db: services.handle.readDb, clock: services.clock }, token);
      if (found) request.session = { ...found, token };
    }
    if (isPublic(request)) return;
    if (!request.session) throw new AppError('UNAUTHENTICATED', '请先登录');
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
