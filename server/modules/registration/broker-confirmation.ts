/**
 * Brokers register as people tied to their agency, and the agency's 单位管理员 confirms them. On
 * confirmation, in one transaction: the person is recorded in the people registry with the broker
 * role and the agency as employer (or, when the registry already holds the ID number, the role and the
 * employment are added to that record); the broker's account is opened with role broker, tied to the
 * agency; the broker finds a notification on first login. Returning records the reason the broker
 * reads on the status page. Audited.
 */
import type { BrokerApplication } from '../../../common/registration-api.js';
import type { RegistrationStatus } from '../../../common/registration-vocabulary.js';
import type { PersonInput } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import { notFound } from '../../errors.js';
import { audit } from '../audit/audit.js';
import { sendNotification } from '../notifications/notifications.js';
import type { OrganizationRow } from '../registry/organization-repo.js';
import { findPersonByIdNumber, insertPerson, writePersonUpdate } from '../registry/people.js';
import { openAccount } from './accounts.js';
import { assertPending } from './decide-registration.js';
import { appendStep, type RegistrationRow } from './repo.js';
import { loadUnitForAdmin } from './unit-access.js';

function present(r: RegistrationRow): BrokerApplication {
  return {
    id: r.id,
    number: r.number,
    status: r.status as RegistrationStatus,
    applicantName: r.applicant_name,
    idNumberMasked: r.applicant_id_masked,
    mobile: r.applicant_mobile,
    position: r.applicant_position,
    employment: r.employment as BrokerApplication['employment'],
    certificateNumber: r.certificate_number,
    username: r.username,
    submittedAt: r.created_at,
    updatedAt: r.updated_at,
    returnReason: r.return_reason,
    version: Number(r.version),
  };
}

export async function listBrokerApplications(ctx: Ctx, organizationId: string): Promise<BrokerApplication[]> {
  await loadUnitForAdmin(ctx.db, ctx.actor, organizationId);
  const rows = await ctx.db
    .selectFrom('unit_registration')
    .selectAll()
    .where('applicant_type', '=', 'broker')
    .where('agency_organization_id', '=', organizationId)
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
  // Waiting ones first.
  return rows.map(present).sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));
}

async function loadBrokerApplication(db: Executor, organizationId: string, id: string): Promise<RegistrationRow> {
  const row = await db.selectFrom('unit_registration').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.applicant_type !== 'broker' || row.agency_organization_id !== organizationId) throw notFound('技术经纪人注册申请', id);
  return row;
}

/** The registry's person for the broker: found by ID number and given the role and employer, or recorded. */
async function recordBroker(ctx: Ctx, row: RegistrationRow, agency: OrganizationRow): Promise<{ personId: string; created: boolean }> {
  const idNumber = ctx.protector.decrypt(row.applicant_id_cipher!);
  const role = { role: 'broker' as const, ...(row.employment ? { employment: row.employment as 'full_time' | 'part_time' } : {}), ...(row.certificate_number ? { certificateNumber: row.certificate_number } : {}) };
  const affiliation = { organizationId: agency.id, ...(row.applicant_position ? { title: row.applicant_position } : {}) };
  const held = await findPersonByIdNumber(ctx, ctx.db, idNumber);
  if (!held) {
    const person = await insertPerson(ctx, { name: row.applicant_name, idNumber, phone: row.applicant_mobile, roles: [role], affiliations: [affiliation] });
    return { personId: person.id, created: true };
  }
  const [roles, affiliations] = await Promise.all([
    ctx.db.selectFrom('person_role').selectAll().where('person_id', '=', held.id).execute(),
    ctx.db.selectFrom('affiliation').selectAll().where('person_id', '=', held.id).execute(),
  ]);
  const input: PersonInput = {
    name: held.name,
    idNumber,
    ...(held.phone ? { phone: held.phone } : { phone: row.applicant_mobile }),
    roles: roles.map((r) => ({
      role: r.role as PersonInput['roles'][number]['role'],
      ...(r.certificate_number ? { certificateNumber: r.certificate_number } : {}),
      ...(r.level ? { level: r.level as never } : {}),
      ...(r.employment ? { employment: r.employment as never } : {}),
    })),
    affiliations: affiliations.map((a) => ({ organizationId: a.organization_id, ...(a.title ? { title: a.title } : {}) })),
  };
  if (!input.roles.some((r) => r.role === 'broker')) input.roles.push(role);
  if (!input.affiliations.some((a) => a.organizationId === agency.id)) input.affiliations.push(affiliation);
  await writePersonUpdate(ctx, ctx.db, held, input);
  return { personId: held.id, created: false };
}

export async function approveBroker(ctx: Ctx, organizationId: string, id: string, version: number): Promise<BrokerApplication[]> {
  await inTransaction(ctx, async (trx) => {
    const tx: Ctx = { ...ctx, db: trx };
    const agency = await loadUnitForAdmin(trx, ctx.actor, organizationId);
    const row = await loadBrokerApplication(trx, organizationId, id);
    assertPending(row, version);
    const person = await recordBroker(tx, row, agency);
    const user = await openAccount(tx, {
      username: row.username,
      displayName: row.applicant_name,
      passwordHash: row.password_hash,
      mobile: row.applicant_mobile,
      position: row.applicant_position,
      role: 'broker',
      organization: agency,
    });
    const now = ctx.clock.now().toISOString();
    if (row.oidc_issuer && row.oidc_subject) {
      await trx.insertInto('user_identity').values({ issuer: row.oidc_issuer, subject: row.oidc_subject, user_id: user.id, created_at: now }).execute();
    }
    await trx
      .updateTable('unit_registration')
      .set({ status: 'approved', user_id: user.id, person_id: person.personId, return_reason: null, decided_at: now, decided_by_name: ctx.actor.name, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendStep(trx, row.id, { action: 'approve', at: now, actor_name: ctx.actor.name, reason: null, snapshot: null, ip: ctx.ip });
    await audit(trx, ctx, {
      action: 'registration.broker.approve',
      subjectType: 'unit_registration',
      subjectId: row.id,
      before: { status: 'pending' },
      after: { status: 'approved', number: row.number, agency: { id: agency.id, name: agency.name }, person: person, account: { id: user.id, username: row.username, role: 'broker' } },
    });
    await sendNotification(trx, ctx, {
      jurisdictionCode: agency.jurisdiction_code,
      recipientUserId: user.id,
      kind: 'registration.approved',
      title: '技术经纪人注册已确认',
      body: `您的技术经纪人注册（申请编号 ${row.number}）已由“${agency.name}”确认。您已登记为该机构的技术经纪人。`,
      link: null,
      dedupeKey: `registration.approved:${row.id}`,
    });
  });
  return listBrokerApplications(ctx, organizationId);
}

export async function returnBroker(ctx: Ctx, organizationId: string, id: string, version: number, reason: string): Promise<BrokerApplication[]> {
  await inTransaction(ctx, async (trx) => {
    await loadUnitForAdmin(trx, ctx.actor, organizationId);
    const row = await loadBrokerApplication(trx, organizationId, id);
    assertPending(row, version);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('unit_registration')
      .set({ status: 'returned', return_reason: reason, decided_at: now, decided_by_name: ctx.actor.name, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await appendStep(trx, row.id, { action: 'return', at: now, actor_name: ctx.actor.name, reason, snapshot: null, ip: ctx.ip });
    await audit(trx, ctx, { action: 'registration.broker.return', subjectType: 'unit_registration', subjectId: row.id, before: { status: 'pending' }, after: { status: 'returned', number: row.number, reason } });
  });
  return listBrokerApplications(ctx, organizationId);
}
