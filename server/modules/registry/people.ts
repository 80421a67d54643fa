/**
 * People (人员): brokers and managers, transfer staff, researchers, staff. The resident ID number is
 * checked (GB 11643), stored encrypted, found by keyed digest, and only ever shown masked.
 */
import type { Selectable } from 'kysely';
import { maskResidentId } from '../../../common/resident-id.js';
import type { PersonInput, PersonPatch } from '../../../common/registry-schema.js';
import type { Ctx, Executor } from '../../context.js';
import { inTransaction } from '../../context.js';
import type { AffiliationTable, PersonRoleTable, PersonTable } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { audit, changedFields } from '../audit/audit.js';
import { assertCan } from '../access/policy.js';
import { scopeFor } from '../access/permissions.js';
import { personFactRefusal, personFactsChanged } from './verified-facts.js';
import { jurisdictionPrefix } from './divisions.js';
import { likePattern } from './organizations.js';
import { sql } from 'kysely';
import { newId } from '../../ids.js';
import { underPrefix } from '../../db/under-prefix.js';

export type PersonRow = Selectable<PersonTable>;

export interface Person {
  id: string;
  jurisdictionCode: string;
  name: string;
  idNumberMasked: string;
  phone: string | null;
  roles: { role: string; certificateNumber: string | null; level: string | null; employment: string | null }[];
  affiliations: { organizationId: string; organizationName: string; title: string | null }[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

async function loadPeople(db: Executor, rows: PersonRow[]): Promise<Person[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, affiliations] = await Promise.all([
    db.selectFrom('person_role').selectAll().where('person_id', 'in', ids).orderBy('role').execute(),
    db
      .selectFrom('affiliation as a')
      .innerJoin('organization as o', 'o.id', 'a.organization_id')
      .select(['a.person_id', 'a.organization_id', 'a.title', 'o.name'])
      .where('a.person_id', 'in', ids)
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    jurisdictionCode: r.jurisdiction_code,
    name: r.name,
    idNumberMasked: r.id_number_masked,
    phone: r.phone,
    roles: roles
      .filter((x) => x.person_id === r.id)
      .map((x) => ({ role: x.role, certificateNumber: x.certificate_number, level: x.level, employment: x.employment })),
    affiliations: affiliations
      .filter((x) => x.person_id === r.id)
      .map((x) => ({ organizationId: x.organization_id, organizationName: x.name, title: x.title })),
    isDemo: r.is_demo === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

function auditView(p: Person) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return { ...rest, affiliations: rest.affiliations.map(({ organizationId, title }) => ({ organizationId, title })) };
}

/** Whether an "own"-scoped actor reaches a person: the person works for one of its organizations. */
async function personReachable(ctx: Ctx, db: Executor, person: PersonRow, action: 'registry.person.read' | 'registry.person.update' | 'registry.person.update_contact') {
  const scope = assertCan(ctx.actor, action);
  if (scope === 'jurisdiction') return person.jurisdiction_code.startsWith(jurisdictionPrefix(ctx.actor.jurisdictionCode));
  if (ctx.actor.organizationIds.length === 0) return false;
  const link = await db
    .selectFrom('affiliation')
    .select('id')
    .where('person_id', '=', person.id)
    .where('organization_id', 'in', ctx.actor.organizationIds)
    .executeTakeFirst();
  return !!link;
}

export async function checkPersonReferences(db: Executor, input: Partial<PersonInput>): Promise<void> {
  for (const [i, a] of (input.affiliations ?? []).entries()) {
    const org = await db.selectFrom('organization').select('id').where('id', '=', a.organizationId).executeTakeFirst();
    if (!org) throw new AppError('VALIDATION', `所在单位不存在：${a.organizationId}`, { field: `affiliations.${i}.organizationId` });
  }
  for (const [i, r] of (input.roles ?? []).entries()) {
    if (r.role !== 'broker' && r.level) {
      throw new AppError('VALIDATION', '仅技术经纪（经理）人可填写等级', { field: `roles.${i}.level` });
    }
  }
}

export function roleRows(personId: string, input: PersonInput): Selectable<PersonRoleTable>[] {
  return input.roles.map((r) => ({
    id: newId(),
    person_id: personId,
    role: r.role,
    certificate_number: r.certificateNumber ?? null,
    level: r.level ?? null,
    employment: r.employment ?? null,
  }));
}

export function affiliationRows(personId: string, input: PersonInput): Selectable<AffiliationTable>[] {
  return input.affiliations.map((a) => ({
    id: newId(),
    person_id: personId,
    organization_id: a.organizationId,
    title: a.title ?? null,
  }));
}

export function findPersonByIdNumber(ctx: Ctx, db: Executor, idNumber: string) {
  return db.selectFrom('person').selectAll().where('id_number_digest', '=', ctx.protector.digest(idNumber)).executeTakeFirst();
}

export async function createPerson(ctx: Ctx, input: PersonInput, opts: { isDemo?: boolean } = {}): Promise<Person> {
  assertCan(ctx.actor, 'registry.person.create');
  return insertPerson(ctx, input, opts);
}

/**
 * Records a person for a caller that decided itself who may: an agency's unit admin confirming a
 * broker's registration (server/modules/registration) vouches for the person it adds to the registry.
 */
export async function insertPerson(ctx: Ctx, input: PersonInput, opts: { isDemo?: boolean } = {}): Promise<Person> {
  return inTransaction(ctx, async (trx) => {
    await checkPersonReferences(trx, input);
    if (await findPersonByIdNumber(ctx, trx, input.idNumber)) {
      throw new AppError('CONFLICT', `身份证号码 ${maskResidentId(input.idNumber)} 已登记`, { field: 'idNumber' });
    }
    const now = ctx.clock.now().toISOString();
    const row: PersonRow = {
      id: newId(),
      jurisdiction_code: ctx.actor.jurisdictionCode,
      name: input.name,
      id_number_cipher: ctx.protector.encrypt(input.idNumber),
      id_number_digest: ctx.protector.digest(input.idNumber),
      id_number_masked: maskResidentId(input.idNumber),
      phone: input.phone ?? null,
      is_demo: opts.isDemo ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('person').values(row).execute();
    const roles = roleRows(row.id, input);
    const affiliations = affiliationRows(row.id, input);
    if (roles.length) await trx.insertInto('person_role').values(roles).execute();
    if (affiliations.length) await trx.insertInto('affiliation').values(affiliations).execute();
    const [person] = await loadPeople(trx, [row]);
    await audit(trx, ctx, { action: 'registry.person.create', subjectType: 'person', subjectId: row.id, after: auditView(person!) });
    return person!;
  });
}

export async function updatePerson(ctx: Ctx, id: string, patch: PersonPatch): Promise<Person> {
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('人员', id);
    if (!(await personReachable(ctx, trx, row, 'registry.person.update_contact'))) throw new AppError('FORBIDDEN', '无权修改该人员');
    if (patch.version !== row.version) {
      throw new AppError('CONFLICT', `该人员已被他人修改（当前版本 ${row.version}），请刷新后重试`, { field: 'version' });
    }
    const [before] = await loadPeople(trx, [row]);
    const input: PersonInput = {
      name: patch.name ?? row.name,
      idNumber: patch.idNumber ?? ctx.protector.decrypt(row.id_number_cipher),
      phone: 'phone' in patch ? (patch.phone ?? undefined) : (row.phone ?? undefined),
      roles:
        patch.roles ??
        before!.roles.map((r) => ({
          role: r.role as PersonInput['roles'][number]['role'],
          certificateNumber: r.certificateNumber ?? undefined,
          level: (r.level ?? undefined) as PersonInput['roles'][number]['level'],
          employment: (r.employment ?? undefined) as PersonInput['roles'][number]['employment'],
        })),
      affiliations: patch.affiliations ?? before!.affiliations.map((a) => ({ organizationId: a.organizationId, title: a.title ?? undefined })),
    };
    // Own users keep a person's phone and job titles current; name, ID number, roles and the
    // organizations worked for are verified facts the operator changes (ADR 014).
    const full = scopeFor(ctx.actor.roles, 'registry.person.update');
    if (!(full && row.jurisdiction_code.startsWith(jurisdictionPrefix(ctx.actor.jurisdictionCode)))) {
      const changed = personFactsChanged(
        { name: row.name, idNumber: ctx.protector.decrypt(row.id_number_cipher), roles: before!.roles, affiliationOrganizations: before!.affiliations.map((a) => a.organizationId) },
        { name: input.name, idNumber: input.idNumber, roles: input.roles, affiliationOrganizations: input.affiliations.map((a) => a.organizationId) },
      );
      if (changed) throw personFactRefusal(changed);
    }
    return writePersonUpdate(ctx, trx, row, input);
  });
}

/** Writes a person's new version (fields, roles, affiliations) and audits what changed. */
export async function writePersonUpdate(ctx: Ctx, trx: Executor, row: PersonRow, input: PersonInput): Promise<Person> {
  await checkPersonReferences(trx, input);
  const digest = ctx.protector.digest(input.idNumber);
  if (digest !== row.id_number_digest) {
    const clash = await trx.selectFrom('person').select('id').where('id_number_digest', '=', digest).executeTakeFirst();
    if (clash) throw new AppError('CONFLICT', `身份证号码 ${maskResidentId(input.idNumber)} 已登记`, { field: 'idNumber' });
  }
  const [before] = await loadPeople(trx, [row]);
  const next: PersonRow = {
    ...row,
    name: input.name,
    id_number_cipher: digest === row.id_number_digest ? row.id_number_cipher : ctx.protector.encrypt(input.idNumber),
    id_number_digest: digest,
    id_number_masked: maskResidentId(input.idNumber),
    phone: input.phone ?? null,
    version: row.version + 1,
    updated_at: ctx.clock.now().toISOString(),
  };
  const res = await trx
    .updateTable('person')
    .set({ ...next, id: undefined, created_at: undefined })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该人员已被他人修改，请刷新后重试', { field: 'version' });
  await trx.deleteFrom('person_role').where('person_id', '=', row.id).execute();
  await trx.deleteFrom('affiliation').where('person_id', '=', row.id).execute();
  const roles = roleRows(row.id, input);
  const affiliations = affiliationRows(row.id, input);
  if (roles.length) await trx.insertInto('person_role').values(roles).execute();
  if (affiliations.length) await trx.insertInto('affiliation').values(affiliations).execute();
  const [after] = await loadPeople(trx, [next]);
  const diff = changedFields(auditView(before!), auditView(after!));
  await audit(trx as never, ctx, { action: 'registry.person.update', subjectType: 'person', subjectId: row.id, ...diff });
  return after!;
}

export async function getPerson(ctx: Ctx, id: string): Promise<Person> {
  const row = await ctx.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('人员', id);
  if (!(await personReachable(ctx, ctx.db, row, 'registry.person.read'))) throw new AppError('FORBIDDEN', '无权查看该人员');
  const [person] = await loadPeople(ctx.db, [row]);
  return person!;
}

export interface PersonQuery {
  q?: string;
  role?: string;
  organizationId?: string;
  page: number;
  pageSize: number;
}

export async function listPeople(ctx: Ctx, query: PersonQuery): Promise<{ items: Person[]; total: number }> {
  const scope = assertCan(ctx.actor, 'registry.person.read');
  let base = ctx.db.selectFrom('person');
  if (scope === 'jurisdiction') {
    base = base.where(underPrefix('jurisdiction_code', jurisdictionPrefix(ctx.actor.jurisdictionCode)));
  } else {
    const orgs = ctx.actor.organizationIds.length ? ctx.actor.organizationIds : [''];
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('affiliation as a').select('a.id').whereRef('a.person_id', '=', 'person.id').where('a.organization_id', 'in', orgs)),
    );
  }
  if (query.q) base = base.where('name', 'like', sql<string>`${likePattern(query.q.trim())} escape '\\'`);
  if (query.role) {
    const role = query.role;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('person_role as r').select('r.id').whereRef('r.person_id', '=', 'person.id').where('r.role', '=', role)),
    );
  }
  if (query.organizationId) {
    const orgId = query.organizationId;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('affiliation as a2').select('a2.id').whereRef('a2.person_id', '=', 'person.id').where('a2.organization_id', '=', orgId)),
    );
  }
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  const rows = await base.selectAll().orderBy('name').orderBy('id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await loadPeople(ctx.db, rows), total: Number(total) };
}
