/**
 * Login that holds (issue 18): counters decided atomically before any password is checked, one
 * answer for every refusal, locks that lift themselves and cannot be stretched, and client
 * addresses that only trusted proxies may vouch for. Time moves by an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { createUser } from './users.js';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES, LOGIN_REFUSED_MESSAGE, passwordChecks } from './sessions.js';
import { IP_MAX_FAILURES } from './session-policy.js';
import { parseTrustProxy } from '../../http/trust-proxy.js';

const START = new Date('2026-06-01T08:00:00.000Z');

for (const dialect of await testDialects()) {
  describe(`login that holds on ${dialect}`, () => {
    let instant = START;
    const clock = { now: () => instant };
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let n = 0;
    beforeAll(async () => {
      t = await createTestApp(dialect, { clock, trustProxy: ['10.0.0.1'] });
    });
    afterAll(async () => t.close());

    async function account(extra: { disabled?: boolean } = {}) {
      const username = `holds${++n}`;
      const { id } = await createUser(t.ctx, { username, displayName: `测试${n}`, password: TEST_PASSWORD, roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [] });
      if (extra.disabled) await t.handle.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', id).execute();
      return { id, username };
    }
    // Each test logs in from an address of its own so the per-address limit stays out of the way.
    const attempt = (username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });
    const userRow = (id: string) => t.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const failEvents = async (id: string) =>
      (await t.handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).execute())
        .filter((e) => e.action === 'auth.login.fail' || e.action === 'auth.user.lock').length;

    it('checks at most the lockout threshold of 30 parallel wrong passwords, and locks the account', async () => {
      const { id, username } = await account();
      const before = passwordChecks.real;
      // From 30 addresses, so the per-address limit cannot be what stops them.
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(username, 'Wrong@2026pass', `198.18.0.${i + 1}`)));
      expect(answers.every((a) => a.statusCode === 401)).toBe(true);
      expect(new Set(answers.map((a) => a.json().error.message))).toEqual(new Set([LOGIN_REFUSED_MESSAGE]));
      expect(passwordChecks.real - before).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
      expect(await failEvents(id)).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
      expect((await userRow(id)).locked_until).toBe(new Date(START.getTime() + LOCK_MINUTES * 60_000).toISOString());
      // The right password now is refused too, without being checked.
      const checked = passwordChecks.real;
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(401);
      expect(passwordChecks.real).toBe(checked);
    });

    it('answers an unknown user, a wrong password, a locked and a disabled account alike, after one argon2 check each', async () => {
      const wrong = await account();
      const locked = await account();
      const disabled = await account({ disabled: true });
      await t.handle.db.updateTable('app_user').set({ failed_logins: LOCK_AFTER_FAILURES, locked_until: new Date(START.getTime() + 600_000).toISOString() }).where('id', '=', locked.id).execute();
      const answers: { status: number; body: unknown }[] = [];
      for (const [username, password] of [['nobody-here', TEST_PASSWORD], [wrong.username, 'Wrong@2026pass'], [locked.username, TEST_PASSWORD], [disabled.username, TEST_PASSWORD]] as const) {
        const checks = passwordChecks.real + passwordChecks.dummy;
        const res = await attempt(username, password, '192.0.2.2');
        expect(passwordChecks.real + passwordChecks.dummy - checks, username).toBe(1);
        answers.push({ status: res.statusCode, body: res.json() });
      }
      expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]))).toBe(true);
      expect(answers[0]).toEqual({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: LOGIN_REFUSED_MESSAGE } } });
    });

    it('a lock is not extended by attempts while it holds, and lifts itself after its period', async () => {
      const { id, username } = await account();
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await attempt(username, 'Wrong@2026pass', '192.0.2.3');
      const lockedUntil = (await userRow(id)).locked_until!;
      expect(lockedUntil).toBe(new Date(instant.getTime() + LOCK_MINUTES * 60_000).toISOString());
      instant = new Date(START.getTime() + 10 * 60_000);
      for (let i = 0; i < 3; i++) expect((await attempt(username, 'Wrong@2026pass', '192.0.2.3')).statusCode).toBe(401);
      expect((await userRow(id)).locked_until).toBe(lockedUntil);
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.3')).statusCode).toBe(401);
      instant = new Date(new Date(lockedUntil).getTime() + 1000);
      const ok = await attempt(username, TEST_PASSWORD, '192.0.2.3');
      expect(ok.statusCode).toBe(200);
      expect(await userRow(id)).toMatchObject({ failed_logins: 0, locked_until: null, last_login_ip: '192.0.2.3' });
      instant = START;
    });

    it('the admin\'s unlock (failed_logins 0, locked_until null) lets the account in at once', async () => {
      const { id, username } = await account();
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await attempt(username, 'Wrong@2026pass', '192.0.2.4');
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.4')).statusCode).toBe(401);
      await t.handle.db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.4')).statusCode).toBe(200);
    });

    it('limits an address after its failures, telling when to retry in Beijing time; successes do not count', async () => {
      const { username } = await account();
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.5')).statusCode).toBe(200);
      for (let i = 0; i < IP_MAX_FAILURES; i++) expect((await attempt(`ghost${i}`, 'Wrong@2026pass', '192.0.2.5')).statusCode).toBe(401);
      const limited = await attempt(username, TEST_PASSWORD, '192.0.2.5');
      expect(limited.statusCode).toBe(429);
      // The window opened at 08:00 UTC: it ends 16:10 Beijing time.
      expect(limited.json().error.message).toBe('本机登录失败次数过多，请于 2026-06-01 16:10（北京时间）后再试');
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.6')).statusCode).toBe(200);
      instant = new Date(START.getTime() + 10 * 60_000);
      expect((await attempt(username, TEST_PASSWORD, '192.0.2.5')).statusCode).toBe(200);
      instant = START;
    });

    it('refuses a temporary password past its expiry with a message in Beijing time', async () => {
      const { id, username } = await account();
      await t.handle.db.updateTable('app_user').set({ must_change_password: 1, password_expires_at: '2026-06-01T07:30:00.000Z' }).where('id', '=', id).execute();
      const res = await attempt(username, TEST_PASSWORD, '192.0.2.7');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('您的临时密码已于 2026-06-01 15:30（北京时间）过期，请联系管理员重新设置密码');
      expect(await t.handle.db.selectFrom('session').select('id').where('user_id', '=', id).execute()).toEqual([]);
    });

    it('believes X-Forwarded-For only from a trusted proxy, for the limit and the audit log', async () => {
      const forged = await account();
      await attempt(forged.username, 'Wrong@2026pass', '203.0.113.9', { 'x-forwarded-for': '198.51.100.7' });
      const keys = async () => (await t.handle.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key);
      expect(await keys()).toContain('ip:203.0.113.9');
      expect(await keys()).not.toContain('ip:198.51.100.7');
      const event = await t.handle.db.selectFrom('audit_event').select('ip').where('subject_id', '=', forged.id).where('action', '=', 'auth.login.fail').executeTakeFirstOrThrow();
      expect(event.ip).toBe('203.0.113.9');

      const proxied = await account();
      await attempt(proxied.username, 'Wrong@2026pass', '10.0.0.1', { 'x-forwarded-for': '198.51.100.8' });
      expect(await keys()).toContain('ip:198.51.100.8');
      expect(await keys()).not.toContain('ip:10.0.0.1');
      const viaProxy = await t.handle.db.selectFrom('audit_event').select('ip').where('subject_id', '=', proxied.id).where('action', '=', 'auth.login.fail').executeTakeFirstOrThrow();
      expect(viaProxy.ip).toBe('198.51.100.8');
    });

    it('words every audit event it wrote', async () => {
      expect(await unwordedAuditEvents(t.handle.db)).toEqual([]);
    });
  });
}

describe('TT_TRUST_PROXY', () => {
  it('takes addresses and networks, none by default', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
  });
  it('refuses "1" (believe anyone) and what is not an address', () => {
    expect(() => parseTrustProxy('1')).toThrow(/不再接受 1/);
    expect(() => parseTrustProxy('true')).toThrow(/不再接受 1/);
    expect(() => parseTrustProxy('10.0.0.0/33,proxy.local')).toThrow('TT_TRUST_PROXY 中这些不是地址或网段：10.0.0.0/33、proxy.local');
  });
});
