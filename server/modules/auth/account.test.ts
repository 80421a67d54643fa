/**
 * 账号安全 (issue 18): changing one's own password, the forced change at first login, sessions
 * that idle out and end after their lifetime, and the 登录设备 list. Time moves by an injected
 * clock, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { createUser } from './users.js';
import { deviceInWords } from './devices.js';
import { parseIdleMinutes } from './session-policy.js';
import { settingsFromEnvironment } from '../../main.js';

const START = new Date('2026-06-01T08:00:00.000Z');
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const WECHAT_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44';
const NEW_PASSWORD = 'Zhanhe#2026Safe';

interface Browser { cookie: string; csrf: string }

for (const dialect of await testDialects()) {
  describe(`账号安全 on ${dialect}`, () => {
    let instant = START;
    const clock = { now: () => instant };
    const at = (minutes: number) => { instant = new Date(START.getTime() + minutes * 60_000); };
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let n = 0;
    beforeAll(async () => {
      t = await createTestApp(dialect, { clock, sessionIdleMinutes: 30 });
    });
    afterAll(async () => t.close());

    async function account(extra: { mustChange?: boolean } = {}) {
      const username = `acct${++n}`;
      const { id } = await createUser(t.ctx, { username, displayName: `测试${n}`, password: TEST_PASSWORD, roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [] });
      if (extra.mustChange) await t.handle.db.updateTable('app_user').set({ must_change_password: 1 }).where('id', '=', id).execute();
      return { id, username };
    }
    async function logIn(username: string, password = TEST_PASSWORD, userAgent = CHROME_WINDOWS, remoteAddress = '192.0.2.10') {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'user-agent': userAgent }, remoteAddress });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return { browser: { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string }, body: res.json() };
    }
    const call = (b: Browser, method: string, url: string, payload?: object) =>
      t.app.inject({ method: method as 'GET', url, headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, ...(payload ? { payload } : {}) });

    it('changes one\'s own password with the old one, ending every other session', async () => {
      at(0);
      const { id, username } = await account();
      const first = (await logIn(username)).browser;
      const second = (await logIn(username, TEST_PASSWORD, WECHAT_IPHONE)).browser;
      const before = await t.handle.db.selectFrom('app_user').select(['password_hash', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

      const wrongOld = await call(first, 'POST', '/api/auth/password', { oldPassword: 'Not@2026right', newPassword: NEW_PASSWORD });
      expect(wrongOld.statusCode).toBe(400);
      expect(wrongOld.json().error).toMatchObject({ field: 'oldPassword', message: '原密码不正确' });
      const weak = await call(first, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'short1' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.field).toBe('newPassword');
      expect(weak.json().error.message).toContain('密码至少 10 位');
      const same = await call(first, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
      expect(same.json().error).toMatchObject({ field: 'newPassword', message: '新密码不能与原密码相同' });
      expect(await t.handle.db.selectFrom('app_user').select(['password_hash', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
      expect((await call(second, 'GET', '/api/auth/me')).statusCode).toBe(200);

      const changed = await call(first, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ endedSessions: 1, user: { stage: 'full' } });
      expect((await call(first, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect((await call(second, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, remoteAddress: '192.0.2.11' })).statusCode).toBe(401);
      await logIn(username, NEW_PASSWORD);
      const row = await t.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ must_change_password: 0, password_changed_at: START.toISOString(), failed_logins: 0 });
      const actions = (await t.handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).orderBy('seq').execute()).map((e) => e.action);
      expect(actions).toContain('auth.password.change');
    });

    it('an account that must change its password reaches nothing else until it has', async () => {
      at(0);
      const { id, username } = await account({ mustChange: true });
      const { browser, body } = await logIn(username);
      expect(body.user.stage).toBe('must_change');
      const elsewhere = await call(browser, 'GET', '/api/auth/sessions');
      expect(elsewhere.statusCode).toBe(403);
      expect(elsewhere.json().error.message).toContain('请先修改密码');
      expect((await call(browser, 'GET', '/api/organizations')).statusCode).toBe(403);
      expect((await call(browser, 'GET', '/api/auth/me')).json().user.stage).toBe('must_change');
      const changed = await call(browser, 'POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.json().user.stage).toBe('full');
      expect((await call(browser, 'GET', '/api/auth/sessions')).statusCode).toBe(200);
      expect((await call(browser, 'GET', '/api/auth/me')).json().user.stage).toBe('full');
      const row = await t.handle.db.selectFrom('app_user').select(['must_change_password', 'password_expires_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ must_change_password: 0, password_expires_at: null });
      // The next login is a full one.
      expect((await logIn(username, NEW_PASSWORD)).body.user.stage).toBe('full');
    });

    it('a session idles out after 30 minutes unused, and ends after 12 hours whatever its use', async () => {
      at(0);
      const { username } = await account();
      const { browser } = await logIn(username);
      // Used every 29 minutes it lives on…
      for (let minute = 29; minute < 12 * 60; minute += 29) {
        at(minute);
        expect((await call(browser, 'GET', '/api/auth/me')).statusCode, `minute ${minute}`).toBe(200);
      }
      // …until its twelve hours are up.
      at(12 * 60);
      expect((await call(browser, 'GET', '/api/auth/me')).statusCode).toBe(401);

      at(0);
      const idle = (await logIn(username)).browser;
      at(29);
      expect((await call(idle, 'GET', '/api/auth/me')).statusCode).toBe(200);
      at(29 + 30);
      expect((await call(idle, 'GET', '/api/auth/me')).statusCode).toBe(401);
    });

    it('records the last use at most once a minute', async () => {
      at(0);
      const { id, username } = await account();
      const { browser } = await logIn(username);
      const lastSeen = async () => (await t.handle.db.selectFrom('session').select('last_seen_at').where('user_id', '=', id).executeTakeFirstOrThrow()).last_seen_at;
      expect(await lastSeen()).toBe(START.toISOString());
      instant = new Date(START.getTime() + 40_000);
      await call(browser, 'GET', '/api/auth/me');
      expect(await lastSeen()).toBe(START.toISOString());
      instant = new Date(START.getTime() + 61_000);
      await call(browser, 'GET', '/api/auth/me');
      expect(await lastSeen()).toBe(instant.toISOString());
      instant = new Date(START.getTime() + 100_000);
      await call(browser, 'GET', '/api/auth/me');
      expect(await lastSeen()).toBe(new Date(START.getTime() + 61_000).toISOString());
    });

    it('lists the user\'s 登录设备 in words and ends one, or all the others', async () => {
      at(0);
      const { id, username } = await account();
      const office = (await logIn(username, TEST_PASSWORD, CHROME_WINDOWS, '192.0.2.21')).browser;
      at(5);
      const phone = (await logIn(username, TEST_PASSWORD, WECHAT_IPHONE, '192.0.2.22')).browser;
      at(6);
      const tablet = (await logIn(username, TEST_PASSWORD, '', '192.0.2.23')).browser;
      // Someone else's session never shows.
      await logIn((await account()).username);
      const list = (await call(office, 'GET', '/api/auth/sessions')).json().items as { handle: string; device: string; ip: string; current: boolean; lastSeenAt: string }[];
      expect(list.map((d) => [d.device, d.ip, d.current])).toEqual([
        ['Chrome 120 · Windows 10 电脑', '192.0.2.21', true],
        ['未知设备', '192.0.2.23', false],
        ['微信 8 · iOS 17.1 手机', '192.0.2.22', false],
      ]);
      expect(JSON.stringify(list)).not.toContain(id);
      const phoneHandle = list.find((d) => d.ip === '192.0.2.22')!.handle;
      const current = await call(office, 'DELETE', `/api/auth/sessions/${list[0]!.handle}`);
      expect(current.statusCode).toBe(409);
      expect((await call(office, 'DELETE', `/api/auth/sessions/${phoneHandle}`)).statusCode).toBe(200);
      expect((await call(phone, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await call(tablet, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect((await call(office, 'DELETE', `/api/auth/sessions/${phoneHandle}`)).statusCode).toBe(404);
      expect((await call(office, 'POST', '/api/auth/sessions/end-others')).json()).toEqual({ endedSessions: 1 });
      expect((await call(tablet, 'GET', '/api/auth/me')).statusCode).toBe(401);
      expect((await call(office, 'GET', '/api/auth/sessions')).json().items).toHaveLength(1);
    });

    it('words every audit event it wrote', async () => {
      expect(await unwordedAuditEvents(t.handle.db)).toEqual([]);
    });
  });

  describe(`TT_SESSION_IDLE_MINUTES=5 on ${dialect}`, () => {
    let instant = START;
    const clock = { now: () => instant };
    const at = (minutes: number) => { instant = new Date(START.getTime() + minutes * 60_000); };
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      // The app gets its settings as `serve` gives them: read from the environment.
      const { secureCookies: _cookies, ...settings } = settingsFromEnvironment({ TT_SESSION_IDLE_MINUTES: '5' });
      expect(settings.sessionIdleMinutes).toBe(5);
      t = await createTestApp(dialect, { clock, ...settings });
    });
    afterAll(async () => t.close());

    async function logIn(username: string): Promise<Browser> {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD }, headers: { 'user-agent': CHROME_WINDOWS } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string };
    }
    const me = async (b: Browser) => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b.cookie } })).statusCode;

    it('refuses a session idle longer than 5 minutes and keeps one used within them', async () => {
      at(0);
      const username = 'idle5';
      await createUser(t.ctx, { username, displayName: '五分钟测试', password: TEST_PASSWORD, roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [] });
      const kept = await logIn(username);
      const idle = await logIn(username);
      at(4);
      expect(await me(kept)).toBe(200);
      // Left alone for 6 minutes (well inside the default 30), a session has ended…
      at(6);
      expect(await me(idle)).toBe(401);
      // …while one used every 4 minutes lives on past the 5.
      at(8);
      expect(await me(kept)).toBe(200);
      at(12);
      expect(await me(kept)).toBe(200);
      expect(await me(idle)).toBe(401);
      // 5 minutes after its last use (at 12), the kept one ends too.
      at(17);
      expect(await me(kept)).toBe(401);
    });
  });
}

describe('session settings and devices in words', () => {
  it('TT_SESSION_IDLE_MINUTES is whole minutes, 30 by default', () => {
    expect(parseIdleMinutes(undefined)).toBe(30);
    expect(parseIdleMinutes('15')).toBe(15);
    expect(() => parseIdleMinutes('0')).toThrow(/TT_SESSION_IDLE_MINUTES/);
    expect(() => parseIdleMinutes('half an hour')).toThrow(/TT_SESSION_IDLE_MINUTES/);
  });
  it('names a device by browser and system', () => {
    expect(deviceInWords(CHROME_WINDOWS)).toBe('Chrome 120 · Windows 10 电脑');
    expect(deviceInWords(null)).toBe('未知设备');
  });
});
