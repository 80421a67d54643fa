/**
 * Opening an account (用户与权限, `techtransfer user create`): a government account with its roles,
 * jurisdiction and department units. Without a password the platform issues a one-time password,
 * shown once to the admin, valid 72 hours, which the first login must change; a password given to the
 * CLI (`--password-stdin`) is the user's own and stays. Audited (auth.user.create) with the account.
 */
import type { OneTimePassword } from '../../../common/users-api.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertCan } from '../access/policy.js';
import { createUser } from '../auth/users.js';
import { isKnownDivision, isWithinJurisdiction } from '../registry/divisions.js';
import { assertJurisdictionReachable } from './access.js';
import { generateOneTimePassword, temporaryPasswordExpiry } from './one-time-password.js';
import { presentUser } from './present.js';

export interface AccountInput {
  username: string;
  displayName: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationIds: string[];
  mobile?: string | undefined;
  email?: string | undefined;
  position?: string | undefined;
}

/** Roles whose work is done for a unit: an account with one of them must be tied to a unit. */
const UNIT_ROLES: readonly UserRole[] = ['department', 'enterprise', 'institution', 'broker', 'agency', 'bank'];

export async function checkUnits(ctx: Ctx, roles: readonly UserRole[], organizationIds: readonly string[]): Promise<void> {
  const needing = roles.find((r) => UNIT_ROLES.includes(r));
  if (needing && organizationIds.length === 0) {
    throw new AppError('VALIDATION', '该角色代表单位办理业务，须为账号选择所属单位', { field: 'organizationIds' });
  }
  if (!organizationIds.length) return;
  const orgs = await ctx.db.selectFrom('organization').select(['id', 'jurisdiction_code']).where('id', 'in', [...organizationIds]).execute();
  for (const id of organizationIds) {
    const org = orgs.find((o) => o.id === id);
    if (!org) throw new AppError('VALIDATION', '所选单位不在机构库中', { field: 'organizationIds' });
    if (!isWithinJurisdiction(ctx.actor.jurisdictionCode, org.jurisdiction_code)) throw new AppError('FORBIDDEN', '所选单位不在您的辖区', { field: 'organizationIds' });
  }
}

export async function createAccount(ctx: Ctx, input: AccountInput, options: { password?: string } = {}): Promise<OneTimePassword> {
  assertCan(ctx.actor, 'users.user.create');
  if (!isKnownDivision(input.jurisdictionCode)) throw new AppError('VALIDATION', `辖区“${input.jurisdictionCode}”不是有效的行政区划代码`, { field: 'jurisdictionCode' });
  assertJurisdictionReachable(ctx.actor, input.jurisdictionCode);
  const organizationIds = [...new Set(input.organizationIds)];
  await checkUnits(ctx, input.roles, organizationIds);
  const own = options.password !== undefined;
  const password = own ? options.password! : generateOneTimePassword(input.username);
  const expiresAt = temporaryPasswordExpiry(ctx.clock.now());
  const { id } = await createUser(
    ctx,
    {
      username: input.username,
      displayName: input.displayName,
      password,
      roles: [...new Set(input.roles)],
      jurisdictionCode: input.jurisdictionCode,
      organizationIds,
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      position: input.position ?? null,
    },
    own ? {} : { mustChangePassword: true, passwordExpiresAt: expiresAt },
  );
  const row = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    user: await presentUser(ctx.db, row, ctx.actor, ctx.clock.now()),
    password: own ? '' : password,
    expiresAt: own ? '' : expiresAt,
    mailed: false,
    mailProblem: null,
  };
}
