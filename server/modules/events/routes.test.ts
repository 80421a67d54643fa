/** The events API over HTTP: the operator runs events, anyone logged in registers itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session } from '../../testing/app.js';
import { testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';

for (const dialect of await testDialects()) {
  describe(`events API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let operator: Session;
    let enterprise: Session;
    let factory: string;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      factory = (await makeOrganization(t.ctx)).id;
      operator = await t.loginAs(['operator']);
      enterprise = await t.loginAs(['enterprise'], [factory]);
    }, 60_000);
    afterAll(async () => t.close());

    it('creates, registers and marks attendance', async () => {
      const body = { title: '尼龙新材料路演', kind: 'roadshow', heldOn: '2026-07-01', place: '湛河区科技大厦', organizerName: '湛河区科技局' };
      expect((await t.call(enterprise, 'POST', '/api/events', body)).statusCode).toBe(403);
      const bad = await t.call(operator, 'POST', '/api/events', { ...body, heldOn: '2026-02-30' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('heldOn');
      const created = await t.call(operator, 'POST', '/api/events', body);
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const reg = await t.call(enterprise, 'POST', `/api/events/${id}/registrations`, { organizationId: factory });
      expect(reg.statusCode, reg.body).toBe(201);
      const again = await t.call(enterprise, 'POST', `/api/events/${id}/registrations`, { organizationId: factory });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe('已报名该活动');
      expect((await t.call(enterprise, 'POST', `/api/events/${id}/registrations/${reg.json().id}/attendance`, { version: 1, attended: true })).statusCode).toBe(403);
      const marked = await t.call(operator, 'POST', `/api/events/${id}/registrations/${reg.json().id}/attendance`, { version: 1, attended: true });
      expect(marked.json()).toMatchObject({ attended: true });
      const detail = (await t.call(enterprise, 'GET', `/api/events/${id}`)).json();
      expect(detail).toMatchObject({ registrationCount: 1, attendedCount: 1, registrations: [{ attended: true }] });
      expect((await t.call(enterprise, 'GET', '/api/events')).json().total).toBe(1);
    });
  });
}
