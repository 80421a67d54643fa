/** An account row as the admin sees it (common/users-api.ts ManagedUser), units resolved to names. */
import type { Selectable } from 'kysely';
import type { AccountStatus, ManagedUser } from '../../../common/users-api.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Actor, Executor } from '../../context.js';
import type { UserTable } from '../../db/schema.js';
import { findDivision } from '../registry/divisions.js';

export type UserRow = Selectable<UserTable>;

export function accountStatus(row: Pick<UserRow, 'disabled' | 'locked_until' | 'must_change_password'>, now: Date): AccountStatus {
  if (row.disabled) return 'disabled';
  if (row.locked_until && row.locked_until > now.toISOString()) return 'locked';
  if (row.must_change_password) return 'must_change';
  return 'active';
}

export async function presentUsers(db: Executor, rows: UserRow[], actor: Actor, now: Date): Promise<ManagedUser[]> {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .selectFrom('user_organization as m')
        .innerJoin('organization as o', 'o.id', 'm.organization_id')
        .select(['m.user_id', 'o.id', 'o.name'])
        .where('m.user_id', 'in', ids)
        .orderBy('o.name')
        .execute()
    : [];
  return rows.map((r) => {
    const locked = !!r.locked_until && r.locked_until > now.toISOString();
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      roles: JSON.parse(r.roles) as UserRole[],
      jurisdictionCode: r.jurisdiction_code,
      jurisdictionName: findDivision(r.jurisdiction_code)?.fullName ?? r.jurisdiction_code,
      units: links.filter((l) => l.user_id === r.id).map((l) => ({ id: l.id, name: l.name })),
      mobile: r.mobile,
      email: r.email,
      position: r.position,
      status: accountStatus(r, now),
      disabled: r.disabled === 1,
      lockedUntil: locked ? r.locked_until : null,
      failedLogins: Number(r.failed_logins),
      mustChangePassword: Number(r.must_change_password) === 1,
      passwordExpiresAt: r.password_expires_at,
      lastLoginAt: r.last_login_at,
      lastLoginIp: r.last_login_ip,
      createdAt: r.created_at,
      isDemo: Number(r.is_demo) === 1,
      isMe: r.id === actor.id,
      version: Number(r.version),
    };
  });
}

export async function presentUser(db: Executor, row: UserRow, actor: Actor, now: Date): Promise<ManagedUser> {
  return (await presentUsers(db, [row], actor, now))[0]!;
}
