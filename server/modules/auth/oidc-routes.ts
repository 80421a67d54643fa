/**
 * Single sign-on over HTTP. Public: the login page's options, the start (a redirect to the provider),
 * the provider's callback (a redirect into the app, to the registration form, or back to the login
 * page with ?sso=<reason>, which the page words — never a stack or a code on screen), and the pending
 * first-time identity the registration form pre-fills from. The handshake's cookies are httpOnly and
 * scoped to the paths that read them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthOptions, OidcPendingView, SsoOutcome } from '../../../common/oidc-api.js';
import { AppError } from '../../errors.js';
import { CSRF_COOKIE, SESSION_COOKIE, type Services, ctxOf } from '../../http/session-hook.js';
import type { OidcSettings } from './oidc-config.js';
import { AUTHORIZATION_MINUTES, beginSsoLogin, completeSsoLogin, PENDING_HOURS, readPendingIdentity } from './oidc-flow.js';
import { SESSION_HOURS } from './sessions.js';

export const OIDC_FLOW_COOKIE = 'tt_oidc_flow';
/** Read by GET /api/auth/oidc/pending and POST /api/public/registrations, hence the path /api. */
export const OIDC_PENDING_COOKIE = 'tt_oidc_pending';
const CALLBACK_PATH = '/api/auth/oidc/callback';

/** The routes anyone may reach (app.ts lets them past the session check). */
export const OIDC_PUBLIC_ROUTES = new Set(['GET /api/auth/options', 'GET /api/auth/oidc/start', `GET ${CALLBACK_PATH}`, 'GET /api/auth/oidc/pending']);

/** Only same-site paths: `next` comes from the address bar. Without one, the workbench (as the password login). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') && !next.startsWith('/api/') ? next : '/workbench';
}

export interface OidcRouteOptions {
  settings: OidcSettings | null | undefined;
  secureCookies: boolean;
}

export function oidcRoutes(app: FastifyInstance, services: Services, options: OidcRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = options.settings ?? null;
  const secure = options.secureCookies;
  // The handshake writes even on GET, so it uses the writing connection.
  const writingCtx = (req: FastifyRequest) => ({ ...ctxOf(req, services), db: services.handle.db });
  const toLogin = (reply: FastifyReply, reason: SsoOutcome) => reply.redirect(`/login?sso=${reason}`, 302);

  r.get('/api/auth/options', { schema: { tags: ['auth'], summary: '登录方式：是否开通统一身份认证登录及其按钮文字' } }, async (): Promise<AuthOptions> => ({
    sso: settings ? { label: settings.label } : null,
  }));

  r.get('/api/auth/oidc/start', {
    schema: { tags: ['auth'], summary: '统一身份认证登录：跳转到身份认证服务', querystring: z.object({ next: z.string().max(500).optional() }) },
  }, async (req, reply) => {
    if (!settings) return toLogin(reply, 'off');
    const redirectUri = settings.redirectUri ?? `${req.protocol}://${req.host}${CALLBACK_PATH}`;
    const started = await beginSsoLogin(writingCtx(req), settings, { redirectUri, returnTo: safeNext(req.query.next) });
    if ('refused' in started) {
      req.log.warn({ detail: started.detail }, 'single sign-on: provider unavailable');
      return toLogin(reply, started.refused);
    }
    reply.setCookie(OIDC_FLOW_COOKIE, started.token, { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax', secure, maxAge: AUTHORIZATION_MINUTES * 60 });
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 302);
  });

  r.get(CALLBACK_PATH, {
    schema: { tags: ['auth'], summary: '统一身份认证服务的回调（浏览器由身份认证服务带回）', querystring: z.record(z.string(), z.string().max(4000)) },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!settings) return toLogin(reply, 'off');
    const flowToken = req.cookies[OIDC_FLOW_COOKIE];
    reply.clearCookie(OIDC_FLOW_COOKIE, { path: '/api/auth/oidc' });
    const result = await completeSsoLogin(writingCtx(req), settings, flowToken, req.query, req.headers['user-agent'] ?? null);
    if (result.kind === 'refused') {
      req.log.warn({ reason: result.reason, detail: result.detail }, 'single sign-on refused');
      return toLogin(reply, result.reason);
    }
    if (result.kind === 'register') {
      reply.setCookie(OIDC_PENDING_COOKIE, result.pendingToken, { path: '/api', httpOnly: true, sameSite: 'lax', secure, maxAge: PENDING_HOURS * 3600 });
      return reply.redirect('/register?sso=1', 302);
    }
    const cookie = { path: '/', sameSite: 'lax' as const, secure, maxAge: SESSION_HOURS * 3600 };
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
    return reply.redirect(result.returnTo, 302);
  });

  r.get('/api/auth/oidc/pending', { schema: { tags: ['auth'], summary: '首次统一身份认证登录的身份信息（用于预填单位注册表单）' } }, async (req): Promise<OidcPendingView> => {
    const pending = await readPendingIdentity(ctxOf(req, services), req.cookies[OIDC_PENDING_COOKIE]);
    if (!pending) throw new AppError('NOT_FOUND', '没有待注册的统一身份认证身份，或已超过 2 小时，请重新进行统一身份认证登录');
    return pending.view;
  });
}

/** The pending identity a registration is submitted with (its cookie), for POST /api/public/registrations. */
export async function pendingIdentityOf(req: FastifyRequest, services: Services) {
  const token = req.cookies[OIDC_PENDING_COOKIE];
  const pending = await readPendingIdentity({ db: services.handle.db, clock: services.clock, protector: services.protector }, token);
  return pending && token ? { token, identity: { issuer: pending.issuer, subject: pending.subject } } : null;
}
