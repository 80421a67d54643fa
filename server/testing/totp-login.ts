/**
 * Logging in through the HTTP API as the platform really asks: accounts whose role requires TOTP
 * get a secret enrolled straight in the database (as a finished enrolment leaves it) and pass the
 * second step with a code computed from it. Test apps and benchmarks share it.
 */
import type { FastifyInstance } from 'fastify';
import { generate, generateSecret } from 'otplib';
import type { Clock } from '../context.js';
import type { Db } from '../db/create-db.js';
import type { DataProtector } from '../modules/registry/protect.js';

/** Gives the account an enrolled TOTP secret; returns it. */
export async function enrolTotpDirectly(db: Db, protector: DataProtector, userId: string, clock: Clock): Promise<string> {
  const secret = generateSecret();
  await db.updateTable('app_user').set({ totp_secret: protector.encrypt(secret), totp_enabled_at: clock.now().toISOString() }).where('id', '=', userId).execute();
  return secret;
}

/** POST /api/auth/login, and the TOTP step when the answer asks for it. */
export async function loginThroughApi(
  app: FastifyInstance,
  input: { username: string; password: string; totpSecret?: string; clock?: Clock },
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: input.username, password: input.password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  let answer = res;
  if (res.json().challengeToken) {
    if (!input.totpSecret) throw new Error(`${input.username} needs a TOTP code`);
    const epoch = Math.floor((input.clock ?? { now: () => new Date() }).now().getTime() / 1000);
    const code = await generate({ secret: input.totpSecret, epoch });
    answer = await app.inject({ method: 'POST', url: '/api/auth/login/totp', payload: { challengeToken: res.json().challengeToken, code } });
    if (answer.statusCode !== 200) throw new Error(`TOTP step failed: ${answer.body}`);
  }
  return { cookie: answer.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: (answer.json() as { csrfToken: string }).csrfToken };
}
