/** 用户与权限 as an Excel workbook, in words: roles, states and units by name, times in Beijing time. */
import { chinaDate } from '../../../common/dates.js';
import { ACCOUNT_STATUSES } from '../../../common/users-api.js';
import { USER_ROLES } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { workbookBuffer } from '../documents/xlsx-writer.js';
import { findDivision } from '../registry/divisions.js';
import { usersQuery } from './list-users.js';
import { presentUsers } from './present.js';
import type { UserExportQuery } from './schema.js';

const beijing = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export async function usersXlsx(ctx: Ctx, query: UserExportQuery): Promise<{ name: string; content: Buffer }> {
  const rows = await usersQuery(ctx, query).selectAll().orderBy('created_at').orderBy('id').limit(50_000).execute();
  const users = await presentUsers(ctx.db, rows, ctx.actor, ctx.clock.now());
  const today = chinaDate(ctx.clock.now());
  const issuer = `${findDivision(ctx.actor.jurisdictionCode)?.name ?? ''}技术转移体系平台`;
  const unitName = query.organizationId ? (await ctx.db.selectFrom('organization').select('name').where('id', '=', query.organizationId).executeTakeFirst())?.name : undefined;
  const filters = [
    query.q ? `检索：${query.q}` : '',
    query.role ? `角色：${USER_ROLES.label(query.role)}` : '',
    unitName ? `单位：${unitName}` : '',
    query.status ? `状态：${ACCOUNT_STATUSES.label(query.status)}` : '',
  ].filter(Boolean);
  const content = await workbookBuffer(
    [
      {
        name: '用户与权限',
        title: '平台账号',
        facts: [`${filters.length ? filters.join('；') : '全部账号'}`, `导出日期：${today}（时间为北京时间）`],
        columns: [
          { header: '序号', width: 6, kind: 'integer' },
          { header: '姓名', width: 12 },
          { header: '用户名', width: 16 },
          { header: '角色', width: 22 },
          { header: '辖区', width: 22 },
          { header: '所属单位', width: 30 },
          { header: '职务', width: 12 },
          { header: '手机号码', width: 14 },
          { header: '电子邮箱', width: 22 },
          { header: '账号状态', width: 14 },
          { header: '连续登录失败', width: 8, kind: 'integer' },
          { header: '锁定至', width: 17 },
          { header: '最近登录', width: 17 },
          { header: '最近登录地址', width: 16 },
          { header: '开通时间', width: 17 },
        ],
        rows: users.map((u, i) => [
          i + 1, u.displayName, u.username, u.roles.map((r) => USER_ROLES.label(r)).join('、'), u.jurisdictionName, u.units.map((o) => o.name).join('、'),
          u.position ?? '', u.mobile ?? '', u.email ?? '', ACCOUNT_STATUSES.label(u.status), u.failedLogins, beijing(u.lockedUntil),
          u.lastLoginAt ? beijing(u.lastLoginAt) : '从未登录', u.lastLoginIp ?? '', beijing(u.createdAt),
        ]),
        total: ['', '合计', `${users.length} 个账号`, '', '', '', '', '', '', '', '', '', '', '', ''],
      },
    ],
    { title: '平台账号', issuer, date: today },
  );
  return { name: `用户与权限-${today}.xlsx`, content };
}
