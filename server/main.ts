/** Starts the HTTP server: listen only; everything else is in build(). */
import { type AppConfig, build } from './app.js';
import { openDatabase } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { createProtector, loadDataKey } from './modules/registry/protect.js';
import { startDailyReminders } from './modules/supervision/reminders.js';
import { systemClock } from './context.js';
import { parseTrustProxy } from './http/trust-proxy.js';
import { parseIdleMinutes } from './modules/auth/session-policy.js';
import { startListingExpiry } from './modules/market/expire-listings.js';
import { readOidcSettings } from './modules/auth/oidc-config.js';
import { readCheckpointSchedule, startAuditCheckpoints } from './modules/audit/scheduled-checkpoint.js';

/**
 * The app settings the environment gives (TT_SECURE_COOKIES, TT_TRUST_PROXY, TT_OIDC_*,
 * TT_SESSION_IDLE_MINUTES), read before anything opens: a bad setting stops the start with its name.
 */
export function settingsFromEnvironment(env: Record<string, string | undefined>): Pick<AppConfig, 'secureCookies' | 'trustProxy' | 'oidc' | 'sessionIdleMinutes'> {
  return {
    secureCookies: env.TT_SECURE_COOKIES === '1',
    trustProxy: parseTrustProxy(env.TT_TRUST_PROXY),
    oidc: readOidcSettings(env),
    sessionIdleMinutes: parseIdleMinutes(env.TT_SESSION_IDLE_MINUTES),
  };
}

export async function serve(options: { port?: number; host?: string; webDir?: string } = {}) {
  const settings = settingsFromEnvironment(process.env);
  const checkpoints = readCheckpointSchedule(process.env, (line) => console.error(line));
  const handle = openDatabase();
  await migrateToLatest(handle.db);
  const protector = createProtector(loadDataKey());
  const app = await build({
    handle,
    protector,
    webDir: options.webDir ?? 'dist/web',
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    ...settings,
  });
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  // 督办: the overdue reminders once a day (an unref'd timer; idempotent per unit and day).
  const stopReminders = startDailyReminders({ handle, clock: systemClock, protector }, (line) => app.log.info(line));
  // 技术市场: published listings past their expires_on / deadline leave the market (now, then daily).
  const stopExpiry = startListingExpiry(handle, systemClock, protector, (line) => app.log.info(line));
  // 审计: a signed checkpoint of the chain now and daily, when TT_AUDIT_CHECKPOINT_DIR is set.
  const stopCheckpoints = checkpoints
    ? startAuditCheckpoints(handle.db, checkpoints, systemClock, (line, failed) => (failed ? app.log.error(line) : app.log.info(line)))
    : () => {};
  console.log(`\n  技术转移体系平台 techtransfer：http://${host}:${port}/  （API 文档 /api/docs；数据库 ${handle.description}）\n`);
  const close = async () => {
    stopReminders();
    stopExpiry();
    stopCheckpoints();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve();
}
