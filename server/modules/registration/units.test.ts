/**
 * A verified unit's users on both databases: its 单位管理员 invites colleagues with one-time codes
 * valid 7 days; a newcomer joins with the unit's role, someone with an account adds the unit; the
 * admin sees and removes colleagues (an account left with no unit is disabled, its sessions end) and
 * hands the admin flag over. Nobody else manages the unit's users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwordedAuditEvents } from '../../testing/audit-words.js';
import type { Actor, Ctx } from '../../context.js';
import { testCtx } from '../../testing/context.js';
import { createTestDatabase, testDialects } from '../../testing/databases.js';
import { makeOrganization } from '../../testing/builders.js';
import { TEST_PASSWORD } from '../../testing/app.js';
import { login, resolveSession, sessionOf } from '../auth/sessions.js';
import { createUser, loadActor } from '../auth/users.js';
import { approveRegistration } from './decide-registration.js';
import { acceptInvitation, checkInvitation, inviteColleague, joinWithInvitation, listInvitations, revokeInvitation } from './invitations.js';
import { handOverAdmin, listMembers, listMyUnits, membersXlsx, removeMember } from './members.js';
import { submitRegistration } from './submit-registration.js';
import { evidence, solvedCaptcha, unitApplication } from './test-support.js';
import { loadWorkbook, rowsOf } from '../documents/xlsx-test-support.js';

const PUBLIC: Actor = { id: null, name: 'public', roles: [], jurisdictionCode: '000000', organizationIds: [] };
const NOW = Date.parse('2026-06-01T08:00:00.000Z');
const DAY = 86_400_000;

for (const dialect of await testDialects()) {
  describe(`a unit's users on ${dialect}`, () => {
    let handle: Awaited<ReturnType<typeof createTestDatabase>>;
    let unitId: string;
    let adminId: string;
    const publicCtx = (at = NOW) => ({ ...testCtx(handle, PUBLIC), ip: '203.0.113.9', clock: { now: () => new Date(at) } });
    const as = async (userId: string, at = NOW): Promise<Ctx> => ({ ...testCtx(handle, (await loadActor(handle.db, userId))!), clock: { now: () => new Date(at) } });
    const userId = async (username: string) => (await handle.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const join = (code: string, username: string, at = NOW) =>
      joinWithInvitation(publicCtx(at), { code, username, displayName: `同事${username}`, mobile: '13837500099', position: '研发工程师', password: 'Tongshi@2026ok' });

    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
      const app = unitApplication({ orgName: '平顶山湛河新能源科技有限公司', username: 'xny_admin' });
      const ctx = publicCtx();
      const { number } = await submitRegistration(ctx, { ...(await solvedCaptcha(ctx)), application: app }, evidence());
      const reg = await handle.db.selectFrom('unit_registration').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
      const operator = testCtx(handle, { id: null, name: '科技局', roles: ['operator'] });
      unitId = (await approveRegistration(operator, reg.id, reg.version)).outcome!.organizationId;
      adminId = await userId('xny_admin');
    }, 60_000);
    afterAll(async () => handle.drop());

    it('invites a colleague with a one-time code; the newcomer gets the unit’s role tied to the unit', async () => {
      const admin = await as(adminId);
      expect(await listMyUnits(admin)).toEqual([expect.objectContaining({ id: unitId, isAdmin: true, role: 'enterprise', confirmsBrokers: false })]);
      const issued = await inviteColleague(admin, unitId, '研发部 张工');
      expect(issued.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(issued.expiresAt).toBe(new Date(NOW + 7 * DAY).toISOString());
      expect(await checkInvitation(publicCtx(), issued.code.toLowerCase())).toEqual({ organizationName: '平顶山湛河新能源科技有限公司', role: 'enterprise', expiresAt: issued.expiresAt });
      await expect(join(issued.code, 'zhanggong', NOW + DAY).then(() => join(issued.code, 'zhanggong2', NOW + DAY))).rejects.toMatchObject({ code: 'NOT_FOUND', options: { field: 'code' } });
      const zhang = await loadActor(handle.db, await userId('zhanggong'));
      expect(zhang).toMatchObject({ roles: ['enterprise'], organizationIds: [unitId] });
      const state = await listInvitations(admin, unitId);
      expect(state[0]).toMatchObject({ state: 'accepted', acceptedByName: '同事zhanggong', note: '研发部 张工' });
      // A colleague is told nothing new: the inviter is.
      const told = await handle.db.selectFrom('notification').select('title').where('recipient_user_id', '=', adminId).execute();
      expect(told.map((n) => n.title)).toContain('同事已加入本单位');
      // A weak password is refused before the code is spent.
      const second = await inviteColleague(admin, unitId);
      await expect(joinWithInvitation(publicCtx(), { code: second.code, username: 'weakone', displayName: '弱密码', mobile: '13837500098', password: 'password1' })).rejects.toMatchObject({ options: { field: 'password' } });
      expect((await checkInvitation(publicCtx(), second.code)).organizationName).toBe('平顶山湛河新能源科技有限公司');
    });

    it('a code expires after 7 days and can be revoked', async () => {
      const admin = await as(adminId);
      const code = (await inviteColleague(admin, unitId)).code;
      await expect(checkInvitation(publicCtx(NOW + 7 * DAY + 1000), code)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const other = await inviteColleague(admin, unitId);
      const after = await revokeInvitation(admin, unitId, other.id);
      expect(after.find((i) => i.id === other.id)?.state).toBe('revoked');
      await expect(join(other.code, 'revoked_user')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('someone with an account accepts while logged in and acts for several units', async () => {
      const otherUnit = await makeOrganization(testCtx(handle), { kind: 'university', name: '平顶山学院' });
      const { id: teacherId } = await createUser(testCtx(handle), { username: 'teacher', displayName: '刘老师', password: TEST_PASSWORD, roles: ['institution'], jurisdictionCode: '410411', organizationIds: [otherUnit.id] });
      const code = (await inviteColleague(await as(adminId), unitId)).code;
      const joined = await acceptInvitation(await as(teacherId), code);
      expect(joined).toEqual({ organizationName: '平顶山湛河新能源科技有限公司', username: 'teacher', role: 'enterprise' });
      expect(await loadActor(handle.db, teacherId)).toMatchObject({ roles: ['institution', 'enterprise'], organizationIds: expect.arrayContaining([otherUnit.id, unitId]) });
      await expect(acceptInvitation(await as(teacherId), (await inviteColleague(await as(adminId), unitId)).code)).rejects.toMatchObject({ code: 'CONFLICT' });
      // A government account cannot join a unit.
      const { id: opId } = await createUser(testCtx(handle), { username: 'op1', displayName: '运营', password: TEST_PASSWORD, roles: ['operator'], jurisdictionCode: '410411', organizationIds: [] });
      await expect(acceptInvitation(await as(opId), code)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      // Removed from one unit, the account keeps the other and loses the role it held through this one.
      const removed = await removeMember(await as(adminId), unitId, teacherId);
      expect(removed).toEqual({ disabled: false });
      expect(await loadActor(handle.db, teacherId)).toMatchObject({ roles: ['institution'], organizationIds: [otherUnit.id] });
    });

    it('only the unit admin manages; removal of the last link disables the account and ends its sessions; the flag is handed over', async () => {
      const admin = await as(adminId);
      const zhangId = await userId('zhanggong');
      await expect(listMembers(await as(zhangId), unitId)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('单位管理员') });
      await expect(inviteColleague(await as(zhangId), unitId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const elsewhere = await makeOrganization(testCtx(handle));
      await expect(listMembers(admin, elsewhere.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const members = await listMembers(admin, unitId);
      expect(members.map((m) => [m.username, m.isAdmin, m.isMe])).toEqual(expect.arrayContaining([['xny_admin', true, true], ['zhanggong', false, false]]));
      const workbook = await loadWorkbook((await membersXlsx(admin, unitId)).content);
      expect(rowsOf(workbook.getWorksheet('单位用户')!).flat()).toEqual(expect.arrayContaining(['zhanggong', '13837500099', '研发工程师', '正常']));
      expect(rowsOf(workbook.getWorksheet('邀请码')!).flat()).toEqual(expect.arrayContaining(['研发部 张工', '已使用', '已作废', '同事zhanggong']));
      expect(workbook.getWorksheet('技术经纪人申请')).toBeUndefined();

      // zhanggong logs in, then is removed: no unit left, so the account is disabled and the session ends.
      const { token } = sessionOf(await login({ ...publicCtx(), actor: PUBLIC }, 'zhanggong', 'Tongshi@2026ok'));
      await expect(removeMember(admin, unitId, adminId)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await removeMember(admin, unitId, zhangId)).toEqual({ disabled: true });
      expect(await resolveSession({ db: handle.db, clock: { now: () => new Date(NOW) } }, token)).toBeNull();
      const gone = await handle.db.selectFrom('app_user').select(['disabled', 'roles']).where('id', '=', zhangId).executeTakeFirstOrThrow();
      expect(gone).toEqual({ disabled: 1, roles: '[]' });
      const events = await handle.db.selectFrom('audit_event').select('action').where('subject_id', '=', zhangId).execute();
      expect(events.map((e) => e.action)).toContain('registration.member.remove');

      // Handing over: the colleague becomes the admin, the former admin stays a member.
      await join((await inviteColleague(admin, unitId)).code, 'wanggong');
      const wangId = await userId('wanggong');
      await expect(handOverAdmin(admin, unitId, zhangId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const after = await handOverAdmin(admin, unitId, wangId);
      expect(after.filter((m) => m.isAdmin).map((m) => m.username)).toEqual(['wanggong']);
      await expect(listMembers(await as(adminId), unitId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await listMembers(await as(wangId), unitId)).map((m) => m.username)).toContain('xny_admin');
      expect((await listMyUnits(await as(adminId)))[0]).toMatchObject({ isAdmin: false, admins: [{ name: '同事wanggong', mobile: '13837500099' }] });
    });

    it('words every event it wrote in the audit log: no id, code or unlabelled field', async () => {
      const problems = await unwordedAuditEvents(handle.db);
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
}
