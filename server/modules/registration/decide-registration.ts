/**
 * The reviewer's decision on a unit's application. Approving, in one transaction: the unit is
 * claimed (the registry holds the credit code) or created through the registry's createOrganization
 * (its legal representative found or recorded in the people registry when the applicant gave the ID
 * number); the account is opened with the password the applicant chose and the role of the unit's
 * kind, tied to the unit, and made its 单位管理员; a single sign-on identity the applicant came with is
 * linked; the applicant finds a notification on first login. Returning records the reason the
 * applicant reads on the status page. Both are audited.
 */
import type { RegistrationDetail } from '../../../common/registration-api.js';
import { isRegistrableKind, UNIT_ROLE_OF_KIND } from '../../../common/registration-vocabulary.js';
import { ORGANIZATION_KINDS } from '../../../common/vocabulary.js';
import type { Ctx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { AppError } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import { findOrganizationByUscc, type OrganizationRow } from '../registry/organization-repo.js';
import { createOrganization } from '../registry/organizations.js';
import { createPerson, findPersonByIdNumber } from '../registry/people.js';
import { grantUnitAdmin, openAccount } from './accounts.js';
import { presentRegistrationDetail } from './get-registration.js';
import { loadRegistrationForReview } from './review-access.js';
import { appendStep, type RegistrationRow } from './repo.js';

export function assertPending(row: RegistrationRow, version: number): void {
  if (row.status !== 'pending') {
    throw new AppError('CONFLICT', row.status === 'approved' ? '该申请已审核通过' : '该申请已退回申请人修改，待其重新提交后再审核');
  }
  if (version !== row.version) throw new AppError('CONFLICT', '该申请已被他人处理或申请人刚刚重新提交，请刷新后再审核', { field: 'version' });
}

/** The registry's unit for an approved application: the one holding the credit code, or a new one. */
async function claimOrCreate(ctx: Ctx, row: RegistrationRow): Promise<{ org: OrganizationRow; created: boolean }> {
  const held = await findOrganizationByUscc(ctx.db, row.uscc!);
  if (held) {
    if (!isRegistrableKind(held.kind)) {
      throw new AppError('CONFLICT', `机构库中该信用代码登记为${ORGANIZATION_KINDS.label(held.kind)}“${held.name}”，此类单位不能通过注册开通账号，请退回申请`);
    }
    return { org: held, created: false };
  }
  let legalRepresentativeId: string | undefined;
  if (row.legal_rep_id_cipher) {
    const idNumber = ctx.protector.decrypt(row.legal_rep_id_cipher);
    const person = await findPersonByIdNumber(ctx, ctx.db, idNumber);
    legalRepresentativeId = person?.id ?? (await createPerson(ctx, { name: row.legal_rep_name!, idNumber, roles: [], affiliations: [] })).id;
  }
  const org = await createOrganization(ctx, {
    name: row.org_name!,
    uscc: row.uscc!,
    kind: row.org_kind as never,
    divisionCode: row.division_code!,
    address: row.address ?? undefined,
    industries: [],
    serviceTypes: [],
    contacts: [{ name: row.applicant_name, ...(row.applicant_position ? { title: row.applicant_position } : {}), phone: row.applicant_mobile }],
    ...(legalRepresentativeId ? { legalRepresentativeId } : {}),
  });
  const created = (await ctx.db.selectFrom('organization').selectAll().where('id', '=', org.id).executeTakeFirst())!;
  return { org: created, created: true };
}

export async function approveRegistration(ctx: Ctx, id: string, version: number): Promise<RegistrationDetail> {
  return inTransaction(ctx, async (trx) => {
    const tx: Ctx = { ...ctx, db: trx };
    const row = await loadRegistrationForReview(trx, ctx.actor, id);
    assertPending(row, version);
    const { org, created } = await claimOrCreate(tx, row);
    const role = UNIT_ROLE_OF_KIND[org.kind as keyof typeof UNIT_ROLE_OF_KIND];
    const taken = await trx.selectFrom('app_user').select('id').where('username', '=', row.username).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `用户名 ${row.username} 已被他人使用，无法开通账号；请退回申请，请申请人换一个用户名`, { field: 'username' });
    const user = await openAccount(tx, {
      username: row.username,
      displayName: row.applicant_name,
      passwordHash: row.password_hash,
      mobile: row.applicant_mobile,
      position: row.applicant_position,
      role,
      organization: org,
    });
    const now = ctx.clock.now().toISOString();
    await grantUnitAdmin(trx, org.id, user.id, ctx.actor.name, now);
    if (row.oidc_issuer && row.oidc_subject) {
      await trx.insertInto('user_identity').values({ issuer: row.oidc_issuer, subject: row.oidc_subject, user_id: user.id, created_at: now }).execute();
    }
    await trx
      .updateTable('unit_registration')
      .set({ status: 'approved', organization_id: org.id, user_id: user.id, return_reason: null, decided_at: now, decided_by_name: ctx.actor.name, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendStep(trx, row.id, { action: 'approve', at: now, actor_name: ctx.actor.name, reason: null, snapshot: null, ip: ctx.ip });
    await audit(trx, ctx, {
      action: 'registration.approve',
      subjectType: 'unit_registration',
      subjectId: row.id,
      before: { status: 'pending' },
      after: {
        status: 'approved',
        number: row.number,
        organization: { id: org.id, name: org.name, uscc: org.uscc, created },
        account: { id: user.id, username: row.username, role, unitAdmin: true },
      },
    });
    await sendNotification(trx, ctx, {
      jurisdictionCode: org.jurisdiction_code,
      recipientUserId: user.id,
      kind: 'registration.approved',
      title: '单位注册已通过审核',
      body: `您的单位注册（申请编号 ${row.number}）已由${ctx.actor.name}审核通过。您是“${org.name}”的单位管理员，可在「单位用户」中邀请同事加入、管理本单位账号。`,
      link: '/unit-users',
      dedupeKey: `registration.approved:${row.id}`,
    });
    const next = (await trx.selectFrom('unit_registration').selectAll().where('id', '=', row.id).executeTakeFirst())!;
    return presentRegistrationDetail(trx, next);
  });
}

export async function returnRegistration(ctx: Ctx, id: string, version: number, reason: string): Promise<RegistrationDetail> {
  return inTransaction(ctx, async (trx) => {
    const row = await loadRegistrationForReview(trx, ctx.actor, id);
    assertPending(row, version);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('unit_registration')
      .set({ status: 'returned', return_reason: reason, decided_at: now, decided_by_name: ctx.actor.name, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendStep(trx, row.id, { action: 'return', at: now, actor_name: ctx.actor.name, reason, snapshot: null, ip: ctx.ip });
    await audit(trx, ctx, {
      action: 'registration.return',
      subjectType: 'unit_registration',
      subjectId: row.id,
      before: { status: 'pending' },
      after: { status: 'returned', number: row.number, reason },
    });
    const next = (await trx.selectFrom('unit_registration').selectAll().where('id', '=', row.id).executeTakeFirst())!;
    return presentRegistrationDetail(trx, next);
  });
}
