/** An app on a fresh test database, with helpers to log in as any role and call the API. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { UserRole } from '../../common/vocabulary.js';
import { type AppConfig, build } from '../app.js';
import { createUser } from '../modules/auth/users.js';
import { totpRequired } from '../modules/auth/session-policy.js';
import { systemClock } from '../context.js';
import { enrolTotpDirectly, loginThroughApi } from './totp-login.js';
import { createProtector } from '../modules/registry/protect.js';
import { testCtx, TEST_KEY } from './context.js';
import { createTestDatabase } from './databases.js';

export const TEST_PASSWORD = 'Test@2026pass';

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function createTestApp(dialect: 'sqlite' | 'postgres', config: Partial<Pick<AppConfig, 'captcha' | 'clock' | 'trustProxy' | 'oidc' | 'sessionIdleMinutes'>> = {}) {
  const handle = await createTestDatabase(dialect);
  const app = await build({ handle, protector: createProtector(TEST_KEY), ...config });
  const clock = config.clock ?? systemClock;
  const ctx = testCtx(handle);
  let n = 0;

  async function loginAs(roles: UserRole[], organizationIds: string[] = [], jurisdictionCode = '410411'): Promise<Session> {
    const username = `u${++n}_${roles.join('_')}`;
    const { id } = await createUser(ctx, { username, displayName: username, password: TEST_PASSWORD, roles, jurisdictionCode, organizationIds });
    // Roles that must use TOTP log in with it, as on the real platform.
    const totpSecret = totpRequired(roles, false) ? await enrolTotpDirectly(handle.db, ctx.protector, id, clock) : undefined;
    const session = await loginThroughApi(app, { username, password: TEST_PASSWORD, clock, ...(totpSecret ? { totpSecret } : {}) });
    return { ...session, userId: id };
  }

  function call(session: Session | null, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    return app.inject({
      method: method as 'GET',
      url,
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  return {
    app: app as FastifyInstance,
    handle,
    ctx,
    loginAs,
    call,
    close: async () => {
      await app.close();
      await handle.drop();
    },
  };
}
