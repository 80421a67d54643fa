/**
 * A unit's users as its 单位管理员 sees them (GET /api/units/mine, members, the Excel of the unit's lists), and what
 * the admin does to them: removal ends a colleague's link to the unit (the roles held through it go;
 * an account with no unit left is disabled and its sessions end); the admin flag is handed over to a
 * colleague. Audited.
 */
import { beijingDateTime, chinaDate } from '../../../common/dates.js';
import type { UnitMember, UnitSummary } from '../../../common/registration-api.js';
import { AGENCY_KINDS, INVITATION_STATES, isRegistrableKind, REGISTRATION_STATUSES, UNIT_ROLE_OF_KIND, UNIT_ROLES } from '../../../common/registration-vocabulary.js';
import { EMPLOYMENT, USER_ROLES, type UserRole } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { endSessions } from '../auth/sessions.js';
import { assertCan } from '../access/policy.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { grantUnitAdmin } from './accounts.js';
import { listBrokerApplications } from './broker-confirmation.js';
import { listInvitations } from './invitations.js';
import { unitAdminsOf } from './repo.js';
import { loadUnitForAdmin } from './unit-access.js';

const unitRole = (kind: string): UserRole | null => (isRegistrableKind(kind) ? UNIT_ROLE_OF_KIND[kind] : null);

export async function listMyUnits(ctx: Ctx): Promise<UnitSummary[]> {
  assertCan(ctx.actor, 'registration.unit.manage');
  const ids = ctx.actor.organizationIds;
  if (!ids.length) return [];
  const [orgs, admins] = await Promise.all([
    ctx.db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', ids).orderBy('name').execute(),
    unitAdminsOf(ctx.db, ids),
  ]);
  return orgs.map((o) => {
    const mine = admins.filter((a) => a.organization_id === o.id && a.disabled === 0);
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      role: unitRole(o.kind),
      isAdmin: mine.some((a) => a.user_id === ctx.actor.id),
      admins: mine.map((a) => ({ name: a.display_name, mobile: a.mobile })),
      confirmsBrokers: (AGENCY_KINDS as readonly string[]).includes(o.kind),
    };
  });
}

async function membersOf(db: Executor, organizationId: string, me: string | null): Promise<UnitMember[]> {
  const [rows, admins] = await Promise.all([
    db
      .selectFrom('user_organization as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.mobile', 'u.position', 'u.disabled', 'u.last_login_at'])
      .where('m.organization_id', '=', organizationId)
      .orderBy('u.display_name')
      .orderBy('u.username')
      .execute(),
    unitAdminsOf(db, [organizationId]),
  ]);
  const adminIds = new Set(admins.map((a) => a.user_id));
  return rows.map((u) => ({
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    mobile: u.mobile,
    position: u.position,
    isAdmin: adminIds.has(u.id),
    disabled: u.disabled === 1,
    lastLoginAt: u.last_login_at,
    isMe: u.id === me,
  }));
}

export async function listMembers(ctx: Ctx, organizationId: string): Promise<UnitMember[]> {
  await loadUnitForAdmin(ctx.db, ctx.actor, organizationId);
  return membersOf(ctx.db, organizationId, ctx.actor.id);
}

const beijing = (iso: string | null) => (iso ? beijingDateTime(iso) : '');

/**
 * The unit page's lists in one workbook: its accounts, the invitation codes it issued and, for an
 * agency, its brokers' applications.
 */
export async function membersXlsx(ctx: Ctx, organizationId: string): Promise<{ name: string; content: Buffer }> {
  const org = await loadUnitForAdmin(ctx.db, ctx.actor, organizationId);
  const [members, invitations, brokers] = await Promise.all([
    membersOf(ctx.db, organizationId, ctx.actor.id),
    listInvitations(ctx, organizationId),
    (AGENCY_KINDS as readonly string[]).includes(org.kind) ? listBrokerApplications(ctx, organizationId) : Promise.resolve(null),
  ]);
  const today = chinaDate(ctx.clock.now());
  const content = await workbookBuffer(
    [
      {
        name: '单位用户',
        title: `${org.name} 平台账号`,
        facts: [`导出日期：${today}（时间为北京时间）`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '姓名', width: 12 },
          { header: '用户名', width: 16 },
          { header: '手机号码', width: 14 },
          { header: '职务', width: 14 },
          { header: '单位管理员', width: 10 },
          { header: '账号状态', width: 10 },
          { header: '最近登录', width: 17 },
        ],
        rows: members.map((m, i) => [i + 1, m.displayName, m.username, m.mobile ?? '', m.position ?? '', m.isAdmin ? '是' : '', m.disabled ? '已停用' : '正常', beijing(m.lastLoginAt)]),
        total: ['', '合计', `${members.length} 人`, '', '', '', '', ''],
      },
      {
        name: '邀请码',
        title: `${org.name} 邀请码记录`,
        facts: ['邀请码只在生成时显示一次，此处不列出。'],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '生成时间', width: 17 },
          { header: '生成人', width: 12 },
          { header: '备注', width: 24 },
          { header: '有效期至', width: 17 },
          { header: '状态', width: 8 },
          { header: '使用人', width: 12 },
        ],
        rows: invitations.map((i, n) => [n + 1, beijing(i.createdAt), i.createdByName, i.note ?? '', beijing(i.expiresAt), INVITATION_STATES.label(i.state), i.acceptedByName ?? '']),
        total: ['', '合计', `${invitations.length} 个`, '', '', '', ''],
      },
      ...(brokers
        ? [
            {
              name: '技术经纪人申请',
              title: `${org.name} 技术经纪人注册申请`,
              facts: [],
              columns: [
                { header: '序号', width: 6, kind: 'integer' as const },
                { header: '申请编号', width: 18 },
                { header: '姓名', width: 10 },
                { header: '身份证号码', width: 20 },
                { header: '手机号码', width: 14 },
                { header: '专兼职', width: 8 },
                { header: '用户名', width: 14 },
                { header: '状态', width: 8 },
                { header: '最近更新', width: 17 },
                { header: '退回原因', width: 30 },
              ],
              rows: brokers.map((b, n) => [
                n + 1, b.number, b.applicantName, b.idNumberMasked ?? '', b.mobile, b.employment ? EMPLOYMENT.label(b.employment) : '', b.username,
                REGISTRATION_STATUSES.label(b.status), beijing(b.updatedAt), b.status === 'returned' ? (b.returnReason ?? '') : '',
              ]),
              total: ['', '合计', `${brokers.length} 件`, '', '', '', '', '', '', ''],
            },
          ]
        : []),
    ],
    { title: `${org.name} 平台账号`, issuer: `${findDivision(org.jurisdiction_code)?.name ?? ''}技术转移体系平台`, date: today },
  );
  return { name: `单位用户-${org.name}.xlsx`, content };
}

/**
 * The roles an account keeps once its units are these: the roles it holds through units are those of
 * its remaining units' kinds; any other role (broker, a government role) stays.
 */
export async function rolesForUnits(db: Executor, roles: UserRole[], organizationIds: string[]): Promise<UserRole[]> {
  const kinds = organizationIds.length ? await db.selectFrom('organization').select('kind').where('id', 'in', organizationIds).execute() : [];
  const through = new Set(kinds.map((k) => unitRole(k.kind)).filter((r): r is UserRole => r !== null));
  return USER_ROLES.values.filter((r) => (UNIT_ROLES.includes(r) ? through.has(r) : roles.includes(r)));
}

async function memberRow(db: Executor, organizationId: string, userId: string) {
  const user = await db
    .selectFrom('user_organization as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .selectAll('u')
    .where('m.organization_id', '=', organizationId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('本单位用户', userId);
  return user;
}

export async function removeMember(ctx: Ctx, organizationId: string, userId: string): Promise<{ disabled: boolean }> {
  return inTransaction(ctx, async (trx) => {
    const org = await loadUnitForAdmin(trx, ctx.actor, organizationId);
    const user = await memberRow(trx, organizationId, userId);
    if (userId === ctx.actor.id) throw new AppError('CONFLICT', '不能移除自己；如需离开本单位，请先把单位管理员移交给同事，再由其移除');
    const admins = await unitAdminsOf(trx, [organizationId]);
    const platformAdmin = ctx.actor.roles.includes('admin');
    if (admins.some((a) => a.user_id === userId) && !platformAdmin) throw new AppError('CONFLICT', `${user.display_name}也是单位管理员，不能由您移除`);
    await trx.deleteFrom('user_organization').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
    await trx.deleteFrom('unit_admin').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
    const remaining = (await trx.selectFrom('user_organization').select('organization_id').where('user_id', '=', userId).execute()).map((r) => r.organization_id);
    const rolesBefore = JSON.parse(user.roles) as UserRole[];
    const roles = await rolesForUnits(trx, rolesBefore, remaining);
    const disabled = remaining.length === 0;
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('app_user')
      .set({ roles: JSON.stringify(roles), disabled: disabled ? 1 : user.disabled, version: user.version + 1, updated_at: now })
      .where('id', '=', userId)
      .execute();
    if (disabled) await endSessions(trx, userId);
    await audit(trx, ctx, {
      action: 'registration.member.remove',
      subjectType: 'user',
      subjectId: userId,
      before: { organizationId, organizationName: org.name, roles: rolesBefore, disabled: user.disabled === 1 },
      after: { organizationIds: remaining, roles, disabled: disabled || user.disabled === 1 },
    });
    return { disabled };
  });
}

export async function handOverAdmin(ctx: Ctx, organizationId: string, userId: string): Promise<UnitMember[]> {
  return inTransaction(ctx, async (trx) => {
    const org = await loadUnitForAdmin(trx, ctx.actor, organizationId);
    const user = await memberRow(trx, organizationId, userId);
    if (user.disabled) throw new AppError('CONFLICT', `${user.display_name}的账号已停用，不能担任单位管理员`);
    if (userId === ctx.actor.id) throw new AppError('CONFLICT', '您已是单位管理员');
    const now = ctx.clock.now().toISOString();
    await grantUnitAdmin(trx, organizationId, userId, ctx.actor.name, now);
    // The admin hands the flag over; a platform admin (not a member) only grants it.
    const gaveUp = ctx.actor.id ? Number((await trx.deleteFrom('unit_admin').where('organization_id', '=', organizationId).where('user_id', '=', ctx.actor.id).executeTakeFirst()).numDeletedRows) > 0 : false;
    await audit(trx, ctx, {
      action: 'registration.admin.hand_over',
      subjectType: 'organization',
      subjectId: organizationId,
      before: { unitAdmin: gaveUp ? ctx.actor.name : null },
      after: { unitAdmin: user.display_name, userId, organizationName: org.name },
    });
    return membersOf(trx, organizationId, ctx.actor.id);
  });
}
