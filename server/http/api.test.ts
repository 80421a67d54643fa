/** API behaviour through app.inject(): sessions, CSRF, error bodies, headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD } from '../testing/app.js';
import { testDialects } from '../testing/databases.js';
import { nextUscc, organizationInputFor } from '../testing/builders.js';
import { TEST_KEY } from '../testing/context.js';
import { build } from '../app.js';
import { openDatabase } from '../db/create-db.js';
import { createProtector } from '../modules/registry/protect.js';

for (const dialect of await testDialects()) {
  describe(`HTTP API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => t.close());

    it('refuses the registry without a session', async () => {
      const res = await t.call(null, 'GET', '/api/organizations');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('sets an HttpOnly SameSite session cookie and security headers on login', async () => {
      const s = await t.loginAs(['operator']);
      expect(s.cookie).toContain('tt_session=');
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      const ok = await t.loginAs(['operator']);
      const me = await t.call(ok, 'GET', '/api/auth/me');
      expect(me.json().user.permissions).toContain('registry.import');
    });

    it('rejects a state change without the CSRF token', async () => {
      const s = await t.loginAs(['operator']);
      const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: { cookie: s.cookie }, payload: organizationInputFor() });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF');
      expect(await t.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    });

    it('answers a bad check character with 400 naming the field, and stores nothing', async () => {
      const s = await t.loginAs(['operator']);
      const good = nextUscc();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const res = await t.call(s, 'POST', '/api/organizations', organizationInputFor({ uscc: bad }));
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.field).toBe('uscc');
      expect(body.error.message).toContain('校验位');
      expect(await t.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(0);
    });

    it('answers malformed JSON, unknown fields and out-of-range values with 400, never 500', async () => {
      const s = await t.loginAs(['operator']);
      const malformed = await t.app.inject({
        method: 'POST', url: '/api/organizations', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: '{"name": ',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('VALIDATION');
      const unknown = await t.call(s, 'POST', '/api/organizations', { ...organizationInputFor(), colour: 'red' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.field).toContain('colour');
      const range = await t.call(s, 'GET', '/api/organizations?pageSize=100000');
      expect(range.statusCode).toBe(400);
      expect(range.json().error.field).toBe('pageSize');
      const badEnum = await t.call(s, 'POST', '/api/organizations', { ...organizationInputFor(), kind: 'spaceship' });
      expect(badEnum.json().error.field).toBe('kind');
    });

    it('creates, reads, edits with a version, and shows the audit history', async () => {
      const s = await t.loginAs(['operator']);
      const created = await t.call(s, 'POST', '/api/organizations', organizationInputFor({ name: '湛河接口测试有限公司' }));
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const edit = await t.call(s, 'PATCH', `/api/organizations/${id}`, { version: 1, address: '湛河区' });
      expect(edit.json().version).toBe(2);
      const stale = await t.call(s, 'PATCH', `/api/organizations/${id}`, { version: 1, address: '旧' });
      expect(stale.statusCode).toBe(409);
      const history = await t.call(s, 'GET', `/api/audit?subjectType=organization&subjectId=${id}`);
      expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['registry.organization.update', 'registry.organization.create']);
      const list = await t.call(s, 'GET', `/api/organizations?q=${encodeURIComponent('接口测试')}`);
      expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([id]);
    });

    it('a PATCH changes only what it sends; null clears an optional field', async () => {
      const s = await t.loginAs(['operator']);
      const input = organizationInputFor({ industries: ['new_energy', 'new_materials'], address: '湛河区某路1号', contacts: [{ name: '王敏', phone: '0375-1234567' }] });
      const id = (await t.call(s, 'POST', '/api/organizations', input)).json().id as string;
      const renamed = (await t.call(s, 'PATCH', `/api/organizations/${id}`, { version: 1, name: '改名后的测试有限公司' })).json();
      expect(renamed).toMatchObject({ name: '改名后的测试有限公司', industries: ['new_energy', 'new_materials'], address: '湛河区某路1号' });
      expect(renamed.contacts).toEqual([{ name: '王敏', phone: '0375-1234567' }]);
      const cleared = (await t.call(s, 'PATCH', `/api/organizations/${id}`, { version: 2, address: null })).json();
      expect(cleared.address).toBeNull();
      expect(cleared.industries).toEqual(['new_energy', 'new_materials']);
      const person = (await t.call(s, 'POST', '/api/people', { name: '赵测试', idNumber: '11010519491231002X', phone: '0375-7654321', roles: [{ role: 'broker', level: 'senior' }] })).json();
      const patched = (await t.call(s, 'PATCH', `/api/people/${person.id}`, { version: 1, phone: null })).json();
      expect(patched.phone).toBeNull();
      expect(patched.roles).toEqual([{ role: 'broker', certificateNumber: null, level: 'senior', employment: null }]);
    });

    it('locks an account after five wrong passwords', async () => {
      const s = await t.loginAs(['finance']);
      const me = (await t.call(s, 'GET', '/api/auth/me')).json().user.username as string;
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: me, password: 'wrong-password1' } });
        expect(r.statusCode).toBe(401);
      }
      // Locked: even the right password is refused, with the answer a wrong one gets.
      const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: me, password: TEST_PASSWORD } });
      expect(locked.statusCode).toBe(401);
      expect(locked.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('a session made by one app instance works on another sharing the database', async () => {
      const other = openDatabase(t.handle.url);
      const second = await build({ handle: other, protector: createProtector(TEST_KEY) });
      try {
        const s = await t.loginAs(['operator']);
        const res = await second.inject({ method: 'GET', url: '/api/organizations', headers: { cookie: s.cookie } });
        expect(res.statusCode).toBe(200);
        const created = await second.inject({ method: 'POST', url: '/api/organizations', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: organizationInputFor() });
        expect(created.statusCode).toBe(201);
        expect((await t.call(s, 'GET', `/api/organizations/${created.json().id}`)).statusCode).toBe(200);
      } finally {
        await second.close();
        await other.close();
      }
    });

    it('ends the session on logout', async () => {
      const s = await t.loginAs(['operator']);
      expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(200);
      expect((await t.call(s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
      expect((await t.call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    });

    it('refuses an IP after twenty failed logins in ten minutes', async () => {
      const from = { remoteAddress: '10.9.8.7' };
      for (let i = 0; i < 20; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `ghost${i}`, password: 'wrong-password1' }, ...from });
        expect(r.statusCode).toBe(401);
      }
      const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'x' }, ...from });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      // Another address is not affected.
      const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'x' }, remoteAddress: '10.9.8.8' });
      expect(other.statusCode).toBe(401);
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/organizations', '/api/import/{kind}', '/api/audit']));
    });
  });
}
