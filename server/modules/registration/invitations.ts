/**
 * Colleagues join a verified unit with a one-time invitation code from its 单位管理员 (valid
 * INVITATION_DAYS days, shown to the admin once; no mail server is assumed): a newcomer opens an
 * account at /join (username, name, mobile, password by the rules) and gets the unit's role tied to
 * the unit; someone who already has an account accepts it logged in, and the unit is added to the
 * ones they act for. The code is spent by the first use. Audited; the inviter is told.
 */
import { hash } from '@node-rs/argon2';
import type { InvitationPreview, IssuedInvitation, JoinedUnit, UnitInvitation } from '../../../common/registration-api.js';
import { INVITATION_DAYS, isRegistrableKind, UNIT_ROLE_OF_KIND, type InvitationState } from '../../../common/registration-vocabulary.js';
import type { UserRole } from '../../../common/vocabulary.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { UnitInvitationTable } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../ids.js';
import { audit } from '../audit/audit.js';
import { assertCan } from '../access/policy.js';
import { assertPasswordAcceptable } from '../auth/password-policy.js';
import { ARGON2_OPTIONS } from '../auth/users.js';
import { sendNotification } from '../notifications/notifications.js';
import type { OrganizationRow } from '../registry/organization-repo.js';
import type { Selectable } from 'kysely';
import { openAccount } from './accounts.js';
import { hashSecretCode, newSecretCode } from './codes.js';
import { usernameInUse } from './repo.js';
import type { JoinInput } from './schema.js';
import { applicantActor } from './submit-registration.js';
import { loadUnitForAdmin } from './unit-access.js';

type InvitationRow = Selectable<UnitInvitationTable>;

const DAY_MS = 86_400_000;
const INVALID = '邀请码不正确或已失效（邀请码 7 天内有效，只能使用一次），请向单位管理员索取新的邀请码';

function stateOf(row: InvitationRow, now: string): InvitationState {
  if (row.revoked_at) return 'revoked';
  if (row.accepted_at) return 'accepted';
  return row.expires_at <= now ? 'expired' : 'open';
}

function roleOf(org: OrganizationRow): UserRole {
  if (!isRegistrableKind(org.kind)) throw new AppError('CONFLICT', '该单位的类型不能通过邀请加入账号');
  return UNIT_ROLE_OF_KIND[org.kind];
}

export async function inviteColleague(ctx: Ctx, organizationId: string, note?: string): Promise<IssuedInvitation> {
  return inTransaction(ctx, async (trx) => {
    const org = await loadUnitForAdmin(trx, ctx.actor, organizationId);
    roleOf(org);
    const code = newSecretCode();
    const now = ctx.clock.now();
    const row: InvitationRow = {
      id: newId(now.getTime()),
      organization_id: org.id,
      code_hash: hashSecretCode(code),
      created_by_user_id: ctx.actor.id,
      created_by_name: ctx.actor.name,
      note: note || null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString(),
      accepted_at: null,
      accepted_by_user_id: null,
      revoked_at: null,
    };
    await trx.insertInto('unit_invitation').values(row).execute();
    await audit(trx, ctx, {
      action: 'registration.invitation.create',
      subjectType: 'unit_invitation',
      subjectId: row.id,
      after: { organizationId: org.id, organizationName: org.name, note: row.note, expiresAt: row.expires_at },
    });
    return { id: row.id, code, expiresAt: row.expires_at, organizationName: org.name };
  });
}

export async function listInvitations(ctx: Ctx, organizationId: string): Promise<UnitInvitation[]> {
  await loadUnitForAdmin(ctx.db, ctx.actor, organizationId);
  const rows = await ctx.db
    .selectFrom('unit_invitation as i')
    .leftJoin('app_user as u', 'u.id', 'i.accepted_by_user_id')
    .selectAll('i')
    .select('u.display_name as accepted_by_name')
    .where('i.organization_id', '=', organizationId)
    .orderBy('i.created_at', 'desc')
    .limit(200)
    .execute();
  const now = ctx.clock.now().toISOString();
  return rows.map((r) => ({
    id: r.id,
    state: stateOf(r, now),
    note: r.note,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    acceptedByName: r.accepted_by_name,
  }));
}

export async function revokeInvitation(ctx: Ctx, organizationId: string, invitationId: string): Promise<UnitInvitation[]> {
  await inTransaction(ctx, async (trx) => {
    await loadUnitForAdmin(trx, ctx.actor, organizationId);
    const row = await trx.selectFrom('unit_invitation').selectAll().where('id', '=', invitationId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!row) throw notFound('邀请码', invitationId);
    const now = ctx.clock.now().toISOString();
    if (stateOf(row, now) !== 'open') throw new AppError('CONFLICT', '该邀请码已使用、已过期或已作废');
    await trx.updateTable('unit_invitation').set({ revoked_at: now }).where('id', '=', row.id).execute();
    await audit(trx, ctx, { action: 'registration.invitation.revoke', subjectType: 'unit_invitation', subjectId: row.id, before: { state: 'open' }, after: { state: 'revoked' } });
  });
  return listInvitations(ctx, organizationId);
}

async function openInvitation(db: Executor, code: string, now: string): Promise<{ invitation: InvitationRow; org: OrganizationRow }> {
  const invitation = await db.selectFrom('unit_invitation').selectAll().where('code_hash', '=', hashSecretCode(code)).executeTakeFirst();
  if (!invitation || stateOf(invitation, now) !== 'open') throw new AppError('NOT_FOUND', INVALID, { field: 'code' });
  const org = (await db.selectFrom('organization').selectAll().where('id', '=', invitation.organization_id).executeTakeFirst())!;
  return { invitation, org };
}

/** Spends the invitation: only the first of two simultaneous uses gets it. */
async function spendInvitation(db: Executor, invitation: InvitationRow, userId: string, now: string): Promise<void> {
  const spent = await db
    .updateTable('unit_invitation')
    .set({ accepted_at: now, accepted_by_user_id: userId })
    .where('id', '=', invitation.id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', INVALID, { field: 'code' });
}

export async function checkInvitation(ctx: Ctx, code: string): Promise<InvitationPreview> {
  const { invitation, org } = await openInvitation(ctx.db, code, ctx.clock.now().toISOString());
  return { organizationName: org.name, role: roleOf(org), expiresAt: invitation.expires_at };
}

async function tellInviter(db: Executor, ctx: Ctx, invitation: InvitationRow, org: OrganizationRow, who: string): Promise<void> {
  if (!invitation.created_by_user_id) return;
  await sendNotification(db, ctx, {
    jurisdictionCode: org.jurisdiction_code,
    recipientUserId: invitation.created_by_user_id,
    kind: 'registration.invitation.accepted',
    title: '同事已加入本单位',
    body: `${who}已使用您发出的邀请码加入“${org.name}”。`,
    link: '/unit-users',
  });
}

/** A newcomer opens an account with the code (public, no login). */
export async function joinWithInvitation(ctx: Ctx, input: JoinInput): Promise<JoinedUnit> {
  assertPasswordAcceptable(input.password, input.username, 'password');
  const passwordHash = await hash(input.password, ARGON2_OPTIONS);
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const { invitation, org } = await openInvitation(trx, input.code, now);
    const role = roleOf(org);
    if (await usernameInUse(trx, input.username)) throw new AppError('CONFLICT', `用户名 ${input.username} 已被使用，请换一个`, { field: 'username' });
    const joiner: Ctx = { ...ctx, db: trx, actor: applicantActor(input.displayName, org.jurisdiction_code) };
    const user = await openAccount(joiner, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      mobile: input.mobile,
      position: input.position ?? null,
      role,
      organization: org,
    });
    await spendInvitation(trx, invitation, user.id, now);
    await audit(trx, joiner, {
      action: 'registration.invitation.accept',
      subjectType: 'unit_invitation',
      subjectId: invitation.id,
      after: { organizationId: org.id, organizationName: org.name, userId: user.id, username: input.username, role, newAccount: true },
    });
    await tellInviter(trx, ctx, invitation, org, input.displayName);
    return { organizationName: org.name, username: input.username, role };
  });
}

/** Someone with an account adds the unit to the ones they act for (logged in). */
export async function acceptInvitation(ctx: Ctx, code: string): Promise<JoinedUnit> {
  assertCan(ctx.actor, 'registration.invitation.accept');
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const { invitation, org } = await openInvitation(trx, code, now);
    const role = roleOf(org);
    const user = (await trx.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst())!;
    const already = await trx.selectFrom('user_organization').select('user_id').where('user_id', '=', userId).where('organization_id', '=', org.id).executeTakeFirst();
    if (already) throw new AppError('CONFLICT', `您已是“${org.name}”的用户，无需再次加入`, { field: 'code' });
    await spendInvitation(trx, invitation, userId, now);
    await trx.insertInto('user_organization').values({ user_id: userId, organization_id: org.id }).execute();
    const rolesBefore = JSON.parse(user.roles) as UserRole[];
    const roles = rolesBefore.includes(role) ? rolesBefore : [...rolesBefore, role];
    await trx.updateTable('app_user').set({ roles: JSON.stringify(roles), version: user.version + 1, updated_at: now }).where('id', '=', userId).execute();
    await audit(trx, ctx, {
      action: 'registration.invitation.accept',
      subjectType: 'unit_invitation',
      subjectId: invitation.id,
      before: { roles: rolesBefore },
      after: { organizationId: org.id, organizationName: org.name, userId, username: user.username, roles, newAccount: false },
    });
    await tellInviter(trx, ctx, invitation, org, user.display_name);
    return { organizationName: org.name, username: user.username, role };
  });
}
