/**
 * build(config) → a Fastify instance, apart from listen() so tests can inject requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './context.js';
import type { DbHandle } from './db/create-db.js';
import { errorHandler } from './http/errors.js';
import { clientErrorHandler, frameworkErrorHandler, registerBoundaryHooks } from './http/boundary.js';
import { type Services, registerSessionHook } from './http/session-hook.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { contractRoutes } from './modules/contracts/routes.js';
import { marketRoutes } from './modules/market/routes.js';
import { subsidyRoutes } from './modules/subsidies/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { matchingRoutes } from './modules/matching/routes.js';
import { supervisionRoutes } from './modules/supervision/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { indicatorRoutes } from './modules/indicators/routes.js';
import { evaluationRoutes } from './modules/evaluation/routes.js';
import { dealRoutes } from './modules/deals/routes.js';
import { eventRoutes } from './modules/events/routes.js';
import { servicesRoutes } from './modules/services/routes.js';
import { talentRoutes } from './modules/talent/routes.js';
import type { DataProtector } from './modules/registry/protect.js';
import { MAX_IMPORT_BYTES, registryRoutes } from './modules/registry/routes.js';
import { creditRoutes } from './modules/credit/routes.js';
import { reexaminationRoutes } from './modules/reexamination/routes.js';
import { pricingRoutes } from './modules/pricing/routes.js';
import type { CaptchaMaker } from './modules/registration/captcha.js';
import { registrationRoutes } from './modules/registration/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import type { OidcSettings } from './modules/auth/oidc-config.js';
import { OIDC_PUBLIC_ROUTES, oidcRoutes } from './modules/auth/oidc-routes.js';
import { workbenchRoutes } from './modules/workbench/routes.js';
import { userRoutes } from './modules/users/routes.js';

export interface AppConfig {
  handle: DbHandle;
  protector: DataProtector;
  clock?: Clock;
  /** Built web app (vite build output); served with an index.html fallback when present. */
  webDir?: string;
  /** Secure cookies need HTTPS; off for http://127.0.0.1. */
  secureCookies?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Addresses/CIDRs of the reverse proxies whose X-Forwarded-For is believed (TT_TRUST_PROXY); none by default. */
  trustProxy?: string[] | false;
  /** Minutes without a request after which a session ends (TT_SESSION_IDLE_MINUTES, default 30). */
  sessionIdleMinutes?: number;
  /** Draws the public forms' captchas (default: svg-captcha); tests and journeys give one whose answers they know. */
  captcha?: CaptchaMaker;
  /** Single sign-on (TT_OIDC_*, oidc-config.ts); absent or null: passwords only. */
  oidc?: OidcSettings | null;
}

const PUBLIC_ROUTES = new Set(['POST /api/auth/login', 'POST /api/auth/login/totp', 'POST /api/auth/logout', 'GET /api/health', 'GET /api/vocabulary', 'GET /api/divisions']);
/** Whole trees anyone may read: published policies and public notices (公示); objections to a 公示 may be posted by anyone. */
const PUBLIC_PREFIXES = ['GET /api/subsidies/policies', 'GET /api/public/', 'POST /api/public/'];

export async function build(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ?? false,
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
    // Fastify's own refusals (a bad percent-encoding, an over-long parameter, oversized headers) in the one error body.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  const services: Services = {
    handle: config.handle,
    clock: config.clock ?? systemClock,
    protector: config.protector,
    ...(config.sessionIdleMinutes ? { sessionIdleMinutes: config.sessionIdleMinutes } : {}),
  };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerBoundaryHooks(app);
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const isFile = /\.[A-Za-z0-9]+$/.test(pathname); // a missing asset is a 404, not the app
    if (pathname.startsWith('/api/') || isFile || !config.webDir || !fs.existsSync(path.join(config.webDir, 'index.html'))) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `没有这个地址：${request.method} ${pathname}` } });
    }
    // Client-side routes: the web app decides what to show. index.html is revalidated on every visit
    // so a new release is picked up at once; the hashed assets it names are cached for a year.
    return reply.type('text/html').sendFile('index.html', { maxAge: 0, immutable: false });
  });

  await app.register(fastifyHelmet, {
    // HSTS and upgrade-insecure-requests only mean something over HTTPS: boundary.ts adds them there.
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd writes its CSS-in-JS styles inline
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // API answers compressed on the fly (JSON lists and search results); static files come precompressed.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'techtransfer API — 技术转移体系平台', version: '0.1.0', description: '错误：{error: {code, message, field, details}}；写操作须带 x-csrf-token 请求头。' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerSessionHook(app, services, (req) =>
    PUBLIC_ROUTES.has(`${req.method} ${req.url.split('?')[0]}`) ||
    OIDC_PUBLIC_ROUTES.has(`${req.method} ${req.url.split('?')[0]}`) ||
    PUBLIC_PREFIXES.some((p) => `${req.method} ${req.url}`.startsWith(p)) ||
    req.url.startsWith('/api/docs'),
  );

  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查' } }, async () => ({ ok: true, database: config.handle.dialect }));
  authRoutes(app, services, config.secureCookies ?? false);
  registryRoutes(app, services);
  auditRoutes(app, services);
  contractRoutes(app, services);
  subsidyRoutes(app, services);
  searchRoutes(app, services);
  matchingRoutes(app, services);
  applicationRoutes(app, services);
  marketRoutes(app, services);
  supervisionRoutes(app, services);
  notificationRoutes(app, services);
  indicatorRoutes(app, services);
  evaluationRoutes(app, services);
  dealRoutes(app, services);
  eventRoutes(app, services);
  servicesRoutes(app, services);
  talentRoutes(app, services);
  registrationRoutes(app, services, { ...(config.captcha ? { captcha: config.captcha } : {}) });
  portalRoutes(app, services);
  creditRoutes(app, services);
  reexaminationRoutes(app, services);
  pricingRoutes(app, services);
  oidcRoutes(app, services, { settings: config.oidc, secureCookies: config.secureCookies ?? false });
  workbenchRoutes(app, services);
  userRoutes(app, services);

  // The import column docs and example files, linked from the import page.
  const importDocs = fileURLToPath(new URL('../docs/import/', import.meta.url));
  if (fs.existsSync(importDocs)) {
    await app.register(fastifyStatic, { root: importDocs, prefix: '/docs/import/', decorateReply: false });
  }
  if (config.webDir && fs.existsSync(config.webDir)) {
    await app.register(fastifyStatic, {
      root: path.resolve(config.webDir),
      prefix: '/',
      index: ['index.html'],
      // The build writes .br and .gz siblings (scripts/compress-assets.mjs): sent as they are.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        const hashed = /[\\/]assets[\\/]/.test(filePath);
        res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
