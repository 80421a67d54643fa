/**
 * The platform keeps at least one working admin: the last account with the admin role that is not
 * disabled cannot be disabled or lose the role. On PostgreSQL the active admins' rows are locked for
 * the transaction, so two admins demoting each other at once cannot both pass; SQLite serialises
 * writers anyway.
 */
import type { Transaction } from 'kysely';
import type { Dialect } from '../../db/create-db.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export async function assertNotLastAdmin(trx: Transaction<Database>, dialect: Dialect, userId: string, change: 'disable' | 'demote'): Promise<void> {
  let q = trx.selectFrom('app_user').select('id').where('disabled', '=', 0).where('roles', 'like', '%"admin"%');
  if (dialect === 'postgres') q = q.forUpdate();
  const admins = await q.execute();
  if (admins.length <= 1 && admins.some((a) => a.id === userId)) {
    throw new AppError(
      'CONFLICT',
      change === 'disable'
        ? '这是平台最后一个正常使用的系统管理员账号，不能停用：请先为另一人开通系统管理员角色'
        : '这是平台最后一个正常使用的系统管理员账号，不能取消其系统管理员角色：请先为另一人开通系统管理员角色',
    );
  }
}
