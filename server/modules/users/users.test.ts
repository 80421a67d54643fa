/**
 * 用户与权限 over HTTP on both databases: an admin opens a department account whose one-time password
 * logs in once issued; lists, filters and exports in words; changes roles; disables (sessions end,
 * login refused) and enables; resets (old password dead, new one-time code works, sessions end);
 * unlocks; the last working admin stays; another jurisdiction's accounts are out of reach; every
 * event reads as words.
 */
import net from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedUser, OneTimePassword, UserPage } from '../../../common/users-api.js';
import { createTestApp, type Session } from '../../testing/app.js';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { testDialects } from '../../testing/databases.js';
import { findInternals } from '../../testing/internals.js';
import { changeRoles } from './change-roles.js';

/** A real SMTP conversation, just enough of RFC 5321 for nodemailer: each message's recipients and text. */
async function smtpServer(): Promise<{ url: string; messages: { to: string[]; data: string }[]; close(): Promise<void> }> {
  const messages: { to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    socket.write('220 test.local ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push({ to, data: buffer.slice(0, end) });
          buffer = buffer.slice(end + 5);
          inData = false;
          to = [];
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-test.local\r\n250 8BITMIME\r\n');
        else if (verb === 'RCPT') { to.push(/<([^>]*)>/.exec(line)?.[1] ?? ''); socket.write('250 OK\r\n'); }
        else if (verb === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const dialect of await testDialects()) {
  describe(`用户与权限 on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let admin: Session;
    let finance: { id: string; name: string };
    let otherUnit: { id: string };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      finance = await makeOrganization(t.ctx, { name: '平顶山市湛河区财政局', kind: 'government_department' });
      otherUnit = await makeOrganization(testCtx(t.handle, { jurisdictionCode: '410102' }), { name: '郑州市某局', kind: 'government_department', divisionCode: '410102' });
      admin = await t.loginAs(['admin']);
    }, 60_000);
    afterAll(async () => t.close());

    const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const user = async (id: string) => (await t.call(admin, 'GET', `/api/users/${id}`)).json() as ManagedUser;

    async function openAccount(username: string, body: Record<string, unknown> = {}): Promise<OneTimePassword> {
      const res = await t.call(admin, 'POST', '/api/users', {
        username, displayName: '赵经办', roles: ['finance'], jurisdictionCode: '410411', organizationIds: [finance.id], mobile: '13803750001', position: '经办人', ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as OneTimePassword;
    }

    it('opens a department account with a one-time password that logs in; the list finds it by name, role, unit and state', async () => {
      const issued = await openAccount('czj_zhao');
      expect(issued.password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      expect(issued.user).toMatchObject({ username: 'czj_zhao', roles: ['finance'], units: [{ id: finance.id, name: '平顶山市湛河区财政局' }], status: 'must_change', mustChangePassword: true, position: '经办人' });
      const validFor = new Date(issued.expiresAt).getTime() - new Date(issued.user.createdAt).getTime();
      expect(validFor).toBeGreaterThan(72 * 3600_000 - 60_000);
      expect(validFor).toBeLessThanOrEqual(72 * 3600_000);
      const row = await t.handle.db.selectFrom('app_user').selectAll().where('username', '=', 'czj_zhao').executeTakeFirstOrThrow();
      expect(row.password_hash).not.toContain(issued.password);
      expect(row.must_change_password).toBe(1);
      expect((await login('czj_zhao', issued.password)).statusCode).toBe(200);

      const byName = (await t.call(admin, 'GET', `/api/users?q=${encodeURIComponent('赵经办')}`)).json() as UserPage;
      expect(byName.items.map((u) => u.username)).toEqual(['czj_zhao']);
      expect(((await t.call(admin, 'GET', '/api/users?role=finance')).json() as UserPage).items.map((u) => u.username)).toEqual(['czj_zhao']);
      expect(((await t.call(admin, 'GET', `/api/users?organizationId=${finance.id}`)).json() as UserPage).total).toBe(1);
      expect(((await t.call(admin, 'GET', '/api/users?status=must_change')).json() as UserPage).items.map((u) => u.username)).toEqual(['czj_zhao']);
      const paged = (await t.call(admin, 'GET', '/api/users?pageSize=1&page=2')).json() as UserPage;
      expect(paged.total).toBe(2);
      expect(paged.items).toHaveLength(1);
    });

    it('refuses bad input naming the field, and changes nothing', async () => {
      const before = (await t.handle.db.selectFrom('app_user').select('id').execute()).length;
      const cases: [Record<string, unknown>, string][] = [
        [{ username: '1bad' }, 'username'],
        [{ username: 'czj_zhao' }, 'username'],
        [{ username: 'nounit', roles: ['department'], organizationIds: [] }, 'organizationIds'],
        [{ username: 'farunit', organizationIds: [otherUnit.id] }, 'organizationIds'],
        [{ username: 'farjur', jurisdictionCode: '410102' }, 'jurisdictionCode'],
        [{ username: 'badrole', roles: ['enterprise'] }, 'roles'],
        [{ username: 'badmobile', mobile: '12345' }, 'mobile'],
      ];
      for (const [body, field] of cases) {
        const res = await t.call(admin, 'POST', '/api/users', { username: 'x', displayName: '钱某', roles: ['finance'], jurisdictionCode: '410411', organizationIds: [finance.id], ...body });
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        const error = res.json().error as { message: string; field?: string; details?: { field?: string }[] };
        expect(error.field ?? error.details?.[0]?.field, `${JSON.stringify(body)} → ${res.body}`).toContain(field);
        // A username is the user's own word (zhang_san), not a code.
        expect(findInternals(error.message.replace('czj_zhao', '用户名'))).toEqual([]);
      }
      expect((await t.handle.db.selectFrom('app_user').select('id').execute()).length).toBe(before);
    });

    it('disabling ends the sessions and refuses the login; enabling lets it in again', async () => {
      const issued = await openAccount('czj_qian', { displayName: '钱经办' });
      const res = await login('czj_qian', issued.password);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
      const disabled = await t.call(admin, 'POST', `/api/users/${issued.user.id}/disable`, { version: issued.user.version });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect((disabled.json() as ManagedUser).status).toBe('disabled');
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await login('czj_qian', issued.password)).statusCode).toBe(401);
      // A stale version is a conflict, not a silent overwrite.
      expect((await t.call(admin, 'POST', `/api/users/${issued.user.id}/enable`, { version: issued.user.version })).statusCode).toBe(409);
      const enabled = await t.call(admin, 'POST', `/api/users/${issued.user.id}/enable`, { version: (await user(issued.user.id)).version });
      expect(enabled.statusCode, enabled.body).toBe(200);
      expect((await login('czj_qian', issued.password)).statusCode).toBe(200);
    });

    it('resetting issues a new one-time password: the old one stops, the sessions end, a lock lifts', async () => {
      const issued = await openAccount('czj_sun', { displayName: '孙经办' });
      const first = await login('czj_sun', issued.password);
      const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      await t.handle.db.updateTable('app_user').set({ failed_logins: 3, locked_until: '2099-01-01T00:00:00.000Z' }).where('id', '=', issued.user.id).execute();
      expect((await user(issued.user.id)).status).toBe('locked');
      const res = await t.call(admin, 'POST', `/api/users/${issued.user.id}/reset-password`, { version: (await user(issued.user.id)).version, mail: true });
      expect(res.statusCode, res.body).toBe(200);
      const reset = res.json() as OneTimePassword;
      expect(reset.password).not.toBe(issued.password);
      // No mail server configured: nothing is assumed, the admin is told why.
      expect(reset.mailed).toBe(false);
      expect(reset.mailProblem).toContain('未配置邮件服务');
      expect(reset.user).toMatchObject({ status: 'must_change', failedLogins: 0, lockedUntil: null });
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await login('czj_sun', issued.password)).statusCode).toBe(401);
      expect((await login('czj_sun', reset.password)).statusCode).toBe(200);
    });

    it('with a mail server configured, a reset may also mail the one-time password to the account’s e-mail', async () => {
      const smtp = await smtpServer();
      process.env.TT_SMTP_URL = smtp.url;
      process.env.TT_SMTP_FROM = 'platform@zhanhe.gov.cn';
      try {
        expect(((await t.call(admin, 'GET', '/api/users')).json() as { mailConfigured: boolean }).mailConfigured).toBe(true);
        const issued = await openAccount('czj_wang', { displayName: '王经办', email: 'wang@czj.zhanhe.gov.cn' });
        const reset = (await t.call(admin, 'POST', `/api/users/${issued.user.id}/reset-password`, { version: issued.user.version, mail: true })).json() as OneTimePassword;
        expect(reset).toMatchObject({ mailed: true, mailProblem: null });
        expect(smtp.messages).toHaveLength(1);
        expect(smtp.messages[0]!.to).toEqual(['wang@czj.zhanhe.gov.cn']);
        // The text goes base64 (Chinese); its body is what the person reads.
        const [headers, body] = smtp.messages[0]!.data.split('\r\n\r\n');
        expect(headers).toContain('base64');
        const text = Buffer.from(body!.replace(/\s+/g, ''), 'base64').toString('utf8');
        expect(text).toContain(reset.password);
        expect(text).toContain('王经办');
        // Not asked: not mailed.
        const quiet = (await t.call(admin, 'POST', `/api/users/${issued.user.id}/reset-password`, { version: reset.user.version })).json() as OneTimePassword;
        expect(quiet.mailed).toBe(false);
        expect(smtp.messages).toHaveLength(1);
      } finally {
        delete process.env.TT_SMTP_URL;
        delete process.env.TT_SMTP_FROM;
        await smtp.close();
      }
    });

    it('shows failed attempts and the lock, and unlocks', async () => {
      const issued = await openAccount('czj_li', { displayName: '李经办' });
      for (let i = 0; i < 5; i++) await login('czj_li', 'Wrong@password1');
      const locked = await user(issued.user.id);
      expect(locked.status).toBe('locked');
      expect(locked.lockedUntil).not.toBeNull();
      expect((await login('czj_li', issued.password)).statusCode).not.toBe(200);
      const res = await t.call(admin, 'POST', `/api/users/${issued.user.id}/unlock`, { version: locked.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ lockedUntil: null, failedLogins: 0 });
      expect((await login('czj_li', issued.password)).statusCode).toBe(200);
      expect((await t.call(admin, 'POST', `/api/users/${issued.user.id}/unlock`, { version: (await user(issued.user.id)).version })).statusCode).toBe(409);
    });

    it('changes roles; the last working admin can neither be demoted nor disabled (409 in Chinese); nor can one disable oneself', async () => {
      const issued = await openAccount('czj_zhou', { displayName: '周经办' });
      const res = await t.call(admin, 'PUT', `/api/users/${issued.user.id}/roles`, { version: issued.user.version, roles: ['finance', 'evaluator'] });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as ManagedUser).roles).toEqual(['finance', 'evaluator']);
      expect(((await t.call(admin, 'GET', '/api/users?role=evaluator')).json() as UserPage).items.map((u) => u.username)).toEqual(['czj_zhou']);

      const me = await user(admin.userId);
      const demote = await t.call(admin, 'PUT', `/api/users/${admin.userId}/roles`, { version: me.version, roles: ['operator'] });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error.message).toContain('最后一个');
      const self = await t.call(admin, 'POST', `/api/users/${admin.userId}/disable`, { version: me.version });
      expect(self.statusCode).toBe(409);
      expect(self.json().error.message).toContain('自己');
      // With a second admin, the first may step down; then the second is the last and stays.
      const second = await openAccount('admin_two', { displayName: '吴管理', roles: ['admin'], organizationIds: [] });
      expect((await t.call(admin, 'PUT', `/api/users/${admin.userId}/roles`, { version: me.version, roles: ['admin', 'operator'] })).statusCode).toBe(200);
      const disableSecond = await t.call(admin, 'POST', `/api/users/${second.user.id}/disable`, { version: second.user.version });
      expect(disableSecond.statusCode).toBe(200);
      const lastDemote = await t.call(admin, 'PUT', `/api/users/${admin.userId}/roles`, { version: (await user(admin.userId)).version, roles: ['operator'] });
      expect(lastDemote.statusCode).toBe(409);
      await t.call(admin, 'POST', `/api/users/${second.user.id}/enable`, { version: (await user(second.user.id)).version });
    });

    it('two admins demoting each other at once: one of them stays admin', async () => {
      const a = await openAccount('race_a', { displayName: '甲管理', roles: ['admin'], organizationIds: [] });
      const b = await openAccount('race_b', { displayName: '乙管理', roles: ['admin'], organizationIds: [] });
      // Only these two are active admins for the race.
      const others = await t.handle.db.selectFrom('app_user').select('id').where('roles', 'like', '%"admin"%').where('id', 'not in', [a.user.id, b.user.id]).where('disabled', '=', 0).execute();
      await t.handle.db.updateTable('app_user').set({ disabled: 1 }).where('id', 'in', others.map((o) => o.id)).execute();
      const actor = (id: string) => testCtx(t.handle, { id, name: '管理员', roles: ['admin'] });
      const results = await Promise.allSettled([changeRoles(actor(a.user.id), b.user.id, ['operator']), changeRoles(actor(b.user.id), a.user.id, ['operator'])]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const admins = await t.handle.db.selectFrom('app_user').select('id').where('roles', 'like', '%"admin"%').where('disabled', '=', 0).execute();
      expect(admins).toHaveLength(1);
      await t.handle.db.updateTable('app_user').set({ disabled: 0 }).where('id', 'in', others.map((o) => o.id)).execute();
    });

    it('an admin reaches only the accounts of its jurisdiction; other roles are refused', async () => {
      const elsewhere = await t.loginAs(['admin'], [], '410102');
      const zhengzhou = await t.call(elsewhere, 'GET', '/api/users');
      expect(((zhengzhou.json() as UserPage).items).every((u) => u.jurisdictionCode === '410102')).toBe(true);
      const target = ((await t.call(admin, 'GET', '/api/users?q=czj_zhao')).json() as UserPage).items[0]!;
      expect((await t.call(elsewhere, 'GET', `/api/users/${target.id}`)).statusCode).toBe(404);
      expect((await t.call(elsewhere, 'POST', `/api/users/${target.id}/disable`, { version: target.version })).statusCode).toBe(404);
      // A city admin reaches its districts.
      const city = await t.loginAs(['admin'], [], '410400');
      expect((await t.call(city, 'GET', `/api/users/${target.id}`)).statusCode).toBe(200);
      const operator = await t.loginAs(['operator']);
      expect((await t.call(operator, 'GET', '/api/users')).statusCode).toBe(403);
    });

    it('the department picker lists the jurisdiction’s government departments by name', async () => {
      const res = await t.call(admin, 'GET', `/api/users/government-units?q=${encodeURIComponent('财政')}`);
      expect(res.json()).toEqual([{ id: finance.id, name: '平顶山市湛河区财政局', divisionName: expect.stringContaining('湛河区') }]);
      expect((await t.call(admin, 'GET', `/api/users/government-units?q=${encodeURIComponent('郑州')}`)).json()).toEqual([]);
    });

    it('exports the list to Excel in words', async () => {
      const res = await t.call(admin, 'GET', '/api/users.xlsx?role=finance');
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as never);
      const sheet = book.worksheets[0]!;
      const cells: string[] = [];
      sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? ''))));
      const text = cells.join('\n');
      expect(text).toContain('赵经办');
      expect(text).toContain('财政局');
      expect(text).toContain('平顶山市湛河区财政局');
      expect(text).toContain('待修改初始密码');
      expect(text).not.toContain('甲管理');
      const usernames = (await t.handle.db.selectFrom('app_user').select('username').execute()).map((u) => u.username);
      expect(findInternals(usernames.reduce((s, u) => s.split(u).join('用户名'), text))).toEqual([]);
    });

    it('words every event it wrote in the audit log', async () => {
      const actions = (await t.handle.db.selectFrom('audit_event').select('action').distinct().execute()).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.user.create', 'users.user.update_roles', 'users.user.disable', 'users.user.enable', 'users.user.reset_password', 'users.user.unlock']));
      expect(await unwordedAuditEvents(t.handle.db)).toEqual([]);
    });
  });
}
