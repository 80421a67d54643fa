/** Events (对接会, 路演) on both databases: featured listings, registration, attendance, and the deals that came from an event. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization, makePerson } from '../../testing/builders.js';
import { createUser } from '../auth/users.js';
import { createDeal } from '../deals/create-deal.js';
import { makeBrokerActor, publishedAchievement, publishedDemand } from '../deals/test-support.js';
import { makeDemand } from '../market/test-support.js';
import { createEvent } from './create-event.js';
import { getEvent } from './get-event.js';
import { listEvents } from './list-events.js';
import { markAttendance } from './mark-attendance.js';
import { registerForEvent } from './register-for-event.js';
import { updateEvent } from './update-event.js';

for (const dialect of await testDialects()) {
  describe(`events on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let ctx: Ctx;
    let operator: Ctx;
    let enterprise: Ctx;
    let factory: string;
    const as = (actor: Partial<Actor>) => testCtx(handle, { id: null, name: '用户', ...actor });
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      ctx = testCtx(handle);
      operator = as({ name: '运营人员', roles: ['operator'] });
      factory = (await makeOrganization(ctx, { name: '平顶山鹰开电气有限公司' })).id;
      const { id } = await createUser(ctx, { username: 'yingkai', displayName: '鹰开电气', password: 'Test@2026pass', roles: ['enterprise'], jurisdictionCode: '410411', organizationIds: [factory] });
      enterprise = as({ id, name: '鹰开电气', roles: ['enterprise'], organizationIds: [factory] });
    }, 60_000);
    afterAll(async () => handle.drop());

    it('lets the operator create an event featuring published listings, and edit it', async () => {
      const a = await publishedAchievement(ctx);
      const draft = await makeDemand(ctx);
      await expect(createEvent(enterprise, { title: '电气装备对接会', kind: 'matchmaking', heldOn: '2026-06-20', place: '湛河区科技大厦', organizerName: '湛河区科技局', description: '', listings: [] }))
        .rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createEvent(operator, { title: '电气装备对接会', kind: 'matchmaking', heldOn: '2026-06-20', place: '湛河区科技大厦', description: '', listings: [] }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'organizerName' } });
      await expect(createEvent(operator, { title: '电气装备对接会', kind: 'matchmaking', heldOn: '2026-06-20', place: '湛河区科技大厦', organizerName: '湛河区科技局', description: '', listings: [{ kind: 'demand', id: draft.id }] }))
        .rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'listings.0.id' } });
      const event = await createEvent(operator, {
        title: '电气装备对接会', kind: 'matchmaking', heldOn: '2026-06-20', place: '湛河区科技大厦', organizerName: '湛河区科技局', description: '电气装备专场', listings: [{ kind: 'achievement', id: a.id }],
      });
      expect(event).toMatchObject({ kind: 'matchmaking', organizer: { organizationId: null, name: '湛河区科技局' }, registrationCount: 0 });
      const edited = await updateEvent(operator, event.id, { version: 1, kind: 'roadshow', place: '湛河区创新中心' });
      expect(edited).toMatchObject({ kind: 'roadshow', place: '湛河区创新中心', version: 2 });
      await expect(updateEvent(operator, event.id, { version: 1, place: '旧版本' })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const detail = await getEvent(enterprise, event.id);
      expect(detail.listings).toEqual([{ kind: 'achievement', id: a.id, title: a.title, status: 'published' }]);
      expect((await listEvents(enterprise, { page: 1, pageSize: 20, when: 'upcoming' })).items.map((e) => e.id)).toContain(event.id);
      expect((await listEvents(enterprise, { page: 1, pageSize: 20, when: 'past' })).items.map((e) => e.id)).not.toContain(event.id);
    });

    it('takes self-registrations and the operator\'s, once each, and marks attendance', async () => {
      const event = await createEvent(operator, { title: '新材料路演', kind: 'roadshow', heldOn: '2026-05-20', place: '湛河区科技大厦', organizerOrganizationId: factory, description: '', listings: [] });
      expect(event.organizer).toEqual({ organizationId: factory, name: '平顶山鹰开电气有限公司' });
      const mine = await registerForEvent(enterprise, event.id, { organizationId: factory });
      expect(mine).toMatchObject({ organization: { id: factory }, userId: enterprise.actor.id, name: '鹰开电气', attended: false });
      await expect(registerForEvent(enterprise, event.id, { organizationId: factory })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'organizationId' } });
      const other = await makeOrganization(ctx, { name: '平顶山尼龙科技有限公司' });
      await expect(registerForEvent(enterprise, event.id, { organizationId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN', options: { field: 'organizationId' } });
      const person = await makePerson(ctx, { name: '王磊' });
      const byOperator = await registerForEvent(operator, event.id, { organizationId: other.id });
      expect(byOperator).toMatchObject({ name: '平顶山尼龙科技有限公司', userId: null, registeredByName: '运营人员' });
      await registerForEvent(operator, event.id, { personId: person.id });
      await expect(registerForEvent(operator, event.id, { personId: person.id })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'personId' } });
      await expect(markAttendance(enterprise, event.id, mine.id, { version: 1, attended: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const marked = await markAttendance(operator, event.id, mine.id, { version: 1, attended: true });
      expect(marked).toMatchObject({ attended: true, version: 2 });
      await expect(markAttendance(operator, event.id, mine.id, { version: 1, attended: false })).rejects.toMatchObject({ code: 'CONFLICT', options: { field: 'version' } });
      const forOperator = await getEvent(operator, event.id);
      expect(forOperator).toMatchObject({ registrationCount: 3, attendedCount: 1 });
      expect(forOperator.registrations).toHaveLength(3);
      // Others see only their own registrations.
      expect((await getEvent(enterprise, event.id)).registrations.map((r) => r.id)).toEqual([mine.id]);
      const actions = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', event.id).orderBy('seq').execute();
      expect(actions.map((a) => a.action)).toEqual(['events.event.write', 'events.registration.create', 'events.registration.create', 'events.registration.create', 'events.attendance.mark']);
    });

    it('lists the deals that came from an event, to those who may read them', async () => {
      const event = await createEvent(operator, { title: '对接会（成效）', kind: 'matchmaking', heldOn: '2026-05-10', place: '湛河区', organizerName: '湛河区科技局', description: '', listings: [] });
      const brokerActor = await makeBrokerActor(ctx);
      const broker = testCtx(handle, brokerActor);
      const a = await publishedAchievement(ctx);
      const d = await publishedDemand(ctx, { organizationId: factory });
      const deal = await createDeal(broker, { demandId: d.id, achievementId: a.id, eventId: event.id });
      expect(deal.event).toMatchObject({ id: event.id, title: '对接会（成效）', kind: 'matchmaking' });
      expect((await getEvent(operator, event.id)).deals.map((x) => x.id)).toEqual([deal.id]);
      expect((await getEvent(enterprise, event.id)).deals.map((x) => x.id)).toEqual([deal.id]);
      const bank = as({ roles: ['bank'], organizationIds: [] });
      expect((await getEvent(bank, event.id)).deals).toEqual([]);
      await expect(createDeal(broker, { achievementId: a.id, eventId: 'none' })).rejects.toMatchObject({ code: 'VALIDATION', options: { field: 'eventId' } });
    });
  });
}
