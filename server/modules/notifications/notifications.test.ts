/** The notification centre on each database: to a user or an organization, idempotent by key, read marks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { makeOrganization } from '../../testing/builders.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { TEST_PASSWORD } from '../../testing/app.js';
import { createUser } from '../auth/users.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, sendNotification, unreadCount } from './notifications.js';

for (const dialect of await testDialects()) {
  describe(`notifications on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    }, 60_000);
    afterAll(async () => {
      await handle.drop();
    });

    it('delivers to a user or to every account of an organization, once per key, and marks read', async () => {
      const sys = testCtx(handle);
      const org = await makeOrganization(sys, { kind: 'government_department', name: '平顶山市湛河区统计局' });
      const mk = async (username: string, organizationIds: string[]) =>
        (await createUser(sys, { username, displayName: username, password: TEST_PASSWORD, roles: ['department'], jurisdictionCode: '410411', organizationIds })).id;
      const [alice, bob, carol] = [await mk('alice', [org.id]), await mk('bob', [org.id]), await mk('carol', [])];
      const as = (id: string, orgs: string[], now = '2026-06-01T08:00:00.000Z') => testCtx(handle, { id, name: id, roles: ['department'], organizationIds: orgs }, now);

      const base = { jurisdictionCode: '410411', kind: 'supervision.overdue' as const, title: '督办提醒', body: '有逾期' };
      const toOrg = await sendNotification(handle.db, sys, { ...base, recipientOrganizationId: org.id, dedupeKey: 'k1', link: '/supervision/tasks' });
      expect(toOrg).toMatch(/^[0-9a-f-]{36}$/);
      expect(await sendNotification(handle.db, sys, { ...base, recipientOrganizationId: org.id, dedupeKey: 'k1' })).toBeNull();
      await sendNotification(handle.db, testCtx(handle, {}, '2026-06-02T08:00:00.000Z'), { ...base, title: '给卡罗尔', recipientUserId: carol });
      await expect(sendNotification(handle.db, sys, { ...base })).rejects.toThrow(AppError);
      await expect(sendNotification(handle.db, sys, { ...base, recipientUserId: carol, recipientOrganizationId: org.id })).rejects.toThrow('有且只有一个接收者');

      expect(await unreadCount(as(alice, [org.id]))).toEqual({ unread: 1 });
      expect(await unreadCount(as(bob, [org.id]))).toEqual({ unread: 1 });
      const carols = await listNotifications(as(carol, []), { unread: false, page: 1, pageSize: 20 });
      expect(carols).toMatchObject({ total: 1, unread: 1, items: [{ title: '给卡罗尔', recipient: 'user', read: false }] });

      await expect(markNotificationRead(as(carol, []), toOrg!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const read = await markNotificationRead(as(alice, [org.id], '2026-06-03T00:00:00.000Z'), toOrg!);
      expect(read).toMatchObject({ read: true, readAt: '2026-06-03T00:00:00.000Z', link: '/supervision/tasks', recipient: 'organization' });
      expect(await unreadCount(as(bob, [org.id]))).toEqual({ unread: 0 }); // read for the organization
      expect((await markNotificationRead(as(bob, [org.id]), toOrg!)).readAt).toBe('2026-06-03T00:00:00.000Z');
      expect((await listNotifications(as(bob, [org.id]), { unread: true, page: 1, pageSize: 20 })).total).toBe(0);
      expect(await markAllNotificationsRead(as(carol, []))).toEqual({ marked: 1 });
      expect(await markAllNotificationsRead(as(carol, []))).toEqual({ marked: 0 });
      await expect(unreadCount(testCtx(handle, { roles: [] }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
}
