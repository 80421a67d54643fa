/**
 * Two-factor login (issue 18): required roles enrol before anything else, codes computed from the
 * secret the enrolment shows log in once each, recovery codes once each, challenges take few
 * attempts, demo accounts are exempt. Time moves by an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createTestApp, TEST_PASSWORD } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { createUser } from './users.js';
import type { UserRole } from '../../../common/vocabulary.js';

const START = new Date('2026-06-01T08:00:00.000Z');

interface Browser { cookie: string; csrf: string }

for (const dialect of await testDialects()) {
  describe(`TOTP on ${dialect}`, () => {
    let instant = START;
    const clock = { now: () => instant };
    const later = (seconds: number) => { instant = new Date(instant.getTime() + seconds * 1000); };
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let n = 0;
    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
    });
    afterAll(async () => t.close());

    async function account(roles: UserRole[], isDemo = false) {
      const username = `totp${++n}`;
      const { id } = await createUser(t.ctx, { username, displayName: `测试${n}`, password: TEST_PASSWORD, roles, jurisdictionCode: '410411', organizationIds: [] }, { isDemo });
      return { id, username };
    }
    const browserOf = (res: { cookies: { name: string; value: string }[]; json(): { csrfToken: string } }): Browser =>
      ({ cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken });
    const post = (url: string, payload: object, remoteAddress = '192.0.2.30') => t.app.inject({ method: 'POST', url, payload, remoteAddress });
    const call = (b: Browser, method: string, url: string, payload?: object) =>
      t.app.inject({ method: method as 'GET', url, headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, ...(payload ? { payload } : {}) });
    const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(instant.getTime() / 1000) });

    async function enrolled(roles: UserRole[] = ['operator']) {
      const { id, username } = await account(roles);
      const browser = browserOf(await post('/api/auth/login', { username, password: TEST_PASSWORD }));
      const { secret } = (await call(browser, 'POST', '/api/auth/totp/setup')).json();
      const { recoveryCodes } = (await call(browser, 'POST', '/api/auth/totp/confirm', { code: await codeNow(secret) })).json();
      await call(browser, 'POST', '/api/auth/logout');
      later(30);
      return { id, username, secret: secret as string, recoveryCodes: recoveryCodes as string[] };
    }

    it('an operator must enrol before reaching anything, with a locally drawn QR code and the secret in text', async () => {
      const { id, username } = await account(['operator']);
      const login = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      expect(login.json().user.stage).toBe('enrol');
      const browser = browserOf(login);
      const blocked = await call(browser, 'GET', '/api/organizations');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.message).toContain('请先绑定动态验证码');
      expect((await call(browser, 'GET', '/api/auth/totp')).json()).toMatchObject({ enrolled: false, required: true });

      const setup = (await call(browser, 'POST', '/api/auth/totp/setup')).json();
      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      // Opened again before confirming (a second tab, a re-drawn page): the same secret, so the code already scanned still works.
      expect((await call(browser, 'POST', '/api/auth/totp/setup')).json().secret).toBe(setup.secret);
      expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      const stored = await t.handle.db.selectFrom('app_user').select(['totp_secret', 'totp_enabled_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.totp_enabled_at).toBeNull();
      expect(stored.totp_secret).not.toContain(setup.secret);
      expect(t.ctx.protector.decrypt(stored.totp_secret!)).toBe(setup.secret);

      const wrong = await call(browser, 'POST', '/api/auth/totp/confirm', { code: '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.field).toBe('code');
      const confirmed = await call(browser, 'POST', '/api/auth/totp/confirm', { code: await codeNow(setup.secret) });
      expect(confirmed.statusCode).toBe(200);
      const codes = confirmed.json().recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect(confirmed.json().user.stage).toBe('full');
      expect((await call(browser, 'GET', '/api/organizations')).statusCode).toBe(200);
      const hashes = await t.handle.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', id).execute();
      expect(hashes).toHaveLength(10);
      expect(JSON.stringify(hashes)).not.toContain(codes[0]!.replace('-', ''));
      // A second setup while enrolled is refused.
      expect((await call(browser, 'POST', '/api/auth/totp/setup')).statusCode).toBe(409);
    });

    it('logs in with password and a code; the same code does not log in twice', async () => {
      const { username, secret } = await enrolled();
      const step1 = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      expect(step1.statusCode).toBe(200);
      expect(step1.cookies).toHaveLength(0);
      expect(step1.json()).toMatchObject({ secondFactor: 'totp' });
      const wrong = await post('/api/auth/login/totp', { challengeToken: step1.json().challengeToken, code: '123456' === (await codeNow(secret)) ? '654321' : '123456' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toContain('还可尝试 4 次');
      const code = await codeNow(secret);
      const ok = await post('/api/auth/login/totp', { challengeToken: step1.json().challengeToken, code });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.stage).toBe('full');
      expect((await call(browserOf(ok), 'GET', '/api/organizations')).statusCode).toBe(200);
      // The challenge is spent, and the code too.
      expect((await post('/api/auth/login/totp', { challengeToken: step1.json().challengeToken, code })).statusCode).toBe(401);
      const again = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      expect((await post('/api/auth/login/totp', { challengeToken: again.json().challengeToken, code })).statusCode).toBe(401);
      later(30);
      expect((await post('/api/auth/login/totp', { challengeToken: again.json().challengeToken, code: await codeNow(secret) })).statusCode).toBe(200);
    });

    it('a recovery code logs in once', async () => {
      const { id, username, recoveryCodes } = await enrolled();
      const first = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      const used = await post('/api/auth/login/totp', { challengeToken: first.json().challengeToken, code: recoveryCodes[3]!.toLowerCase() });
      expect(used.statusCode).toBe(200);
      expect((await call(browserOf(used), 'GET', '/api/auth/totp')).json()).toMatchObject({ enrolled: true, recoveryCodesLeft: 9 });
      const second = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      expect((await post('/api/auth/login/totp', { challengeToken: second.json().challengeToken, code: recoveryCodes[3]! })).statusCode).toBe(401);
      const actions = (await t.handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).execute()).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.totp.setup', 'auth.totp.enrol', 'auth.login.password_ok', 'auth.recovery_code.use', 'auth.totp.fail']));
    });

    it('a challenge takes five codes at most, and wrong codes lock the account like wrong passwords', async () => {
      const { id, username, secret } = await enrolled();
      const step1 = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      const token = step1.json().challengeToken;
      const right = await codeNow(secret);
      const bad = right === '111111' ? '222222' : '111111';
      for (let i = 0; i < 5; i++) expect((await post('/api/auth/login/totp', { challengeToken: token, code: bad })).statusCode).toBe(401);
      const gone = await post('/api/auth/login/totp', { challengeToken: token, code: right });
      expect(gone.statusCode).toBe(401);
      expect(gone.json().error.message).toContain('请重新输入用户名和密码登录');
      const row = await t.handle.db.selectFrom('app_user').select(['failed_logins', 'locked_until']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.locked_until).not.toBeNull();
      // Locked: the password step is refused now, with the usual answer.
      expect((await post('/api/auth/login', { username, password: TEST_PASSWORD })).statusCode).toBe(401);
    });

    it('a challenge expires after five minutes', async () => {
      const { username, secret } = await enrolled();
      const step1 = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      later(5 * 60 + 1);
      expect((await post('/api/auth/login/totp', { challengeToken: step1.json().challengeToken, code: await codeNow(secret) })).statusCode).toBe(401);
    });

    it('optional for other roles; demo accounts of required roles are exempt but may enrol', async () => {
      const enterprise = await account(['enterprise']);
      expect((await post('/api/auth/login', { username: enterprise.username, password: TEST_PASSWORD })).json().user.stage).toBe('full');
      const demo = await account(['operator'], true);
      const login = await post('/api/auth/login', { username: demo.username, password: TEST_PASSWORD });
      expect(login.json().user.stage).toBe('full');
      const browser = browserOf(login);
      expect((await call(browser, 'GET', '/api/auth/totp')).json()).toMatchObject({ required: false, isDemo: true });
      const { secret } = (await call(browser, 'POST', '/api/auth/totp/setup')).json();
      expect((await call(browser, 'POST', '/api/auth/totp/confirm', { code: await codeNow(secret) })).statusCode).toBe(200);
      later(30);
      expect((await post('/api/auth/login', { username: demo.username, password: TEST_PASSWORD })).json().secondFactor).toBe('totp');
    });

    it('disabling takes the password and a code; a required role must enrol again at once', async () => {
      const { id, username, secret } = await enrolled();
      const step1 = await post('/api/auth/login', { username, password: TEST_PASSWORD });
      const browser = browserOf(await post('/api/auth/login/totp', { challengeToken: step1.json().challengeToken, code: await codeNow(secret) }));
      later(30);
      const wrongPassword = await call(browser, 'POST', '/api/auth/totp/disable', { password: 'Wrong@2026pass', code: await codeNow(secret) });
      expect(wrongPassword.json().error).toMatchObject({ field: 'password', message: '登录密码不正确' });
      const off = await call(browser, 'POST', '/api/auth/totp/disable', { password: TEST_PASSWORD, code: await codeNow(secret) });
      expect(off.statusCode).toBe(200);
      expect(off.json().user.stage).toBe('enrol');
      expect((await call(browser, 'GET', '/api/organizations')).statusCode).toBe(403);
      expect(await t.handle.db.selectFrom('recovery_code').select('id').where('user_id', '=', id).execute()).toEqual([]);
      const { secret: fresh } = (await call(browser, 'POST', '/api/auth/totp/setup')).json();
      expect(fresh).not.toBe(secret);
      expect((await call(browser, 'POST', '/api/auth/totp/confirm', { code: await codeNow(fresh) })).json().user.stage).toBe('full');
    });

    it('words every audit event it wrote', async () => {
      expect(await unwordedAuditEvents(t.handle.db)).toEqual([]);
    });
  });
}
