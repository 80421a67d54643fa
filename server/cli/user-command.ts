/**
 * `techtransfer user …`: accounts from the command line, for installs and scripts — the first admin
 * of a new district (`user create … --password-stdin`), listing, disabling and enabling, a one-time
 * password when someone is locked out, roles granted and revoked. The CLI acts as the system for the
 * jurisdiction TT_JURISDICTION and is audited as `cli:<user>`; the same rules hold as in 用户与权限
 * (the last working admin stays). Errors name the argument at fault.
 */
import type { Command } from 'commander';
import { ACCOUNT_STATUSES } from '../../common/users-api.js';
import { MOBILE_PATTERN, USERNAME_PATTERN } from '../../common/registration-vocabulary.js';
import { USER_ROLES, type UserRole } from '../../common/vocabulary.js';
import type { Ctx } from '../context.js';
import type { DbHandle } from '../db/create-db.js';
import { AppError } from '../errors.js';
import { findUserIdByUsername, loadManagedUser } from '../modules/users/access.js';
import { changeRoles } from '../modules/users/change-roles.js';
import { createAccount } from '../modules/users/create-account.js';
import { disableUser } from '../modules/users/disable-user.js';
import { enableUser } from '../modules/users/enable-user.js';
import { listUsers } from '../modules/users/list-users.js';
import { resetPassword } from '../modules/users/reset-password.js';

type WithContext = <T>(work: (ctx: Ctx, handle: DbHandle) => Promise<T>) => Promise<T>;
type Run = (action: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

/** Which argument a use case's field is. */
const ARGUMENT: Record<string, string> = {
  username: '--username',
  displayName: '--name',
  roles: '--role',
  jurisdictionCode: '--jurisdiction',
  organizationIds: '--org',
  password: '标准输入中的密码',
  mobile: '--mobile',
  email: '--email',
};

/** A use case's error, told as the argument the user typed. */
async function naming<T>(work: () => Promise<T>, fixed: Record<string, string> = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.options.field) {
      const argument = fixed[error.options.field] ?? ARGUMENT[error.options.field];
      if (argument) throw new AppError(error.code, `${argument}：${error.message}`, error.options);
    }
    throw error;
  }
}

const roleList = USER_ROLES.values.map((r) => `${r}（${USER_ROLES.label(r)}）`).join('、');

function parseRole(value: string, argument = '--role'): UserRole {
  if (!(USER_ROLES.values as readonly string[]).includes(value)) {
    throw new AppError('VALIDATION', `${argument}：不认识的角色“${value}”，可用：${roleList}`, { field: 'roles' });
  }
  return value as UserRole;
}

const repeatable = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AppError('VALIDATION', '--password-stdin：请从标准输入提供密码，例如 printf "%s" "$PASSWORD" | techtransfer user create …', { field: 'password' });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline `echo` adds is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const beijing = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export function registerUserCommands(program: Command, withContext: WithContext, run: Run): void {
  const user = program.command('user').description('账号管理：开通、列出、停用、启用、重置密码、授予和收回角色');

  user
    .command('create')
    .description('开通账号；用 --password-stdin 从标准输入读入本人的密码（不必修改），否则生成一次性密码（72 小时内有效，首次登录须修改）')
    .requiredOption('--username <username>', '用户名（字母开头，3–32 位字母、数字或 . _ -）')
    .requiredOption('--role <role>', `角色（可重复或用逗号分隔）：${roleList}`, repeatable)
    .requiredOption('--jurisdiction <code>', '辖区的 6 位行政区划代码，如 410411')
    .option('--name <name>', '姓名（默认同用户名）')
    .option('--org <uscc>', '所属单位的统一社会信用代码（可重复；责任单位和各单位角色必填）', repeatable)
    .option('--mobile <mobile>', '手机号码')
    .option('--email <email>', '电子邮箱')
    .option('--position <position>', '职务')
    .option('--password-stdin', '从标准输入读入密码')
    .action(run(async (opts: { username: string; role: string[]; jurisdiction: string; name?: string; org?: string[]; mobile?: string; email?: string; position?: string; passwordStdin?: boolean }) => {
      if (!USERNAME_PATTERN.test(opts.username)) throw new AppError('VALIDATION', `--username：“${opts.username}”不可用，用户名须以字母开头，由 3–32 位字母、数字或 . _ - 组成`, { field: 'username' });
      const roles = opts.role.map((r) => parseRole(r));
      if (!/^\d{6}$/.test(opts.jurisdiction)) throw new AppError('VALIDATION', `--jurisdiction：应为 6 位行政区划代码，如 410411，而不是“${opts.jurisdiction}”`, { field: 'jurisdictionCode' });
      if (opts.mobile && !MOBILE_PATTERN.test(opts.mobile)) throw new AppError('VALIDATION', '--mobile：手机号码应为 11 位数字，以 1 开头', { field: 'mobile' });
      const password = opts.passwordStdin ? await readStdin() : undefined;
      const result = await withContext(async (ctx) => {
        const organizationIds: string[] = [];
        for (const uscc of opts.org ?? []) {
          const org = await ctx.db.selectFrom('organization').select('id').where('uscc', '=', uscc.toUpperCase()).executeTakeFirst();
          if (!org) throw new AppError('VALIDATION', `--org：机构库中没有统一社会信用代码为 ${uscc} 的单位（请先导入或登记该单位）`, { field: 'organizationIds' });
          organizationIds.push(org.id);
        }
        return naming(() =>
          createAccount(
            ctx,
            { username: opts.username, displayName: opts.name ?? opts.username, roles, jurisdictionCode: opts.jurisdiction, organizationIds, mobile: opts.mobile, email: opts.email, position: opts.position },
            password === undefined ? {} : { password },
          ),
        );
      });
      const summary = `已开通账号 ${result.user.username}（${result.user.displayName}）：${result.user.roles.map((r) => USER_ROLES.label(r)).join('、')}，辖区 ${result.user.jurisdictionName}${result.user.units.length ? `，单位 ${result.user.units.map((u) => u.name).join('、')}` : ''}`;
      console.log(summary);
      if (result.password) {
        console.log(`一次性密码：${result.password}`);
        console.log(`请于 ${beijing(result.expiresAt)}（北京时间）前登录，登录后须立即修改密码。此密码只显示这一次。`);
      } else {
        console.log('密码为标准输入提供的密码。');
      }
    }));

  user
    .command('list')
    .description('列出本辖区（TT_JURISDICTION）的账号')
    .option('--json', '输出 JSON')
    .action(run(async (opts: { json?: boolean }) => {
      const users = await withContext(async (ctx) => {
        const all = [];
        for (let page = 1; ; page++) {
          const { items, total } = await listUsers(ctx, { page, pageSize: 200 });
          all.push(...items);
          if (all.length >= total || !items.length) return all;
        }
      });
      if (opts.json) {
        console.log(JSON.stringify(users.map(({ isMe: _me, ...u }) => u), null, 2));
        return;
      }
      if (!users.length) {
        console.log('没有账号。开通第一个系统管理员：printf "%s" "$PASSWORD" | techtransfer user create --username admin --role admin --jurisdiction 410411 --password-stdin');
        return;
      }
      for (const u of users) {
        console.log(
          [u.username, u.displayName, u.roles.map((r) => USER_ROLES.label(r)).join('、'), u.jurisdictionName, u.units.map((o) => o.name).join('、') || '—', ACCOUNT_STATUSES.label(u.status), u.lastLoginAt ? `最近登录 ${beijing(u.lastLoginAt)}` : '从未登录'].join('\t'),
        );
      }
      console.log(`共 ${users.length} 个账号`);
    }));

  const byUsername = (description: string, work: (ctx: Ctx, userId: string) => Promise<string>) =>
    run(async (username: string) => {
      console.log(await withContext(async (ctx) => work(ctx, await findUserIdByUsername(ctx.db, username))));
    });

  user.command('disable <username>').description('停用账号（立即退出其全部登录；最后一个系统管理员不能停用）')
    .action(byUsername('disable', async (ctx, id) => `已停用账号 ${(await disableUser(ctx, id)).username}，其登录已全部退出`));
  user.command('enable <username>').description('启用已停用的账号')
    .action(byUsername('enable', async (ctx, id) => `已启用账号 ${(await enableUser(ctx, id)).username}`));
  user.command('reset-password <username>').description('重置密码：打印一次性密码（72 小时内有效，登录后须修改），退出其全部登录')
    .action(byUsername('reset', async (ctx, id) => {
      const r = await resetPassword(ctx, id);
      return `已重置账号 ${r.user.username} 的密码。\n一次性密码：${r.password}\n请于 ${beijing(r.expiresAt)}（北京时间）前登录，登录后须立即修改密码。此密码只显示这一次。`;
    }));

  const roleChange = (grant: boolean) =>
    run(async (username: string, roleArg: string) => {
      const role = parseRole(roleArg, '角色');
      const message = await withContext(async (ctx) => {
        const id = await findUserIdByUsername(ctx.db, username);
        const row = await loadManagedUser(ctx.db, ctx.actor, 'users.user.update_roles', id);
        const roles = JSON.parse(row.roles) as UserRole[];
        if (grant === roles.includes(role)) return `账号 ${username} ${grant ? '已有' : '本无'}角色“${USER_ROLES.label(role)}”，未作修改`;
        const next = grant ? [...roles, role] : roles.filter((r) => r !== role);
        if (!next.length) throw new AppError('VALIDATION', `角色：账号 ${username} 只有“${USER_ROLES.label(role)}”这一个角色，不能收回；不再使用的账号请停用（techtransfer user disable ${username}）`, { field: 'roles' });
        const updated = await naming(() => changeRoles(ctx, id, next), { organizationIds: '角色' });
        return `账号 ${username} 现有角色：${updated.roles.map((r) => USER_ROLES.label(r)).join('、')}`;
      });
      console.log(message);
    });
  user.command('grant <username> <role>').description(`授予角色：${roleList}`).action(roleChange(true));
  user.command('revoke <username> <role>').description('收回角色（最后一个系统管理员不能收回系统管理员角色）').action(roleChange(false));
}
