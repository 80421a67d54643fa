/**
 * Which accounts an admin manages: those whose jurisdiction lies within its own (a city's admin
 * manages its districts' accounts, a district's admin only its own). A record outside reads as
 * absent, so one jurisdiction does not learn another's usernames.
 */
import type { Actor, Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Action } from '../access/permissions.js';
import { assertCan } from '../access/policy.js';
import { isWithinJurisdiction } from '../registry/divisions.js';
import type { UserRow } from './present.js';

export const USER_NOT_FOUND = '该用户不存在或不在您的辖区';

export async function loadManagedUser(db: Executor, actor: Actor, action: Action, userId: string): Promise<UserRow> {
  assertCan(actor, action);
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || !isWithinJurisdiction(actor.jurisdictionCode, row.jurisdiction_code)) throw new AppError('NOT_FOUND', USER_NOT_FOUND);
  return row;
}

/** The CLI names accounts by username. */
export async function findUserIdByUsername(db: Executor, username: string): Promise<string> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `用户名“${username}”不存在`, { field: 'username' });
  return row.id;
}

/** Optimistic concurrency: the page sends the version it showed; another admin's change in between is a conflict. */
export function assertVersion(row: UserRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError('CONFLICT', `账号“${row.display_name}”已被他人修改，请刷新后重试`);
  }
}

export function assertJurisdictionReachable(actor: Actor, jurisdictionCode: string): void {
  if (!isWithinJurisdiction(actor.jurisdictionCode, jurisdictionCode)) {
    throw new AppError('FORBIDDEN', '只能为本辖区及下级辖区开通账号', { field: 'jurisdictionCode' });
  }
}
