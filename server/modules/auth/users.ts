/** Accounts: who logs in, with which roles, for which jurisdiction and organizations. */
import { hash } from '@node-rs/argon2';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Actor, Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { Executor } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { newId } from '../../ids.js';
import { assertPasswordAcceptable } from './password-policy.js';

/** argon2id with OWASP's second recommended setting (19 MiB, 2 passes). */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: UserRole[];
  jurisdictionCode: string;
  organizationIds: string[];
  /** Contact details of the person (用户与权限 asks for them; registration records its own). */
  mobile?: string | null;
  email?: string | null;
  position?: string | null;
}

export interface NewUserOptions {
  isDemo?: boolean;
  /**
   * A password an admin issued (用户与权限, `user reset-password`): the next login must change it,
   * and it stops working at `passwordExpiresAt`. A password the user chose leaves both unset.
   */
  mustChangePassword?: boolean;
  passwordExpiresAt?: string;
}

/**
 * An account whose password was checked and hashed earlier: a unit registration keeps only the
 * hash of the password the applicant chose while it waits for review (server/modules/registration).
 */
export type NewUserWithHash = Omit<NewUser, 'password'> & { passwordHash: string };

export async function createUser(ctx: Ctx, input: NewUser | NewUserWithHash, options: NewUserOptions = {}): Promise<{ id: string }> {
  let passwordHash: string;
  if ('passwordHash' in input) {
    passwordHash = input.passwordHash;
  } else {
    assertPasswordAcceptable(input.password, input.username);
    passwordHash = await hash(input.password, ARGON2_OPTIONS);
  }
  return inTransaction(ctx, async (trx) => {
    const taken = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, { field: 'username' });
    const now = ctx.clock.now().toISOString();
    const id = newId();
    await trx
      .insertInto('app_user')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        roles: JSON.stringify(input.roles),
        jurisdiction_code: input.jurisdictionCode,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        version: 1,
        created_at: now,
        updated_at: now,
        is_demo: options.isDemo ? 1 : 0,
        password_changed_at: now,
        must_change_password: options.mustChangePassword ? 1 : 0,
        password_expires_at: options.passwordExpiresAt ?? null,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        position: input.position ?? null,
      })
      .execute();
    if (input.organizationIds.length) {
      await trx.insertInto('user_organization').values(input.organizationIds.map((organization_id) => ({ user_id: id, organization_id }))).execute();
    }
    const { password: _p, passwordHash: _h, ...shown } = input as NewUser & NewUserWithHash;
    const issued = options.mustChangePassword ? { mustChangePassword: true, passwordExpiresAt: options.passwordExpiresAt ?? null } : {};
    await audit(trx, ctx, { action: 'auth.user.create', subjectType: 'user', subjectId: id, after: { ...shown, ...issued } });
    return { id };
  });
}

export async function loadActor(db: Executor, userId: string): Promise<Actor & { username: string } | null> {
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).where('disabled', '=', 0).executeTakeFirst();
  if (!user) return null;
  const orgs = await db.selectFrom('user_organization').select('organization_id').where('user_id', '=', userId).execute();
  return {
    id: user.id,
    username: user.username,
    name: user.display_name,
    roles: JSON.parse(user.roles) as UserRole[],
    jurisdictionCode: user.jurisdiction_code,
    organizationIds: orgs.map((o) => o.organization_id),
  };
}
