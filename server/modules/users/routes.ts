/**
 * 用户与权限 routes (admin): the accounts of the jurisdiction, their Excel export, the department
 * units to pick from, opening a government account, roles, disabling and enabling, password reset,
 * unlocking. Thin: validate, call the use case, present.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Services, ctxOf } from '../../http/session-hook.js';
import { contentDisposition } from '../applications/routes.js';
import { changeRoles } from './change-roles.js';
import { createAccount } from './create-account.js';
import { disableUser } from './disable-user.js';
import { enableUser } from './enable-user.js';
import { usersXlsx } from './export-users.js';
import { getUser } from './get-user.js';
import { listGovernmentUnits } from './government-units.js';
import { listUsers } from './list-users.js';
import { resetPassword } from './reset-password.js';
import { createAccountInput, idParams, resetInput, rolesInput, unitQuery, userExportQuery, userQuery, versionInput } from './schema.js';
import { unlockUser } from './unlock-user.js';

const TAGS = ['users'];

export function userRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, services);

  r.get('/api/users', { schema: { tags: TAGS, summary: '本辖区的账号（按姓名、用户名或手机号检索，按角色、单位、状态筛选，分页）', querystring: userQuery } }, async (req) =>
    listUsers(ctx(req), req.query),
  );
  r.get('/api/users.xlsx', { schema: { tags: TAGS, summary: '导出账号列表（XLSX，条件同列表）', querystring: userExportQuery } }, async (req, reply) => {
    const file = await usersXlsx(ctx(req), req.query);
    reply.header('content-disposition', contentDisposition(file.name, 'users.xlsx'));
    reply.header('content-length', file.content.length);
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(file.content);
  });
  r.get('/api/users/government-units', { schema: { tags: TAGS, summary: '可选的所属单位：机构库中本辖区的政府部门（按名称检索）', querystring: unitQuery } }, async (req) =>
    listGovernmentUnits(ctx(req), req.query.q),
  );
  r.post('/api/users', { schema: { tags: TAGS, summary: '开通政府账号：返回一次性初始密码（只显示这一次，72 小时内有效，首次登录须修改）', body: createAccountInput } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.code(201);
    return createAccount(ctx(req), req.body);
  });
  r.get('/api/users/:id', { schema: { tags: TAGS, summary: '账号详情（角色、单位、最近登录、连续失败次数、锁定状态）', params: idParams } }, async (req) => getUser(ctx(req), req.params.id));
  r.put('/api/users/:id/roles', { schema: { tags: TAGS, summary: '修改账号的角色（最后一个系统管理员不能取消管理员角色）', params: idParams, body: rolesInput } }, async (req) =>
    changeRoles(ctx(req), req.params.id, req.body.roles, req.body.version),
  );
  r.post('/api/users/:id/disable', { schema: { tags: TAGS, summary: '停用账号：立即退出其全部登录（最后一个系统管理员不能停用）', params: idParams, body: versionInput } }, async (req) =>
    disableUser(ctx(req), req.params.id, req.body.version),
  );
  r.post('/api/users/:id/enable', { schema: { tags: TAGS, summary: '启用已停用的账号', params: idParams, body: versionInput } }, async (req) =>
    enableUser(ctx(req), req.params.id, req.body.version),
  );
  r.post('/api/users/:id/reset-password', { schema: { tags: TAGS, summary: '重置密码：返回一次性密码（只显示这一次；配置了邮件服务时可同时发到本人邮箱），退出其全部登录', params: idParams, body: resetInput } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return resetPassword(ctx(req), req.params.id, { version: req.body.version, mail: req.body.mail });
  });
  r.post('/api/users/:id/unlock', { schema: { tags: TAGS, summary: '解除登录锁定（清零连续失败次数）', params: idParams, body: versionInput } }, async (req) =>
    unlockUser(ctx(req), req.params.id, req.body.version),
  );
}
